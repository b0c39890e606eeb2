import { describe, expect, it } from 'vitest';
import type { Row } from '../pipeline/lib/schema.ts';
import { linkNarrativeRepeats } from '../pipeline/normalize/event-table.ts';

const types = new Map([['putin', 'person'], ['lavrov', 'person'], ['russia', 'state'], ['sochi', 'place']]);

function event(id: string, at: number, over: Partial<Row> = {}): Row {
  return { event_id: id, source_id: 's', section: 'narrative', date_precision: 'day', date_start: '2019-12-19', date_end: '2019-12-19', event_type: 'statement', span_start: at, span_end: at + 50, ...over };
}
function mention(entity: string, at: number, source = 's'): Row {
  return { entity_id: entity, source_id: source, span_start: at, span_end: at + 5 };
}

describe('one identity per real-world event: narrative sentences that report the same happening', () => {
  it('links a later sentence to the earliest of the same type, day and person, and a third one to the same first row', () => {
    const events = [event('a', 0), event('b', 100), event('c', 200)];
    const mentions = [mention('putin', 10), mention('putin', 110), mention('putin', 210)];
    expect([...linkNarrativeRepeats(events, new Map(), mentions, types)]).toEqual([['b', 'a'], ['c', 'a']]);
  });

  it('does not link sentences that share only a state, are of another type or of type other, or on days that do not overlap', () => {
    const mentions = [mention('russia', 10), mention('russia', 110), mention('putin', 210), mention('putin', 310), mention('putin', 410), mention('putin', 510), mention('putin', 610)];
    const events = [
      event('a', 0),
      event('b', 100), // shares only a state with a
      event('c', 200),
      event('d', 300, { event_type: 'meeting' }), // another type than c
      event('e', 400, { date_start: '2019-12-20', date_end: '2019-12-20' }), // another day
      event('f', 500, { event_type: 'other' }),
      event('g', 600, { event_type: 'other' }), // "other" says the type is unknown: never a repeat
    ];
    expect([...linkNarrativeRepeats(events, new Map(), mentions, types)]).toEqual([]);
  });

  it('leaves alone a sentence already linked to the chronology, sentences of other sources and month dates', () => {
    const events = [event('a', 0), event('b', 100), event('c', 200, { source_id: 't' }), event('d', 300, { date_precision: 'month', date_start: '2019-12-01', date_end: '2019-12-31' })];
    const mentions = [mention('putin', 10), mention('putin', 110), mention('putin', 210, 't'), mention('putin', 310)];
    expect([...linkNarrativeRepeats(events, new Map([['b', 'chron-1']]), mentions, types)]).toEqual([]);
  });
});

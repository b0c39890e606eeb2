import { describe, expect, it } from 'vitest';
import { classifyEventType, compileRules, firstSentence } from '../pipeline/normalize/event-type.ts';
import { SCHEMA } from './helpers.ts';

const rules = compileRules(SCHEMA.vocabularies.event_type!);
const type = (s: string) => classifyEventType(s, rules).event_type;

describe('event type rules', () => {
  it('cover every value of the vocabulary that the schema enumerates', () => {
    const field = SCHEMA.tables.find((t) => t.name === 'events')!.fields.find((f) => f.name === 'event_type')!;
    expect(field.enum).toEqual(rules.map((r) => r.value));
  });

  it.each([
    ['Wang takes part in telephone talks with Lavrov.', 'phone_call'],
    ['Xi and Putin conduct video conference while presiding over the opening.', 'phone_call'],
    ['China and Russia jointly propose to the UN Security Council a political resolution.', 'un_proposal'],
    ['Presidents exchange congratulatory telegraph messages for the anniversary.', 'message_exchange'],
    ['Russia and China stage antiterror drills in Novosibirsk.', 'exercise'],
    ['BRICS holds its 11th summit in Brasilia.', 'summit'],
    ['Deputy ministers hold their first consultation on missiles.', 'consultation'],
    ['Lavrov tells Russian media that relations are good.', 'statement'],
    ['Premier Li visits Russia at the invitation of Medvedev.', 'visit'],
    ['Putin meets Vice Premier Hu at the Eastern Economic Forum.', 'meeting'],
    ['The 17th Meeting of the Prosecutors General of the SCO Member States is held in Bishkek.', 'meeting'],
    ['Shoigu joins the 9th Xiangshan Forum, a defense conference.', 'forum_or_conference'],
    ['Parliamentarians hold dialogue in Beijing.', 'talks'],
    ['Leaders plant a tree.', 'other'],
  ])('%s → %s', (text, expected) => {
    expect(type(text)).toBe(expected);
  });

  it('decides by the first sentence only, past abbreviations such as "Sept." and "St."', () => {
    expect(firstSentence('A meets B on Sept. 4 in St. Petersburg. India also hosted an exercise.')).toBe('A meets B on Sept. 4 in St. Petersburg.');
    expect(type('New Delhi hosts the 10th SCO Meeting of Heads. India also hosted a SCO Joint Exercise on Sept. 4.')).toBe('meeting');
  });

  it('records the words that decided', () => {
    expect(classifyEventType('Wang meets Lavrov in Osaka.', rules)).toEqual({ event_type: 'meeting', event_type_cue: 'meets' });
    expect(classifyEventType('Leaders plant a tree.', rules)).toEqual({ event_type: 'other', event_type_cue: null });
  });
});

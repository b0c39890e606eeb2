/**
 * Assign an event type by the documented rules in
 * schema/vocabularies/event_type.yaml: the first value whose cue matches the
 * entry's first sentence wins. The first sentence carries the event; later
 * sentences add background ("India also hosted a … Exercise") that must not
 * decide the type.
 */
import type { Vocabulary } from '../lib/schema.ts';
import { firstSentence } from '../lib/sentences.ts';

export { firstSentence } from '../lib/sentences.ts';

export interface EventTypeResult {
  event_type: string;
  event_type_cue: string | null;
}

export function compileRules(vocab: Vocabulary): { value: string; cues: RegExp[] }[] {
  return vocab.values.map((v) => ({ value: v.value, cues: (v.cues ?? []).map((c) => new RegExp(c, 'iu')) }));
}

export function classifyEventType(displayText: string, rules: { value: string; cues: RegExp[] }[]): EventTypeResult {
  const sentence = firstSentence(displayText);
  for (const rule of rules) {
    for (const cue of rule.cues) {
      const m = cue.exec(sentence);
      if (m) return { event_type: rule.value, event_type_cue: m[0] };
    }
  }
  return { event_type: 'other', event_type_cue: null };
}

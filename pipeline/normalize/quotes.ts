/**
 * Quotation findings → quotes attributed to speakers, by the words of
 * schema/vocabularies/speech_verbs.yaml next to the quotation and the
 * mentions in its sentence (see the speaker_rule field for the rules). Marks
 * with no speech verb are titles or scare quotes and make no quote, nor do
 * marks around a name or an official designation, whatever verb stands near
 * (see nameCue); marks
 * with a speech verb but no speaker to be found, and marks never closed, go
 * to the curator list.
 */
import { createHash } from 'node:crypto';
import type { Quotation } from '../extract/quotations.ts';
import type { Row } from '../lib/schema.ts';
import type { CuratorEntry, DiscoveredEntity } from './mentions.ts';
import { insideQuotations, mentionsWithin, saidEvent, sortedMentionsBySource } from './narrative-events.ts';

import type { Registry } from '../lib/registry.ts';
import { defineStep } from '../lib/step.ts';
import type { Segments } from './narrative-events.ts';
import { compiled } from '../lib/regex.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  table: 'quotes',
  inputs: { quotations: 'extract/quotations', sentences: 'extract/sentences', mentions: 'normalize/mentions', events: 'normalize/event-table', narrative: 'normalize/narrative-events', registry: 'resource:registry', types: 'resource:entity-types', verbs: 'resource:speech-verbs' },
  run: ({ quotations, sentences, mentions, events, narrative, registry, types, verbs }: {
    quotations: Quotation[]; sentences: Row[]; mentions: { rows: Row[]; discovered?: DiscoveredEntity[] }; events: { rows: Row[] }; narrative: { segments: Segments }; registry: Registry; types: Map<string, string>; verbs: string[];
  }) => {
    const thingNames = new Set(
      registry.entities.filter((e) => ['concept', 'exercise', 'project', 'forum', 'treaty', 'system'].includes(e.type)).flatMap((e) => [e.name, ...e.aliases].map((n) => n.toLowerCase())),
    );
    const { quotes, curation } = attributeQuotes(quotations, mentions.rows, withDiscovered(types, mentions.discovered ?? []), events.rows, verbs, thingNames, narrative.segments, sentences);
    return { rows: quotes, curation };
  },
});

const SPEAKER_TYPES = new Set(['person', 'organization', 'state', 'armed_force', 'media', 'unknown']);
/** Rules that read the speaker from the words right next to the speech verb: sure enough for a name of unknown kind. */
const SURE_RULES = new Set(['verb_then_name', 'name_then_verb', 'according_to']);

/** Registry types and the kinds of the source's discovered entities, so that any person or body the text names may speak. */
export function withDiscovered(types: Map<string, string>, discovered: DiscoveredEntity[]): Map<string, string> {
  if (!discovered.length) return types;
  const out = new Map(types);
  for (const e of discovered) if (!out.has(e.entity_id)) out.set(e.entity_id, e.kind);
  return out;
}

/**
 * The occasion, as the quotation's sentence names it outside the marks: "at
 * his annual year-end press conference", "In his interview with Channel One
 * on Dec. 22", "when interviewed by the influential Russian journal Sight".
 */
const OCCASION = new RegExp(
  String.raw`\b(?:(?:[Aa]t|[Dd]uring|[Ii]n)\s+(?:his|her|their|its|the|a|an)\s+(?:[\w’'-]+\s+){0,4}?(?:press conference|news conference|speech|interview|remarks|address|meeting|summit|forum|session|talks|visit|conference)\b(?:\s+(?:with|to|at|of|in|on)\s+[^,;“”"]{1,60})?|when interviewed by\s+[^,;“”"]{1,60})`,
  'u',
);

/**
 * Telling someone is an occasion too, when the one told is a medium or the
 * press: "he told Channel One Russia on Dec. 22", "told reporters". `media`
 * holds the surfaces of the media the sentence names.
 */
const TOLD = /\b(?:told|tells|telling|said to|says to|speaking to|spoke to|in an interview (?:with|to)|interviewed by)\s+((?:the\s+)?[\p{Lu}][\p{L}\p{N}’'-]*(?:\s+[\p{Lu}][\p{L}\p{N}’'-]*){0,4}|reporters|journalists|the press|the media|(?:[\p{L}]+\s+)?media)(?:\s+on\s+(?:[A-Z][a-z]{2,4}\.?\s+\d{1,2}(?:,\s+\d{4})?))?/u;

export function occasionOf(before: string, after: string, media: readonly string[] = []): string | null {
  const m = OCCASION.exec(`${before} ${after}`);
  if (m) return m[0].replace(/[\s.]+$/u, '').replace(/\s+/g, ' ');
  for (const side of [after, before]) {
    const t = TOLD.exec(side);
    if (!t) continue;
    const told = t[1]!.trim();
    if (/^[\p{Ll}]/u.test(told) || media.some((name) => told.includes(name) || name.includes(told))) return t[0].replace(/[\s.,]+$/u, '').replace(/\s+/g, ' ');
  }
  return null;
}

/** "His response to the alliance speculation was that": a person's words named by a possessive. */
const POSSESSIVE = /\b(?:[Hh]is|[Hh]er)\s+(?:[\p{L}-]+\s+){0,2}?(?:response|reply|answer|words|remarks|message|view|argument|conclusion|position)\b[^“”"]*$/u;
/** What may stand before the name a sentence opens with: nothing, or an opening phrase closed by a comma ("In his annual news conference on Dec. 19,"). */
const OPENING = /^(?:(?:In|At|During|On|After|Before|For)\b[^,“”"]{0,80},\s*)?[[*“"]*$/u;

const SMALL = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'and', 'or', 'to', 'for', 'at', 'by', 'with', 'from']);

/** Words in title case ("Strategy for BRICS Partnership in Trade and Investment") are a title, not speech. */
export function isTitle(words: string): boolean {
  const content = words.split(/\s+/).filter((w) => !SMALL.has(w.toLowerCase()));
  return content.length > 0 && content.filter((w) => /^[\p{Lu}\d(“"]/u.test(w)).length / content.length >= 0.75;
}

/** Code point of the subject pronoun before the quotation's speech verb ("He recalled … “…”"), or null. */
function pronounPosition(q: Quotation): number | null {
  const found = [...q.before.matchAll(/\b(?:[Hh]e|[Ss]he)\b/gu)].at(-1);
  return found ? q.before_start + Array.from(q.before.slice(0, found.index)).length : null;
}

/**
 * The person a sentence before `limit` opens with, nearest first, within the
 * quotation's paragraph: "Lavrov told …", "Lavrov’s clarification was …".
 * A name that opens no sentence is not a subject, so none may be found.
 */
function sentenceSubject(sentences: readonly Row[], people: readonly Row[], q: Quotation, limit: number): Row | null {
  const own = sentences.filter((s) => s.source_id === q.source_id && (s.span_start as number) >= q.paragraph_start && (s.span_start as number) < limit).sort((a, b) => (b.span_start as number) - (a.span_start as number));
  for (const s of own) {
    const start = s.span_start as number;
    const first = people.find((m) => (m.span_start as number) >= start && (m.span_start as number) < (s.span_end as number));
    if (!first) continue;
    const lead = Array.from(String(s.evidence)).slice(0, (first.span_start as number) - start).join('');
    if (/^[\s[*“"]*$/u.test(lead)) return first;
  }
  return null;
}

/** Speech verbs whose object is the one addressed or spoken of, not the speaker ("told Abe", "thanked Putin"). */
const ADDRESSEE_VERBS = /^(?:told|tells|urged|thanked|criticized|called|described|defined|echoed|echoes|responded|acknowledged|pledged|vowed|warned|asked|reminded|assured|informed|briefed|congratulated|invited|accused|praised|blamed|recalled|stressed|noted|reiterated)$/iu;

/** Kinds of entity whose name is a name of a thing, not of someone who speaks. */
export const THING_TYPES = new Set(['concept', 'exercise', 'project', 'forum', 'treaty', 'system']);

/**
 * A word that names what follows it: "a drill code-named “Joint Sea”", "the
 * so-called “new era”". Not after a pronoun or a name ("what Putin called
 * “…”"): that is someone's words.
 */
const NAMING = /(?<!\b(?:he|she|they|we|I|what|[\p{Lu}][\p{L}’'-]*)\s+)\b(?:so-called|called|named|dubbed|code-named|codenamed|designated(?:\s+as)?|known\s+as|titled|entitled)\s*[(\[]?\s*$/u;
/** A determiner (and up to two modifiers) right before the marks: the quoted words are a noun phrase of the sentence ("the coming “…”"). */
const DETERMINER = /\b(?:the|a|an|this|that|its|their|his|her)\s+(?:[\p{Ll}-]+\s+){0,2}$/u;
/** Share of the quoted words' letters a thing's name must cover for the marks to be read as its name. */
const NAME_COVER = 2 / 3;

/**
 * Why marks enclose a name or an official designation rather than someone's
 * words, or null when nothing says so. Each cue is general: a naming word
 * right before the marks ("code-named", "called", "designated"); marks that
 * are the whole content of a parenthesis and hold words in title case; or
 * the mentions of a thing the text names (a concept, exercise, project,
 * forum, treaty or system, curated or discovered) covering most of the
 * quoted letters while the marks stand in a parenthesis, follow a
 * determiner ("the coming “…”") or hold no more than five words. Words in
 * marks that are mostly a name are what the sentence speaks of, not what a
 * speaker said.
 */
export function nameCue(q: Pick<Quotation, 'before' | 'after' | 'words' | 'span_start' | 'span_end'>, things: readonly { start: number; end: number }[]): 'naming_word' | 'titled_parenthesis' | 'thing_name' | null {
  const before = q.before.replace(/[\s*]+$/u, ' ');
  if (NAMING.test(before.trimEnd())) return 'naming_word';
  const parenthesis = /\(\s*$/u.test(q.before) && /^\s*\)/u.test(q.after);
  if (parenthesis && isTitle(q.words)) return 'titled_parenthesis';
  const letters = (s: string): number => (s.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const total = letters(q.words);
  // The marks' span holds the mentions; their lengths in code points stand for the letters they cover (names carry few spaces).
  const covered = mergedLength(things.filter((t) => t.start >= q.span_start && t.end <= q.span_end));
  if (total > 0 && covered / total >= NAME_COVER && (parenthesis || DETERMINER.test(q.before) || q.words.split(/\s+/).length < 6)) return 'thing_name';
  return null;
}

function mergedLength(spans: readonly { start: number; end: number }[]): number {
  let total = 0;
  let reach = -1;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const from = Math.max(s.start, reach);
    if (s.end > from) total += s.end - from;
    reach = Math.max(reach, s.end);
  }
  return total;
}

/**
 * The person a quotation's own sentence names as speaking before the marks,
 * ahead of any "he" or "she" of it: one person named, then a speech verb
 * ("Regarding the treaty, Shoigu criticized … “…,” he added"; "Putin said
 * that he believed … “…”"). A named speaker in the sentence wins over the
 * pronoun rule. Null when the sentence names no person there, or more than
 * one (the pronoun may be either's), or a pronoun comes before the name ("He
 * recalled Kissinger’s preference that “…”": the name is not the speaker).
 */
export function namedSpeaker(before: string, mentions: readonly Row[], verbs: string, isPerson: (m: Row) => boolean): Row | null {
  const pronoun = /\b(?:he|she)\b/iu.exec(before);
  const limit = pronoun ? pronoun.index : before.length;
  let from = 0;
  const ahead: { m: Row; end: number }[] = [];
  for (const m of mentions) {
    const surface = String(m.surface ?? '');
    const at = surface ? before.indexOf(surface, from) : -1;
    if (at < 0) continue;
    from = at + surface.length;
    if (isPerson(m) && at < limit) ahead.push({ m, end: from });
  }
  if (ahead.length === 0 || new Set(ahead.map((x) => x.m.entity_id)).size !== 1) return null;
  const last = ahead.at(-1)!;
  // The verb stands after the name, outside any marks, before the pronoun.
  const between = before.slice(last.end, Math.max(last.end, limit)).replace(/“[^”]*”|"[^"]*"/gu, '');
  return compiled(`^[^;:]*?\\b${verbs}\\b`, 'iu').test(between) ? last.m : null;
}

export function quoteId(sourceId: string, start: number, end: number): string {
  return `qt-${createHash('sha256').update([sourceId, start, end].join('\u001f')).digest('hex').slice(0, 12)}`;
}

export function attributeQuotes(
  quotations: Quotation[],
  mentions: Row[],
  entityType: Map<string, string>,
  events: Row[],
  verbs: string[],
  /** Names (lower case) of things that are not speakers: concepts, exercises, projects, forums, treaties. */
  thingNames: Set<string> = new Set(),
  /** The part of its sentence each narrative event governs, and where its date stands. */
  segments: Segments = new Map(),
  /** The source's sentences (extract/sentences), to find whom a pronoun stands for. */
  sentences: readonly Row[] = [],
): { quotes: Row[]; curation: CuratorEntry[] } {
  const V = `(?:${verbs.join('|')})`;
  const bySource = sortedMentionsBySource(mentions.filter((m) => m.mention_kind !== 'original_name' && SPEAKER_TYPES.has(entityType.get(String(m.entity_id)) ?? '')));
  const quotes: Row[] = [];
  const curation: CuratorEntry[] = [];
  const quoted = insideQuotations(quotations);
  const media = sortedMentionsBySource(mentions.filter((m) => entityType.get(String(m.entity_id)) === 'media'));
  const things = sortedMentionsBySource(mentions.filter((m) => THING_TYPES.has(entityType.get(String(m.entity_id)) ?? '')));
  const mediaSurfaces = (q: Quotation): string[] => {
    const list = media.get(q.source_id) ?? [];
    return [...mentionsWithin(list, q.before_start, q.span_start), ...mentionsWithin(list, q.span_end, q.after_end)].map((m) => String(m.surface ?? ''));
  };
  let previous: { speaker: string | null; rule: string | null; sentence_end: number; paragraph: number } | null = null;
  // Sentences of one paragraph: a quotation carries on the one before only inside its paragraph.
  const paragraphOf = (q: Quotation): number => q.paragraph_start;
  for (const q of quotations) {
    if (!q.closed) {
      curation.push({ source_id: q.source_id, kind: 'unclosed_quotation', surface: q.evidence.slice(0, 80), line: q.line, candidates: [], reason: 'an opening quotation mark is never closed in its paragraph' });
      continue;
    }
    // A name or designation in marks is what the sentence speaks of: no quote, and no speaker for marks that follow it.
    const inMarks = mentionsWithin(things.get(q.source_id) ?? [], q.span_start, q.span_end).map((m) => ({ start: m.span_start as number, end: m.span_end as number }));
    if (nameCue(q, inMarks)) continue;
    const list = bySource.get(q.source_id) ?? [];
    const before = mentionsWithin(list, q.before_start, q.span_start);
    const after = mentionsWithin(list, q.span_end, q.after_end);
    const speech = compiled(`\\b${V}\\b`, 'iu');
    const isPerson = (m: Row): boolean => entityType.get(String(m.entity_id)) === 'person';
    let speaker: string | null = null;
    let rule: string | null = null;
    let theyRule = false;
    let adjacentUnknown = false;
    const a = q.after;
    const firstAfter = after[0];
    if (compiled(`^[\\s,]*(?:according to)\\b`, 'iu').test(a) && firstAfter) [speaker, rule] = [String(firstAfter.entity_id), 'according_to'];
    else if (compiled(`^[\\s,]*${V}\\s+(?!he\\b|she\\b)`, 'iu').test(a) && firstAfter) [speaker, rule] = [String(firstAfter.entity_id), 'verb_then_name'];
    else if (firstAfter && compiled(`^[\\s,]*\\S[^,.“”"]{0,60}?\\s${V}\\b`, 'iu').test(a) && (firstAfter.span_start as number) - q.span_end < 8) [speaker, rule] = [String(firstAfter.entity_id), 'name_then_verb'];
    else if (compiled(`^[\\s,]*(?:(?:he|she)\\s+${V}|${V}\\s+(?:he|she))\\b`, 'iu').test(a)) {
      // “…,” he added: the pronoun is the person the sentence names before the marks as speaking, when it names one.
      const named = namedSpeaker(q.before, before, V, isPerson);
      if (named) [speaker, rule] = [String(named.entity_id), 'name_before'];
      else rule = 'pronoun';
    }
    else if (/\baccording to\b/iu.test(q.before) && before.some((m) => entityType.get(String(m.entity_id)) === 'person')) {
      // According to Kashin, Russia would lose “…”
      [speaker, rule] = [String(before.find((m) => entityType.get(String(m.entity_id)) === 'person')!.entity_id), 'according_to'];
    } else if (/[”"]\s*(?:,\s*)?and\s*$/u.test(q.before) && previous && previous.sentence_end === q.sentence_end && previous.rule) {
      // “A,” and “B”: the second quotation is the first one's speaker's (when a rule found the first one's; else neither has one).
      [speaker, rule] = [previous.speaker, previous.rule];
    } else if (/\b[Ii]n \S+?[’']s words\b/u.test(q.before) && before[0]) {
      // In Medvedev's words, … “…”
      [speaker, rule] = [String(before[0].entity_id), 'name_before'];
    } else if (speech.test(q.before.replace(/“[^”]*”|"[^"]*"/gu, ''))) {
      const pronoun = compiled(`\\b(?:he|she)\\s+(?:\\S+\\s+){0,3}?${V}\\b`, 'iu').test(q.before);
      const inWords = /\b[Ii]n (\S+?)[’']s words\b/u.test(q.before);
      // The subject: a person named before the verb, else an organization, state or other body; never one
      // named after the last speech verb, which is whom the words are addressed to or speak of ("the
      // Council … urged the Indonesian government “…”", "Xi told Putin that “…”").
      const outside = q.before.replace(/“[^”]*”|"[^"]*"/gu, (m) => ' '.repeat(m.length));
      const lastVerb = [...outside.matchAll(new RegExp(`\\b${V}\\b`, 'giu'))].at(-1);
      const verbAt = lastVerb ? q.before_start + Array.from(q.before.slice(0, lastVerb.index)).length : q.span_start;
      const subjects = before.filter((m) => (m.span_end as number) <= verbAt);
      const pick = (ms: Row[]): Row | undefined => ms.filter((m) => entityType.get(String(m.entity_id)) === 'person').at(-1) ?? ms.filter((m) => entityType.get(String(m.entity_id)) !== 'unknown').at(-1);
      // "…, said President Ola Nord, “…”": a person right after a verb of saying, past a title only, is the
      // speaker; not after a verb whose object is the one addressed or spoken of ("Nord told Sand that …").
      const chars = Array.from(q.before);
      const verbEnd = lastVerb ? verbAt + Array.from(lastVerb[0]).length : q.span_start;
      const inverted = lastVerb && !ADDRESSEE_VERBS.test(lastVerb[0]) ? before.find((m) => {
        const gap = chars.slice(verbEnd - q.before_start, (m.span_start as number) - q.before_start).join('');
        return (m.span_start as number) >= verbEnd && /^\s+(?:\p{Lu}[\p{L}.’'-]*\s+){0,4}$/u.test(gap) && entityType.get(String(m.entity_id)) === 'person';
      }) : undefined;
      // With no one named before the verb, the one named before the quotation, as ever; but never the
      // object of a verb whose object is the one addressed or spoken of ("Kim told South Korea … “…”").
      const addressed = lastVerb !== undefined && ADDRESSEE_VERBS.test(lastVerb[0]);
      // A name of unknown kind right before the verb ("Kim Jong Un told South Korea … “…”") is the verb's
      // subject: read next to the verb, sure enough to speak, as the rules that read a name beside the verb are.
      const picked = pick(subjects);
      const last = subjects.at(-1);
      const adjacent = !inverted && !picked && last && entityType.get(String(last.entity_id)) === 'unknown' && lastVerb
        && /^\s+$/u.test(chars.slice((last.span_end as number) - q.before_start, verbAt - q.before_start).join('')) ? last : undefined;
      adjacentUnknown = adjacent !== undefined;
      const named = inverted ?? picked ?? adjacent ?? (addressed ? undefined : pick(before));
      // A person named as speaking ahead of the pronoun ("Putin said that he believed … “…”") is who the pronoun stands for.
      const ahead = pronoun ? namedSpeaker(q.before, before, V, isPerson) : null;
      // "Chinese media … rebuked the Americans. … they noted the US officials …, seeing “…”": "they" before the
      // verb stands for the body or state a sentence before it opens with, never for a name after it.
      const they = pronoun ? null : compiled(`\\b[Tt]hey\\s+(?:\\S+\\s+){0,3}?${V}\\b`, 'u').exec(q.before);
      if (they) {
        const at = q.before_start + Array.from(q.before.slice(0, they.index)).length;
        const bodies = mentionsWithin(list, Math.max(0, q.span_start - 3000), at).filter((m) => !['person', 'unknown', 'place', undefined].includes(entityType.get(String(m.entity_id))) && !THING_TYPES.has(entityType.get(String(m.entity_id))!));
        const subject = sentenceSubject(sentences, bodies, q, at);
        [speaker, rule, theyRule] = [subject ? String(subject.entity_id) : null, 'pronoun', true];
      } else if (named && !pronoun) [speaker, rule] = [String(named.entity_id), 'name_before'];
      else if (ahead) [speaker, rule] = [String(ahead.entity_id), 'name_before'];
      else if (pronoun || inWords) rule = 'pronoun';
    }
    const statement = q.words.split(/\s+/).length >= 6 && !isTitle(q.words);
    if (!rule && statement && POSSESSIVE.test(q.before)) {
      // His response to the speculation was that “…”: the last person named.
      rule = 'pronoun';
    }
    const person = (m: Row): boolean => entityType.get(String(m.entity_id)) === 'person';
    if (!rule && statement) {
      // Putin justified the disclosure … because “…”: the person the sentence opens with, when no other person is named before the marks.
      const people = before.filter(person);
      const first = people[0];
      const opening = first ? q.before.indexOf(String(first.surface ?? '')) : -1;
      if (first && opening >= 0 && OPENING.test(q.before.slice(0, opening)) && new Set(people.map((m) => m.entity_id)).size === 1 && !after.some(person)) {
        [speaker, rule] = [String(first.entity_id), 'sentence_subject'];
      }
    }
    if (!rule && statement && previous?.speaker && previous.paragraph === paragraphOf(q) && q.sentence_start - previous.sentence_end <= 1 && !before.some(person) && !after.some(person)) {
      // “…,” said Yang. This was also because “…”: the next sentence goes on with the same speaker's words.
      [speaker, rule] = [previous.speaker, 'previous_quote'];
    }
    if (rule === 'pronoun' && !theyRule) {
      // The last person named before the quotation, in its paragraph or the one before.
      const people = mentionsWithin(list, Math.max(0, q.span_start - 3000), q.span_start).filter((m) => entityType.get(String(m.entity_id)) === 'person');
      speaker = people.length ? String(people.at(-1)!.entity_id) : null;
      // "He recalled Kissinger’s preference that “…”": a pronoun never stands for a name after it.
      // It stands for the person a sentence before it opens with ("Lavrov’s clarification was …").
      const pronounAt = pronounPosition(q);
      if (pronounAt !== null && people.length && (people.at(-1)!.span_start as number) >= pronounAt) {
        const subject = sentenceSubject(sentences, people.filter((m) => (m.span_start as number) < pronounAt), q, pronounAt);
        speaker = subject ? String(subject.entity_id) : null;
      }
    }
    if (rule === 'pronoun' && !speaker && !theyRule) {
      const people = mentionsWithin(list, Math.max(0, q.span_start - 3000), q.span_start).filter((m) => entityType.get(String(m.entity_id)) === 'person');
      speaker = people.length ? String(people.at(-1)!.entity_id) : null;
    }
    // A name of unknown kind speaks only by a rule that reads it next to the verb, and the rule says so.
    if (speaker && entityType.get(speaker) === 'unknown' && !rule?.endsWith('_unknown_kind')) {
      if (rule && (SURE_RULES.has(rule) || (rule === 'name_before' && adjacentUnknown))) rule = `${rule}_unknown_kind`;
      else speaker = null;
    }
    previous = { speaker, rule, sentence_end: q.sentence_end, paragraph: paragraphOf(q) };
    if (!rule) {
      // Short words in marks are a title or scare quotes; a statement's worth of words with no speaker is for a curator.
      if (q.words.split(/\s+/).length >= 6 && !isTitle(q.words)) {
        curation.push({ source_id: q.source_id, kind: 'unattributed_quotation', surface: q.words.slice(0, 80), line: q.line, candidates: [], reason: 'a quotation of six words or more, and no rule finds who says it' });
      }
      continue;
    }
    // The name of a concept, exercise, project, forum or treaty in marks is a name, not someone's words.
    if (q.words.split(/\s+/).length < 6 && thingNames.has(q.words.toLowerCase().replace(/[.,]$/, ''))) continue;
    if (!speaker) {
      curation.push({ source_id: q.source_id, kind: 'unattributed_quotation', surface: q.words.slice(0, 80), line: q.line, candidates: [], reason: 'a speech verb stands next to the quotation, but no speaker is named' });
      continue;
    }
    // The event of the quote is when it was said (see saidEvent), never a date inside the quoted words.
    // A quotation that runs on past the sentence it opens in ("In his interview … on Dec. 22, Lavrov warned that “… . …”") is held by that sentence's events too: a date there stands outside the marks and dates the saying.
    const holding = events.filter((e) => e.source_id === q.source_id && (e.span_start as number) <= q.span_start && (q.span_end <= (e.span_end as number) || (e.section !== 'chronology' && q.span_start < (e.span_end as number))));
    // "In 2017, Russia initiated a road map, which included “…,” according to
    // Kashin": the year dates what the quote speaks of. A source cited by
    // "according to" gives no time of saying unless a date follows the
    // quotation; so only dates after it may date the quote.
    const cited = rule.startsWith('according_to');
    const sayable = cited
      ? holding.filter((e) => e.section === 'chronology' || ((segments.get(String(e.event_id))?.date_at ?? -1) >= q.span_end))
      : holding;
    const event = saidEvent(sayable, q, segments, quoted);
    quotes.push({
      quote_id: quoteId(q.source_id, q.span_start, q.span_end),
      speaker_id: speaker,
      speaker_rule: rule,
      words: q.words,
      language: 'en',
      original_words: q.original,
      original_language: q.original_language,
      quote_kind: q.words.split(/\s+/).length >= 6 ? 'statement' : 'phrase',
      crosses_page_break: q.crosses_page_break,
      occasion: occasionOf(q.before, q.after, mediaSurfaces(q)),
      event_id: event?.event_id ?? null,
      date_label: event?.date_label ?? null,
      source_id: q.source_id,
      span_start: q.span_start,
      span_end: q.span_end,
      evidence: q.evidence,
      extractor: STEP.label,
      found_by: q.extractor,
    });
  }
  return { quotes, curation };
}

/**
 * Find every name of a registry entity in a source: its name, aliases and
 * short forms, matched whole-word in the display text (so "[Xi](#) Jinping"
 * is found as "Xi Jinping") and mapped back to the stored text. One
 * alternation of all forms, longest first, scans each text once: the cost is
 * linear in the text, whatever the size of the registry. A person's name
 * with a title right before it ("Chinese Premier Li Keqiang") is one mention
 * whose role is that title. Which entity a short form ("Li") names is decided
 * in normalize, from context.
 */
import type { LoadedSource } from '../lib/sources.ts';
import type { Registry } from '../lib/registry.ts';
import { projectDisplay, rawRange } from '../lib/text.ts';
import { provenanceOf, stepLabel, type Provenance, type SourceInput, defineStep } from '../lib/step.ts';
import { compiled } from '../lib/regex.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source', index: 'resource:form-index', titles: 'resource:titles', people: 'resource:person-ids' },
  run: ({ source, index, titles, people }: { source: LoadedSource; index: FormIndex; titles: Titles; people: Set<string> }) => extractMentions({ id: source.meta.id, text: source.text }, index, titles, people, source.meta.journal ? [source.meta.journal] : []),
});

export type FormKind = 'name' | 'alias' | 'demonym' | 'short_form';

export interface MentionFinding extends Provenance {
  kind: 'mention';
  /** The words as a reader sees them (markup removed), title included. */
  surface: string;
  /** The registry form that matched. */
  form: string;
  form_kind: FormKind;
  /** Registry ids the form may name (one, unless a short form). */
  candidates: string[];
  /** Title or role as the text gives it, before or after the name. */
  role: string | null;
  /** UTF-16 offsets of the name alone in the stored text (for adjacency to original-language forms). */
  name_start_raw: number;
  name_end_raw: number;
  /** Index of the paragraph within the source, and of its section (heading-delimited). */
  paragraph: number;
  section: number;
  line: number;
  /**
   * For a short form: the registry ids of the name right before it that
   * qualifies it as a possessive ("Ardenia's own radar") or an adjective
   * ("the Ardenian radar"), with at most two plain words between. Whether
   * that name is a state, and so names whose thing it is, normalize decides.
   */
  qualified_by?: string[];
}

export interface Titles {
  heads: string[];
  qualifiers: string[];
  connectors: string[];
  appositive_heads: string[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface FormIndex {
  pattern: RegExp;
  /** `standalone`: a state's name that is also an English first name, matched only standing alone (see extractMentions). */
  forms: Map<string, { kind: FormKind; ids: string[]; standalone?: true }>;
  /** The places the registry holds as cities (place_kind city): a region of the same name is another place. */
  cities?: Set<string>;
}

/**
 * Whether a name at [start, end) of the display text stands alone: no capitalised word or initial
 * right before it ("Michael Jordan", "Michael J. Jordan"), none right after it ("Jordan River",
 * "Georgia Tech", "Israel Epstein"), and no hyphen joining it to a word. A registry form that is
 * also an English first name (`standalone`) names its entity only so; the name finder
 * (extract/names.ts) then reads the whole name.
 */
export function standsAlone(d: string, start: number, end: number): boolean {
  // A word that ends a sentence ("… Russia. Israel said") is no name's first part; an initial ("J.") is. A comma
  // before it is a list's ("Egypt, Israel and Jordan"), which "Atlanta, Georgia" cannot be told from.
  return !/(?<![\p{L}.])(?:\p{Lu}[\p{L}’'-]*|\p{Lu}\.)\s+$/u.test(d.slice(Math.max(0, start - 40), start)) && !/^\s+\p{Lu}/u.test(d.slice(end, end + 3)) && !/^-\p{L}/u.test(d.slice(end, end + 2));
}

/** One regular expression over every form of every entity, longest first. */
export function buildFormIndex(registry: Registry): FormIndex {
  const forms = new Map<string, { kind: FormKind; ids: string[]; standalone?: true }>();
  for (const e of registry.entities) {
    forms.set(e.name, { kind: 'name', ids: [e.id] });
    for (const a of e.aliases) forms.set(a, { kind: 'alias', ids: [e.id] });
    for (const a of e.demonyms) forms.set(a, { kind: 'demonym', ids: [e.id] });
    for (const a of e.standalone_forms ?? []) forms.set(a, { kind: a === e.name ? 'name' : 'alias', ids: [e.id], standalone: true });
  }
  for (const e of registry.entities) {
    for (const s of e.short_forms) {
      const f = forms.get(s);
      if (f && f.kind !== 'short_form') continue; // a full form of one entity wins over a short form
      forms.set(s, { kind: 'short_form', ids: [...new Set([...(f?.ids ?? []), e.id])].sort() });
    }
  }
  const alternatives = [...forms.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escape);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|') || '(?!)'})(?![\\p{L}\\p{N}])`, 'gu');
  const cities = new Set(registry.entities.filter((e) => e.type === 'place' && e.place_kind === 'city').map((e) => e.id));
  return { pattern, forms, cities };
}

/**
 * "the Orenburg, Astrakhan, Chelyabinsk, Kurgan, Altai, and Kemerovo Regions", "Chelyabinsk Oblast": a
 * city's name before the head of a region (or in a list of names such a plural head closes) names the
 * region, which is not the city.
 */
const REGION_AFTER = /^(?:(?:,\s*(?:and\s+)?|\s+and\s+)\p{Lu}[\p{L}’'-]*(?:\s\p{Lu}[\p{L}’'-]*)?)*,?\s+(?:Regions|Provinces|Oblasts|Prefectures|Krais|Republics|Territories|Counties|Districts)\b|^\s+(?:Region|Province|Oblast|Prefecture|Krai|Territory|County|District)\b/u;

/**
 * The title right before a name ("Russian Prime Minister Dmitry Medvedev"),
 * and where the surface starts. A plural title ("Presidents Xi and Putin",
 * "Foreign Ministers Wang and Lavrov") is each name's: the first name's
 * surface takes it, as a singular title's does, and every name of the list
 * ("A, B and C") has it as its role in the singular ("President"), with no
 * nationality when the plural shares several ("Chinese and Russian
 * Presidents": whose is whose the words do not say). A singular title
 * before another name ("President A and B") is that name's only. `names`
 * are the display ranges of the other names of the text, which tell where
 * a list of names runs.
 */
/** The patterns of a set of titles, made once per set (titleBefore runs for every person's name). */
const TITLE_PATTERNS = new WeakMap<Titles, { heads: RegExp; word: string }>();
function titlePatterns(titles: Titles): { heads: RegExp; word: string } {
  let got = TITLE_PATTERNS.get(titles);
  if (!got) {
    got = {
      // A head ending in a letter may be plural ("Presidents", "Prime Ministers"). Global, but only
      // ever read with matchAll, which matches on a copy and leaves this one's lastIndex alone.
      heads: new RegExp(`(?<![\\p{L}])(?:${[...titles.heads].sort((a, b) => b.length - a.length).map((h) => `${escape(h)}${/\p{L}$/u.test(h) ? 's?' : ''}`).join('|')})(?![\\p{L}])`, 'gu'),
      word: `(?:[\\p{Lu}][\\p{L}’'.-]*|${titles.connectors.map(escape).join('|')}|’s)`,
    };
    TITLE_PATTERNS.set(titles, got);
  }
  return got;
}

/** The abbreviations a title may hold ("Gen.", "Sen.", "St."), made once per set of titles. */
const ABBREVIATED = new WeakMap<Titles, RegExp>();
function abbreviatedHeads(titles: Titles): RegExp {
  let got = ABBREVIATED.get(titles);
  if (!got) {
    const abbreviations = [...new Set(['Gen.', 'Prof.', 'Dr.', 'St.', ...titles.heads.filter((h) => h.endsWith('.'))])];
    got = new RegExp(`(?<![\\p{L}])(?:${abbreviations.map(escape).join('|')})`, 'gu');
    ABBREVIATED.set(titles, got);
  }
  return got;
}

export function titleBefore(display: string, at: number, titles: Titles, names: readonly (readonly [number, number])[] = []): { title: string; start: number } | null {
  const from = Math.max(0, at - 160);
  const window = display.slice(from, at);
  const { heads, word } = titlePatterns(titles);
  // The title nearest the name: the last head word in the window, so that
  // "Chinese Premier Li Keqiang and Russian Prime Minister Dmitry Medvedev"
  // gives Medvedev "Russian Prime Minister", not the whole run.
  const last = [...window.matchAll(heads)].at(-1);
  if (!last) return null;
  const plural = !titles.heads.includes(last[0]) && titles.heads.includes(last[0].slice(0, -1));
  const headEnd = last.index! + last[0].length;
  // A title never reaches into another paragraph: "… a challenge for President Ma and Beijing.¶Wang-Zhang
  // meeting" gives the heading's "Wang" no title.
  if (window.slice(headEnd).includes('\n')) return null;
  // Other names between the head and this one: a list the title stands before.
  const between = names.filter(([s, e]) => s >= from + headEnd && e <= at && s < at).map(([s, e]) => [s - from, e - from] as const).sort((a, b) => a[0] - b[0]);
  if (between.length > 0) {
    if (!plural) return null;
    let pos = headEnd;
    for (const [s, e] of between) {
      const gap = window.slice(pos, s);
      if (!(pos === headEnd ? /^\s+$/u : /^\s*(?:,\s*(?:and\s+)?|and\s+)$/u).test(gap)) return null;
      pos = e;
    }
    if (!/^\s*(?:,\s*(?:and\s+)?|and\s+)$/u.test(window.slice(pos))) return null;
  } else {
    const tail = window.slice(last.index!);
    if (!compiled(`^${escape(last[0])}(?:\\s+${word})*\\s+$`, 'u').test(tail)) return null;
  }
  // Reach left over qualifiers ("First Deputy") and a nationality ("Russian").
  const quals = titles.qualifiers.map(escape).join('|');
  // A lower-case head ("spokesman") takes the body it speaks for ("Chinese Foreign Ministry spokesman").
  // So does a lower-case rank the service it is of ("former army captain Bolsonaro").
  const body = /^\p{Ll}/u.test(last[0]) ? '(?:[\\p{Lu}][\\p{L}]*\\s+){0,3}(?:(?:army|navy|naval|air force|marine|military|coast guard)\\s+)?' : '';
  const nationality = '(?:[\\p{Lu}][\\p{L}]*(?:an|ese|ian|ish|i)|US|UN)\\s+';
  let lead = compiled(`(?:${nationality})?(?:(?:${quals})\\s+)*${body}(?:(?:${quals})\\s+)*$`, 'u').exec(window.slice(0, last.index!));
  // "Chinese and Russian Presidents": the nationalities are shared out, so none is any one name's.
  if (plural && lead && compiled(`${nationality}(?:and|&)\\s+$|,\\s*$`, 'u').test(window.slice(0, last.index! - lead[0].length))) {
    lead = compiled(`${body}(?:(?:${quals})\\s+)*$`, 'u').exec(window.slice(0, last.index!));
  }
  const start = last.index! - (lead ? lead[0].length : 0);
  // The role is the singular title: the plural's "s" dropped, and a list's names left out.
  const single = plural ? window.slice(start, headEnd - 1) : window.slice(start, headEnd);
  const words = between.length > 0 ? single : single + window.slice(headEnd);
  const title = words.trim();
  // Nor past the end of a sentence ("for President Ma and Beijing. Wang said"), read before the space
  // that ends the words is trimmed; an abbreviated head ("Sen.", "Gen.") ends no sentence.
  if (/[.;:]\s|,/.test(words.replace(abbreviatedHeads(titles), ''))) return null;
  // A name after others of the list keeps its own words as its surface.
  return { title, start: between.length > 0 ? at : from + start };
}

export function appositiveAfter(display: string, at: number, titles: Titles): string | null {
  const rest = display.slice(at, at + 200);
  const heads = titles.appositive_heads.map(escape).join('|');
  const m = compiled(`^(?:\\s*\\([^)]*\\))?,\\s+((?:(?:a|an|the|one of the)\\s+)?(?:[\\p{L}’'-]+\\s+){0,3}?(?:${heads})(?![\\p{L}])[^,;.()]*)`, 'u').exec(rest);
  return m ? m[1]!.trim() : null;
}

/**
 * Paragraphs and sections of a display text: a section starts at a short
 * paragraph with no final full stop (a heading). Shared by the steps that
 * place their findings in paragraphs, so that they agree.
 */
export function paragraphIndex(d: string): { paragraphAt: (i: number) => number; sectionOf: (paragraph: number) => number } {
  const paraStarts: number[] = [];
  const sectionOfPara: number[] = [];
  let section = 0;
  for (const m of d.matchAll(/[^\n]+/g)) {
    const para = m[0].trim();
    if (para.length > 0 && para.length < 80 && !/[.,;:”"]$/.test(para) && !/^Figure \d/.test(para)) section++;
    paraStarts.push(m.index!);
    sectionOfPara.push(section);
  }
  const paragraphAt = (i: number): number => {
    let lo = 0;
    let hi = paraStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paraStarts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return { paragraphAt, sectionOf: (paragraph) => sectionOfPara[paragraph]! };
}

/** Words that end a possessive's or an adjective's reach: what follows them is not the thing it qualifies ("Russia's help in building a system"). */
const NOT_MODIFIERS = new Set(['of', 'in', 'for', 'with', 'to', 'on', 'at', 'by', 'from', 'into', 'about', 'over', 'and', 'or', 'but', 'nor', 'that', 'which', 'who', 'whose', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'should', 'must', 'not', 'as', 'than', 'the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'these', 'those', 'such']);

/**
 * `enclosing` are names the source's metadata gives (its journal's title)
 * that the text prints: a registry form inside one of them ("… Relations in
 * the Indo-Pacific"), or inside the subtitle the text prints after it and a
 * colon, is a word of that name, not a mention of its own; one that starts
 * it is its short title, and a mention.
 */
export function extractMentions(source: SourceInput, index: FormIndex, titles: Titles, personIds: Set<string>, enclosing: string[] = []): MentionFinding[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const d = p.display;
  const extractor = stepLabel(STEP);
  const { paragraphAt, sectionOf } = paragraphIndex(d);
  const out: MentionFinding[] = [];
  const inNames: [number, number][] = [];
  for (const name of enclosing) {
    const words = name.trim().split(/\s+/).filter(Boolean);
    if (words.length < 2) continue;
    const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'gu');
    // The journal prints its name with its subtitle after a colon ("Comparative Connections: A Triannual
    // E-Journal of … in the Indo-Pacific, Vol. 21"): the subtitle, up to the next comma, full stop,
    // semicolon or bracket, is the same title, whichever subtitle (or none) the metadata gives.
    for (const m of d.matchAll(re)) {
      const end = m.index! + m[0].length;
      const tail = /^:\s+[^,.;()[\]\n]+/u.exec(d.slice(end, end + 200));
      inNames.push([m.index!, end + (tail ? tail[0].trimEnd().length : 0)]);
    }
  }
  const matches = [...d.matchAll(index.pattern)];
  const qualifierOf = (i: number): string[] | undefined => {
    const prev = matches[i - 1];
    if (!prev) return undefined;
    const entry = index.forms.get(prev[0])!;
    if (entry.kind === 'short_form') return undefined;
    const gap = d.slice(prev.index! + prev[0].length, matches[i]!.index!);
    const m = (entry.kind === 'demonym' ? /^\s+((?:[\p{Ll}-]+\s+){0,2})$/u : /^[’']s\s+((?:[\p{Ll}-]+\s+){0,2})$/u).exec(gap);
    if (!m || m[1]!.split(/\s+/).some((w) => NOT_MODIFIERS.has(w))) return undefined;
    return entry.ids;
  };
  const personNames = matches.filter((m) => index.forms.get(m[0])!.ids.some((id) => personIds.has(id))).map((m) => [m.index!, m.index! + m[0].length] as const);
  for (const [i, m] of matches.entries()) {
    const form = m[0];
    const entry = index.forms.get(form)!;
    const start = m.index!;
    const end = start + form.length;
    // The name's own first words ("Comparative Connections" of "Comparative Connections: A Triannual …") still name it.
    if (inNames.some(([a, b]) => a < start && end <= b)) continue;
    // A state's name that is also a first name ("Israel", "Jordan", "Georgia") names the state only standing
    // alone: no capitalised word or initial right before it ("Michael Jordan", "Atlanta, Georgia") or right
    // after it ("Jordan River", "Georgia Tech", "Israel Epstein"), and not at the start of a sentence before
    // a capitalised word. Otherwise the name finder reads the whole name.
    if (entry.standalone && !standsAlone(d, start, end)) continue;
    // "the South American giant", "Latin American states": a demonym after a compass word or "Latin" is a region's adjective, no state's.
    // So is one inside a longer one ("Papua New Guinean", "Inner Mongolian", "Asian American"); joined by a
    // hyphen ("Sino-Russian", "Indian-Pakistani") it is one side of a pair, and names its state.
    if (entry.kind === 'demonym' && (/(?:^|[^\p{L}])(?:North|South|East|West|Central|Latin|Northeast|Northwest|Southeast|Southwest|New|Inner|Outer|Upper|Lower)[ -]$/u.test(d.slice(Math.max(0, start - 12), start)) || /(?:^|[^\p{L}])\p{Lu}\p{Ll}*(?:an|ese|ic|ish) $/u.test(d.slice(Math.max(0, start - 20), start)))) continue;
    if (index.cities && entry.ids.every((id) => index.cities!.has(id)) && REGION_AFTER.test(d.slice(end, end + 200))) continue;
    // "more expert working groups (EWG) for industry": an acronym a lowercase phrase before it spells is that
    // common noun's abbreviation, not the registry body's short form ("Expert Working Group (EWG)" is the name).
    if (entry.kind === 'short_form' && /^\p{Lu}{2,}$/u.test(form) && d[start - 1] === '(' && d[end] === ')') {
      const words = (/((?:\p{Ll}[\p{Ll}-]*\s+){1,6})\($/u.exec(d.slice(Math.max(0, start - 80), start))?.[1] ?? '').trim().split(/\s+/u);
      const tail = words.slice(-form.length);
      if (tail.length === form.length && tail.map((w) => w[0]!.toUpperCase()).join('') === form) continue;
    }
    // "its long experience in early-warning system": a short form that is a common noun, right after a
    // preposition with no determiner, is the kind of thing, not the one the registry holds.
    if (entry.kind === 'short_form' && /^\p{Ll}/u.test(form) && /(?:^|[^\p{L}])(?:in|of|on|for|with|about|into|from|by|at|to)\s+$/u.test(d.slice(Math.max(0, start - 8), start))) continue;
    const isPerson = entry.ids.some((id) => personIds.has(id));
    const before = isPerson ? titleBefore(d, start, titles, personNames) : null;
    const after = isPerson && !before ? appositiveAfter(d, end, titles) : null;
    const surfaceStart = before ? before.start : start;
    const [rs, re] = rawRange(p, surfaceStart, end);
    const [ns, ne] = rawRange(p, start, end);
    const paragraph = paragraphAt(start);
    out.push({
      kind: 'mention',
      surface: d.slice(surfaceStart, end).replace(/\s+/g, ' '),
      form,
      form_kind: entry.kind,
      candidates: entry.ids,
      role: before?.title ?? after,
      name_start_raw: ns,
      name_end_raw: ne,
      paragraph,
      section: sectionOf(paragraph),
      line: text.lineOfUnit(ns),
      ...(entry.kind === 'short_form' && qualifierOf(i) ? { qualified_by: qualifierOf(i) } : {}),
      ...provenanceOf(source, rs, re, extractor),
    });
  }
  return out;
}

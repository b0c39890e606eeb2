/**
 * What the page builder (Node) and the page (browser) must agree on: how a
 * record is routed to its data part, how a search term is routed to its index
 * part and how the parts' hits are merged, and how the article's markup is
 * shown. Imported by both sides, so the two can never drift.
 */
import MiniSearch from 'minisearch';

/** FNV-1a over the UTF-16 units of a key: cheap, stable, the same in Node and every browser. */
export function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

/**
 * How the search index is cut by term. A processed term goes to the part of
 * its first two code points: its first code point picks one of `groups`
 * groups, the first two pick one of `subs` parts inside it. So every term that
 * starts with a query term of two or more code points is in one part (prefix
 * search loads one file), and every term that starts with a one-letter query
 * is in that letter's group.
 */
export interface SearchSplit {
  groups: number;
  subs: number;
}

/** Parts for a number of search documents: a power of two from 16 to 1,024, about 200 documents' worth each. */
export function searchSplit(documents: number): SearchSplit {
  const total = Math.min(1024, Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, documents) / 200))));
  const groups = Math.min(64, total / 2);
  return { groups, subs: total / groups };
}

function firstCodePoints(term: string, n: number): string {
  let out = '';
  let i = 0;
  for (const c of term) {
    if (i++ === n) break;
    out += c;
  }
  return out;
}

/** The index part a processed term is stored in. */
export function termPart(term: string, split: SearchSplit): number {
  return bucketOf(firstCodePoints(term, 1), split.groups) * split.subs + bucketOf(firstCodePoints(term, 2), split.subs);
}

/** The index parts that hold every term a processed query term can match by prefix: one, or a one-letter term's group. */
export function queryParts(term: string, split: SearchSplit): number[] {
  if (Array.from(term).length >= 2) return [termPart(term, split)];
  const g = bucketOf(firstCodePoints(term, 1), split.groups);
  return Array.from({ length: split.subs }, (_, i) => g * split.subs + i);
}

/** A query's terms as every index part processes them (MiniSearch's own tokenizer and lower-casing). */
export function queryTerms(query: string): string[] {
  const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];
  const processTerm = MiniSearch.getDefault('processTerm') as (term: string) => string | null;
  const out: string[] = [];
  for (const t of tokenize(query)) {
    const p = processTerm(t);
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** What the manifest says of the index as a whole: one index's statistics, which every part scores with. */
export interface SearchIndexManifest extends SearchSplit {
  documentCount: number;
  nextId: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /** The parts that hold any term; the others are not written. */
  parts: number[];
}

/**
 * The index and what a hit needs besides its score. Facets count every hit,
 * so a document's five facet numbers (table, event type, entity kind and
 * source as places in `values`, the year as a number, 0 for none) follow its
 * field lengths in every index part that names it: a query's parts bring the
 * facets of all its hits. Browsing a table with no words reads them from
 * part `f-<floor(n / facetSize)>`. Labels are shown for a few hits, so
 * document n's record and label are in part `d-<floor(n / labelSize)>`.
 */
export interface SearchManifest extends SearchIndexManifest {
  facetSize: number;
  facetParts: number;
  labelSize: number;
  labelParts: number;
  values: { table: string[]; type: string[]; kind: string[]; source: string[] };
}

/** One index part as written: its terms' postings and the field lengths of the documents they name. */
export interface SearchPart {
  index: [string, Record<string, Record<string, number>>][];
  fieldLength: Record<string, number[]>;
}

/**
 * An index part as a MiniSearch: the part's postings with the whole index's
 * document count and average field lengths, so a term scores in its part
 * exactly as it would in one index. A document's id is its number.
 */
export function loadSearchPart(part: SearchPart, m: SearchIndexManifest): MiniSearch {
  const documentIds: Record<string, number> = {};
  for (const k of Object.keys(part.fieldLength)) documentIds[k] = Number(k);
  return MiniSearch.loadJS(
    {
      documentCount: m.documentCount,
      nextId: m.nextId,
      documentIds,
      fieldIds: m.fieldIds,
      fieldLength: part.fieldLength,
      averageFieldLength: m.averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: part.index,
      serializationVersion: 2,
    } as never,
    SEARCH_OPTIONS,
  );
}

/**
 * Searches the loaded parts, each with only the query terms routed to it, and
 * merges the hits as one index would: MiniSearch sums a document's scores over
 * the query terms and multiplies the sum by how many of them it matched, so a
 * part's score is divided by its own count, summed, and multiplied by the
 * count of all. Fuzzy matches are found within a term's own part only (a typo
 * in the first two letters finds nothing).
 */
export function searchParts(
  query: string,
  split: SearchSplit,
  index: (part: number) => MiniSearch | null,
  options?: Parameters<MiniSearch['search']>[1],
): { id: number; score: number }[] {
  const byPart = new Map<number, string[]>();
  for (const term of queryTerms(query)) {
    for (const p of queryParts(term, split)) {
      const list = byPart.get(p) ?? [];
      list.push(term);
      byPart.set(p, list);
    }
  }
  const merged = new Map<number, { raw: number; terms: Set<string> }>();
  for (const [p, terms] of [...byPart].sort((a, b) => a[0] - b[0])) {
    const ms = index(p);
    if (!ms) continue;
    for (const r of ms.search(terms.join(' '), options)) {
      const m = merged.get(r.id as number) ?? { raw: 0, terms: new Set<string>() };
      m.raw += r.score / (r.queryTerms.length || 1);
      for (const t of r.queryTerms) m.terms.add(t);
      merged.set(r.id as number, m);
    }
  }
  return [...merged]
    .map(([id, m]) => ({ id, score: m.raw * (m.terms.size || 1) }))
    .sort((a, b) => b.score - a.score || a.id - b.id);
}

/** A record's key within its table: its primary-key values joined by "/", as in its IRI. */
export function recordKey(primaryKey: string[], row: Record<string, unknown>): string {
  return primaryKey.map((k) => String(row[k])).join('/');
}

/**
 * Which code points of a text the page hides when it shows the text: the
 * brackets and "(#)" of the article's link markup `[words](#)`, and the
 * backslashes of its `\$` and `\\$` escapes. The data keeps these verbatim;
 * only the page shows the words as a reader saw them. Works on code points so
 * that a span's offsets index the mask directly.
 */
export function hiddenMask(cps: string[]): Uint8Array {
  const mask = new Uint8Array(cps.length);
  for (let i = 0; i < cps.length; i++) {
    if (cps[i] === '\\') {
      let j = i;
      while (j < cps.length && cps[j] === '\\') j++;
      if (cps[j] === '$') for (let k = i; k < j; k++) mask[k] = 1;
      i = j - 1;
    } else if (cps[i] === '[') {
      // Find "](#)" before the next "[" or line break: the shape of the article's links.
      for (let j = i + 1; j < cps.length && j - i < 400; j++) {
        const c = cps[j];
        if (c === '[' || c === '\n') break;
        if (c === ']' && cps[j + 1] === '(' && cps[j + 2] === '#' && cps[j + 3] === ')') {
          mask[i] = 1;
          for (let k = j; k < j + 4; k++) mask[k] = 1;
          break;
        }
      }
    }
  }
  return mask;
}

/** A text as the page shows it (markup as text); the data keeps the verbatim form. */
export function displayText(text: string): string {
  const cps = Array.from(text);
  const mask = hiddenMask(cps);
  return cps.filter((_, i) => !mask[i]).join('');
}

/** MiniSearch options of every index part: the builder and the page load parts with the same ones. */
export const SEARCH_OPTIONS = {
  fields: ['label', 'text'],
  storeFields: [] as string[],
  searchOptions: { boost: { label: 2 }, prefix: true, fuzzy: 0.15 },
};

/** The fields that name a record in a list, per table, tried in order (on the page and in the parts it loads). */
export const LABEL_FIELDS: Record<string, string[]> = {
  events: ['date_label', 'description'],
  entities: ['name_en'],
  entity_names: ['name', 'romanized', 'entity_id'],
  mentions: ['surface'],
  event_participants: ['entity_id', 'role'],
  event_codes: ['cameo_label'],
  quotes: ['speaker_id', 'words'],
  terms: ['english', 'original'],
  claims: ['property', 'value_as_stated', 'subject_id'],
  conflicts: ['property', 'value_a', 'value_b'],
  sources: ['title'],
};

/**
 * The page's search index, built for writing in parts cut by term. The page
 * searches with MiniSearch, and each part is MiniSearch's own serialized form
 * of its terms (shared.ts, loadSearchPart). It is built here rather than by
 * MiniSearch's add() and toJSON(), which keep every term in a radix tree and
 * then copy it into objects: the page never searches at build time, so the
 * postings are kept as flat arrays in a hash map, routed to their part as
 * they are made, and written straight out as JSON text. The counting follows
 * MiniSearch 7's add() (the same tokenizer and term processing, a field's
 * length as its number of distinct tokens, the running average of lengths);
 * test/page-search.test.ts holds the parts' scores to one MiniSearch's.
 */
import MiniSearch from 'minisearch';
import { SEARCH_OPTIONS, searchSplit, termPart, type SearchIndexManifest } from './shared.ts';

/** A term's documents and counts, per field, in the order the documents came (so ascending). */
interface Postings {
  docs: number[][];
  freqs: number[][];
}

export interface SearchIndexWriter {
  /**
   * Indexes one document; its id is the number of documents added before it.
   * `extra` numbers are written after its field lengths in every part that
   * names it (MiniSearch reads only the lengths), so a part carries what its
   * hits need besides their score.
   */
  add(fields: Record<string, string>, extra?: number[]): number;
  readonly documents: number;
  /** Writes every part that holds a term (as `s-<part>`, its payload as JSON text) and returns the manifest's description. */
  finish(writePart: (name: string, json: string) => void, scriptString: (s: string) => string): SearchIndexManifest;
}

export function openSearchIndex(): SearchIndexWriter {
  const fields = SEARCH_OPTIONS.fields;
  const tokenize = MiniSearch.getDefault('tokenize') as (text: string, field?: string) => string[];
  const processTerm = MiniSearch.getDefault('processTerm') as (term: string, field?: string) => string | null | undefined;
  const terms = new Map<string, Postings>();
  const lengths: number[][] = fields.map(() => []);
  const averages: number[] = fields.map(() => 0);
  const extras: string[] = [];
  let documents = 0;

  return {
    get documents() {
      return documents;
    },
    add(doc, extra) {
      const id = documents++;
      extras[id] = extra?.length ? `,${extra.join(',')}` : '';
      fields.forEach((field, fieldId) => {
        const value = doc[field];
        if (value === null || value === undefined) return;
        const tokens = tokenize(String(value), field);
        const length = new Set(tokens).size;
        lengths[fieldId]![id] = length;
        // The same running mean MiniSearch keeps, so the averages match it to the last bit.
        averages[fieldId] = ((averages[fieldId] || 0) * (documents - 1) + length) / documents;
        for (const token of tokens) {
          const term = processTerm(token, field);
          if (!term) continue;
          let p = terms.get(term);
          if (!p) terms.set(term, (p = { docs: fields.map(() => []), freqs: fields.map(() => []) }));
          const ds = p.docs[fieldId]!;
          const fs = p.freqs[fieldId]!;
          if (ds[ds.length - 1] === id) fs[fs.length - 1]!++;
          else {
            ds.push(id);
            fs.push(1);
          }
        }
      });
      return id;
    },
    finish(writePart, scriptString) {
      const split = searchSplit(documents);
      const byPart = new Map<number, string[]>();
      for (const term of terms.keys()) {
        const p = termPart(term, split);
        let list = byPart.get(p);
        if (!list) byPart.set(p, (list = []));
        list.push(term);
      }
      const written = [...byPart.keys()].sort((a, b) => a - b);
      const seen = new Uint8Array(documents);
      for (const p of written) {
        const list = byPart.get(p)!.sort();
        const out: string[] = [];
        const docsHere: number[] = [];
        for (const term of list) {
          const post = terms.get(term)!;
          const byField: string[] = [];
          post.docs.forEach((ds, fieldId) => {
            if (ds.length === 0) return;
            const fs = post.freqs[fieldId]!;
            const pairs: string[] = new Array(ds.length);
            for (let i = 0; i < ds.length; i++) {
              const d = ds[i]!;
              pairs[i] = `"${d}":${fs[i]}`;
              if (!seen[d]) {
                seen[d] = 1;
                docsHere.push(d);
              }
            }
            byField.push(`"${fieldId}":{${pairs.join(',')}}`);
          });
          out.push(`[${scriptString(term)},{${byField.join(',')}}]`);
        }
        docsHere.sort((a, b) => a - b);
        const lens = docsHere.map((d) => {
          seen[d] = 0;
          return `"${d}":[${lengths.map((l) => (l[d] === undefined ? 'null' : String(l[d]))).join(',')}${extras[d]}]`;
        });
        writePart(`s-${p}`, `{"index":[${out.join(',')}],"fieldLength":{${lens.join(',')}}}`);
      }
      return {
        ...split,
        documentCount: documents,
        nextId: documents,
        fieldIds: Object.fromEntries(fields.map((f, i) => [f, i])),
        averageFieldLength: averages,
        parts: written,
      };
    },
  };
}

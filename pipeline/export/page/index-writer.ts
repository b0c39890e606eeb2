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

/**
 * Every term's postings, per field, as lists of (document, count) pairs in
 * the order the documents came (so ascending), kept in pages of 32-bit
 * integers rather than two JavaScript arrays per term and field: a large
 * release's index is millions of pairs, held until the last row is in, and
 * arrays of small numbers took 16 to 32 bytes a pair and a few hundred bytes
 * a term, most of the page's heap and its collector's time. A list is a
 * chain of chunks, each twice the size of the one before (up to a limit),
 * so a rare term takes a few integers and a common one follows few links.
 */
class PostingLists {
  private static readonly PAGE = 1 << 20;
  private static readonly LARGEST = 512;
  private readonly pages: Int32Array[] = [];
  private used = PostingLists.PAGE;
  // Per list: its first chunk, its last chunk, the pairs in the last chunk, the last chunk's size, the last document.
  private head = new Int32Array(1024);
  private tail = new Int32Array(1024);
  private fill = new Int32Array(1024);
  private size = new Int32Array(1024);
  private last = new Int32Array(1024);
  private lists = 0;

  /** A new empty list; returns its number. */
  open(): number {
    if (this.lists === this.head.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.head = grow(this.head);
      this.tail = grow(this.tail);
      this.fill = grow(this.fill);
      this.size = grow(this.size);
      this.last = grow(this.last);
    }
    const l = this.lists++;
    this.head[l] = -1;
    this.last[l] = -1;
    return l;
  }

  /** A chunk of `pairs` pairs and a link to the next; returns where it starts. */
  private chunk(pairs: number): number {
    const ints = 2 * pairs + 1;
    if (this.used + ints > PostingLists.PAGE) {
      this.pages.push(new Int32Array(PostingLists.PAGE));
      this.used = 0;
    }
    const at = (this.pages.length - 1) * PostingLists.PAGE + this.used;
    this.used += ints;
    this.pages[this.pages.length - 1]![this.used - 1] = -1;
    return at;
  }

  /** One more occurrence in document `doc`: its count goes up, or the document is added with a count of one. */
  count(l: number, doc: number): void {
    const PAGE = PostingLists.PAGE;
    if (this.last[l] === doc) {
      const t = this.tail[l]! + 2 * (this.fill[l]! - 1) + 1;
      this.pages[Math.floor(t / PAGE)]![t % PAGE]!++;
      return;
    }
    this.last[l] = doc;
    if (this.head[l] === -1) {
      const at = this.chunk(1);
      this.head[l] = at;
      this.tail[l] = at;
      this.size[l] = 1;
      this.fill[l] = 0;
    } else if (this.fill[l] === this.size[l]) {
      const pairs = Math.min(PostingLists.LARGEST, 2 * this.size[l]!);
      const at = this.chunk(pairs);
      const link = this.tail[l]! + 2 * this.size[l]!;
      this.pages[Math.floor(link / PAGE)]![link % PAGE] = at;
      this.tail[l] = at;
      this.size[l] = pairs;
      this.fill[l] = 0;
    }
    const t = this.tail[l]! + 2 * this.fill[l]!;
    const page = this.pages[Math.floor(t / PAGE)]!;
    page[t % PAGE] = doc;
    page[(t % PAGE) + 1] = 1;
    this.fill[l]!++;
  }

  /** Whether a list holds no document. */
  empty(l: number): boolean {
    return this.head[l] === -1;
  }

  /** Every (document, count) pair of a list, in order. */
  each(l: number, f: (doc: number, count: number) => void): void {
    const PAGE = PostingLists.PAGE;
    let at = this.head[l]!;
    let pairs = 1;
    while (at !== -1) {
      const page = this.pages[Math.floor(at / PAGE)]!;
      const o = at % PAGE;
      const n = at === this.tail[l] ? this.fill[l]! : pairs;
      for (let i = 0; i < n; i++) f(page[o + 2 * i]!, page[o + 2 * i + 1]!);
      if (at === this.tail[l]) break;
      at = page[o + 2 * pairs]!;
      pairs = Math.min(PostingLists.LARGEST, 2 * pairs);
    }
  }
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
  // A term's lists, one per field, are numbered from the term's first: term * fields.length + field.
  const terms = new Map<string, number>();
  const postings = new PostingLists();
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
          let first = terms.get(term);
          if (first === undefined) {
            first = postings.open();
            for (let i = 1; i < fields.length; i++) postings.open();
            terms.set(term, first);
          }
          postings.count(first + fieldId, id);
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
          const first = terms.get(term)!;
          const byField: string[] = [];
          for (let fieldId = 0; fieldId < fields.length; fieldId++) {
            if (postings.empty(first + fieldId)) continue;
            const pairs: string[] = [];
            postings.each(first + fieldId, (d, f) => {
              pairs.push(`"${d}":${f}`);
              if (!seen[d]) {
                seen[d] = 1;
                docsHere.push(d);
              }
            });
            byField.push(`"${fieldId}":{${pairs.join(',')}}`);
          }
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

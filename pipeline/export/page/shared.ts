/**
 * What the page builder (Node) and the page (browser) must agree on: how a
 * record is routed to its data part, and how the article's markup is shown.
 * Imported by both sides, so the two can never drift.
 */

/** FNV-1a over the UTF-16 units of a key: cheap, stable, the same in Node and every browser. */
export function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
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

/**
 * Regular expressions built at run time from words (a unit's form, a list of
 * speech verbs, a name the text gives), compiled once per pattern and flags.
 * Rules that build such a pattern do so per number, per clause or per mention,
 * and constructing a RegExp each time cost more than matching it.
 *
 * Only for expressions without the `g` or `y` flag: those keep `lastIndex`
 * between calls, and one shared object would carry it from one caller to the
 * next. The cache is emptied when it grows past a bound, so patterns made of
 * names across many sources do not pile up in a worker.
 */
const cache = new Map<string, RegExp>();
const LIMIT = 20_000;

export function compiled(source: string, flags = ''): RegExp {
  if (flags.includes('g') || flags.includes('y')) throw new Error(`compiled() takes no g or y flag: /${source}/${flags}`);
  const key = `${flags}\u0000${source}`;
  let re = cache.get(key);
  if (re === undefined) {
    if (cache.size >= LIMIT) cache.clear();
    re = new RegExp(source, flags);
    cache.set(key, re);
  }
  return re;
}

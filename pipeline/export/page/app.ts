/**
 * The release page in the browser. Reads the manifest index.html embeds,
 * loads data parts from page/ as scripts when a view needs them (file://
 * forbids fetch), and draws search, timeline, map and record views. Data is
 * only ever put into the DOM as text nodes and attributes, never as markup.
 */
import MiniSearch from 'minisearch';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import { bucketOf, hiddenMask, LABEL_FIELDS, loadSearchPart, queryParts, queryTerms, searchParts, type SearchManifest, type SearchPart } from './shared.ts';

type Val = string | number | boolean | null | (string | number | boolean)[];
interface FieldM { name: string; title: string; type: string; lang?: string }
interface TableM {
  name: string;
  title: string;
  key: string[];
  fields: FieldM[];
  fks: { field: string; table: string }[];
  refs: { field: string; table_field: string }[];
  spans: { start: string; end: string; evidence: string }[];
  rows: number;
  parts: number[];
}
interface Manifest {
  dataset: string;
  version: string;
  title: string;
  iri_base: string;
  buckets: number;
  tables: TableM[];
  links: number[];
  search: SearchManifest;
  timeline: number;
  places: number;
  sources: { id: string; language: string; text: boolean }[];
}
type Rec = Record<string, Val>;

const manifest = JSON.parse(document.getElementById('manifest')!.textContent!) as Manifest;
const tableOf = new Map(manifest.tables.map((t) => [t.name, t]));
const SVG = 'http://www.w3.org/2000/svg';

// ---------------------------------------------------------------- loading parts
const waiting = new Map<string, { resolve: (v: unknown) => void; promise: Promise<unknown> }>();
(window as unknown as { __crr: (name: string, payload: unknown) => void }).__crr = (name, payload) => {
  entry(name).resolve(payload);
};
function entry(name: string): { resolve: (v: unknown) => void; promise: Promise<unknown> } {
  let e = waiting.get(name);
  if (!e) {
    let resolve!: (v: unknown) => void;
    const promise = new Promise<unknown>((r) => (resolve = r));
    e = { resolve, promise };
    waiting.set(name, e);
  }
  return e;
}
const requested = new Set<string>();
function part<T>(name: string): Promise<T> {
  const e = entry(name);
  if (!requested.has(name)) {
    requested.add(name);
    const s = document.createElement('script');
    s.src = `page/${encodeURIComponent(name)}.js`;
    s.onerror = () => e.resolve(null);
    document.head.appendChild(s);
  }
  return e.promise as Promise<T>;
}
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

// ---------------------------------------------------------------- DOM helpers
type Child = Node | string | null | undefined | false;
function h(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
function s(tag: string, attrs: Record<string, string | number> = {}): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}
const str = (v: Val | undefined): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v));
const href = (table: string, key: string): string => `#${table}/${key.split('/').map(encodeURIComponent).join('/')}`;

/**
 * Text with its runs of CJK, Hangul and Cyrillic letters tagged by language, for fonts and screen
 * readers: kana make a run Japanese and Hangul Korean; Han alone is tagged zh and Cyrillic ru, the
 * defaults the pipeline's script detection uses (a record's own language field says more).
 */
const SCRIPTS = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+(?:\s+[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+)*|\p{Script=Cyrillic}+(?:[\s-]+\p{Script=Cyrillic}+)*)/u;
const scriptLang = (piece: string): string =>
  /\p{Script=Cyrillic}/u.test(piece) ? 'ru' : /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(piece) ? 'ja' : /\p{Script=Hangul}/u.test(piece) ? 'ko' : 'zh';
function langText(text: string): Node {
  const frag = document.createDocumentFragment();
  for (const piece of text.split(SCRIPTS)) {
    if (!piece) continue;
    if (SCRIPTS.test(piece)) frag.append(h('span', { lang: scriptLang(piece) }, piece));
    else frag.append(piece);
  }
  return frag;
}

// ---------------------------------------------------------------- records
const recordCache = new Map<string, Promise<Map<string, Rec>>>();
function keyOf(t: TableM, r: Rec): string {
  return t.key.map((k) => String(r[k])).join('/');
}
function bucketRecords(t: TableM, b: number): Promise<Map<string, Rec>> {
  const id = `${t.name}-${b}`;
  let p = recordCache.get(id);
  if (!p) {
    p = Promise.all(range(t.parts[b] ?? 0).map((i) => part<Val[][]>(`r-${t.name}-${b}-${i}`))).then((parts) => {
      const m = new Map<string, Rec>();
      for (const rows of parts) {
        for (const values of rows ?? []) {
          const r: Rec = {};
          t.fields.forEach((f, i) => (r[f.name] = values[i] ?? null));
          m.set(keyOf(t, r), r);
        }
      }
      return m;
    });
    recordCache.set(id, p);
  }
  return p;
}
async function getRecord(table: string, key: string): Promise<Rec | null> {
  const t = tableOf.get(table);
  if (!t) return null;
  const m = await bucketRecords(t, bucketOf(`${table}/${key}`, manifest.buckets));
  return m.get(key) ?? null;
}
async function incoming(table: string, key: string): Promise<{ table: string; key: string; field: string }[]> {
  const ref = `${table}/${key}`;
  const b = bucketOf(ref, manifest.buckets);
  const parts = await Promise.all(range(manifest.links[b] ?? 0).map((i) => part<string[][]>(`l-${b}-${i}`)));
  const out: { table: string; key: string; field: string }[] = [];
  for (const items of parts) for (const [to, from, k, field] of items ?? []) if (to === ref) out.push({ table: from!, key: k!, field: field! });
  return out;
}
const texts = new Map<string, Promise<string[] | null>>();
function sourceText(id: string): Promise<string[] | null> {
  let p = texts.get(id);
  if (!p) {
    p = part<string>(`src-${id}`).then((t) => (typeof t === 'string' ? Array.from(t) : null));
    texts.set(id, p);
  }
  return p;
}

const recordLabel = (table: string, r: Rec): string =>
  (LABEL_FIELDS[table] ?? []).map((f) => str(r[f])).filter(Boolean).join(' · ');

/** The fields a reader looks for first, under plain headings: when, who, what, where, figure. */
const READABLE: Record<string, [string, string[]][]> = {
  events: [['When', ['date_label', 'date_start', 'date_end', 'date_precision']], ['What', ['event_type', 'description']], ['Where', ['place_id']]],
  entities: [['Name', ['name_en']], ['What', ['entity_type', 'role', 'place_kind']], ['Where', ['country_alpha2', 'latitude', 'longitude']]],
  entity_names: [['Name', ['name', 'romanized', 'entity_id']], ['Language', ['language', 'script', 'romanization_system', 'romanization_note']]],
  quotes: [['Who', ['speaker_id']], ['What', ['words', 'original_words', 'quote_kind']], ['When', ['date_label', 'event_id', 'occasion']]],
  claims: [['What', ['subject_id', 'property']], ['Figure', ['value_as_stated', 'value_canonical', 'unit_canonical', 'value_bound', 'qualifier']], ['When', ['time_label', 'event_id']]],
  conflicts: [['What', ['kind', 'subject_id', 'property', 'severity']], ['Why', ['reason', 'note']]],
  mentions: [['Who', ['entity_id', 'surface', 'mention_kind', 'role']], ['When', ['event_id']]],
  event_participants: [['Who', ['entity_id', 'role', 'role_cue']], ['What', ['event_id']]],
  event_codes: [['What', ['cameo_code', 'cameo_label', 'plover_type']], ['Who', ['actor1_entity_id', 'actor2_entity_id']], ['When', ['date_start', 'date_end']], ['Where', ['place_id']]],
  terms: [['Term', ['english', 'original', 'romanization', 'gloss', 'entity_id']]],
  sources: [['Source', ['title', 'authors', 'journal', 'issued', 'pages', 'publisher']]],
};

function valueNode(t: TableM, r: Rec, f: FieldM): Node {
  const v = r[f.name];
  const fk = t.fks.find((x) => x.field === f.name);
  const ref = t.refs.find((x) => x.field === f.name);
  const target = fk?.table ?? (ref ? str(r[ref.table_field]) : '');
  if (target && v !== null && tableOf.has(target)) {
    const a = h('a', { href: href(target, String(v)) }, String(v));
    // Put the linked record's name beside its id once it is loaded.
    void getRecord(target, String(v)).then((x) => {
      if (x && recordLabel(target, x) && recordLabel(target, x) !== String(v)) a.after(' ', h('span', { class: 'meta' }, langText(recordLabel(target, x))));
    });
    return a;
  }
  const lang = f.lang ?? (f.name === 'original_words' ? str(r.original_language) || undefined : undefined);
  const text = str(v);
  return lang ? h('span', { lang }, text) : langText(text);
}

function fieldList(t: TableM, r: Rec, names: string[]): HTMLElement {
  const dl = h('dl');
  for (const name of names) {
    const f = t.fields.find((x) => x.name === name);
    if (!f || r[name] === null || r[name] === undefined || r[name] === '') continue;
    dl.append(h('dt', {}, f.title), h('dd', {}, valueNode(t, r, f)));
  }
  return dl;
}

/** A paragraph of the source with the span [start, end) in a <mark>; offsets are code points. */
function paragraph(cps: string[], start: number, end: number): HTMLElement {
  const LIMIT = 700;
  let a = start;
  while (a > 0 && !(cps[a - 1] === '\n' && cps[a - 2] === '\n') && start - a < LIMIT) a--;
  let b = end;
  while (b < cps.length && !(cps[b] === '\n' && cps[b + 1] === '\n') && b - end < LIMIT) b++;
  const mask = hiddenMask(cps.slice(a, b));
  const seg = (from: number, to: number): string => {
    let out = '';
    for (let i = from; i < to; i++) if (!mask[i - a]) out += cps[i];
    return out;
  };
  const p = h('p', { class: 'source-text' });
  if (a > 0 && !(cps[a - 1] === '\n')) p.append('… ');
  p.append(langText(seg(a, start).replace(/\s+/g, ' ')));
  p.append(h('mark', {}, langText(seg(start, end))));
  p.append(langText(seg(end, b).replace(/\s+/g, ' ')));
  if (b < cps.length && cps[b] !== '\n') p.append(' …');
  return p;
}

async function evidenceBlock(sourceId: string, start: number, end: number, evidence: string, heading: string): Promise<HTMLElement> {
  const box = h('figure', { class: 'evidence' }, h('figcaption', {}, heading));
  const cps = await sourceText(sourceId);
  const slice = cps ? cps.slice(start, end).join('') : null;
  if (cps && slice === evidence) box.append(paragraph(cps, start, end));
  else box.append(h('p', { class: 'source-text' }, h('mark', {}, langText(evidence))), h('p', { class: 'warn' }, cps ? 'The span does not re-slice to this evidence.' : 'The source text is not in this release.'));
  box.append(h('p', { class: 'meta' }, `${sourceId}, code points ${start}–${end}`));
  return box;
}

async function showRecord(table: string, key: string): Promise<void> {
  const view = document.getElementById('record')!;
  view.hidden = false;
  view.replaceChildren(h('p', { class: 'meta' }, 'Loading…'));
  const t = tableOf.get(table);
  const r = t ? await getRecord(table, key) : null;
  if (!t || !r) {
    view.replaceChildren(h('h2', { tabindex: '-1' }, 'No such record'), h('p', {}, `There is no record ${table}/${key} in this release.`));
    (view.firstChild as HTMLElement).focus();
    return;
  }
  const title = h('h2', { tabindex: '-1', id: 'record-title' }, h('span', { class: 'meta' }, `${t.title} · `), langText(recordLabel(table, r) || key));
  const out: Node[] = [title];
  const readable = READABLE[table] ?? [];
  for (const [heading, names] of readable) {
    const dl = fieldList(t, r, names);
    if (dl.childElementCount) out.push(h('div', { class: 'readable' }, h('h3', {}, heading), dl));
  }
  const sid = str(r.source_id);
  if (t.spans.length) {
    // Conflicts: each value in its own sentence, side by side.
    const sides = h('div', { class: 'sides' });
    for (const [i, sp] of t.spans.entries()) {
      const letter = String.fromCharCode(97 + i);
      const label = `${str(r[`value_${letter}`]) || `record ${letter}`} — ${str(r[`table_${letter}`])}/${str(r[`record_${letter}`])}`;
      sides.append(await evidenceBlock(sid, Number(r[sp.start]), Number(r[sp.end]), str(r[sp.evidence]), label));
    }
    out.push(h('h3', {}, 'The two statements'), sides);
  } else if (sid && r.span_start !== null) {
    out.push(h('h3', {}, 'Evidence'), await evidenceBlock(sid, Number(r.span_start), Number(r.span_end), str(r.evidence), 'In the source'));
  }
  const links = await incoming(table, key);
  const related = h('ul', { class: 'related' });
  for (const fk of t.fks) {
    const v = r[fk.field];
    if (v !== null && v !== undefined && fk.table !== table) related.append(h('li', {}, `${fk.field} → `, h('a', { href: href(fk.table, String(v)) }, `${fk.table}/${v}`)));
    else if (v !== null && v !== undefined) related.append(h('li', {}, `${fk.field === 'same_as_event_id' ? 'reports the chronology entry' : fk.field} → `, h('a', { href: href(fk.table, String(v)) }, String(v))));
  }
  for (const ref of t.refs) {
    const v = r[ref.field];
    const tt = str(r[ref.table_field]);
    if (v !== null && tt) related.append(h('li', {}, `${ref.field} → `, h('a', { href: href(tt, String(v)) }, `${tt}/${v}`)));
  }
  for (const l of links.slice(0, 300)) {
    const a = h('a', { href: href(l.table, l.key) }, `${l.table}/${l.key}`);
    const li = h('li', {}, `${l.table} (${l.field}) ← `, a);
    void getRecord(l.table, l.key).then((x) => x && recordLabel(l.table, x) && li.append(' ', h('span', { class: 'meta' }, langText(recordLabel(l.table, x)))));
    related.append(li);
  }
  if (links.length > 300) related.append(h('li', {}, `and ${links.length - 300} more`));
  if (related.childElementCount) out.push(h('h3', {}, 'Related records'), related);
  const all = h('table', {}, h('caption', {}, `Every field of ${table}/${key}`));
  const body = h('tbody');
  for (const f of t.fields) body.append(h('tr', {}, h('th', { scope: 'row' }, h('code', {}, f.name)), h('td', {}, valueNode(t, r, f))));
  all.append(body);
  out.push(h('details', {}, h('summary', {}, 'All fields'), h('div', { class: 'scroll' }, all)));
  const iri = `${manifest.iri_base}${table}/${encodeURIComponent(key)}`;
  const cite = `${manifest.title}, version ${manifest.version}, record ${table}/${key} (${iri}).`;
  out.push(h('h3', {}, 'Cite this record'), h('p', { id: 'record-cite' }, cite), h('button', { type: 'button', class: 'copy', 'data-copy-from': 'record-cite' }, 'Copy'));
  out.push(h('p', {}, h('a', { href: '#search' }, '← Back to search')));
  view.replaceChildren(...out);
  view.scrollIntoView();
  title.focus();
}

// ---------------------------------------------------------------- search
interface Facets { table: string; type: string; year: string; kind: string; source: string }
const S = manifest.search;
const FIELDS = Object.keys(S.fieldIds).length;
const written = new Set(S.parts);
const indexParts = new Map<number, MiniSearch | null>();
/** The index parts a query's terms fall in, loaded once each; no other part is asked for. */
async function loadIndexParts(q: string): Promise<void> {
  const wanted = [...new Set(queryTerms(q).flatMap((t) => queryParts(t, manifest.search)))].filter((p) => written.has(p) && !indexParts.has(p));
  const loaded = await Promise.all(wanted.map((p) => part<SearchPart>(`s-${p}`)));
  wanted.forEach((p, i) => {
    const payload = loaded[i];
    indexParts.set(p, payload ? loadSearchPart(payload, manifest.search) : null);
    if (payload) for (const [id, lengths] of Object.entries(payload.fieldLength)) if (!hitFacets.has(Number(id))) hitFacets.set(Number(id), decodeFacets(lengths, FIELDS));
  });
}
/** Facets of the documents named by the index parts loaded so far, read from after their field lengths. */
const hitFacets = new Map<number, Facets>();
function decodeFacets(flat: number[], at: number): Facets {
  const V = manifest.search.values;
  return {
    table: V.table[flat[at]!] ?? '', type: V.type[flat[at + 1]!] ?? '', year: flat[at + 2] ? String(flat[at + 2]) : '',
    kind: V.kind[flat[at + 3]!] ?? '', source: V.source[flat[at + 4]!] ?? '',
  };
}
const facetCache = new Map<number, Promise<number[] | null>>();
const labelCache = new Map<number, Promise<[string, string][] | null>>();
function cached<T>(cache: Map<number, Promise<T>>, n: number, load: () => Promise<T>): Promise<T> {
  let p = cache.get(n);
  if (!p) cache.set(n, (p = load()));
  return p;
}
/** The facets of search documents, from the facet parts their numbers fall in (only those). */
async function facetsOf(ids: number[]): Promise<Map<number, Facets>> {
  const wanted = [...new Set(ids.map((id) => Math.floor(id / S.facetSize)))];
  const loaded = await Promise.all(wanted.map((n) => cached(facetCache, n, () => part<number[]>(`f-${n}`))));
  const parts = new Map(wanted.map((n, i) => [n, loaded[i]]));
  const out = new Map<number, Facets>();
  for (const id of ids) {
    const flat = parts.get(Math.floor(id / S.facetSize));
    const at = (id % S.facetSize) * 5;
    if (!flat || at >= flat.length) continue;
    out.set(id, decodeFacets(flat, at));
  }
  return out;
}
/** The record and label of the documents shown, from their label parts. */
async function labelsOf(ids: number[]): Promise<Map<number, [string, string]>> {
  const wanted = [...new Set(ids.map((id) => Math.floor(id / S.labelSize)))];
  const loaded = await Promise.all(wanted.map((n) => cached(labelCache, n, () => part<[string, string][]>(`d-${n}`))));
  const parts = new Map(wanted.map((n, i) => [n, loaded[i]]));
  const out = new Map<number, [string, string]>();
  for (const id of ids) {
    const item = parts.get(Math.floor(id / S.labelSize))?.[id % S.labelSize];
    if (item) out.set(id, item);
  }
  return out;
}
const FACETS: [keyof Facets, string][] = [['table', 'Table'], ['type', 'Event type'], ['year', 'Year'], ['kind', 'Entity kind'], ['source', 'Source']];
const chosen: Partial<Record<keyof Facets, string>> = {};
/** Hits shown at a time: a hit's label is loaded only when it is shown. */
const PAGE_HITS = 50;
let shownHits = PAGE_HITS;

async function runSearch(): Promise<void> {
  const q = (document.getElementById('q') as HTMLInputElement).value.trim();
  const results = document.getElementById('results')!;
  results.replaceChildren(h('p', { class: 'meta' }, 'Loading the index…'));
  let ids: number[];
  let facets: Map<number, Facets>;
  if (q) {
    // The parts of the query's terms bring the facets of every hit with them.
    await loadIndexParts(q);
    ids = searchParts(q, manifest.search, (p) => indexParts.get(p) ?? null).map((x) => x.id);
    facets = hitFacets;
  } else if (chosen.table || chosen.type || chosen.year || chosen.kind || chosen.source) {
    // Browsing with no words: every document is a hit.
    ids = range(S.documentCount);
    facets = await facetsOf(ids);
  } else {
    ids = [];
    facets = new Map();
  }
  if (q !== (document.getElementById('q') as HTMLInputElement).value.trim()) return; // a newer query is running
  const hits = ids.filter((id) => facets.has(id)).map((id) => ({ id, ...facets.get(id)! }));
  const facetsEl = document.getElementById('facets')!;
  facetsEl.replaceChildren();
  for (const [k, name] of FACETS) {
    const counts = new Map<string, number>();
    for (const d of hits) if (d[k]) counts.set(d[k], (counts.get(d[k]) ?? 0) + 1);
    if (!counts.size && !chosen[k]) continue;
    const sel = h('select', { id: `facet-${k}`, 'data-facet': k }, h('option', { value: '' }, `any (${hits.length})`));
    for (const [v, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const o = h('option', { value: v }, `${v} (${n})`) as HTMLOptionElement;
      if (chosen[k] === v) o.selected = true;
      sel.append(o);
    }
    facetsEl.append(h('label', { class: 'facet' }, `${name} `, sel));
  }
  const shown = hits.filter((d) => FACETS.every(([k]) => !chosen[k] || d[k] === chosen[k]));
  const visible = shown.slice(0, shownHits);
  const labels = await labelsOf(visible.map((d) => d.id));
  const list = h('ol', { class: 'hits' });
  for (const d of visible) {
    const [ref, label] = labels.get(d.id) ?? ['', ''];
    const [table, ...rest] = ref.split('/');
    if (!table) continue;
    list.append(h('li', {}, h('a', { href: href(table, rest.join('/')) }, langText(label || rest.join('/'))), ' ', h('span', { class: 'meta' }, `${tableOf.get(table)?.title ?? table}${d.year ? ` · ${d.year}` : ''}`)));
  }
  const more = shown.length > visible.length ? h('button', { type: 'button', id: 'more-hits', 'data-more': '1' }, `Show ${Math.min(PAGE_HITS, shown.length - visible.length)} more`) : null;
  results.replaceChildren(
    h('p', { class: 'meta', id: 'hit-count' }, q || shown.length ? `${shown.length} record${shown.length === 1 ? '' : 's'}${shown.length > visible.length ? `, the first ${visible.length} shown` : ''}` : 'Type a word to search.'),
    list,
    ...(more ? [more] : []),
  );
}

// ---------------------------------------------------------------- timeline
const TYPE_COLOURS = ['#1f5f8b', '#b5451b', '#2e7d32', '#6a3d9a', '#8c6d1f', '#c2185b', '#00796b', '#5d4037', '#455a64', '#ad1457', '#33691e', '#283593'];
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 864e5;

async function showTimeline(): Promise<void> {
  const box = document.getElementById('timeline-view')!;
  box.replaceChildren(h('p', { class: 'meta' }, 'Loading…'));
  const parts = await Promise.all(range(manifest.timeline).map((i) => part<Val[][]>(`t-${i}`)));
  const events = parts.flatMap((p) => p ?? []).map(([key, start, end, precision, type, label]) => ({
    key: String(key), start: day(String(start ?? end)), end: day(String(end ?? start)) + 1, open: !start || !end, precision: String(precision), type: String(type ?? 'other'), label: String(label),
  }));
  if (!events.length) {
    box.replaceChildren(h('p', {}, 'No dated events.'));
    return;
  }
  const years = events.map((e) => new Date(e.start * 864e5).getUTCFullYear());
  const yMin = Math.min(...years);
  const yMax = Math.max(...years);
  // Historical milestones stretch the axis over decades: open on the years most events fall in.
  const sortedYears = [...years].sort((a, b) => a - b);
  const q = (p: number): number => sortedYears[Math.min(sortedYears.length - 1, Math.floor(p * sortedYears.length))]!;
  const from = h('input', { type: 'number', id: 'tl-from', min: String(yMin), max: String(yMax), value: String(q(0.25)) }) as HTMLInputElement;
  const to = h('input', { type: 'number', id: 'tl-to', min: String(yMin), max: String(yMax), value: String(q(0.95)) }) as HTMLInputElement;
  const holder = h('div', { class: 'chart' });
  const draw = (): void => {
    const lo = Date.UTC(Number(from.value) || yMin, 0, 1) / 864e5;
    const hi = Date.UTC((Number(to.value) || yMax) + 1, 0, 1) / 864e5;
    const shown = events.filter((e) => e.end > lo && e.start < hi).sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
    const types = [...new Set(shown.map((e) => e.type))].sort();
    const W = 1000;
    const LEFT = 130;
    const x = (d: number): number => LEFT + ((Math.min(Math.max(d, lo), hi) - lo) / (hi - lo)) * (W - LEFT - 10);
    const svg = s('svg', { viewBox: '0 0 1000 100', role: 'img', 'aria-labelledby': 'tl-title', class: 'timeline' });
    const titleEl = s('title', { id: 'tl-title' });
    titleEl.textContent = `Timeline of ${shown.length} events, ${from.value}–${to.value}`;
    svg.append(titleEl);
    let y = 24;
    for (let yr = Math.ceil(lo / 365.25 + 1970); yr <= Math.floor(hi / 365.25 + 1970); yr++) {
      const xx = x(Date.UTC(yr, 0, 1) / 864e5);
      svg.append(s('line', { x1: xx, x2: xx, y1: 14, y2: 9999, class: 'tick' }));
      if (xx > W - 40) continue;
      const t = s('text', { x: xx + 3, y: 12, class: 'tick-label' });
      t.textContent = String(yr);
      svg.append(t);
    }
    for (const [ti, type] of types.entries()) {
      const lanes: number[] = [];
      const colour = TYPE_COLOURS[ti % TYPE_COLOURS.length]!;
      const label = s('text', { x: 4, y: y + 10, class: 'lane-label' });
      label.textContent = type;
      svg.append(label);
      for (const e of shown.filter((z) => z.type === type)) {
        const x1 = x(e.start);
        const x2 = Math.max(x(e.end), x1 + 4);
        let lane = lanes.findIndex((endX) => endX < x1 - 1);
        if (lane < 0) lane = lanes.push(0) - 1;
        lanes[lane] = x2;
        const imprecise = e.precision !== 'day' || e.open;
        const a = s('a', { href: href('events', e.key) });
        const tt = s('title');
        tt.textContent = `${e.label} (${e.precision})`;
        a.append(tt, s('rect', { x: x1, y: y + lane * 9, width: x2 - x1, height: 7, fill: imprecise ? `url(#hatch-${ti})` : colour, stroke: colour, 'stroke-width': imprecise ? 0.8 : 0, 'stroke-dasharray': imprecise ? '2 2' : 'none', class: imprecise ? 'imprecise' : 'precise' }));
        svg.append(a);
      }
      const defs = s('defs');
      const pat = s('pattern', { id: `hatch-${ti}`, width: 4, height: 4, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
      pat.append(s('rect', { width: 4, height: 4, fill: '#fff' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 4, stroke: colour, 'stroke-width': 2, opacity: 0.5 }));
      defs.append(pat);
      svg.append(defs);
      y += Math.max(1, lanes.length) * 9 + 12;
    }
    svg.setAttribute('viewBox', `0 0 ${W} ${y + 4}`);
    const list = h('details', {}, h('summary', {}, `The ${shown.length} events as a list`));
    const ul = h('ul');
    for (const e of shown) ul.append(h('li', {}, h('a', { href: href('events', e.key) }, langText(e.label)), h('span', { class: 'meta' }, ` ${e.type}, ${e.precision}`)));
    list.append(ul);
    holder.replaceChildren(svg, list);
  };
  from.addEventListener('change', draw);
  to.addEventListener('change', draw);
  box.replaceChildren(h('p', { class: 'controls' }, h('label', { for: 'tl-from' }, 'From '), from, ' ', h('label', { for: 'tl-to' }, 'to '), to), holder);
  draw();
}

// ---------------------------------------------------------------- map
async function showMap(): Promise<void> {
  const box = document.getElementById('map-view')!;
  box.replaceChildren(h('p', { class: 'meta' }, 'Loading…'));
  const [atlas, ...parts] = await Promise.all([part<never>('atlas'), ...range(manifest.places).map((i) => part<Val[][]>(`p-${i}`))]);
  const places = parts.flatMap((p) => p ?? []);
  const W = 960;
  const H = 500;
  const projection = geoEqualEarth().fitSize([W, H], { type: 'Sphere' });
  const path = geoPath(projection);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'map-title', class: 'map' });
  const t = s('title', { id: 'map-title' });
  t.textContent = `Map of ${places.length} places with coordinates`;
  svg.append(t, s('path', { d: path({ type: 'Sphere' }) ?? '', class: 'sphere' }));
  const countries = feature(atlas, (atlas as { objects: { countries: never } }).objects.countries) as unknown as { features: unknown[] };
  for (const c of countries.features) svg.append(s('path', { d: path(c as never) ?? '', class: 'country' }));
  const ul = h('ul');
  for (const [key, label, lat, lon, kind] of places) {
    const xy = projection([Number(lon), Number(lat)]);
    if (!xy) continue;
    const a = s('a', { href: href('entities', String(key)) });
    const tt = s('title');
    tt.textContent = `${label} (${kind})`;
    a.append(tt, s('circle', { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: 4, class: 'place' }));
    svg.append(a);
    ul.append(h('li', {}, h('a', { href: href('entities', String(key)) }, langText(String(label))), h('span', { class: 'meta' }, ` ${kind}, ${lat}, ${lon}`)));
  }
  box.replaceChildren(h('div', { class: 'chart' }, svg), h('details', {}, h('summary', {}, `The ${places.length} places as a list`), ul));
}

// ---------------------------------------------------------------- routing and controls
function route(): void {
  const hash = decodeURIComponent(location.hash.slice(1));
  const view = document.getElementById('record')!;
  const [head, ...rest] = hash.split('/');
  if (head && rest.length && tableOf.has(head)) {
    void showRecord(head, rest.join('/'));
    return;
  }
  view.hidden = true;
  if (hash.startsWith('search?table=')) {
    chosen.table = hash.slice('search?table='.length);
    void runSearch();
  } else if (hash === 'timeline') void showTimeline();
  else if (hash === 'map') void showMap();
}

async function copy(text: string, button: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // file:// pages may not be given the clipboard API: fall back to a selection.
    const ta = h('textarea', {}, text) as HTMLTextAreaElement;
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
  const old = button.textContent;
  button.textContent = 'Copied';
  setTimeout(() => (button.textContent = old), 1500);
}

document.addEventListener('click', (ev) => {
  const el = (ev.target as HTMLElement).closest('button');
  if (!el) return;
  if (el.dataset.copy) void copy(el.dataset.copy, el);
  else if (el.dataset.copyFrom) void copy(document.getElementById(el.dataset.copyFrom)?.textContent ?? '', el);
  else if (el.dataset.load === 'timeline') void showTimeline();
  else if (el.dataset.load === 'map') void showMap();
  else if (el.dataset.more) {
    shownHits += PAGE_HITS;
    void runSearch();
  }
});
document.getElementById('search-form')!.addEventListener('submit', (ev) => {
  ev.preventDefault();
  shownHits = PAGE_HITS;
  void runSearch();
});
let typing: ReturnType<typeof setTimeout> | undefined;
document.getElementById('q')!.addEventListener('input', () => {
  clearTimeout(typing);
  shownHits = PAGE_HITS;
  typing = setTimeout(() => void runSearch(), 200);
});
document.getElementById('facets')!.addEventListener('change', (ev) => {
  const sel = ev.target as HTMLSelectElement;
  chosen[sel.dataset.facet as keyof Facets] = sel.value || undefined;
  shownHits = PAGE_HITS;
  void runSearch();
});
window.addEventListener('hashchange', route);
route();

/**
 * The page's buffers: the one sent out when the rows held pass the budget is
 * the one a scan of every buffer picks (the fullest, the first met of
 * several as full, the buffer just added to when it is as full as any); the
 * rows sent out wait in the spill file, so the page's parts are byte for
 * byte those of a budget that never runs out: one per bucket and table until
 * a part is full, however small the budget and however many the buckets.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Fullest, openPage, Spill } from '../pipeline/export/html.ts';
import type { Row } from '../pipeline/lib/schema.ts';
import type { SourceMeta } from '../pipeline/lib/sources.ts';
import { SCHEMA, tempDir } from './helpers.ts';

describe('the fullest of the page buffers', () => {
  it('is the one a scan of them all picks, through growth past the foreseen number', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const fullness = new Fullest(8); // fewer than the buffers met, so the tree grows
    const lengths = new Map<string, number>();
    const place = new Map<string, number>();
    for (let step = 0; step < 20_000; step++) {
      const name = `b-${random(40)}`;
      if (!place.has(name)) {
        place.set(name, fullness.add(name));
        lengths.set(name, 0);
      }
      lengths.set(name, lengths.get(name)! + 1);
      fullness.set(place.get(name)!, lengths.get(name)!);
      if (random(3) === 0) {
        let scanned = name;
        for (const [k, v] of lengths) if (v > lengths.get(scanned)!) scanned = k;
        const picked = fullness.max() > lengths.get(name)! ? fullness.first() : name;
        expect(picked).toBe(scanned);
        lengths.set(picked, 0);
        fullness.set(place.get(picked)!, 0);
      }
    }
  });
});

/** The page of `n` events, each with two participants (links to it and to an entity), in batches of `batch` rows. */
function pageOf(n: number, batch: number, options: { bufferRows?: number; partRows?: number; spillDir?: string }): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const sources = Array.from({ length: 16 }, (_, i) => ({ id: `s${i}`, language: 'en', preferred_citation: `Source ${i}.`, title: `S${i}` }) as SourceMeta);
  const page = openPage(SCHEMA, sources, (name, bytes) => void files.set(name, Buffer.from(bytes)), { buckets: 8, ...options });
  const blank = (table: string): Row => Object.fromEntries(SCHEMA.tables.find((t) => t.name === table)!.fields.map((f) => [f.name, null]));
  for (let start = 0; start < n; start += batch) {
    const events: Row[] = [];
    const entities: Row[] = [];
    const participants: Row[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const source_id = `s${i % 16}`;
      events.push({ ...blank('events'), event_id: `ev-${i}`, description: `Event ${i} <b>é😀</b>`, event_type: 'visit', source_id, date_start: '2020-01-01' });
      entities.push({ ...blank('entities'), entity_id: `en-${i}`, name_en: `Entity ${i}`, entity_type: 'person', source_id });
      for (const k of [i, (i * 7) % n]) participants.push({ ...blank('event_participants'), event_id: `ev-${i}`, entity_id: `en-${k}`, role: 'actor', source_id });
    }
    page.addRows('events', events);
    page.addRows('entities', entities);
    page.addRows('event_participants', participants);
  }
  page.close([]);
  return files;
}

describe('the rows over budget', () => {
  it('wait in the spill file, so the parts are those of an unbounded budget, with nothing left behind', () => {
    const spillDir = tempDir('crr-spill-');
    const unbounded = pageOf(3000, 97, { bufferRows: Infinity, partRows: 200 });
    const spilt = pageOf(3000, 97, { bufferRows: 25, partRows: 200, spillDir });
    expect(readdirSync(spillDir)).toEqual([]);
    expect([...spilt.keys()].sort()).toEqual([...unbounded.keys()].sort());
    for (const [name, bytes] of unbounded) expect(spilt.get(name)!.equals(bytes), name).toBe(true);
    // Every part of a buffer but its last is full: the parts are as few as the rows allow.
    const sizes = new Map<string, number[]>();
    for (const [name, bytes] of spilt) {
      const m = /^page\/([rl]-.+)-(\d+)\.js$/.exec(name);
      if (!m) continue;
      const text = bytes.toString();
      const rows = (JSON.parse(text.slice(text.indexOf(',') + 1, -3)) as unknown[]).length;
      sizes.set(m[1]!, Object.assign(sizes.get(m[1]!) ?? [], { [Number(m[2])]: rows }));
    }
    expect(sizes.size).toBe(8 * 4); // events, entities, participants and links, 8 buckets each
    for (const [buffer, rows] of sizes) expect(rows.slice(0, -1).every((r) => r === 200), buffer).toBe(true);
  });

  it('are read back from the file as they were appended, across its gathered writes', () => {
    const spill = new Spill(tempDir('crr-spill-'));
    const pieces = Array.from({ length: 300 }, (_, i) => Buffer.alloc((i * 7919) % 20000 + (i === 150 ? 2 << 20 : 1), i % 251));
    const at = pieces.map((p) => spill.append(p));
    for (const i of [299, 0, 150, 151, 37]) expect(spill.read(at[i]!, pieces[i]!.length).equals(pieces[i]!)).toBe(true);
    spill.close();
  });
});

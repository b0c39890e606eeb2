/**
 * The release page in Debian's Chromium: built into a temporary folder from
 * the article, and from a hand-written fixture whose text holds astral
 * characters, markup and hostile HTML, then opened from file://.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayText, hiddenMask, queryParts, termPart, type SearchManifest } from '../pipeline/export/page/shared.ts';
import { openPage, readableSize } from '../pipeline/export/html.ts';
import type { Row } from '../pipeline/lib/schema.ts';
import type { SourceMeta } from '../pipeline/lib/sources.ts';
import { buildInto, pySlice, SCHEMA, tempDir, tempPaths } from './helpers.ts';
import { readCsv } from './load.ts';

let browser: Browser;
let release: string;
let fixture: string;

const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
const FIXTURE_TEXT = `FIXTURE\n\nA first paragraph about nothing.\n\nOn 𠀀 day 😀 the [Ardenian](#) envoy paid \\$5 billion for 𠀁 things. ${HOSTILE} Then he left.\n\nLast paragraph.\n`;
const EVIDENCE = 'the [Ardenian](#) envoy paid \\$5 billion for 𠀁 things';

function fixtureRelease(): string {
  const dir = tempDir('crr-page-fixture-');
  const write = (name: string, bytes: Uint8Array): void => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  };
  const source = { id: 'fixture', language: 'en', preferred_citation: 'A fixture.', title: 'Fixture' } as SourceMeta;
  const page = openPage(SCHEMA, [source], write, { bufferRows: 2, partRows: 5 });
  page.addText('fixture', FIXTURE_TEXT);
  const start = Array.from(FIXTURE_TEXT).length - Array.from(FIXTURE_TEXT.slice(FIXTURE_TEXT.indexOf(EVIDENCE))).length;
  const events = SCHEMA.tables.find((t) => t.name === 'events')!;
  const row: Row = Object.fromEntries(events.fields.map((f) => [f.name, null]));
  Object.assign(row, {
    event_id: 'ev-20200101-00000001', section: 'narrative', sequence: 1, date_label: 'On 𠀀 day', date_start: '2020-01-01', date_end: '2020-01-31',
    date_precision: 'month', date_edtf: '2020-01', event_type: 'other', description: `Hostile ${HOSTILE}`, source_id: 'fixture',
    span_start: start, span_end: start + Array.from(EVIDENCE).length, evidence: EVIDENCE, extractor: 'test@1',
  });
  page.addRows('events', [row]);
  // More rows than the tiny budget below holds, so the fixture's parts are put together from the spill file.
  const blank = (table: string): Row => Object.fromEntries(SCHEMA.tables.find((t) => t.name === table)!.fields.map((f) => [f.name, null]));
  page.addRows('entities', Array.from({ length: 7 }, (_, i) => ({ ...blank('entities'), entity_id: `Q${i + 1}`, name_en: `Envoy ${i + 1}`, entity_type: 'person', source_id: 'fixture' })));
  page.addRows('events', Array.from({ length: 12 }, (_, i) => ({ ...row, event_id: `ev-20200102-0000000${i.toString(16)}`, sequence: i + 2, description: `Later event ${i + 1}` })));
  page.addRows('event_participants', Array.from({ length: 7 }, (_, i) => ({ ...blank('event_participants'), event_id: 'ev-20200101-00000001', entity_id: `Q${i + 1}`, role: 'actor', source_id: 'fixture' })));
  page.close([{ name: 'x.csv', bytes: 1234, sha256: 'a'.repeat(64) }]);
  return dir;
}

async function open(url: string, width = 1280): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, errors, requests };
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  ({ releaseDir: release } = await buildInto(tempPaths()));
  fixture = fixtureRelease();
}, 120_000);
afterAll(async () => browser?.close());

describe('the release page', () => {
  it('loads with no console error and asks nothing of the network', async () => {
    const { page, errors, requests } = await open(`file://${release}/index.html#timeline`);
    await page.locator('svg.timeline').waitFor();
    await page.goto(`file://${release}/index.html#map`);
    await page.locator('svg.map circle').first().waitFor();
    expect(errors).toEqual([]);
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    await page.close();
  });

  it('links every download to a file with the SHA-256 and size it states', async () => {
    const { page } = await open(`file://${release}/index.html`);
    const rows = await page.$$eval('table.files tbody tr', (trs) =>
      trs.map((tr) => ({ href: tr.querySelector('a')!.getAttribute('href')!, sha: tr.querySelector('code.hash')!.getAttribute('data-sha256')!, size: tr.querySelector('td.n')!.textContent! })),
    );
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      const bytes = readFileSync(path.join(release, decodeURIComponent(r.href)));
      expect(createHash('sha256').update(bytes).digest('hex'), r.href).toBe(r.sha);
      expect(r.size, r.href).toBe(readableSize(bytes.length));
    }
    const ld = JSON.parse(await page.$eval('script[type="application/ld+json"]', (s) => s.textContent!));
    expect(ld['@type']).toBe('Dataset');
    await page.close();
  });

  it('finds a known record by search and narrows it by a facet', async () => {
    const { page } = await open(`file://${release}/index.html`);
    await page.fill('#q', 'Vladivostok Eastern Economic Forum');
    await page.locator('a[href="#events/ev-20190905-b02e1da7"]').waitFor();
    await page.selectOption('#facet-table', 'events');
    await expect.poll(() => page.$$eval('.hits a', (as) => as.every((a) => a.getAttribute('href')!.startsWith('#events/')))).toBe(true);
    await page.close();
  });

  it('loads only the index part of a one-term query and the label parts of the hits it shows, and counts every hit in the facets', async () => {
    const html = readFileSync(path.join(release, 'index.html'), 'utf8');
    const search = (JSON.parse(/<script type="application\/json" id="manifest">(.*?)<\/script>/s.exec(html)![1]!) as { search: SearchManifest }).search;
    expect(search.parts.length).toBeGreaterThan(8);
    const { page, errors, requests } = await open(`file://${release}/index.html`);
    await page.fill('#q', 'Vladivostok');
    await page.locator('a[href="#events/ev-20190905-b02e1da7"]').waitFor();
    const index = await page.$$eval('script[src^="page/s-"]', (ss) => ss.map((s) => s.getAttribute('src')));
    expect(index).toEqual([`page/s-${termPart('vladivostok', search)}.js`]);
    expect(requests.filter((u) => /\/page\/s-/.test(u))).toHaveLength(1);
    // The facets of the hits come with the index part: no facet part is read for a query.
    expect(await page.locator('script[src^="page/f-"]').count()).toBe(0);
    const options = await page.$$eval('#facet-table option', (os) => os.map((o) => Number(/\((\d+)\)$/.exec(o.textContent!)![1])));
    const total = Number((await page.locator('#hit-count').textContent())!.split(' ')[0]);
    expect(total).toBeGreaterThan(1);
    expect(options[0]).toBe(total);
    expect(options.slice(1).reduce((a, b) => a + b, 0)).toBe(total);
    const hits = await page.locator('.hits li').count();
    const labels = await page.locator('script[src^="page/d-"]').count();
    expect(labels).toBeGreaterThan(0);
    expect(labels).toBeLessThanOrEqual(hits);
    expect(labels).toBeLessThan(search.labelParts);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers a one-letter prefix from that letter\'s parts alone', async () => {
    const html = readFileSync(path.join(release, 'index.html'), 'utf8');
    const search = (JSON.parse(/<script type="application\/json" id="manifest">(.*?)<\/script>/s.exec(html)![1]!) as { search: SearchManifest }).search;
    const { page, errors } = await open(`file://${release}/index.html`);
    await page.fill('#q', 'v');
    await page.locator('a[href="#events/ev-20190905-b02e1da7"]').waitFor();
    const index = await page.$$eval('script[src^="page/s-"]', (ss) => ss.map((s) => s.getAttribute('src')!));
    const allowed = queryParts('v', search).filter((p) => search.parts.includes(p)).map((p) => `page/s-${p}.js`);
    expect(index.sort()).toEqual(allowed.sort());
    expect(index.length).toBeLessThan(search.parts.length);
    expect(Number((await page.locator('#hit-count').textContent())!.split(' ')[0])).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a record with its evidence marked in its paragraph', async () => {
    const events = readCsv(path.join(release, 'events.csv'));
    const ev = events.find((e) => e.event_id === 'ev-20190905-b02e1da7')!;
    const { page, errors } = await open(`file://${release}/index.html#events/${ev.event_id}`);
    const mark = page.locator('#record mark');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(displayText(ev.evidence!));
    expect(await page.locator('#record .source-text').textContent()).toContain(await mark.textContent());
    expect(await page.locator('#record').textContent()).toContain('Cite this record');
    expect(await page.locator('#record').textContent()).toContain(`urn:x-china-russia-relations:events/${ev.event_id}`);
    // Its participants, reached through links that point to it.
    await page.locator('#record a[href^="#event_participants/"]').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows both sides of a conflict, each in its own sentence', async () => {
    const conflict = readCsv(path.join(release, 'conflicts.csv'))[0]!;
    const { page } = await open(`file://${release}/index.html#conflicts/${conflict.conflict_id}`, 390);
    await page.locator('#record .sides figure').nth(1).waitFor();
    const marks = await page.$$eval('#record .sides mark', (ms) => ms.map((m) => m.textContent));
    expect(marks).toEqual([displayText(conflict.evidence_a!), displayText(conflict.evidence_b!)]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(tempDir('crr-shot-'), 'conflict-390.png') });
    await page.close();
  });

  it('has no sideways scroll at 390 px, and landmarks, a skip link and captions', async () => {
    const { page } = await open(`file://${release}/index.html`, 390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('nav').count()).toBeGreaterThan(0);
    expect(await page.locator('a.skip[href="#main"]').count()).toBe(1);
    expect(await page.locator('table:not(:has(caption))').count()).toBe(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await page.close();
  });

  it('marks a span with astral characters exactly, and shows the article markup as text', async () => {
    const { page, errors } = await open(`file://${fixture}/index.html#events/ev-20200101-00000001`);
    const mark = page.locator('#record mark');
    await mark.waitFor();
    expect(await mark.textContent()).toBe('the Ardenian envoy paid $5 billion for 𠀁 things');
    expect(displayText(EVIDENCE)).toBe('the Ardenian envoy paid $5 billion for 𠀁 things');
    expect(pySlice(FIXTURE_TEXT, 0, 7)).toBe('FIXTURE');
    expect(await page.locator('#record .source-text').textContent()).toContain('On 𠀀 day 😀 the Ardenian envoy');
    expect(await page.locator('#record [lang="zh"]').first().textContent()).toBe('𠀀');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds a record and its links in parts put together from the spill file', async () => {
    const parts = readdirSync(path.join(fixture, 'page')).filter((f) => /^[rl]-/.test(f)).sort();
    expect(parts).toContain('r-events-0-2.js'); // 13 events in parts of 5
    const { page, errors } = await open(`file://${fixture}/index.html#events/ev-20200101-00000001`);
    await page.locator('#record a[href="#event_participants/ev-20200101-00000001/Q7"]').waitFor();
    expect(await page.locator('#record a[href^="#event_participants/"]').count()).toBe(7);
    await page.goto(`file://${fixture}/index.html#events/ev-20200102-0000000b`);
    await page.locator('#record').getByText('Later event 12').first().waitFor();
    await page.goto(`file://${fixture}/index.html#entities/Q7`);
    await page.locator('#record').getByText('Envoy 7').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps hostile text inert', async () => {
    const { page } = await open(`file://${fixture}/index.html#events/ev-20200101-00000001`);
    await page.locator('#record mark').waitFor();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#record img, #record script').count()).toBe(0);
    expect(await page.locator('#record').textContent()).toContain('onerror=');
    await page.close();
  });
});

describe('the markup shown as text', () => {
  it('hides link brackets and escape backslashes, and nothing else', () => {
    expect(displayText('[Putin](#) paid \\$1 and \\\\$2 [not a link] (#)')).toBe('Putin paid $1 and $2 [not a link] (#)');
    expect([...hiddenMask(Array.from('a[b](#)'))]).toEqual([0, 1, 0, 1, 1, 1, 1]);
  });
});

/**
 * What a chronology's heading or order contradicts is listed for a curator,
 * with its line: an entry dated outside the period, an entry dated before
 * the one above it, an entry whose link markup is cut. The records stay as
 * the text gives them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNormalize } from '../pipeline/normalize/stage.ts';
import { sha256 } from '../pipeline/lib/sources.ts';
import { ARTICLE, ARTICLE_ID, context, copySources, readJsonlFile, ROOT, tempPaths } from './helpers.ts';

/** A copy of the article with its text edited and its pin updated. */
function editedArticle(edit: (text: string) => string): string {
  const sources = copySources([path.join(ROOT, 'sources', ARTICLE_ID), path.join(ROOT, 'sources', 'registry')]);
  const file = path.join(sources, ARTICLE_ID, path.basename(ARTICLE));
  const bytes = Buffer.from(edit(readFileSync(file, 'utf8')));
  writeFileSync(file, bytes);
  const meta = path.join(sources, ARTICLE_ID, 'source.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^sha256: .*$/m, `sha256: ${sha256(bytes)}`).replace(/^bytes: .*$/m, `bytes: ${bytes.length}`));
  return sources;
}

async function curatorItems(sources: string): Promise<{ kind: string; line: number | null; surface: string; reason: string }[]> {
  const paths = tempPaths(sources);
  await runNormalize(context(paths));
  return readJsonlFile(path.join(paths.build, 'curation', 'curator-list.jsonl'));
}

describe('chronology checks', () => {
  it('list an entry outside the period, one out of order and one cut mid-link, each with its line', async () => {
    const sources = editedArticle((t) =>
      t
        .replace('Sept. 5, 2019: Russian President', 'Sept. 5, 2018: Russian President')
        .replace('Dec. 22, 2019: [Lavrov](#) tells', 'Nov. 2, 2019: [Lavrov](#) tells')
        .replace('on the sidelines of the G20 foreign ministerial meeting.', 'on the sidelines of the [G20 foreign ministerial meeting.'),
    );
    const items = (await curatorItems(sources)).filter((c) => c.kind.startsWith('chronology_'));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'chronology_outside_period', line: 209, surface: 'Sept. 5, 2018' }));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'chronology_out_of_order', line: 279, surface: 'Nov. 2, 2019' }));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'chronology_cut_link', line: 257 }));
    expect(items.find((c) => c.kind === 'chronology_outside_period')!.reason).toContain('2018-09-05');
  }, 120_000);

  it('list nothing for the article as it is', async () => {
    const items = (await curatorItems(path.join(ROOT, 'sources'))).filter((c) => c.kind.startsWith('chronology_'));
    expect(items).toEqual([]);
  }, 120_000);
});

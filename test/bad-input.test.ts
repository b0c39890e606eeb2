import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLE_ID, copySources, failedBuild, ROOT, snapshot, tempPaths } from './helpers.ts';

const ARTICLE_DIR = path.join(ROOT, 'sources', ARTICLE_ID);
const TEXT = '000_fa4ab24074eee98d.txt';

/**
 * A copy of the article whose text is edited, with source.yaml re-pinned to
 * the edited bytes so that the edit reaches the stage under test.
 */
function editedArticle(edit: (text: string) => string): string {
  const dir = copySources([ARTICLE_DIR]);
  const folder = path.join(dir, ARTICLE_ID);
  const text = Buffer.from(edit(readFileSync(path.join(folder, TEXT), 'utf8')));
  const hash = createHash('sha256').update(text).digest('hex');
  writeFileSync(path.join(folder, TEXT), text);
  const meta = path.join(folder, 'source.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^sha256: .*$/m, `sha256: ${hash}`).replace(/^bytes: .*$/m, `bytes: ${text.length}`));
  return dir;
}

describe('bad input: a clear error with its code, and dist/ untouched', () => {
  it('a source whose hash does not match', async () => {
    const dir = copySources([ARTICLE_DIR]);
    const file = path.join(dir, ARTICLE_ID, TEXT);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Hu Chunhua', 'Hu Chunhau'));
    const { error, distUntouched } = await failedBuild(dir);
    expect(error.code).toBe('source/hash-mismatch');
    expect(error.message).toContain(`sources/${ARTICLE_ID}/${TEXT}`.replace('sources/', ''));
    expect(error.message).toContain('58e197b8e6d812e1f031146f943914610b35b865e7ed2ec3091ec1a914d20443');
    expect(distUntouched).toBe(true);
  });

  it('a truncated source file', async () => {
    const dir = copySources([ARTICLE_DIR]);
    const file = path.join(dir, ARTICLE_ID, TEXT);
    writeFileSync(file, readFileSync(file).subarray(0, 30000));
    const { error, distUntouched } = await failedBuild(dir);
    expect(error.code).toBe('source/truncated');
    expect(error.message).toContain('30000 of 49201 bytes');
    expect(distUntouched).toBe(true);
  });

  it('an impossible date, named with its line', async () => {
    const { error, distUntouched } = await failedBuild(editedArticle((t) => t.replace('Sept. 27, 2019: Wang', 'Sept. 31, 2019: Wang')));
    expect(error.code).toBe('date/invalid');
    expect(error.details.line).toBe(225);
    expect(error.details.value).toBe('Sept. 31, 2019');
    expect(error.message).toContain(`${ARTICLE_ID}/${TEXT}:225`);
    expect(distUntouched).toBe(true);
  });

  it('an unreadable date label', async () => {
    const { error, distUntouched } = await failedBuild(editedArticle((t) => t.replace('Dec. 31, 2019: Russian', 'Late Dec. 2019: Russian')));
    expect(error.code).toBe('date/unreadable');
    expect(error.details.value).toBe('Late Dec. 2019');
    expect(distUntouched).toBe(true);
  });

  it('a chronology entry with no text', async () => {
    const { error, distUntouched } = await failedBuild(editedArticle((t) => t.replace(/Dec\. 31, 2019: .*$/m, 'Dec. 31, 2019:')));
    expect(error.code).toBe('chronology/empty-entry');
    expect(error.details.line).toBe(283);
    expect(distUntouched).toBe(true);
  });

  it('a source with no chronology', async () => {
    const { error } = await failedBuild(editedArticle((t) => t.replace('CHRONOLOGY OF', 'TIMELINE OF')));
    expect(error.code).toBe('chronology/missing');
  });
});

describe('the command line', () => {
  it('exits 1 and prints the code, file and value; writes nothing', () => {
    const dir = copySources([ARTICLE_DIR]);
    writeFileSync(path.join(dir, ARTICLE_ID, TEXT), 'not the article');
    const out = tempPaths();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', 'build', '--sources', dir, '--build', out.build, '--dist', out.dist], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('[source/truncated]');
    expect(r.stderr).toContain('15 of 49201 bytes');
    expect(snapshot(out.dist).size).toBe(0);
  });

  it('a stage run before the one it reads first brings that one up to date', () => {
    const out = tempPaths();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', 'normalize', '--build', out.build, '--dist', out.dist], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^extract: read 1 source\(s\) .*\(0 unchanged, 1 extracted\)/m);
    expect(r.stdout).toMatch(/^normalize: read 1 source\(s\) .*\(0 unchanged, 1 normalized\)/m);
    expect(existsSync(out.dist)).toBe(false);
  });
});

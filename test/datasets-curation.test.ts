import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../pipeline/build.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { ARTICLE_ID, context, copySources, ROOT, tempPaths } from './helpers.ts';

const ARTICLE_DIR = path.join(ROOT, 'sources', ARTICLE_ID);
const REGISTRY = path.join(ROOT, 'sources', 'registry');
const CHAPTER = path.join(ROOT, 'test', 'fixtures', 'datasets', 'sources', 'au-id-2017-fixture');

async function buildError(sources: string): Promise<PipelineError> {
  try {
    await runBuild(context(tempPaths(sources)));
  } catch (e) {
    if (e instanceof PipelineError) return e;
    throw e;
  }
  throw new Error('expected the build to stop with a PipelineError');
}

describe('curation stays with its source', () => {
  it('refuses the article\'s curation.yaml copied beside another chapter: its quotes are not that chapter\'s words', async () => {
    const sources = copySources([ARTICLE_DIR, REGISTRY, CHAPTER]);
    cpSync(path.join(ARTICLE_DIR, 'curation.yaml'), path.join(sources, 'au-id-2017-fixture', 'curation.yaml'));
    const e = await buildError(sources);
    expect(e.code).toBe('source/quote-not-found');
    expect(e.details.file).toMatch(/(^|\/)au-id-2017-fixture\/curation\.yaml$/);
    expect(e.details.expected).toContain('a curation file may quote only its own source');
  });

  it('refuses a curated claim that names another source\'s event, even when its quotes are found, naming the file', async () => {
    // A second source with the article's very words: the quotes are found, but the events it names are the article's.
    const sources = copySources([ARTICLE_DIR, REGISTRY]);
    const copy = path.join(sources, 'cc-21-3-copy');
    cpSync(path.join(sources, ARTICLE_ID), copy, { recursive: true });
    const meta = path.join(copy, 'source.yaml');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace(`id: ${ARTICLE_ID}`, 'id: cc-21-3-copy'));
    // The article itself has no curation here, so the copy's file is the only one that names these events.
    rmSync(path.join(sources, ARTICLE_ID, 'curation.yaml'));
    const e = await buildError(sources);
    expect(e.code).toBe('curation/foreign-record');
    expect(e.details.file).toMatch(/(^|\/)cc-21-3-copy\/curation\.yaml$/);
    expect(e.details.value).toBe('ev-20190916-435c3b5c');
    expect(e.message).toContain('not a record of its source cc-21-3-copy');
  });

  it('keeps the article\'s own curated claims: they name its own events', async () => {
    const paths = tempPaths(copySources([ARTICLE_DIR, REGISTRY]));
    await runBuild(context(paths));
    const claims = readFileSync(path.join(paths.build, 'normalize', ARTICLE_ID, 'claims.jsonl'), 'utf8');
    expect(claims).toContain('"subject_id":"ev-20190916-435c3b5c"');
  });
});

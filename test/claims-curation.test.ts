import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../pipeline/lib/errors.ts';
import { ARTICLE_ID, copySources, failedBuild, ROOT } from './helpers.ts';
import { buildInvented, chapter } from './invented.ts';

const ARTICLE_DIR = path.join(ROOT, 'sources', ARTICLE_ID);

/** The article with more `claims:` statements appended to its curation.yaml; the build's error, and whether dist/ stayed as it was. */
async function buildWithCuration(statements: string): Promise<{ error: PipelineError; distUntouched: boolean }> {
  const sources = copySources([ARTICLE_DIR, path.join(ROOT, 'sources', 'registry')]);
  appendFileSync(path.join(sources, ARTICLE_ID, 'curation.yaml'), statements);
  return failedBuild(sources);
}

describe('curated claims: bad input stops the build with a stable code', () => {
  it('a curated quote that occurs twice', async () => {
    // "130,000 soldiers" stands in the narrative and in the chronology.
    const { error, distUntouched } = await buildWithCuration('  - quote: "130,000 soldiers"\n    value: "130,000 soldiers"\n    subject: center-2019\n');
    expect(error.code).toBe('source/quote-not-found');
    expect(error.message).toContain('occurs 2 times');
    expect(error.details.file).toContain(`${ARTICLE_ID}/curation.yaml`);
    expect(distUntouched).toBe(true);
  });

  it('a value that is not in its quote', async () => {
    const { error } = await buildWithCuration('  - quote: Located 450 km downstream\n    value: 540 km\n    subject: power-of-siberia\n');
    expect(error.code).toBe('source/quote-not-found');
    expect(error.details.value).toBe('540 km');
  });

  it('a quote that holds no figure', async () => {
    const { error } = await buildWithCuration('  - quote: Bridges Too Far?\n    value: Bridges\n    subject: power-of-siberia\n');
    expect(error.code).toBe('source/quote-not-found');
    expect(error.message).toContain('holds no figure');
  });

  it('a subject that is neither an entity nor an event', async () => {
    const { error } = await buildWithCuration('  - quote: Located 450 km downstream\n    value: 450 km\n    subject: atlantis\n');
    expect(error.code).toBe('registry/invalid');
    expect(error.details.value).toBe('atlantis');
  });

  it('a rank without a reason, or a rank Wikidata does not have', async () => {
    expect((await buildWithCuration('  - quote: Located 450 km downstream\n    value: 450 km\n    rank: preferred\n')).error.code).toBe('source/invalid-metadata');
    expect((await buildWithCuration('  - quote: Located 450 km downstream\n    value: 450 km\n    rank: best\n    reason: x\n')).error.code).toBe('source/invalid-metadata');
  });
});

describe('the curator list for figures', () => {
  const extra = ' Borvia sent 12 gunboats to the exercise.';

  it('lists a number whose unit is unknown, and makes a claim once a curator gives the unit', async () => {
    const first = await buildInvented(chapter({ planted: false, extra }));
    expect(first.curator.filter((c) => c.kind === 'unknown_unit')).toMatchObject([{ surface: '12 gunboats', source_id: 'ardenia-borvia-energy' }]);
    expect(first.csv('claims').some((c) => c.value_as_stated === '12 gunboats')).toBe(false);
    expect(first.lines.join('\n')).toContain('1 number(s) with an unknown unit');

    const curated = await buildInvented(chapter({ planted: false, extra }), 'claims:\n  - quote: sent 12 gunboats\n    value: 12 gunboats\n    unit: ship\n');
    expect(curated.curator.filter((c) => c.kind === 'unknown_unit')).toEqual([]);
    expect(curated.csv('claims').find((c) => c.value_as_stated === '12 gunboats')).toMatchObject({
      property: 'ships',
      unit_as_stated: 'gunboats',
      unit_canonical: 'count',
      value_canonical: '12',
      // "Borvia sent 12 gunboats to the exercise": Borvia's contingent in the exercise the chapter names, not Borvia's fleet.
      subject_id: 'winter-shield-2021',
      subject_rule: 'contingent',
      party_id: 'borvia',
    });
  });

  it('lists a figure no rule attaches, keeps its row with no subject, and attaches it as curated', async () => {
    const text = chapter({ planted: false, extra: ' A five-year plan was adopted.' });
    const first = await buildInvented(text);
    expect(first.curator.filter((c) => c.kind === 'unattached_number')).toMatchObject([{ surface: 'five-year' }]);
    expect(first.csv('claims').find((c) => c.value_as_stated === 'five-year')).toMatchObject({ subject_id: '', subject_rule: '', property: 'duration' });

    const curated = await buildInvented(text, 'claims:\n  - quote: A five-year plan\n    value: five-year\n    subject: amber-line\n');
    expect(curated.curator.filter((c) => c.kind === 'unattached_number')).toEqual([]);
    expect(curated.csv('claims').find((c) => c.value_as_stated === 'five-year')).toMatchObject({ subject_id: 'amber-line', subject_table: 'entities', subject_rule: 'curated' });
  });
});

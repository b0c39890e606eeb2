/**
 * The normalize stage: build/extract/<id>/ → build/normalize/<id>/<table>.jsonl
 * for every source, then the tables over all sources (sources, entities),
 * the curator list and the coverage report.
 *
 * The steps are declared in their files; this is their list. The steps of
 * scope `source` run per source as one unit of work, cached under a key of
 * the source's extract key and their own labels; the steps of scope
 * `dataset` run after, on every source's cached results.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXTRACT_STEPS, extractKey, pruneUnits, sourceFolders, stepFile, runExtract } from '../extract/stage.ts';
import { elapsed, type Paths, type StageContext } from '../lib/context.ts';
import { PipelineError } from '../lib/errors.ts';
import { jsonlText, readJsonl } from '../lib/jsonl.ts';
import { runUnits, type UnitResult } from '../lib/pool.ts';
import { Resources } from '../lib/resources.ts';
import { cachedManifest, runSteps, unitKey, writeUnit } from '../lib/runner.ts';
import { rel } from '../lib/sources.ts';
import type { Step } from '../lib/step.ts';
import { STEP as claims } from './claims.ts';
import { STEP as conflicts } from './conflicts.ts';
import { coverageLine, mergeCoverage, STEP as coverage, type Coverage } from './coverage.ts';
import { STEP as entities } from './entities.ts';
import { STEP as entityNames } from './entity-names.ts';
import { STEP as entityUsage, type EntityUsage } from './entity-usage.ts';
import { STEP as eventCodes } from './event-codes.ts';
import { STEP as eventTable } from './event-table.ts';
import { STEP as events } from './events.ts';
import { STEP as mentions, type CuratorEntry } from './mentions.ts';
import { STEP as narrativeEvents } from './narrative-events.ts';
import { STEP as participants } from './participants.ts';
import { STEP as quotes } from './quotes.ts';
import { STEP as sources } from './sources.ts';
import { STEP as terms } from './terms.ts';

/** Steps run once per source. */
export const SOURCE_STEPS: readonly Step[] = [events, narrativeEvents, mentions, participants, eventTable, quotes, claims, conflicts, eventCodes, terms, entityUsage, coverage];
/** Steps run once over all sources, after the per-source ones. */
export const DATASET_STEPS: readonly Step[] = [sources, entities, entityNames];

/** Tables made per source (build/normalize/<id>/<table>.jsonl) and over all sources (build/normalize/<table>.jsonl). */
export const SOURCE_TABLES = SOURCE_STEPS.filter((s) => s.table).map((s) => s.table!);
export const DATASET_TABLES = DATASET_STEPS.filter((s) => s.table).map((s) => s.table!);

const CURATION = 'curation.jsonl';
const USAGE = 'entity-usage.jsonl';
const COVERAGE = 'coverage.json';

function readUnitFile<T>(paths: Paths, stage: string, id: string, file: string): T[] {
  return readJsonl<T>(path.join(paths.build, stage, id, file), paths.root, stage);
}

export function normalizeKey(paths: Paths, id: string): string {
  return unitKey('normalize', SOURCE_STEPS, [`extract ${extractKey(paths, id)}`]);
}

export function normalizeCached(paths: Paths, id: string): UnitResult | null {
  const key = normalizeKey(paths, id);
  const m = cachedManifest(path.join(paths.build, 'normalize', id), key);
  return m ? { id, key, hit: true, counts: m.files } : null;
}

/** One source through the per-source normalize steps (in a worker thread or in-process). */
export function normalizeUnit(paths: Paths, id: string, resources: Resources): UnitResult {
  const key = normalizeKey(paths, id);
  const extracted = cachedManifest(path.join(paths.build, 'extract', id), extractKey(paths, id));
  if (!extracted) {
    throw new PipelineError('stage/stale-input', `the extract outputs of ${id} were not made from the source as it is now`, {
      file: rel(paths.root, path.join(paths.build, 'extract', id)),
      expected: 'run `npm run extract` (or `npm run build`) first',
    });
  }
  const given = new Map<string, unknown>([['paths', paths]]);
  for (const step of EXTRACT_STEPS) given.set(step.id, readUnitFile(paths, 'extract', id, stepFile(step)));
  const outputs = runSteps(SOURCE_STEPS, given, resources);
  const files = new Map<string, string>();
  const counts: Record<string, number> = {};
  const put = (name: string, records: unknown[]): void => {
    files.set(name, jsonlText(records));
    counts[name] = records.length;
  };
  for (const step of SOURCE_STEPS) if (step.table) put(`${step.table}.jsonl`, (outputs.get(step.id) as { rows: unknown[] }).rows);
  put(CURATION, SOURCE_STEPS.flatMap((s) => (outputs.get(s.id) as { curation?: CuratorEntry[] }).curation ?? []));
  put(USAGE, outputs.get(entityUsage.id) as EntityUsage[]);
  files.set(COVERAGE, `${JSON.stringify(outputs.get(coverage.id), null, 2)}\n`);
  counts[COVERAGE] = 1;
  writeUnit(path.join(paths.build, 'normalize', id), key, SOURCE_STEPS, files, counts, paths.root);
  return { id, key, hit: false, counts };
}

/** The key of the whole normalize output: every source's unit key and the dataset steps. */
export function datasetKey(units: UnitResult[]): string {
  return unitKey('normalize-dataset', DATASET_STEPS, units.map((u) => `unit ${u.id} ${u.key}`));
}

export interface NormalizeResult {
  ids: string[];
  units: UnitResult[];
  key: string;
}

export async function runNormalize(ctx: StageContext): Promise<NormalizeResult> {
  const { paths, log } = ctx;
  // What this stage reads must be current: the extract stage recomputes
  // what changed (and only that) before anything here is read.
  await runExtract(ctx);
  const t0 = performance.now();
  const ids = sourceFolders(paths);
  const resources = new Resources(paths).activate();
  // Read by the workers too: made once here, before any unit is computed, so that no worker reads the gazetteer.
  const prepare = (): void => void resources.get('entity-profiles');
  const units = await runUnits({ stage: 'normalize', paths }, ids, (id) => normalizeUnit(paths, id, resources), (id) => normalizeCached(paths, id), log, prepare);
  const dir = path.join(paths.build, 'normalize');
  pruneUnits(dir, ids);

  // The steps over all sources run again only when their key changed: it is
  // made of every source's unit key and the dataset steps' labels (their code
  // and the registry, gazetteer and schema files they read), so a matching
  // manifest whose files all hash as recorded was made from these inputs.
  const key = datasetKey(units);
  const curationFile = path.join(paths.build, 'curation', 'curator-list.jsonl');
  const coverageFile = path.join(paths.build, 'coverage.json');
  const fromDir = (f: string): string => path.relative(dir, f).split(path.sep).join('/');
  const kept = cachedManifest(dir, key);
  const datasetHit = kept !== null && fromDir(curationFile) in kept.files && fromDir(coverageFile) in kept.files;
  let counts: Record<string, number>;
  let curation: CuratorEntry[];
  let merged: Coverage;
  if (datasetHit) {
    counts = kept.files;
    curation = readJsonl<CuratorEntry>(curationFile, paths.root, 'normalize');
    merged = JSON.parse(readFileSync(coverageFile, 'utf8')) as Coverage;
  } else {
    counts = {};
    const given = new Map<string, unknown>([['paths', paths]]);
    given.set('extract/source', ids.flatMap((id) => readUnitFile(paths, 'extract', id, 'source.jsonl')));
    given.set('extract/chronology', ids.flatMap((id) => readUnitFile(paths, 'extract', id, 'chronology.jsonl')));
    given.set(entityUsage.id, ids.flatMap((id) => readUnitFile<EntityUsage>(paths, 'normalize', id, USAGE)));
    const outputs = runSteps(DATASET_STEPS, given, resources);
    const written = new Map<string, string>();
    for (const step of DATASET_STEPS) {
      const out = outputs.get(step.id) as { rows: unknown[] };
      written.set(`${step.table}.jsonl`, jsonlText(out.rows));
      counts[`${step.table}.jsonl`] = out.rows.length;
    }
    curation = [
      ...ids.flatMap((id) => readUnitFile<CuratorEntry>(paths, 'normalize', id, CURATION)),
      ...DATASET_STEPS.flatMap((s) => (outputs.get(s.id) as { curation?: CuratorEntry[] }).curation ?? []),
    ];
    merged = mergeCoverage(ids.map((id) => JSON.parse(readFileSync(path.join(dir, id, COVERAGE), 'utf8')) as Coverage));
    // The curator list and the coverage report lie beside build/normalize/; the manifest names them from there.
    written.set(fromDir(curationFile), jsonlText(curation));
    written.set(fromDir(coverageFile), `${JSON.stringify(merged, null, 2)}\n`);
    counts[fromDir(curationFile)] = curation.length;
    counts[fromDir(coverageFile)] = 1;
    writeUnit(dir, key, DATASET_STEPS, written, counts, paths.root);
  }
  const totals = new Map<string, number>();
  for (const u of units) for (const t of SOURCE_TABLES) totals.set(t, (totals.get(t) ?? 0) + (u.counts[`${t}.jsonl`] ?? 0));
  for (const t of DATASET_TABLES) totals.set(t, counts[`${t}.jsonl`] ?? 0);
  const hits = units.filter((u) => u.hit).length;
  log(
    `normalize: read ${ids.length} source(s) from ${rel(paths.root, path.join(paths.build, 'extract'))}/ (${hits} unchanged, ${units.length - hits} normalized); tables over all sources ${datasetHit ? 'unchanged' : 'made'}; ` +
      `wrote ${rel(paths.root, dir)}/ ${[...totals].map(([t, n]) => `${t} (${n})`).join(', ')} in ${elapsed(t0)}`,
  );
  const count = (k: string) => curation.filter((c) => c.kind === k).length;
  log(
    `normalize: curator list ${rel(paths.root, curationFile)}: ${curation.length} item(s) — ${count('ambiguous_short_form')} ambiguous short form(s), ` +
      `${count('original_name_without_entity')} original-language name(s) with no registry entity, ${count('bad_original_name')} bad parenthesis shape(s), ` +
      `${count('gazetteer_miss')} gazetteer miss(es), ${count('registry_entry_unused')} registry entr(ies) no source mentions, ` +
      `${count('unclosed_quotation')} unclosed and ${count('unattributed_quotation')} unattributed quotation(s), ` +
      `${count('unknown_unit')} number(s) with an unknown unit, ${count('unattached_number')} number(s) with no subject, ` +
      `${count('chronology_outside_period') + count('chronology_out_of_order') + count('chronology_cut_link')} chronology entr(ies) outside the period, out of order or cut mid-link`,
  );
  log(`normalize: coverage ${coverageLine(merged)}; wrote ${rel(paths.root, coverageFile)}`);
  return { ids, units, key };
}

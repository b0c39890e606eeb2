/** The normalize stage: build/extract/ → build/normalize/<table>.jsonl, and the curator list. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ChronologyEntry, ChronologyFinding, ChronologyPeriod } from '../extract/chronology.ts';
import type { CuratedStatement } from '../extract/curation.ts';
import type { MentionFinding } from '../extract/mentions.ts';
import type { NumberFinding } from '../extract/numbers.ts';
import type { SentenceFinding } from '../extract/sentences.ts';
import { PipelineError } from '../lib/errors.ts';
import type { OriginalName } from '../extract/original-names.ts';
import type { SourceFinding } from '../extract/source.ts';
import { elapsed, type StageContext } from '../lib/context.ts';
import { readJsonl, writeJsonl } from '../lib/jsonl.ts';
import { loadRegistry } from '../lib/registry.ts';
import { loadSchema, type Row } from '../lib/schema.ts';
import { rel } from '../lib/sources.ts';
import { loadPropertyRules, loadUnits } from '../lib/units.ts';
import { buildClaims, claimPins } from './claims.ts';
import { findConflicts } from './conflicts.ts';
import { computeCoverage, coverageLine } from './coverage.ts';
import { buildEntities } from './entities.ts';
import { codeEvents, type EventCoding } from './event-codes.ts';
import { normalizeEvents } from './events.ts';
import { attributeQuotes } from './quotes.ts';
import { buildTerms } from './terms.ts';
import type { Quotation } from '../extract/quotations.ts';
import { linkToChronology, normalizeNarrativeEvents } from './narrative-events.ts';
import { parsePeriodLabel } from './dates.ts';
import type { NarrativeDate } from '../extract/narrative-dates.ts';
import { attachOriginalNames, mentionRows, resolveMentions, type EventSpan } from './mentions.ts';
import { compileRoleRules, participantsAndPlaces } from './participants.ts';
import { normalizeSources } from './sources.ts';

export function runNormalize({ paths, log }: StageContext): void {
  const t0 = performance.now();
  const schema = loadSchema(paths.schema, paths.root);
  const registry = loadRegistry(paths.sources, paths.root);
  const inDir = path.join(paths.build, 'extract');
  const read = <T>(step: string): T[] => readJsonl<T>(path.join(inDir, `${step}.jsonl`), paths.root, 'extract');
  const sources = read<SourceFinding>('source');
  const chronology = read<ChronologyFinding>('chronology');
  const originals = read<OriginalName>('original-names');
  const found = read<MentionFinding>('mentions');
  const curated = read<CuratedStatement>('curation');
  const sentences = read<SentenceFinding>('sentences');
  const numbers = read<NumberFinding>('numbers');
  const entries = chronology.filter((f): f is ChronologyEntry => f.kind === 'chronology_entry');
  const periods = chronology.filter((f): f is ChronologyPeriod => f.kind === 'chronology_period');
  const files = new Map(sources.map((s) => [s.source_id, s.text_path]));
  const fileOf = (id: string): string => files.get(id) ?? id;
  const vocab = (name: string) => {
    const v = schema.vocabularies[name];
    if (!v) throw new Error(`schema has no ${name} vocabulary`);
    return v;
  };

  const chronologyEvents = normalizeEvents({ entries, periods, eventTypes: vocab('event_type'), fileOf });
  const periodOf = new Map(periods.map((p) => [p.source_id, parsePeriodLabel(p.period_label, { file: fileOf(p.source_id), line: p.line })]));
  const narrativeDates = read<NarrativeDate>('narrative-dates');
  const narrative = normalizeNarrativeEvents(narrativeDates, periodOf, vocab('event_type'), fileOf);
  // Each narrative event governs its part of the sentence (see extract/narrative-dates.ts).
  const segments = new Map(narrative.map((e, i) => [String(e.event_id), { start: narrativeDates[i]!.segment_start, end: narrativeDates[i]!.segment_end, date_at: narrativeDates[i]!.date_at }]));
  const events = [...chronologyEvents, ...narrative];
  // A mention's event_id names the chronology entry that holds it; entries do not overlap.
  const spans: EventSpan[] = chronologyEvents.map((e) => ({ event_id: String(e.event_id), source_id: String(e.source_id), span_start: e.span_start as number, span_end: e.span_end as number }));
  const pins = curated
    .filter((c) => c.topic === 'mentions')
    .map((c) => ({ source_id: c.source_id, raw_start: c.raw_start, raw_end: c.raw_end, form: String(c.data.form), entity: String(c.data.entity) }));
  for (const p of pins) {
    const file = `${path.posix.dirname(fileOf(p.source_id))}/curation.yaml`;
    if (!registry.byId.has(p.entity)) {
      throw new PipelineError('registry/invalid', 'a curated mention names an entity the registry does not have', { file, value: p.entity });
    }
    if (!found.some((f) => f.source_id === p.source_id && f.form === p.form && p.raw_start <= f.name_start_raw && f.name_end_raw <= p.raw_end)) {
      throw new PipelineError('source/quote-not-found', `a curated mention's quote holds no mention of "${p.form}"`, { file, value: p.form, expected: 'a registry form inside the quote' });
    }
  }
  const { resolved, curation: ambiguous } = resolveMentions(found, pins);
  const { forms, curation: unnamed } = attachOriginalNames(originals, resolved);
  const mentions = mentionRows(resolved, forms, spans);
  const { rows: entities, curation: unused } = buildEntities(registry, mentions, forms);
  const types = new Map(entities.map((e) => [String(e.entity_id), String(e.entity_type)]));
  const { participants, places } = participantsAndPlaces(events, mentions, types, compileRoleRules(vocab('participant_role')), new RegExp(String((vocab('participant_role') as unknown as { demonym_qualifies: string }).demonym_qualifies), 'iu'), segments);
  const links = linkToChronology(events, mentions, types);
  const eventsWithPlace: Row[] = events.map((e) => {
    const { description, source_id, span_start, span_end, evidence, extractor, ...rest } = e;
    return {
      ...rest,
      place_id: places.get(String(e.event_id)) ?? null,
      same_as_event_id: links.get(String(e.event_id)) ?? null,
      description, source_id, span_start, span_end, evidence, extractor,
    } as Row;
  });

  const speech = parseYaml(readFileSync(path.join(paths.schema, 'vocabularies', 'speech_verbs.yaml'), 'utf8')) as { verbs: string[] };
  const thingNames = new Set(
    registry.entities.filter((e) => ['concept', 'exercise', 'project', 'forum', 'treaty', 'system'].includes(e.type)).flatMap((e) => [e.name, ...e.aliases].map((n) => n.toLowerCase())),
  );
  const { quotes, curation: unquoted } = attributeQuotes(read<Quotation>('quotations'), mentions, types, eventsWithPlace, speech.verbs, thingNames, segments);
  const units = loadUnits(paths.schema, paths.root);
  const rules = loadPropertyRules(paths.schema, paths.root, units);
  const claims = buildClaims({
    numbers,
    mentions,
    entityTypes: types,
    events: eventsWithPlace,
    pins: claimPins(curated, (id) => `${path.posix.dirname(fileOf(id))}/curation.yaml`),
    units,
    rules,
  });
  const conflicts = findConflicts(claims.rows, mentions, rules, eventsWithPlace);

  const coding = parseYaml(readFileSync(path.join(paths.schema, 'vocabularies', 'event_coding.yaml'), 'utf8')) as EventCoding;
  const codes = codeEvents(eventsWithPlace, participants, new Map(entities.map((e) => [String(e.entity_id), e])), coding);

  const tables: [string, object[]][] = [
    ['sources', normalizeSources(sources, periods, entries, fileOf)],
    ['events', eventsWithPlace],
    ['entities', entities],
    ['mentions', mentions],
    ['event_participants', participants],
    ['event_codes', codes],
    ['quotes', quotes],
    ['terms', buildTerms(originals, forms, new Map(entities.map((e) => [String(e.entity_id), e])))],
    ['claims', claims.rows],
    ['conflicts', conflicts],
  ];
  const outDir = path.join(paths.build, 'normalize');
  for (const [name, rows] of tables) writeJsonl(path.join(outDir, `${name}.jsonl`), rows);
  const curation = [...ambiguous, ...unnamed, ...unused, ...unquoted, ...claims.curation];
  const curationFile = path.join(paths.build, 'curation', 'curator-list.jsonl');
  writeJsonl(curationFile, curation);
  const count = (k: string) => curation.filter((c) => c.kind === k).length;
  log(
    `normalize: read ${sources.length + chronology.length + originals.length + found.length + sentences.length + numbers.length + curated.length} findings from ${rel(paths.root, inDir)}/; ` +
      `wrote ${tables.map(([n, r]) => `${rel(paths.root, outDir)}/${n}.jsonl (${r.length})`).join(', ')} in ${elapsed(t0)}`,
  );
  log(
    `normalize: curator list ${rel(paths.root, curationFile)}: ${curation.length} item(s) — ${count('ambiguous_short_form')} ambiguous short form(s), ` +
      `${count('original_name_without_entity')} original-language name(s) with no registry entity, ${count('bad_original_name')} bad parenthesis shape(s), ` +
      `${count('gazetteer_miss')} gazetteer miss(es), ${count('registry_entry_unused')} registry entr(ies) no source mentions, ` +
      `${count('unclosed_quotation')} unclosed and ${count('unattributed_quotation')} unattributed quotation(s), ` +
      `${count('unknown_unit')} number(s) with an unknown unit, ${count('unattached_number')} number(s) with no subject`,
  );
  const coverage = computeCoverage({
    sentences,
    tables: Object.fromEntries(tables) as Record<string, Row[]>,
    numbersFound: claims.found,
    numbersAttached: claims.attached,
    quotationsAttributed: quotes.length,
    originalFound: originals.length,
    // Attached as an entity's name (a mention) or as a term of its own.
    originalAttached:
      mentions.filter((m) => m.mention_kind === 'original_name').length +
      (tables.find(([n]) => n === 'terms')![1] as Row[]).filter((t) => t.entity_id === null).length,
  });
  const coverageFile = path.join(paths.build, 'coverage.json');
  mkdirSync(paths.build, { recursive: true });
  writeFileSync(`${coverageFile}.tmp`, `${JSON.stringify(coverage, null, 2)}\n`);
  renameSync(`${coverageFile}.tmp`, coverageFile);
  log(`normalize: coverage ${coverageLine(coverage)}; wrote ${rel(paths.root, coverageFile)}`);
}

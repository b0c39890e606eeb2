/**
 * The vocabularies that read figures: schema/vocabularies/units.yaml (unit
 * forms, scales, rates, qualifiers) and claim_properties.yaml (what a figure
 * states). Loaded and checked once per stage; the extract step uses the unit
 * forms to find where a figure's words end, the normalize step converts and
 * classifies.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadYamlFile } from './yaml.ts';
import { PipelineError } from './errors.ts';
import { rel } from './sources.ts';

export interface UnitForm {
  form: string;
  /** The canonical unit (a value of units.yaml). */
  canonical: string;
  factor: number;
  position: 'before' | 'after';
  /** What the form measures: its own quantity_kind, or its canonical unit's. */
  quantity_kind: string;
}

export interface CanonicalUnit {
  value: string;
  definition: string;
  per_year?: string;
  quantity_kind: string;
}

export type QualifierMeaning = 'approximate' | 'lower_bound' | 'upper_bound' | 'exact';

export interface Units {
  units: CanonicalUnit[];
  /** Unit forms by lowercase form. */
  forms: Map<string, UnitForm>;
  /** Forms of several words, longest first (for matching before their parts). */
  multiword: string[];
  scales: Map<string, number>;
  ratesAfter: string[];
  ratesBefore: string[];
  qualifiers: { form: string; meaning: QualifierMeaning }[];
  notQuantities: Set<string>;
  /** Plural number words before "of" ("hundreds of"), longest first, with the value they bound from below. */
  magnitudes: { form: string; value: number }[];
  /** Unit forms an ordinal counts ("70th anniversary"), lowercase. */
  ordinalUnits: Set<string>;
  /** The kinds of quantity_kind, from units_quantity_kinds.yaml. */
  quantityKinds: string[];
}

export interface PropertyRule {
  value: string;
  definition: string;
  surfaces: string[];
  units: string[];
  before: RegExp[];
  after: RegExp[];
  when: ('rate' | 'attributive')[];
  subject_types: string[];
  rate?: 'per_year';
  of_subject: boolean;
  compare_by?: 'scope' | 'unit_word';
}

function readYaml(file: string, root: string): Record<string, unknown> {
  if (!existsSync(file)) throw new PipelineError('schema/invalid', 'vocabulary file is missing', { file: rel(root, file) });
  return (loadYamlFile(file, root) ?? {}) as Record<string, unknown>;
}

export function loadUnits(schemaDir: string, root: string): Units {
  const file = path.join(schemaDir, 'vocabularies', 'units.yaml');
  const shown = rel(root, file);
  const doc = readYaml(file, root);
  const bad = (msg: string, value?: unknown): never => {
    throw new PipelineError('schema/invalid', msg, { file: shown, value });
  };
  if (!Array.isArray(doc.values)) bad('units.yaml needs `values`, the canonical units');
  const kindsFile = path.join(schemaDir, 'vocabularies', 'units_quantity_kinds.yaml');
  const kindsDoc = readYaml(kindsFile, root);
  const quantityKinds = ((kindsDoc.values as { value: string }[]) ?? []).map((k) => String(k.value));
  const units = doc.values as (CanonicalUnit & { surfaces?: { form: string; factor: number; position?: string; quantity_kind?: string }[] })[];
  const forms = new Map<string, UnitForm>();
  const names = new Set(units.map((u) => u.value));
  const kindOf = (where: string, kind: unknown): string => {
    if (typeof kind !== 'string' || !quantityKinds.includes(kind)) {
      throw new PipelineError('schema/invalid', `${where}: quantity_kind must be a kind of units_quantity_kinds.yaml`, { file: shown, value: kind, expected: quantityKinds.join(', ') });
    }
    return kind;
  };
  for (const u of units) {
    if (u.per_year && !names.has(u.per_year)) bad(`unit ${u.value}: per_year names no unit`, u.per_year);
    kindOf(`unit ${u.value}`, u.quantity_kind);
    for (const s of u.surfaces ?? []) {
      if (typeof s?.form !== 'string' || typeof s.factor !== 'number' || !(s.factor > 0)) bad(`unit ${u.value}: a surface needs a form and a positive factor`, s);
      const key = s.form.toLowerCase();
      if (forms.has(key)) bad(`unit form "${s.form}" is listed twice`, s.form);
      const kind = s.quantity_kind === undefined ? u.quantity_kind : kindOf(`unit form "${s.form}"`, s.quantity_kind);
      forms.set(key, { form: s.form, canonical: u.value, factor: s.factor, position: s.position === 'before' ? 'before' : 'after', quantity_kind: kind });
    }
  }
  const magnitudes = ((doc.magnitudes as { form: string; value: number }[]) ?? []).map((m) => {
    if (typeof m?.form !== 'string' || typeof m.value !== 'number' || !(m.value > 0)) bad('a magnitude needs a form and a positive value', m);
    return { form: m.form.toLowerCase(), value: m.value };
  });
  const ordinalUnits = new Set(((doc.ordinal_units as string[]) ?? []).map((f) => f.toLowerCase()));
  for (const f of ordinalUnits) if (!forms.has(f)) bad('an ordinal unit is not a unit form', f);
  const scales = new Map<string, number>();
  for (const s of (doc.scales as { form: string; factor: number }[]) ?? []) scales.set(s.form.toLowerCase(), s.factor);
  const rates = (doc.rates ?? {}) as { after?: string[]; before?: string[] };
  const qualifiers = ((doc.qualifiers as { form: string; meaning: QualifierMeaning }[]) ?? []).map((q) => {
    if (!['approximate', 'lower_bound', 'upper_bound', 'exact'].includes(q.meaning)) bad(`qualifier "${q.form}" has an unknown meaning`, q.meaning);
    return q;
  });
  return {
    units,
    forms,
    multiword: [...forms.keys()].filter((f) => /\s/.test(f)).sort((a, b) => b.length - a.length || (a < b ? -1 : 1)),
    scales,
    ratesAfter: (rates.after ?? []).map((r) => r.toLowerCase()),
    ratesBefore: (rates.before ?? []).map((r) => r.toLowerCase()),
    qualifiers: qualifiers.sort((a, b) => b.form.length - a.form.length),
    notQuantities: new Set(((doc.not_quantities as string[]) ?? []).map((w) => w.toLowerCase())),
    magnitudes: magnitudes.sort((a, b) => b.form.length - a.form.length || (a.form < b.form ? -1 : 1)),
    ordinalUnits,
    quantityKinds,
  };
}

/** The singular and plural spellings a form may take in a text. */
function variants(word: string): string[] {
  const w = word.toLowerCase();
  const out = [w];
  if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('es')) out.push(w.slice(0, -2));
  if (w.endsWith('s')) out.push(w.slice(0, -1));
  return out;
}

/** The unit form words stand for, matched in the singular or the plural; a multi-word form's last word may be plural. */
export function lookUpUnit(units: Units, words: string): UnitForm | null {
  const parts = words.toLowerCase().split(/\s+/);
  const last = parts.pop()!;
  for (const v of variants(last)) {
    const hit = units.forms.get([...parts, v].join(' '));
    if (hit) return hit;
  }
  return null;
}

export function loadPropertyRules(schemaDir: string, root: string, units: Units): PropertyRule[] {
  const file = path.join(schemaDir, 'vocabularies', 'claim_properties.yaml');
  const shown = rel(root, file);
  const doc = readYaml(file, root);
  const canonical = new Set(units.units.map((u) => u.value));
  return ((doc.values as Record<string, unknown>[]) ?? []).map((v) => {
    const bad = (msg: string, value?: unknown): never => {
      throw new PipelineError('schema/invalid', `property ${String(v.value)}: ${msg}`, { file: shown, value });
    };
    const surfaces = ((v.surfaces as string[]) ?? []).map((s) => s.toLowerCase());
    const ruleUnits = (v.units as string[]) ?? [];
    for (const s of surfaces) if (!units.forms.has(s)) bad('a surface is not a unit form of units.yaml', s);
    for (const u of ruleUnits) if (!canonical.has(u)) bad('a unit is not a canonical unit of units.yaml', u);
    if (surfaces.length === 0 && ruleUnits.length === 0) bad('a rule needs surfaces or units');
    const re = (list: unknown): RegExp[] => ((list as string[]) ?? []).map((r) => new RegExp(r, 'iu'));
    return {
      value: String(v.value),
      definition: String(v.definition ?? ''),
      surfaces,
      units: ruleUnits,
      before: re(v.before),
      after: re(v.after),
      when: (v.when as ('rate' | 'attributive')[]) ?? [],
      subject_types: (v.subject_types as string[]) ?? [],
      rate: v.rate === 'per_year' ? 'per_year' : undefined,
      of_subject: v.of_subject === true,
      compare_by: v.compare_by as PropertyRule['compare_by'],
    };
  });
}

export interface FigureTraits {
  /** The unit form as the vocabulary lists it (lowercase), or a pseudo-form for fractions and multiples. */
  unit_form: string | null;
  unit_canonical: string;
  before: string;
  after: string;
  rate: boolean;
  attributive: boolean;
}

/** The first property rule a figure matches, or null. */
export function propertyOf(rules: PropertyRule[], f: FigureTraits): PropertyRule | null {
  const form = f.unit_form ? f.unit_form.toLowerCase() : null;
  for (const r of rules) {
    const unitFits = (form !== null && r.surfaces.includes(form)) || r.units.includes(f.unit_canonical);
    if (!unitFits) continue;
    const conditions = r.before.length + r.after.length + r.when.length;
    if (conditions === 0) return r;
    if (r.before.some((re) => re.test(f.before))) return r;
    if (r.after.some((re) => re.test(f.after))) return r;
    if (r.when.includes('rate') && f.rate) return r;
    if (r.when.includes('attributive') && f.attributive) return r;
  }
  return null;
}

/** Rounds away binary noise from a product of decimals (125.4 × 10⁹). */
export function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

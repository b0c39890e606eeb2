import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { GENERATED_FILE, generateRows } from '../pipeline/codegen.ts';
import {
  CONFLICTS_KIND_VALUES,
  EVENT_TYPE_VALUES,
  EVENTS_FIELDS,
  SOURCES_FIELDS,
  UNIT_CANONICAL_VALUES,
  type ClaimsRow,
  type ConflictsRow,
  type EventType,
  type EventsRow,
  type SourcesRow,
  type TableRows,
} from '../pipeline/generated/rows.ts';
import type { DatasetSchema, FieldSpec, Row } from '../pipeline/lib/schema.ts';
import { ROOT, SCHEMA, errorOf } from './helpers.ts';

const generated = generateRows(SCHEMA);

/** The body of one generated row type, `name: type;` lines without comments. */
function rowBody(text: string, type: string): string[] {
  const start = text.indexOf(`export type ${type} = {\n`);
  expect(start, `${type} is generated`).toBeGreaterThanOrEqual(0);
  const body = text.slice(start, text.indexOf('\n};\n', start));
  return body.split('\n').slice(1).map((l) => l.trim()).filter((l) => /^[a-z][a-z0-9_]*: /.test(l));
}

const field = (over: Partial<FieldSpec> & { name: string }): FieldSpec => ({
  type: 'string',
  title: over.name,
  description: `The ${over.name}.`,
  required: false,
  unique: false,
  categorical: false,
  ...over,
});

function tinySchema(fields: FieldSpec[], name = 'widgets'): DatasetSchema {
  const t = SCHEMA.tables[0]!;
  return { ...SCHEMA, vocabularies: {}, tables: [{ ...t, name, title: 'Widgets', description: 'Test table.', fields }] };
}

describe('the row types are generated from the schema', () => {
  it(`${GENERATED_FILE} is what the schema generates now`, () => {
    const committed = readFileSync(path.join(ROOT, GENERATED_FILE), 'utf8');
    // toBe's diff shows the drift; the message says how to mend it.
    expect(committed, `${GENERATED_FILE} differs from schema/: run \`npm run codegen\` and commit the result`).toBe(generated);
  });

  it('says it is generated and by which command, and holds no timestamp', () => {
    expect(generated.split('\n')[1]).toContain('Generated from schema/ by `npm run codegen`');
    expect(generated).not.toMatch(/\b20\d\d-\d\d-\d\dT|\/work\/|\/home\//);
  });

  it('types each field by its schema type, nullable unless required', () => {
    const events = rowBody(generated, 'EventsRow');
    expect(events).toContain('event_id: string;');
    expect(events).toContain('sequence: number;');
    expect(events).toContain('date_start: string | null;');
    expect(events).toContain('date_end: string | null;');
    expect(events).toContain('date_year_inferred: boolean;');
    expect(events).toContain('section: EventsSection;');
    expect(events).toContain('event_type: EventType;');
    expect(events).toContain('place_id: string | null;');
    expect(events.map((l) => l.split(':')[0])).toEqual(SCHEMA.tables.find((t) => t.name === 'events')!.fields.map((f) => f.name));
    const sources = rowBody(generated, 'SourcesRow');
    expect(sources).toContain('authors: string[];');
    expect(sources).toContain('volume: number;');
    const conflicts = rowBody(generated, 'ConflictsRow');
    expect(conflicts).toContain('value_a_canonical: number | null;');
    expect(conflicts).toContain('kind: ConflictsKind;');
    expect(rowBody(generated, 'ClaimsRow')).toContain('unit_canonical: UnitCanonical;');
  });

  it('gives each field its description as a comment', () => {
    expect(generated).toContain('  /** Stable id of the event; see the id rule. */\n  event_id: string;');
  });

  it('the same types, as the compiler sees them', () => {
    expectTypeOf<EventsRow['date_start']>().toEqualTypeOf<string | null>();
    expectTypeOf<EventsRow['event_type']>().toEqualTypeOf<EventType>();
    expectTypeOf<SourcesRow['authors']>().toEqualTypeOf<string[]>();
    expectTypeOf<ConflictsRow['severity']>().toEqualTypeOf<'major' | 'minor'>();
    expectTypeOf<ClaimsRow['value_canonical']>().toEqualTypeOf<number>();
    expectTypeOf<TableRows['events']>().toEqualTypeOf<EventsRow>();
    // Typed rows still go wherever a Row goes (validateTables, the writers).
    expectTypeOf<EventsRow>().toMatchTypeOf<Row>();
  });

  it('field lists and enumerations follow the schema and its vocabularies', () => {
    for (const [name, list] of [['sources', SOURCES_FIELDS], ['events', EVENTS_FIELDS]] as const) {
      expect([...list]).toEqual(SCHEMA.tables.find((t) => t.name === name)!.fields.map((f) => f.name));
    }
    expect([...EVENT_TYPE_VALUES]).toEqual(SCHEMA.vocabularies.event_type!.values.map((v) => v.value));
    expect(EVENT_TYPE_VALUES).toContain('visit');
    expect([...UNIT_CANONICAL_VALUES]).toEqual(SCHEMA.vocabularies.unit_canonical!.values.map((v) => v.value));
    expect([...CONFLICTS_KIND_VALUES]).toEqual(['quantity', 'date', 'name', 'duration']);
  });

  it('a field that is neither required nor single-valued is a nullable array; a description cannot end its comment', () => {
    const text = generateRows(tinySchema([field({ name: 'tags', type: 'integer', separator: '; ', description: 'Ends */ early.' })]));
    expect(rowBody(text, 'WidgetsRow')).toEqual(['tags: number[] | null;']);
    expect(text).toContain('/** Ends *\\/ early. */');
    expect(text).toContain("export const WIDGETS_FIELDS = ['tags'] as const;");
  });

  it('refuses names that would generate the same TypeScript name', () => {
    // The enumeration of widgets.row would be typed WidgetsRow, the name of the table's row type.
    const e = errorOf(() => generateRows(tinySchema([field({ name: 'row', enum: ['a', 'b'] })])));
    expect(e.code).toBe('schema/invalid');
    expect(e.message).toContain('WidgetsRow');
  });
});

/**
 * The formats of a release, as one list. Each entry says what it is (file
 * name, format, media type, what it holds) and how it is written (a writer
 * that takes each table's batches in schema order). The export stage, the
 * descriptors (datapackage.json, croissant.json, the schema.org
 * description), the release README, the page and the tests all iterate
 * this list: a new format is one entry here.
 */
import type { DatasetSchema, Row, TableSchema } from '../lib/schema.ts';
import type { SourceMeta } from '../lib/sources.ts';
import type { IndexedText } from '../lib/text.ts';
import { arrowWriter, SharedBatches, type BatchFeed } from './arrow.ts';
import { csvWriter } from './csv.ts';
import { openPage, PAGE_FILE, type FileInfo } from './html.ts';
import { prepareClientBundle } from './page/bundle.ts';
import { jsonldWriter } from './jsonld.ts';
import { parquetWriter } from './parquet.ts';
import { openSqlite, sqliteName } from './sqlite.ts';
import type { ByteSink, TableStats, TableWriter } from './writer.ts';
import { workbookWriter } from './xlsx.ts';

/** Where a format's files go (see ReleaseFiles in stage.ts). */
export interface FormatFiles {
  put(name: string, bytes: Uint8Array): void;
  open(name: string): ByteSink;
  make(name: string, write: (file: string) => void): void;
  /** The same for a file written asynchronously (by a worker thread). */
  makeAsync(name: string, write: (file: string) => Promise<void>): Promise<void>;
}

export interface FormatContext {
  dataset: DatasetSchema;
  stats: ReadonlyMap<string, TableStats>;
  texts: { get(sourceId: string): IndexedText | undefined };
  sources: SourceMeta[];
  out: FormatFiles;
}

/** What the page needs when it closes: every other file of the release, and the schema.org description. */
export interface CloseContext {
  files(): Map<string, FileInfo>;
  jsonld(): unknown;
  /** The release's coverage, curator list and precision in a few lines (see quality.ts), or none. */
  quality(): string[] | undefined;
}

export interface FormatWriter {
  /** The writer of one table; tables come one at a time, in schema order. */
  beginTable(table: TableSchema): Promise<TableWriter>;
  /**
   * Writes, once every table is in, the files that need none of the
   * release's other files, ahead of close(); the files it writes belong to
   * close() and are listed only with what close() writes (side-thread.ts,
   * which has the time while the main thread writes the other formats).
   */
  settle?(): Promise<void>;
  close(ctx: CloseContext): Promise<void>;
}

export interface ReleaseFormat {
  /** Short name, also the key of the export's writer times. */
  id: string;
  /** `table`: one file per table; `dataset`: one file for all tables. */
  scope: 'table' | 'dataset';
  /** Frictionless `format` and IANA media type. */
  format: string;
  mediatype: string;
  /** The file it writes: per table, or for the dataset. */
  fileName(dataset: DatasetSchema, table?: TableSchema): string;
  /** Its kind in a descriptor title ("Arrow IPC file"). */
  role: string;
  /** What the file is, for the release README's file table. */
  about: string;
  /** Listed as a data file by datapackage.json, croissant.json and the schema.org description. */
  described: boolean;
  /** Written after every metadata file, which it lists (the page). */
  last?: boolean;
  open(ctx: FormatContext): Promise<FormatWriter>;
}

/** A format of one file per table, each from its own writer. */
function perTable(
  spec: Omit<ReleaseFormat, 'scope' | 'fileName' | 'described' | 'open'> & { ext: string },
  writer: (sink: ByteSink, table: TableSchema, ctx: FormatContext) => TableWriter,
): ReleaseFormat {
  return {
    ...spec,
    scope: 'table',
    described: true,
    fileName: (_dataset, table) => `${table!.name}.${spec.ext}`,
    open: async (ctx) => ({
      beginTable: async (table) => writer(ctx.out.open(`${table.name}.${spec.ext}`), table, ctx),
      close: async () => {},
    }),
  };
}

const stats = (ctx: FormatContext, table: TableSchema): TableStats => ctx.stats.get(table.name)!;

/**
 * The Arrow file and Parquet are written from the same record batches of a
 * table (see SharedBatches): building them once halves what the two cost
 * together. The Arrow writer, first in the list, builds each batch; the
 * export's writer times charge it there.
 */
const shared = new WeakMap<FormatContext, Map<string, SharedBatches>>();
function arrowFeed(ctx: FormatContext, table: TableSchema): BatchFeed {
  let tables = shared.get(ctx);
  if (!tables) shared.set(ctx, (tables = new Map()));
  let batches = tables.get(table.name);
  if (!batches) tables.set(table.name, (batches = new SharedBatches(table, ctx.dataset, stats(ctx, table))));
  return batches.feed();
}

export const XLSX_MEDIATYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const FORMATS: readonly ReleaseFormat[] = [
  perTable(
    { id: 'csv', ext: 'csv', format: 'csv', mediatype: 'text/csv', role: 'table', about: 'CSV, UTF-8 without BOM, RFC 4180; text fields quoted' },
    (sink, table) => csvWriter(sink, table),
  ),
  perTable(
    { id: 'arrow', ext: 'arrow', format: 'arrow', mediatype: 'application/vnd.apache.arrow.file', role: 'Arrow IPC file', about: 'Arrow IPC file, typed; descriptions in the field metadata' },
    (sink, table, ctx) => arrowWriter(sink, table, ctx.dataset, stats(ctx, table), {}, arrowFeed(ctx, table)),
  ),
  perTable(
    { id: 'parquet', ext: 'parquet', format: 'parquet', mediatype: 'application/vnd.apache.parquet', role: 'Parquet', about: 'Parquet (zstd), typed; the Arrow schema with its descriptions inside' },
    (sink, table, ctx) => parquetWriter(sink, table, ctx.dataset, stats(ctx, table), {}, arrowFeed(ctx, table)),
  ),
  perTable(
    { id: 'jsonld', ext: 'jsonld', format: 'jsonld', mediatype: 'application/ld+json', role: 'JSON-LD', about: 'JSON-LD with an inline @context, provenance as Web Annotation selectors' },
    (sink, table, ctx) => jsonldWriter(sink, table, ctx.dataset, (id) => ctx.texts.get(id)),
  ),
  {
    id: 'xlsx',
    scope: 'dataset',
    format: 'xlsx',
    mediatype: XLSX_MEDIATYPE,
    fileName: (dataset) => workbookName(dataset),
    role: 'workbook',
    about: 'spreadsheet workbook: a sheet about the dataset and its fields, then one sheet per table',
    described: true,
    open: async (ctx) => {
      const book = await workbookWriter(ctx.out.open(workbookName(ctx.dataset)), ctx.dataset, ctx.sources, new Map(ctx.stats));
      return { beginTable: (table) => book.beginTable(table), close: () => book.close() };
    },
  },
  {
    id: 'sqlite',
    scope: 'dataset',
    format: 'sqlite',
    mediatype: 'application/vnd.sqlite3',
    fileName: (dataset) => sqliteName(dataset),
    role: 'SQLite database',
    about: 'SQLite database: every table with its keys and types, and a full-text index (FTS5) over its texts',
    described: true,
    open: async (ctx) => {
      const db = openSqlite(ctx.dataset);
      return {
        beginTable: async (table) => ({ write: async (rows: Row[]) => db.addRows(table.name, rows), close: async () => {} }),
        close: async () => ctx.out.make(sqliteName(ctx.dataset), (file) => db.closeInto(file)),
      };
    },
  },
  {
    id: 'page',
    scope: 'dataset',
    format: 'html',
    mediatype: 'text/html',
    fileName: () => PAGE_FILE,
    role: 'release page',
    about: 'the release page: search, timeline, map and a view of every record in its sentence (its data parts in page/, the source texts in sources/); works offline',
    described: false,
    last: true,
    open: async (ctx) => {
      const { dataset, sources, texts, out } = ctx;
      const bundled = prepareClientBundle();
      const page = openPage(dataset, sources, (name, bytes) => out.put(name, bytes), { zipHref: `../${dataset.name}-${dataset.version}.zip` });
      for (const s of sources) page.addText(s.id, texts.get(s.id)!.stored);
      return {
        beginTable: async (table) => ({ write: async (rows: Row[]) => page.addRows(table.name, rows), close: async () => {} }),
        settle: async () => page.settle(),
        close: async (c) => {
          await bundled;
          page.close([...c.files().values()], c.jsonld(), c.quality());
        },
      };
    },
  },
];

/** The workbook's file name: one per release, named after the dataset. */
export function workbookName(dataset: DatasetSchema): string {
  return `${dataset.name}.xlsx`;
}

/** A data file of the release, as the descriptors list it. */
export interface DataFile {
  path: string;
  format: string;
  mediatype: string;
  /** The table it holds; none for a file that holds them all. */
  table?: TableSchema;
  role: string;
  description: string;
}

/** Every data file of a release, in the order the descriptors list them: per table, then the files of the whole dataset. */
export function dataFiles(dataset: DatasetSchema): DataFile[] {
  const files: DataFile[] = [];
  for (const table of dataset.tables) {
    for (const f of FORMATS.filter((x) => x.described && x.scope === 'table')) {
      files.push({ path: f.fileName(dataset, table), format: f.format, mediatype: f.mediatype, table, role: f.role, description: `${table.title} (${f.role}). ${table.description}` });
    }
  }
  for (const f of FORMATS.filter((x) => x.described && x.scope === 'dataset')) {
    files.push({ path: f.fileName(dataset), format: f.format, mediatype: f.mediatype, role: f.role, description: `Every table of the dataset in one file: ${f.about}.` });
  }
  return files;
}

/** The proof behind every record: its span re-sliced from the stored text equals its evidence. */
import { PipelineError } from './errors.ts';
import type { Row, TableSchema } from './schema.ts';
import { rowKey } from './schema.ts';
import { excerpt, type IndexedText } from './text.ts';

export function verifySpans(table: TableSchema, rows: readonly Row[], texts: { get(sourceId: string): IndexedText | undefined }): number {
  for (const row of rows) {
    const id = rowKey(table, row);
    const text = texts.get(String(row.source_id));
    if (!text) {
      throw new PipelineError('span/mismatch', `${table.name} record ${id} names a source that was not loaded`, { value: row.source_id });
    }
    for (const sp of [{ start: 'span_start', end: 'span_end', evidence: 'evidence' }, ...table.spans]) {
      const s = row[sp.start] as number;
      const e = row[sp.end] as number;
      if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= text.length)) {
        throw new PipelineError('span/mismatch', `${table.name} record ${id}: ${sp.start}..${sp.end} [${s}, ${e}) is outside the text of ${text.length} code points`, { value: [s, e] });
      }
      const actual = text.slice(s, e);
      if (actual !== row[sp.evidence]) {
        throw new PipelineError('span/mismatch', `${table.name} record ${id}: text[${s}:${e}] of ${String(row.source_id)} is not ${sp.evidence}`, {
          value: excerpt(actual),
          expected: excerpt(String(row[sp.evidence])),
        });
      }
    }
  }
  return rows.length;
}

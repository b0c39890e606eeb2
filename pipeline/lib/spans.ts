/** The proof behind every record: its span re-sliced from the stored text equals its evidence. */
import { PipelineError } from './errors.ts';
import type { Row, TableSchema } from './schema.ts';
import { rowKey } from './schema.ts';
import { excerpt, type IndexedText } from './text.ts';

export function verifySpans(table: TableSchema, rows: Row[], texts: Map<string, IndexedText>): number {
  for (const row of rows) {
    const id = rowKey(table, row);
    const text = texts.get(String(row.source_id));
    if (!text) {
      throw new PipelineError('span/mismatch', `${table.name} record ${id} names a source that was not loaded`, { value: row.source_id });
    }
    const start = row.span_start as number;
    const end = row.span_end as number;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
      throw new PipelineError('span/mismatch', `${table.name} record ${id}: span [${start}, ${end}) is outside the text of ${text.length} code points`, {
        value: [start, end],
      });
    }
    const actual = text.slice(start, end);
    if (actual !== row.evidence) {
      throw new PipelineError('span/mismatch', `${table.name} record ${id}: text[${start}:${end}] of ${String(row.source_id)} is not the evidence`, {
        value: excerpt(actual),
        expected: excerpt(String(row.evidence)),
      });
    }
  }
  return rows.length;
}

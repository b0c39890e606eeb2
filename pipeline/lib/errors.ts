/**
 * Errors are values with stable codes, so that tests assert the code and a
 * user can search for it. Every error names what it can of: the file, the
 * line, the offending value and what was expected instead.
 */
export type ErrorCode =
  | 'source/missing-file'
  | 'source/invalid-metadata'
  | 'source/truncated'
  | 'source/encoding'
  | 'source/hash-mismatch'
  | 'source/quote-not-found'
  | 'chronology/missing'
  | 'chronology/empty-entry'
  | 'chronology/unexpected-paragraph'
  | 'date/unreadable'
  | 'date/invalid'
  | 'date/unanchored'
  | 'schema/invalid'
  | 'record/invalid'
  | 'record/foreign-key'
  | 'id/collision'
  | 'span/mismatch'
  | 'registry/invalid'
  | 'registry/unknown-country'
  | 'curation/foreign-record'
  | 'stage/missing-input'
  | 'stage/stale-input'
  | 'release/immutable'
  | 'release/verify-failed'
  | 'release/version-not-newer'
  | 'release/bump-too-small'
  | 'source/too-large'
  | 'source/control-character'
  | 'source/not-nfc'
  | 'source/invisible-character'
  | 'source/path-outside'
  | 'stage/corrupt-output'
  | 'yaml/invalid'
  | 'yaml/too-large'
  | 'yaml/alias-bomb'
  | 'lock/held'
  | 'audit/invalid'
  | 'io/no-space'
  | 'io/permission'
  | 'io/read-only'
  | 'io/not-a-directory'
  | 'io/is-a-directory'
  | 'io/missing'
  | 'io/exists'
  | 'io/too-many-files'
  | 'io/name-too-long'
  | 'io/symlink-loop'
  | 'io/busy'
  | 'io/failed'
  | 'internal/unexpected';

export interface ErrorDetails {
  file?: string;
  line?: number;
  value?: unknown;
  expected?: string;
}

export class PipelineError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(formatMessage(code, message, details));
    this.name = 'PipelineError';
    this.code = code;
    this.details = details;
  }
}

function formatMessage(code: ErrorCode, message: string, d: ErrorDetails): string {
  const where = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}` : ''}: ` : '';
  const parts = [`[${code}] ${where}${message}`];
  if (d.value !== undefined) parts.push(`  value:    ${JSON.stringify(d.value)}`);
  if (d.expected !== undefined) parts.push(`  expected: ${d.expected}`);
  return parts.join('\n');
}

export function isPipelineError(e: unknown): e is PipelineError {
  return e instanceof PipelineError;
}

/**
 * verify.py in every release: a downloader's check of the copy they hold,
 * in the Python standard library only. The template is pipeline/export/verify.py,
 * shipped byte for byte, so the script in a release is the one tested here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const STEP = { id: 'export/verifier', version: '1.0.0' };
export const VERIFY_FILE = 'verify.py';
export const VERIFY_TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'verify.py');

export function verifyScript(): Uint8Array {
  return readFileSync(VERIFY_TEMPLATE);
}

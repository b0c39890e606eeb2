/**
 * npm run verify -- DIR: checks a release folder (a downloaded copy or one
 * under dist/) with the repository's verify.py, the same checks a downloader
 * runs. Exits with its exit code.
 */
import { spawnSync } from 'node:child_process';
import { VERIFY_TEMPLATE } from './export/verifier.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run verify -- RELEASE_DIR');
  process.exit(2);
}
const run = spawnSync('python3', [VERIFY_TEMPLATE, dir], { stdio: 'inherit' });
process.exit(run.status ?? 1);

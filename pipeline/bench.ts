/**
 * `npm run bench [-- RUNS]`: time the full build as a user runs it (a fresh
 * Node process each time, start-up included) into temporary folders, and
 * print the median, minimum and maximum of each stage and of the whole.
 * Figures only: machines are shared and noisy, so nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 7);
const samples = new Map<string, number[]>();
const add = (k: string, v: number): void => void samples.set(k, [...(samples.get(k) ?? []), v]);

for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'crr-bench-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', 'build', '--build', path.join(dir, 'build'), '--dist', path.join(dir, 'dist')], {
    cwd: root,
    encoding: 'utf8',
  });
  const wall = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  add('whole build, wall time with Node start-up', wall);
  for (const line of r.stdout.split('\n')) {
    const m = /^(\w+): .* in (\d+) ms$/.exec(line);
    if (m) add(m[1] === 'build' ? 'stages together (in-process)' : `stage ${m[1]}`, Number(m[2]));
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
console.log(`build of ${path.relative(root, path.join(root, 'sources'))}/ over ${runs} runs (ms)`);
console.log(`${'what'.padEnd(44)}${'median'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}`);
for (const [k, xs] of samples) {
  console.log(`${k.padEnd(44)}${median(xs).toFixed(0).padStart(8)}${Math.min(...xs).toFixed(0).padStart(8)}${Math.max(...xs).toFixed(0).padStart(8)}`);
}

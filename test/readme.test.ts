import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SCHEMA } from './helpers.ts';
import { readCsv } from './load.ts';
import { readmeSnippet } from './readme.ts';
import { INSTALL, PYTHON, skipWithout } from './tools.ts';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('the README shows only code that the tests run', () => {
  it('every block of code in a language is a named snippet, and every snippet is run by a test', () => {
    const blocks = [...readme.matchAll(/(?:<!-- snippet: ([\w-]+) -->\s*)?```([a-z]*)\n/g)];
    // Opening fences only: every second fence closes a block.
    const openings = blocks.filter((_, i) => i % 2 === 0);
    const code = openings.filter((m) => ['python', 'js', 'sql', 'r', 'sh', 'bash'].includes(m[2]!));
    const names = code.map((m) => m[1]);
    // The set-up commands are the one shell block that is not a snippet: CI's .ci/run runs them.
    const setup = code.filter((m) => m[1] === undefined);
    expect(setup.map((m) => m[2])).toEqual(['sh']);
    expect(readme.slice(setup[0]!.index)).toMatch(/^```sh\nnpm ci && npm run build/);
    const tests = readdirSync(path.join(ROOT, 'test')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(ROOT, 'test', f), 'utf8')).join('\n');
    for (const name of names.filter((n): n is string => n !== undefined)) {
      expect(tests, `snippet ${name}`).toContain(`readmeSnippet('${name}')`);
    }
  });

  it.skipIf(skipWithout(existsSync(PYTHON)))(`runs the provenance snippet from the repository root (needs ${INSTALL})`, () => {
    const run = spawnSync(PYTHON, ['-c', readmeSnippet('provenance')], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = SCHEMA.tables.reduce((n, t) => n + readCsv(path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version, `${t.name}.csv`)).length, 0);
    expect(run.stdout.trim()).toBe(`${rows} spans of ${SCHEMA.version} re-slice to their evidence`);
  });
});

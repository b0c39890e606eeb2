/**
 * The code snippets of README.md and of the pages of docs/, so the tests run
 * them exactly as users read them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.ts';

/** The pages whose snippets are shown to users, from the project root: README.md, then docs/*.md. */
export function snippetPages(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/** Every snippet of every page: the fenced block after a marker `<!-- snippet: NAME -->`. */
export function allSnippets(): { name: string; page: string; lang: string; code: string }[] {
  const found: { name: string; page: string; lang: string; code: string }[] = [];
  for (const page of snippetPages()) {
    const text = readFileSync(path.join(ROOT, page), 'utf8');
    for (const m of text.matchAll(/<!-- snippet: ([\w-]+) -->\s*```([a-z]*)\n([\s\S]*?)```/g)) {
      found.push({ name: m[1]!, page, lang: m[2]!, code: m[3]! });
    }
  }
  return found;
}

/** The snippet named NAME, wherever it is shown; a name shown twice is refused, so a test knows what it runs. */
export function readmeSnippet(name: string): string {
  const hits = allSnippets().filter((s) => s.name === name);
  if (hits.length === 0) throw new Error(`no page of ${snippetPages().join(', ')} has a snippet named ${name}`);
  if (hits.length > 1) throw new Error(`snippet ${name} is shown on ${hits.map((h) => h.page).join(' and ')}`);
  return hits[0]!.code;
}

/**
 * The SQL that a shell command line passes to `duckdb -c`, as the shell
 * itself hands it over: the command runs in bash with `duckdb` defined as a
 * function that prints its `-c` arguments, so quoting is bash's, not a copy
 * of it. The DuckDB shell has no Debian package; the tests run the SQL with
 * DuckDB's Node.js client instead.
 */
export function duckdbCommands(command: string): string[] {
  const stub = `duckdb() { while [ $# -gt 0 ]; do if [ "$1" = -c ]; then printf '%s\\0' "$2"; shift; fi; shift; done; }`;
  const run = spawnSync('bash', ['-euo', 'pipefail', '-c', `${stub}\n${command}`], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the command failed in bash (${run.status}):\n${command}\n${run.stderr}`);
  return run.stdout.split('\0').slice(0, -1);
}

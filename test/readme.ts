/** The README's code snippets, so the tests run them exactly as users read them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.ts';

/** The fenced block that follows the marker `<!-- snippet: NAME -->` in README.md. */
export function readmeSnippet(name: string): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`README.md has no snippet named ${name}`);
  return m[1]!;
}

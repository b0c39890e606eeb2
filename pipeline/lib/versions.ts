/**
 * Step versions derived from content, so that rows made by different code
 * never carry the same label.
 *
 * A step's version is the first 8 hex digits of a sha256 over
 * - its own file and every module of pipeline/ that it imports, followed
 *   transitively (type-only imports included: they are cheap to hash and a
 *   changed type can change what the code does once compiled differently);
 * - the name and installed version of every npm package those modules
 *   import (a new pinyin or gazetteer release changes the rows);
 * - the bytes of every data file the step declares it reads (a vocabulary
 *   under schema/, the registry under sources/).
 *
 * Nothing here is typed by hand, so there is no number to forget to bump;
 * the price is that a comment-only edit also makes a new version, which is
 * the honest answer to "was this row made by the same code?".
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from './sources.ts';

/** The project's pipeline/ folder: every step's id is its path under it. */
export const PIPELINE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECT_ROOT = path.dirname(PIPELINE_DIR);

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

const fileHash = new Map<string, string>();
const closureOf = new Map<string, { files: string[]; packages: string[] }>();
const require = createRequire(import.meta.url);

function hashFile(file: string): string {
  let h = fileHash.get(file);
  if (h === undefined) {
    h = existsSync(file) ? sha256(readFileSync(file)) : 'missing';
    fileHash.set(file, h);
  }
  return h;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function packageVersion(name: string): string {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [PROJECT_ROOT] }), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    // Packages whose exports hide package.json: find it beside the entry point.
    try {
      let dir = path.dirname(require.resolve(name, { paths: [PROJECT_ROOT] }));
      while (dir !== path.dirname(dir)) {
        const file = path.join(dir, 'package.json');
        if (existsSync(file)) {
          const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
          if (pkg.name === name) return pkg.version ?? 'unknown';
        }
        dir = path.dirname(dir);
      }
    } catch {
      /* not resolvable: hashed as unknown */
    }
    return 'unknown';
  }
}

/** The relative imports (resolved) and package names of one module, read once per process. */
const importsOf = new Map<string, { files: string[]; packages: string[] }>();

function directImports(f: string): { files: string[]; packages: string[] } {
  let d = importsOf.get(f);
  if (d) return d;
  d = { files: [], packages: [] };
  for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(f), spec);
      if (existsSync(target)) d.files.push(target);
    } else if (!spec.startsWith('node:')) d.packages.push(packageName(spec));
  }
  importsOf.set(f, d);
  return d;
}

/** The modules of pipeline/ a module reaches through its imports, itself included, and the npm packages they import. */
export function codeClosure(file: string): { files: string[]; packages: string[] } {
  const cached = closureOf.get(file);
  if (cached) return cached;
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (f: string): void => {
    if (files.has(f)) return;
    files.add(f);
    const d = directImports(f);
    for (const p of d.packages) packages.add(p);
    for (const t of d.files) visit(t);
  };
  visit(file);
  const out = { files: [...files].sort(), packages: [...packages].sort() };
  closureOf.set(file, out);
  return out;
}

/** `code <path under pipeline/> <sha256>`, once per module and process. */
const codeLines = new Map<string, string>();
const codeLine = (f: string): string => {
  let l = codeLines.get(f);
  if (l === undefined) {
    l = `code ${path.relative(PIPELINE_DIR, f).split(path.sep).join('/')} ${hashFile(f)}`;
    codeLines.set(f, l);
  }
  return l;
};
const packageVersions = new Map<string, string>();
const packageLine = (p: string): string => {
  let v = packageVersions.get(p);
  if (v === undefined) {
    v = packageVersion(p);
    packageVersions.set(p, v);
  }
  return `package ${p}@${v}`;
};

/** Version of a step: its code closure, the packages it uses, and the data files it reads. */
export function contentVersion(codeRoots: string[], dataFiles: string[] = []): string {
  const files = [...new Set(codeRoots.flatMap((f) => codeClosure(f).files))].sort();
  const packages = [...new Set(codeRoots.flatMap((f) => codeClosure(f).packages))].sort();
  const lines = [
    ...files.map(codeLine),
    ...packages.map(packageLine),
    // Sorted by what is hashed, not by path: where the sources folder lies must not change a version.
    ...[...new Set(dataFiles.map((f) => `data ${path.basename(f)} ${hashFile(f)}`))].sort(),
  ];
  return sha256(lines.join('\n')).slice(0, 8);
}

/** `<stage>/<step>` of a module under pipeline/: its path without the extension. */
export function stepIdOf(url: string): string {
  const file = fileURLToPath(url);
  return path.relative(PIPELINE_DIR, file).split(path.sep).join('/').replace(/\.ts$/, '');
}

/** Forget hashed files (tests that edit code or data within one process). */
export function forgetHashes(): void {
  fileHash.clear();
  closureOf.clear();
  importsOf.clear();
  codeLines.clear();
}

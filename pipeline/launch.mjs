/**
 * The command line as `npm run build` (and extract, normalize, export) runs
 * it: pipeline/cli.ts and every module it imports, compiled by esbuild into
 * one file that plain Node loads, instead of each TypeScript module being
 * compiled and resolved through a loader hook at every start. That start-up
 * was most of a build whose inputs did not change.
 *
 * The compiled file is a cache, kept under node_modules/.cache/ (which
 * `npm ci` empties) with a name made of the sha256 of every file under
 * pipeline/, the esbuild version and the Node version: a changed module is a
 * new name, so a stale copy is never run. It is written beside its name and
 * renamed, so two builds starting at once never run half a file. The key
 * holds the folder's absolute path too: the compiled file names each module
 * by its address (see below), so a node_modules/ copied from another checkout
 * would otherwise run that checkout's step files, hash its code for the step
 * versions and load its worker from there.
 *
 * Each module keeps its own `import.meta.url` (the address of its source
 * file), so that what the code reads beside itself (step versions hash the
 * source files, the page's script and style are bundled from them, the
 * worker threads load unit-worker.ts through tsx) is found as under tsx.
 * npm packages stay outside the file and load as they do under tsx.
 *
 * Plain JavaScript, because this file is what runs before any TypeScript can.
 * Stack traces of unexpected errors point into the compiled file; for
 * those, `npx tsx pipeline/cli.ts <command>` runs the same code from source.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PIPELINE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(PIPELINE);

/** The key of a compiled command line: every file under `dir` (path and bytes), and the tools' versions. */
export function bundleKey(dir, tools) {
  const h = createHash('sha256');
  for (const t of tools) h.update(`${t}\n`);
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const f of files) h.update(`${path.relative(dir, f).split(path.sep).join('/')}\n`).update(createHash('sha256').update(readFileSync(f)).digest('hex'));
  return h.digest('hex').slice(0, 20);
}

/**
 * The modules worker threads load, by their path under pipeline/, and the
 * name of each one's compiled file. Compiled beside the command line and
 * registered for pipeline/lib/pool.ts (workerModule), so that a thread runs
 * the same compiled code as the main thread instead of the TypeScript
 * through tsx.
 */
const WORKERS = { 'lib/unit-worker.ts': 'unit-worker', 'export/side-thread.ts': 'side-thread' };

/** The compiled command line, made if this key has none yet; returns its path. */
export async function compiledCli() {
  const esbuildVersion = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')).version;
  const key = bundleKey(PIPELINE, [`node ${process.version}`, `esbuild ${esbuildVersion}`, `at ${pathToFileURL(PIPELINE).href}`]);
  const dir = path.join(ROOT, 'node_modules', '.cache', 'crr-cli');
  const out = path.join(dir, `cli-${key}.mjs`);
  if (existsSync(out)) return out;
  const { build } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `tmp-${key}-${process.pid}`);
  try {
    await build({
      // The worker threads' modules too, each a file of its own (see WORKERS).
      entryPoints: { [`cli-${key}`]: path.join(PIPELINE, 'cli.ts'), ...Object.fromEntries(Object.entries(WORKERS).map(([source, name]) => [`${name}-${key}`, path.join(PIPELINE, source)])) },
      bundle: true,
      platform: 'node',
      format: 'esm',
      // Not 'node20': for a Node target esbuild rewrites every regular expression
      // literal that uses \p{…} into a `new RegExp(…)` call, which then builds a
      // fresh RegExp object each time the line runs (inside a loop, per token).
      // ES2022 is all Node 20 needs and keeps the literals: the name finder
      // spent most of its time constructing them.
      target: 'es2022',
      packages: 'external',
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      logLevel: 'warning',
      plugins: [
        {
          name: 'own-import-meta-url',
          setup(b) {
            b.onLoad({ filter: /\.ts$/ }, (args) => ({
              contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
              loader: 'ts',
            }));
          },
        },
      ],
    });
    // The command line last: once it is in place, so are the modules it starts threads with.
    for (const name of Object.values(WORKERS)) renameSync(path.join(tmp, `${name}-${key}.mjs`), path.join(dir, `${name}-${key}.mjs`));
    renameSync(path.join(tmp, `cli-${key}.mjs`), out);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // Older compilations are of code that no longer exists; one made in the last
  // hour may still be starting in another build, so it is left for a later run.
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const made = /^[a-z-]+-([0-9a-f]{20})\.mjs$/.exec(name) ?? /^tmp-([0-9a-f]{20})-\d+$/.exec(name);
    if (made && made[1] !== key && statSync(file).mtimeMs < hourAgo) rmSync(file, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The packages the compiled file imports resolve from node_modules beside pipeline/, as under tsx.
  const cli = await compiledCli();
  const key = /cli-([0-9a-f]+)\.mjs$/.exec(cli)[1];
  globalThis[Symbol.for('crr.compiled-workers')] = Object.fromEntries(
    Object.entries(WORKERS).map(([source, name]) => [source, pathToFileURL(path.join(path.dirname(cli), `${name}-${key}.mjs`)).href]),
  );
  await import(pathToFileURL(cli).href);
}

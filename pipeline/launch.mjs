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

/** The compiled command line, made if this key has none yet; returns its path. */
export async function compiledCli() {
  const esbuildVersion = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')).version;
  const key = bundleKey(PIPELINE, [`node ${process.version}`, `esbuild ${esbuildVersion}`, `at ${pathToFileURL(PIPELINE).href}`]);
  const dir = path.join(ROOT, 'node_modules', '.cache', 'crr-cli');
  const out = path.join(dir, `cli-${key}.mjs`);
  if (existsSync(out)) return out;
  const { build } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    await build({
      entryPoints: [path.join(PIPELINE, 'cli.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: tmp,
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
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  // Older compilations are of code that no longer exists; one made in the last
  // hour may still be starting in another build, so it is left for a later run.
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (/^cli-[0-9a-f]+\.mjs$/.test(name) && name !== path.basename(out) && statSync(file).mtimeMs < hourAgo) rmSync(file, { force: true });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The packages the compiled file imports resolve from node_modules beside pipeline/, as under tsx.
  await import(pathToFileURL(await compiledCli()).href);
}

/**
 * The page's script and style, bundled at export time with esbuild from
 * app.ts (and minisearch, d3-geo, topojson-client) into one inline script.
 * esbuild's output depends only on its input files and options, so the
 * bundle is the same bytes on every build; it is made once per process.
 */
import { build, buildSync, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

let cached: { js: string; css: string } | null = null;

const SCRIPT: BuildOptions = {
  entryPoints: [path.join(HERE, 'app.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  write: false,
  charset: 'utf8',
  legalComments: 'inline',
  logLevel: 'silent',
};
const STYLE: BuildOptions = { entryPoints: [path.join(HERE, 'style.css')], bundle: true, minify: true, write: false, logLevel: 'silent' };

function keep(js: string, css: string): { js: string; css: string } {
  // A literal "</script" inside the inline script would end it early.
  cached = { js: js.replace(/<\/(script)/gi, '<\\/$1'), css: css.replace(/<\/(style)/gi, '<\\/$1') };
  return cached;
}

export function clientBundle(): { js: string; css: string } {
  if (cached) return cached;
  return keep(buildSync(SCRIPT).outputFiles![0]!.text, buildSync(STYLE).outputFiles![0]!.text);
}

let started: Promise<void> | null = null;

/**
 * Starts the bundle in esbuild's own process and returns at once: the
 * export calls it when the page's writer opens, so the bundling (a few
 * hundred milliseconds) runs while the other formats are written, and
 * clientBundle then finds it made. The same options, so the same bytes.
 */
export function prepareClientBundle(): Promise<void> {
  started ??= Promise.all([build(SCRIPT), build(STYLE)]).then(([js, css]) => {
    if (!cached) keep(js.outputFiles![0]!.text, css.outputFiles![0]!.text);
    // A failure is reported where the bundle is used: clientBundle builds it again and throws.
  }, () => {});
  return started;
}

/** Natural Earth's countries at 1:110m as TopoJSON (world-atlas), loaded by the map only when it is shown. */
export function worldAtlas(): unknown {
  return JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
}

export { SEARCH_OPTIONS } from './shared.ts';

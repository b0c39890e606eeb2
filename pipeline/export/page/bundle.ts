/**
 * The page's script and style, bundled at export time with esbuild from
 * app.ts (and minisearch, d3-geo, topojson-client) into one inline script.
 * esbuild's output depends only on its input files and options, so the
 * bundle is the same bytes on every build; it is made once per process.
 */
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

let cached: { js: string; css: string } | null = null;

export function clientBundle(): { js: string; css: string } {
  if (cached) return cached;
  const out = buildSync({
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
  });
  const css = buildSync({ entryPoints: [path.join(HERE, 'style.css')], bundle: true, minify: true, write: false, logLevel: 'silent' });
  // A literal "</script" inside the inline script would end it early.
  const js = out.outputFiles[0]!.text.replace(/<\/(script)/gi, '<\\/$1');
  cached = { js, css: css.outputFiles[0]!.text.replace(/<\/(style)/gi, '<\\/$1') };
  return cached;
}

/** Natural Earth's countries at 1:110m as TopoJSON (world-atlas), loaded by the map only when it is shown. */
export function worldAtlas(): unknown {
  return JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
}

export { SEARCH_OPTIONS } from './shared.ts';

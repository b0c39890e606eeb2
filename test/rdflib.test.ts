import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { edgeRelease } from './edge.ts';
import { ROOT, SCHEMA, tempDir } from './helpers.ts';
import { readmeSnippet } from './readme.ts';
import { INSTALL, PYTHON, pythonHas, skipWithout } from './tools.ts';

const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);
const SCRIPT = path.join(ROOT, 'test', 'consumers', 'rdflib_count.py');

const offline = async (url: string): Promise<never> => {
  throw new Error(`refusing to fetch ${url}`);
};

interface Report {
  rdflib: string;
  printed: string;
  triples: Record<string, number>;
  base: Record<string, string>;
}

/** The JSON-LD files of a release: every .jsonld, and croissant.json. */
const jsonldFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.jsonld') || n === 'croissant.json').sort();

function parseWithRdflib(snippet: string, dir: string): Report {
  const file = path.join(tempDir('crr-rdflib-'), 'rdflib-snippet.py');
  writeFileSync(file, snippet);
  const run = spawnSync(PYTHON, [SCRIPT, file, dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`rdflib_count.py failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Report;
}

/** Distinct triples jsonld.js makes of a file, resolving relative IRIs against the same base as rdflib. */
async function jsonldTriples(file: string): Promise<number> {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader: offline as never, base: pathToFileURL(file).href })) as unknown as string;
  return new Set(nquads.split('\n').filter(Boolean)).size;
}

describe.skipIf(skipWithout(pythonHas('rdflib')))(`Debian's rdflib (${PYTHON}) parses every JSON-LD file to the triples jsonld.js makes (needs ${INSTALL})`, () => {
  let real: Report;
  let edge: Report;
  let edgeDir = '';
  beforeAll(async () => {
    if (!pythonHas('rdflib')) throw new Error(`${PYTHON} cannot import rdflib: ${INSTALL}`);
    real = parseWithRdflib(readmeSnippet('rdflib'), release);
    edgeDir = (await edgeRelease()).dir;
    // The README snippet's loop, without its query of the events table.
    edge = parseWithRdflib(readmeSnippet('rdflib').split('\nfirst = ')[0]!, edgeDir);
  });

  it('the README snippet parses every JSON-LD file of the release, offline', () => {
    expect(Object.keys(real.triples).sort()).toEqual(jsonldFiles(release));
    expect(Object.keys(edge.triples).sort()).toEqual(jsonldFiles(edgeDir));
    for (const [name, n] of Object.entries(real.triples)) {
      expect(n, name).toBeGreaterThan(10);
      expect(real.printed).toContain(`${name} ${n} triples`);
    }
  });

  it('gives each file the same number of triples as jsonld.js', async () => {
    for (const [report, dir] of [[real, release], [edge, edgeDir]] as const) {
      for (const [name, n] of Object.entries(report.triples)) {
        expect(report.base[name]).toBe(path.join(dir, name));
        expect(n, name).toBe(await jsonldTriples(path.join(dir, name)));
      }
    }
  });

  it('answers the README query with the first event, its date typed and its Chinese text intact', () => {
    const lines = real.printed.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^2019-09-05 Russian President Vladimir Putin meets Chinese Vice Premier Hu Chunhua \(胡春华\)/);
  });
});

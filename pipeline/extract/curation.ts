/**
 * Curated statements of a source: `sources/<id>/curation.yaml`, for what a
 * rule cannot decide (which entity a short form names, which entity a figure
 * describes). Every statement is anchored by an exact quote of the text; this
 * step finds the quote, gives it its span, and stops the build when the quote
 * is missing or occurs more than once.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Paths } from '../lib/context.ts';
import { loadYamlFile } from '../lib/yaml.ts';
import { PipelineError } from '../lib/errors.ts';
import { countOccurrences, rel, type LoadedSource } from '../lib/sources.ts';
import { stepLabel, type Provenance, defineStep } from '../lib/step.ts';
import { inView } from '../lib/text.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source', paths: 'paths' },
  run: ({ source, paths }: { source: LoadedSource; paths: Paths }) => extractCuration(source, paths.root),
});

export interface CuratedStatement extends Provenance {
  kind: 'curation';
  /** The list the statement comes from in curation.yaml (e.g. "mentions"). */
  topic: string;
  /** UTF-16 offsets of the quote in the stored text. */
  raw_start: number;
  raw_end: number;
  /** The statement's other keys, as curated. */
  data: Record<string, unknown>;
}

export function extractCuration(source: LoadedSource, root: string): CuratedStatement[] {
  const file = path.join(root, path.dirname(source.metaPath), 'curation.yaml');
  if (!existsSync(file)) return [];
  const shown = rel(root, file);
  const doc = (loadYamlFile(file, root) ?? {}) as Record<string, unknown>;
  const out: CuratedStatement[] = [];
  for (const [topic, list] of Object.entries(doc)) {
    if (!Array.isArray(list)) {
      throw new PipelineError('source/invalid-metadata', `curation topic "${topic}" must be a list of statements`, { file: shown, value: list });
    }
    for (const raw of list as Record<string, unknown>[]) {
      const { quote, ...data } = raw ?? {};
      if (typeof quote !== 'string' || quote === '') {
        throw new PipelineError('source/invalid-metadata', `a ${topic} statement has no quote`, { file: shown, value: raw, expected: 'quote: exact words of the text' });
      }
      const words = inView(quote);
      const n = countOccurrences(source.text.text, words);
      if (n !== 1) {
        throw new PipelineError('source/quote-not-found', `curated quote occurs ${n} times in the text; it must occur exactly once`, {
          file: shown,
          value: quote,
          // A copied curation file quotes another source: say where its quotes must come from.
          expected: n === 0
            ? `words of this source's own text, ${source.textPath} (a curation file may quote only its own source)`
            : `words found once in ${source.textPath} (lengthen the quote to make it unique)`,
        });
      }
      const start = source.text.text.indexOf(words);
      out.push({
        kind: 'curation',
        topic,
        raw_start: start,
        raw_end: start + words.length,
        data,
        source_id: source.meta.id,
        span_start: source.text.toCodePoint(start),
        span_end: source.text.toCodePoint(start + words.length),
        evidence: source.text.evidence(start, start + words.length),
        extractor: stepLabel(STEP),
      });
    }
  }
  return out;
}

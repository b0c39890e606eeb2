/**
 * Steps declared, not wired by hand.
 *
 * A step is one file under pipeline/<stage>/; its id is that path
 * (`extract/mentions`), and it declares, at the top of the file, what it
 * reads and the pure function it runs:
 *
 *   export const STEP = defineStep(import.meta.url, {
 *     scope: 'source',
 *     inputs: { source: 'source', index: 'resource:form-index' },
 *     run: ({ source, index }) => extractMentions(source, index),
 *   });
 *
 * An input names either another step's output (`extract/chronology`), or a
 * resource (`resource:<name>`, see resources.ts: the registry, a vocabulary,
 * loaded once per process from files under sources/ or schema/), or the
 * source itself (`source`). The stage runner is a list of steps; the order
 * follows from the inputs (runner.ts). The step's version is derived from
 * the content of its code and of the data files of the resources it reads
 * (versions.ts), so the `extractor` label of a row always names the code and
 * data that made it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentVersion, stepIdOf } from './versions.ts';

const RESOURCES_MODULE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'resources.ts');

/** Where a step's work is done: once per source, or once over all sources. */
export type Scope = 'source' | 'dataset';

export interface StepSpec<I, O> {
  scope: Scope;
  /** Local name → what it is: a step id, `resource:<name>` or `source`. */
  inputs: { [K in keyof I]: string };
  run: (input: I) => O;
  /** The table whose rows this step makes (its output's `rows`), if any. */
  table?: string;
}

export interface Step<I = any, O = any> extends StepSpec<I, O> {
  id: string;
  stage: string;
  file: string;
  /** `<stage>/<step>@<version>`, the label every record it makes carries. */
  readonly label: string;
  readonly version: string;
}

/** Data files behind each resource, set by resources.ts for the run's paths. */
let dataFilesOf: (resource: string) => string[] = () => [];
const versions = new Map<string, string>();

export function setResourceFiles(lookup: (resource: string) => string[]): void {
  dataFilesOf = lookup;
  versions.clear();
}

export function defineStep<I, O>(url: string, spec: StepSpec<I, O>): Step<I, O> {
  const id = stepIdOf(url);
  const file = fileURLToPath(url);
  const step: Step<I, O> = {
    ...spec,
    id,
    stage: id.split('/')[0]!,
    file,
    get version(): string {
      let v = versions.get(id);
      if (v === undefined) {
        const resources = Object.values<string>(spec.inputs as Record<string, string>).filter((x) => x.startsWith('resource:'));
        // A step that reads resources depends on the code that loads them too.
        const code = resources.length ? [file, RESOURCES_MODULE] : [file];
        v = contentVersion(code, resources.flatMap((r) => dataFilesOf(r.slice('resource:'.length))));
        versions.set(id, v);
      }
      return v;
    },
    get label(): string {
      return `${id}@${this.version}`;
    },
  };
  return step;
}

/** Identity of a pipeline step: its file path under pipeline/ and a version. */
export interface StepId {
  id: string;
  version: string;
}

export function stepLabel(step: StepId): string {
  return `${step.id}@${step.version}`;
}

/** A source as the extract steps see it: an id and its indexed text. */
export interface SourceInput {
  id: string;
  text: import('./text.ts').IndexedText;
}

/** Where a finding stands in its source: code-point span and verbatim words. */
export interface Provenance {
  source_id: string;
  span_start: number;
  span_end: number;
  evidence: string;
  extractor: string;
}

/** The provenance of a stretch of a source's stored text, given in UTF-16 indices. */
export function provenanceOf(source: SourceInput, rawStart: number, rawEnd: number, extractor: string): Provenance {
  return {
    source_id: source.id,
    span_start: source.text.toCodePoint(rawStart),
    span_end: source.text.toCodePoint(rawEnd),
    evidence: source.text.evidence(rawStart, rawEnd),
    extractor,
  };
}

/**
 * What a stage needs from outside: where things are, and where to report.
 * Passed in, so tests build into temporary folders and capture the log.
 */
import path from 'node:path';

export interface Paths {
  /** Project root; every path in messages is relative to it. */
  root: string;
  sources: string;
  schema: string;
  build: string;
  dist: string;
  /**
   * Judgments of audited releases (audit/<version>/<table>.csv). When not
   * given: <root>/audit for a build of the project's own sources/, and none
   * for a build of other sources (a test's fixtures, the benchmark's
   * corpus), whose rows the judgments are not about.
   */
  audit?: string;
}

export type Log = (line: string) => void;

export interface StageContext {
  paths: Paths;
  log: Log;
}

export function defaultPaths(root: string): Paths {
  return {
    root,
    sources: path.join(root, 'sources'),
    schema: path.join(root, 'schema'),
    build: path.join(root, 'build'),
    dist: path.join(root, 'dist'),
  };
}

export function elapsed(startMs: number): string {
  return `${(performance.now() - startMs).toFixed(0)} ms`;
}

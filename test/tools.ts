/**
 * The outside tools the consumer tests run: Debian's Python with pandas and
 * rdflib, and LibreOffice. In CI (CI=true), where .ci/run installs them, a
 * missing tool fails its tests; elsewhere they are skipped, saying why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';
export const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false';

export function pythonHas(module: string): boolean {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** Whether to skip a block: only outside CI, and only when its tool is missing. */
export function skipWithout(available: boolean): boolean {
  return !available && !IN_CI;
}

/** The Debian packages that bring each tool, for messages. */
export const INSTALL = 'apt-get install --no-install-recommends python3-pandas python3-rdflib libreoffice-calc r-base-core r-cran-readr r-cran-jsonlite';

/** Types of pipeline/launch.mjs, for the tests that import it. */
export function bundleKey(dir: string, tools: string[]): string;
export function compiledCli(): Promise<string>;

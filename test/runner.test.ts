/** Steps are ordered by what they read; a wiring mistake is a coded error naming the step's file, before anything runs. */
import { describe, expect, it } from 'vitest';
import { orderSteps } from '../pipeline/lib/runner.ts';
import { defineStep } from '../pipeline/lib/step.ts';
import { PipelineError } from '../pipeline/lib/errors.ts';

const step = (inputs: Record<string, string>, id: string) => ({ ...defineStep(import.meta.url, { scope: 'source', inputs, run: () => null }), id });

function refusal(f: () => unknown): PipelineError {
  try {
    f();
  } catch (e) {
    return e as PipelineError;
  }
  throw new Error('expected a coded error');
}

describe('the step runner', () => {
  it('runs a step after the steps it reads, whatever the order of the list', () => {
    const a = step({ source: 'source' }, 'x/a');
    const b = step({ a: 'x/a' }, 'x/b');
    const c = step({ b: 'x/b', a: 'x/a' }, 'x/c');
    expect(orderSteps([c, b, a], new Set()).map((s) => s.id)).toEqual(['x/a', 'x/b', 'x/c']);
  });

  it('refuses an input no step makes, a resource no loader makes, and a cycle, naming the step file', () => {
    const missing = refusal(() => orderSteps([step({ a: 'x/nowhere' }, 'x/a')], new Set()));
    expect(missing.code).toBe('schema/invalid');
    expect(missing.details.value).toBe('x/nowhere');
    expect(missing.details.file).toBe('test/runner.test.ts');
    const resource = refusal(() => orderSteps([step({ r: 'resource:no-such-thing' }, 'x/a')], new Set()));
    expect(resource.code).toBe('schema/invalid');
    expect(resource.details.expected).toContain('resource:registry');
    const cycle = refusal(() => orderSteps([step({ b: 'x/b' }, 'x/a'), step({ a: 'x/a' }, 'x/b')], new Set()));
    expect(cycle.code).toBe('schema/invalid');
    expect(cycle.message).toContain('x/a → x/b → x/a');
  });
});

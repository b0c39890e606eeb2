/**
 * Parsed YAML is kept between processes under a sha256 of the text (with the
 * yaml package's version and the reader's code in the folder's name): a text
 * read again gives what parsing gives, from the kept file; a damaged file is
 * parsed again; a text that fails, a small text and a value JSON cannot give
 * back are never kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYamlText } from '../pipeline/lib/yaml.ts';
import { cleanup, tempDir } from './helpers.ts';

const dir = tempDir('crr-yaml-cache-');
process.env.CRR_YAML_CACHE = dir;
afterAll(() => {
  delete process.env.CRR_YAML_CACHE;
  cleanup(dir);
});

const big = (extra: string): string => `${extra}\nvalues:\n${Array.from({ length: 200 }, (_, i) => `  - {value: v${i}, label: "value number ${i}", cues: ['\\bcue${i}\\b']}`).join('\n')}\n`;
const kept = (text: string): string => path.join(dir, `${createHash('sha256').update(text).digest('hex')}.json`);

describe('the parsed-YAML cache', () => {
  it('keeps a large document and reads it back as parsing gives it', () => {
    const text = big('# one');
    const first = parseYamlText(text, 'a.yaml');
    expect(existsSync(kept(text))).toBe(true);
    // Another name skips this process's own map: the value now comes from the kept file.
    expect(parseYamlText(text, 'b.yaml')).toEqual(first);
    writeFileSync(kept(text), JSON.stringify({ values: ['from the file'] }));
    expect(parseYamlText(text, 'c.yaml')).toEqual({ values: ['from the file'] });
  });

  it('parses again when the kept file is damaged', () => {
    const text = big('# two');
    const first = parseYamlText(text, 'd.yaml');
    writeFileSync(kept(text), '{"values": [');
    expect(parseYamlText(text, 'e.yaml')).toEqual(first);
  });

  it('keeps no small text, no value JSON would change, and no text that fails', () => {
    expect(parseYamlText('a: 1\n', 'f.yaml')).toEqual({ a: 1 });
    expect(existsSync(kept('a: 1\n'))).toBe(false);
    const inf = big('limit: .inf');
    expect((parseYamlText(inf, 'g.yaml') as { limit: number }).limit).toBe(Infinity);
    expect(existsSync(kept(inf))).toBe(false);
    expect((parseYamlText(inf, 'h.yaml') as { limit: number }).limit).toBe(Infinity);
    const bad = big('key: [unclosed');
    expect(() => parseYamlText(bad, 'i.yaml')).toThrow(/YAML/);
    expect(existsSync(kept(bad))).toBe(false);
    expect(readdirSync(dir).every((f) => f.endsWith('.json'))).toBe(true);
  });
});

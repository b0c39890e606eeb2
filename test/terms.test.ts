import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SCHEMA } from './helpers.ts';
import { readCsv } from './load.ts';

const terms = readCsv(path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version, 'terms.csv'));
const term = (english: string) => terms.find((t) => t.english === english)!;

describe('terms named in Chinese with an English rendering', () => {
  it('include the concepts the article discusses, with pinyin', () => {
    expect(term('three nos')).toMatchObject({ original: '不结盟、不对抗、不针对第三国', entity_id: 'three-nos', term_rule: 'concept' });
    expect(term('three nos').gloss).toBe('non-allied, non-confrontational, and not targeting a third party');
    expect(term('partners-but-not-allies')).toMatchObject({ original: '结伴不结盟', romanization: 'jié bàn bù jié méng' });
    expect(term('quasi-allied')).toMatchObject({ original: '准同盟', entity_id: 'quasi-alliance' });
    expect(term('back-to-back')).toMatchObject({ original: '背靠背', term_rule: 'quoted' });
    expect(term('hand-in-hand')).toMatchObject({ original: '手拉手' });
    expect(term('go it alone')).toMatchObject({ original: '单打独斗', term_rule: 'short_phrase' });
  });

  it('leave out names of people and places, and translated clauses', () => {
    const originals = new Set(terms.map((t) => t.original));
    for (const name of ['胡春华', '黑河', 'Андрей Денисов', '与地区形势没有必然联系', 'гораздо более взрывоопасную']) expect(originals.has(name), name).toBe(false);
  });
});

describe('the span of a term', () => {
  it('runs from the English words to the parenthesis, over quotes, link markup and a head noun', async () => {
    const { englishTail } = await import('../pipeline/normalize/terms.ts');
    expect(englishTail('effort to build “[a community](#) with a shared future for mankind” ', 'a community with a shared future for mankind')).toBe(
      '“[a community](#) with a shared future for mankind” ',
    );
    expect(englishTail('continued to stress the “three nos” formula ', 'three nos')).toBe('“three nos” formula ');
    expect(englishTail('to go it alone ', 'go it alone')).toBe('go it alone ');
    // Words far from the parenthesis, or in another paragraph, are not the term's.
    expect(englishTail('three nos.\n\nA long sentence with many words here ', 'three nos')).toBeNull();
    expect(englishTail('the “three nos” were stressed by the ministry ', 'three nos')).toBeNull();
  });
});

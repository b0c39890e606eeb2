import { describe, expect, it } from 'vitest';
import { extractOriginalNames } from '../pipeline/extract/original-names.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { pySlice } from './helpers.ts';

const find = (text: string) => extractOriginalNames({ id: 't', text: new IndexedText(text) });

describe('original-language names in parentheses', () => {
  it.each([
    ['a place after its name', 'The city Heihe (黑河) lies on the river.', 'Heihe', '黑河', 'zh', 'after_name'],
    ['a linked name', 'Prof. [Qiao Liang](#) (乔良) of the university.', 'Prof. Qiao Liang', '乔良', 'zh', 'after_name'],
    ['a Russian name', 'Ambassador Andrey Denisov (Андрей Денисов) said so.', 'Ambassador Andrey Denisov', 'Андрей Денисов', 'ru', 'after_name'],
    ['an emphasised exercise', 'the *Center-2019* (Центр-2019) exercise', 'Center-2019', 'Центр-2019', 'ru', 'after_name'],
    ['a quoted name', 'the “Power of Siberia” (Сила Сибири) gas line', 'Power of Siberia', 'Сила Сибири', 'ru', 'after_quoted'],
    ['a name inside, before a comma', 'one destroyer (Xining, 西宁) joined', 'Xining', '西宁', 'zh', 'inside_with_name'],
  ])('%s', (_, text, label, original, language, shape) => {
    const [f] = find(text);
    expect(f).toMatchObject({ label, original, language, shape, problem: null });
    expect(pySlice(text, f!.original_start, f!.original_end)).toBe(original);
    expect(pySlice(text, f!.span_start, f!.span_end)).toBe(f!.evidence);
  });

  it('separates an English gloss from the original it precedes', () => {
    const [f] = find('the “three nos” formula (non-allied, non-confrontational, and not targeting a third party, 不结盟、不对抗、不针对第三国) as the basis');
    expect(f).toMatchObject({ gloss: 'non-allied, non-confrontational, and not targeting a third party', original: '不结盟、不对抗、不针对第三国', shape: 'gloss_then_original' });
  });

  it('marks a Russian sentence inside a quotation as a translation, not a name', () => {
    const [f] = find('“The threat of war is now extremely high (Угроза войны сейчас чрезвычайно высока),” said Karaganov.');
    expect(f!.shape).toBe('in_quotation');
  });

  it('counts offsets in code points after emoji and CJK Extension B', () => {
    const text = '😀𠀀 Then Kel (凯尔) came.';
    const [f] = find(text);
    expect(f!.original_start).toBe(Array.from(text).indexOf('凯'));
    expect(pySlice(text, f!.original_start, f!.original_end)).toBe('凯尔');
  });

  it('reports an unclosed parenthesis and mixed scripts as problems for a curator, without failing', () => {
    const [open] = find('The city Heihe (黑河 will have a bridge.\n\nNext paragraph.');
    expect(open!.problem).toMatch(/unbalanced/);
    const [mixed] = find('Andrey Denisov (Андрей 安德烈) said.');
    expect(mixed!.problem).toMatch(/mixed scripts/);
    const [latin] = find('Andrey Denisov (Андрей Denisov) said.');
    expect(latin!.problem).toMatch(/mixed scripts/);
  });

  it('ignores parentheses without Chinese or Cyrillic', () => {
    expect(find('The Shanghai Cooperation Organization (SCO) met (again).')).toEqual([]);
  });
});

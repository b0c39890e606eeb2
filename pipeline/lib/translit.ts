/**
 * Romanisation of the original-language names the article gives.
 *
 * Chinese: Hanyu Pinyin with tone marks from `pinyin-pro`, written the way
 * names are written in pinyin: a person as "Surname Givenname" (Hú Chūnhuá),
 * other names as one capitalised word (Hēihé), terms as syllables.
 *
 * Russian: BGN/PCGN (1947), from `iuliia`'s BGN_PCGN schema. Two fixes on
 * top of the library, because its output is wrong for them: stress marks
 * (U+0301) that some texts print over vowels are removed first, since they
 * are not letters; and a lowercase "ё" the schema leaves after a capital
 * ("Ёлкин" → "Yёlkin") becomes "ë", as BGN/PCGN writes it.
 */
import iuliia from 'iuliia';
import { pinyin } from 'pinyin-pro';

export const RUSSIAN_STANDARD = 'BGN/PCGN 1947 (iuliia BGN_PCGN)';

const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function hanyuPinyin(zh: string, style: 'person' | 'name' | 'term'): string {
  const syllables = pinyin(zh, { type: 'array', nonZh: 'removed', surname: style === 'person' ? 'head' : 'off' }).filter((s) => s.trim() !== '');
  if (style === 'term') return syllables.join(' ');
  if (style === 'person' && syllables.length >= 2) return `${cap(syllables[0]!)} ${cap(syllables.slice(1).join(''))}`;
  return cap(syllables.join(''));
}

export function russianLatin(ru: string): string {
  const plain = ru.normalize('NFD').replace(/\u0301/g, '').normalize('NFC');
  return iuliia.translate(plain, iuliia.BGN_PCGN).replace(/ё/g, 'ë');
}

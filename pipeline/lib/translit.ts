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
 *
 * Korean in Hangul: the Revised Romanization (2000), with its pronunciation
 * rules, from `es-hangul`. Japanese in kana: Hepburn spellings from
 * `wanakana`, kana by kana (とうきょう → toukyou: no macrons, since telling a
 * long vowel from two needs the word).
 * Where no library used here romanizes a form (Japanese with kanji, whose
 * readings need a dictionary; Korean with hanja; any other language) the
 * romanization is left empty and `romanize` says why.
 */
import * as iuliiaModule from 'iuliia';

// iuliia ships CommonJS marked as transpiled ES modules: the default import
// is the module under one loader and undefined under another (a worker
// thread's), so take whichever object carries the API.
type Iuliia = typeof import('iuliia');
const iuliia: Iuliia = 'translate' in iuliiaModule ? (iuliiaModule as Iuliia) : ((iuliiaModule as unknown as { default: Iuliia }).default);
import { customPinyin, pinyin } from 'pinyin-pro';

// Words pinyin-pro 3.29 reads with the wrong tone, where the English cannot tell (its letters are the
// same): 斗 in 北斗 (the Big Dipper, and the BeiDou satellite system named after it) is dǒu, the
// "dipper" reading, not dòu ("fight", 鬥), which the library gives. Each entry is the standard reading
// of the word (Xiandai Hanyu Cidian), checked with a test.
customPinyin({ 北斗: 'běi dǒu' });
import { romanize as hangulRomanize } from 'es-hangul';
import { toRomaji } from 'wanakana';

export const RUSSIAN_STANDARD = 'BGN/PCGN 1947 (iuliia BGN_PCGN)';

const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function hanyuPinyin(zh: string, style: 'person' | 'name' | 'term'): string {
  const syllables = pinyin(zh, { type: 'array', nonZh: 'removed', surname: style === 'person' ? 'head' : 'off' }).filter((s) => s.trim() !== '');
  if (style === 'term') return syllables.join(' ');
  if (style === 'person' && syllables.length >= 2) return `${cap(syllables[0]!)} ${cap(syllables.slice(1).join(''))}`;
  return cap(syllables.join(''));
}

const toneless = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ü/g, 'u').toLowerCase();
const letters = (s: string): string => toneless(s).replace(/[^a-z]/g, '');

/**
 * Pinyin that agrees with the English the text gives, where a character has
 * several readings: pinyin-pro reads 朝 in 马朝旭 as cháo, but the article's
 * "Zhaoxu" shows it is zhāo. The library's reading is kept when it agrees;
 * otherwise the readings whose letters spell the English are chosen. When no
 * reading spells it (the article's "Mao" for 马, read mǎ), the library's
 * reading stays and the disagreement is returned for a note.
 */
export function pinyinAgreeingWith(zh: string, style: 'person' | 'name' | 'term', english: string): { pinyin: string; disagrees: string | null } {
  const chars = Array.from(zh).filter((c) => /\p{Script=Han}/u.test(c));
  const base = pinyin(chars.join(''), { type: 'array', surname: style === 'person' ? 'head' : 'off' });
  const readings = chars.map((c, i) => [base[i]!, ...pinyin(c, { multiple: true, type: 'array' }).filter((r) => r !== base[i])]);
  const format = (syllables: string[]): string =>
    style === 'term' ? syllables.join(' ')
    : style === 'person' && syllables.length >= 2 ? `${cap(syllables[0]!)} ${cap(syllables.slice(1).join(''))}`
    : cap(syllables.join(''));
  const whole = spell(readings, letters(english));
  if (whole) return { pinyin: format(whole), disagrees: null };
  if (style === 'person' && chars.length >= 2) {
    // The surname may disagree while the given name agrees: align the given name alone.
    const [family, ...given] = english.trim().split(/\s+/);
    const rest = spell(readings.slice(1), letters(given.join('')));
    if (rest && !readings[0]!.some((r) => toneless(r) === letters(family ?? ''))) {
      return { pinyin: format([base[0]!, ...rest]), disagrees: `the English "${family}" does not spell ${chars[0]} (${base[0]})` };
    }
  }
  return { pinyin: format(base), disagrees: `the English "${english}" does not spell ${chars.join('')} (${base.join(' ')})` };
}

/** Readings, one per character and tried in order, whose letters spell the target exactly. */
function spell(readings: string[][], target: string): string[] | null {
  if (readings.length === 0) return target === '' ? [] : null;
  for (const r of readings[0]!) {
    const t = toneless(r);
    if (target.startsWith(t)) {
      const rest = spell(readings.slice(1), target.slice(t.length));
      if (rest) return [r, ...rest];
    }
  }
  return null;
}

export function russianLatin(ru: string): string {
  const plain = ru.normalize('NFD').replace(/\u0301/g, '').normalize('NFC');
  return iuliia.translate(plain, iuliia.BGN_PCGN).replace(/ё/g, 'ë');
}

export const PINYIN_SYSTEM = 'Hanyu Pinyin with tone marks (pinyin-pro)';
export const KOREAN_SYSTEM = 'Revised Romanization of Korean 2000 (es-hangul)';
export const JAPANESE_SYSTEM = 'Hepburn spelling of kana, long vowels as the kana write them (wanakana)';

export interface Romanization {
  /** The form in Latin letters, or null when no library used here romanizes it. */
  romanized: string | null;
  /** The system and the library that applied it; null with romanized. */
  system: string | null;
  /** Why there is no romanization (null when there is one). */
  note: string | null;
  /** For Chinese with an English name: where the English does not spell the pinyin. */
  disagrees: string | null;
}

/**
 * One form in Latin letters by the system of its language and script.
 * `style` shapes pinyin (a person as "Surname Givenname", a name as one
 * word, a term syllable by syllable); `english`, when given, picks the
 * pinyin readings that spell it (see pinyinAgreeingWith).
 */
export function romanize(original: string, language: string, script: string | null, style: 'person' | 'name' | 'term' = 'name', english?: string): Romanization {
  const none = (note: string): Romanization => ({ romanized: null, system: null, note, disagrees: null });
  if (language === 'zh') {
    if (english) {
      const r = pinyinAgreeingWith(original, style, english);
      return { romanized: r.pinyin, system: PINYIN_SYSTEM, note: null, disagrees: r.disagrees };
    }
    return { romanized: hanyuPinyin(original, style), system: PINYIN_SYSTEM, note: null, disagrees: null };
  }
  if (language === 'ru') return { romanized: russianLatin(original), system: RUSSIAN_STANDARD, note: null, disagrees: null };
  // A name is capitalised word by word; a term stays in lower case, as pinyin's terms do.
  const word = (w: string): string => (style === 'term' ? w : cap(w));
  if (language === 'ko') {
    if (script !== 'Hang') return none('Korean written with hanja: no library used here reads hanja');
    const words = original.split(/\s+/).filter(Boolean);
    // The Revised Romanization writes a person's name family name first, apart from the given name.
    if (style === 'person' && words.length === 1 && Array.from(words[0]!).length >= 2 && Array.from(words[0]!).length <= 4) {
      const [family, ...given] = Array.from(words[0]!);
      return { romanized: `${cap(hangulRomanize(family!))} ${cap(hangulRomanize(given.join('')))}`, system: KOREAN_SYSTEM, note: null, disagrees: null };
    }
    return { romanized: words.map((w) => word(hangulRomanize(w))).join(' '), system: KOREAN_SYSTEM, note: null, disagrees: null };
  }
  if (language === 'ja') {
    if (script === 'Jpan' || script === 'Hani') return none('Japanese written with kanji: their readings need a dictionary, and no library used here reads them offline and deterministically');
    const words = original.split(/\s+/).filter(Boolean).map((w) => word(toRomaji(w)));
    return { romanized: words.join(' '), system: JAPANESE_SYSTEM, note: null, disagrees: null };
  }
  return none(`no romanization library is used for the language "${language}"`);
}

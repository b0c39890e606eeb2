/**
 * Languages are data: which language an original-language form is in comes
 * from the source's `original_languages` (source.yaml), or, where the source
 * declares none that writes in the form's script, from the script alone.
 * A script names one language by default (Han → zh, Cyrillic → ru); a
 * declared language that writes in the script wins (Han → ja when a source
 * declares ja and not zh; Cyrillic → uk when it declares uk and not ru).
 *
 * What cannot be told from the script is said, never guessed: a Latin-script
 * original (Vietnamese with its diacritics, Indonesian, Tagalog) looks like
 * English to a script test, so originals in Latin letters are not detected,
 * declared or not.
 */

/** ISO 15924 codes of the scripts an original can be written in, with the Unicode property that finds them. */
const SCRIPTS = [
  { code: 'Hira', re: /\p{Script=Hiragana}/u },
  { code: 'Kana', re: /\p{Script=Katakana}/u },
  { code: 'Hang', re: /\p{Script=Hangul}/u },
  { code: 'Hani', re: /\p{Script=Han}/u },
  { code: 'Cyrl', re: /\p{Script=Cyrillic}/u },
  { code: 'Thai', re: /\p{Script=Thai}/u },
  { code: 'Arab', re: /\p{Script=Arabic}/u },
  { code: 'Hebr', re: /\p{Script=Hebrew}/u },
  { code: 'Grek', re: /\p{Script=Greek}/u },
  { code: 'Deva', re: /\p{Script=Devanagari}/u },
  { code: 'Mong', re: /\p{Script=Mongolian}/u },
  { code: 'Tibt', re: /\p{Script=Tibetan}/u },
  { code: 'Khmr', re: /\p{Script=Khmer}/u },
  { code: 'Laoo', re: /\p{Script=Lao}/u },
  { code: 'Mymr', re: /\p{Script=Myanmar}/u },
  { code: 'Geor', re: /\p{Script=Georgian}/u },
  { code: 'Armn', re: /\p{Script=Armenian}/u },
] as const;

/**
 * For each script: the language it names when the source declares none that
 * writes in it, then the other languages that write in it (a declared one of
 * these wins). Japanese writes in Han too, Korean in Han (hanja).
 */
const LANGUAGES_OF_SCRIPT: Record<string, readonly string[]> = {
  Hani: ['zh', 'ja', 'ko', 'vi'],
  Jpan: ['ja'],
  Hira: ['ja'],
  Kana: ['ja'],
  Hrkt: ['ja'],
  Hang: ['ko'],
  Kore: ['ko'],
  Cyrl: ['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'tg', 'mn'],
  Thai: ['th'],
  Arab: ['ar', 'fa', 'ur', 'ps', 'ug'],
  Hebr: ['he', 'yi'],
  Grek: ['el'],
  Deva: ['hi', 'mr', 'ne', 'sa'],
  Mong: ['mn'],
  Tibt: ['bo', 'dz'],
  Khmr: ['km'],
  Laoo: ['lo'],
  Mymr: ['my'],
  Geor: ['ka'],
  Armn: ['hy'],
};

export interface DetectedLanguage {
  /** BCP 47 primary language subtag, or null when the form is in no script this module knows. */
  language: string | null;
  /** ISO 15924 code of the form's script: Hani, Jpan (kana with or without kanji), Kore (Hangul with or without hanja), Cyrl, … */
  script: string | null;
  /** declared: a language of source.yaml's original_languages writes in the script; script: the script's default language. */
  basis: 'declared' | 'script' | null;
  /** More than one non-Latin script family in one form (Chinese and Cyrillic together). */
  mixed: boolean;
}

/**
 * The ISO 15924 code of a form's script. Japanese writes kanji with kana
 * (Jpan; kana alone are Hira, Kana or Hrkt), Korean may write hanja with
 * Hangul (Kore; Hangul alone is Hang): each is one family, not a mixture.
 */
export function scriptOf(form: string): { script: string | null; mixed: boolean } {
  const found = new Set<string>(SCRIPTS.filter((s) => s.re.test(form)).map((s) => s.code));
  if (found.size === 0) return { script: null, mixed: false };
  const families: string[] = [];
  const kana = found.has('Hira') || found.has('Kana');
  if (kana) families.push(found.has('Hani') ? 'Jpan' : found.has('Hira') && found.has('Kana') ? 'Hrkt' : found.has('Hira') ? 'Hira' : 'Kana');
  if (found.has('Hang')) families.push(found.has('Hani') && !kana ? 'Kore' : 'Hang');
  if (found.has('Hani') && !kana && !found.has('Hang')) families.push('Hani');
  for (const s of found) if (!['Hira', 'Kana', 'Hang', 'Hani'].includes(s)) families.push(s);
  return { script: families[0]!, mixed: families.length > 1 };
}

/** The language of an original-language form: a declared language of its script, else the script's default. */
export function detectLanguage(form: string, declared: readonly string[] = []): DetectedLanguage {
  const { script, mixed } = scriptOf(form);
  if (!script) return { language: null, script: null, basis: null, mixed };
  const candidates = LANGUAGES_OF_SCRIPT[script] ?? [];
  const primary = (tag: string): string => tag.split('-')[0]!.toLowerCase();
  const own = declared.find((d) => candidates.includes(primary(d)));
  if (own) return { language: primary(own), script, basis: 'declared', mixed };
  return { language: candidates[0] ?? null, script, basis: candidates[0] ? 'script' : null, mixed };
}

/** BCP 47 language tags source.yaml may declare: a primary subtag and optional script or region subtags. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

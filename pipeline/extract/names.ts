/**
 * Candidate proper names the registry does not hold, so that no name in a
 * text is dropped silently. A candidate is a run of capitalised words (with
 * "of", "for", "the", "and", "on" inside it), an acronym, or the name after
 * a title; it is not a registry form (the registry match wins), a state of
 * ISO 3166, a month or weekday, a heading, or a common word that only starts
 * a sentence. The kind is guessed from a cue and left `unknown` when no cue
 * is sure:
 *   title      a title or office right before the name ("Borvian Premier Ola Nord") → person
 *   appositive a role right after it ("Ola Nord, the foreign minister") → person
 *   head_noun  its head ("… University", "Ministry of …", "Gulf of …") → the head's kind
 *   acronym_defined  "Shanghai Cooperation Organization (SCO)": the acronym is an alias of the name
 *   original   an original in Chinese or Russian in parentheses right after it (no kind by itself)
 *   ordinal    a number before a meeting's head ("the 19th Congress") → forum (a Congress: unknown)
 *   legislature  a lone "Congress" in a chapter on the United States → organization
 *   vessel     the word for a ship before its name ("U.S. Coast Guard Cutter Rush"; no kind)
 *   coordination  "Northeast and Southeast Asia": the first compass word names "Northeast Asia"
 * A registry place or state inside a longer name with a head noun is part of
 * that name, not a mention of its own ("Moscow State University" is not
 * Moscow): the candidate lists the registry spans it supersedes. Which
 * candidates are one entity (a typo, a hyphen, a possessive, a surname) is
 * decided in normalize, over the whole text.
 */
import countries from 'i18n-iso-countries';
import { ABBREVIATIONS as MONTH_ABBREVIATIONS, FULL_MONTHS } from '../lib/date-shapes.ts';
import { isEnglishFirstName, PLACE_WORD_EXEMPT_POPULATION, placeKnown } from '../lib/gazetteer.ts';
import { isHeading, NAME_ABBREVIATIONS } from '../lib/sentences.ts';
import type { LoadedSource } from '../lib/sources.ts';
import { displayText, inView, projectDisplay, rawRange } from '../lib/text.ts';
import { defineStep, provenanceOf, stepLabel, type Provenance, type SourceInput } from '../lib/step.ts';
import { appositiveAfter, paragraphIndex, standsAlone, titleBefore, type FormIndex, type Titles } from './mentions.ts';

export const STEP = defineStep(import.meta.url, {
  scope: 'source',
  inputs: { source: 'source', index: 'resource:form-index', titles: 'resource:titles', types: 'resource:entity-types' },
  run: ({ source, index, titles, types }: { source: LoadedSource; index: FormIndex; titles: Titles; types: Map<string, string> }) =>
    extractNames({ id: source.meta.id, text: source.text }, index, titles, types, source.meta.citation_basis === 'quoted' ? source.meta.preferred_citation : null, source.meta.title, source.meta.authors, source.meta.relationship ?? []),
});

/** Kinds a discovered entity may be given; `unknown` when no cue is sure. */
export type DiscoveredKind = 'person' | 'organization' | 'armed_force' | 'place' | 'forum' | 'exercise' | 'treaty' | 'project' | 'media' | 'unknown';

export interface NameFinding extends Provenance {
  kind: 'name';
  /** The words as a reader sees them, title included. */
  surface: string;
  /** The name alone. */
  form: string;
  /** `alias` for an acronym defined in the text. */
  form_kind: 'name' | 'alias';
  /** The normalized name the entity's id derives from (for an alias: the defined name's). */
  key: string;
  /** The name the key was made from (for an alias: the defined name). */
  canonical: string;
  /** For an acronym defined after a registry name ("Belt and Road Initiative (BRI)"): that registry entity. */
  registry_id: string | null;
  entity_kind: DiscoveredKind;
  /** How the kind was guessed, e.g. "title: Borvian Premier"; "none" when it was not. */
  cue: string;
  role: string | null;
  /** UTF-16 ranges of registry names in the stored text that this longer name contains and replaces. */
  supersedes: [number, number][];
  /** Preceded by in, at, to, from or near: a place, if the gazetteer knows the name. */
  locative: boolean;
  name_start_raw: number;
  name_end_raw: number;
  paragraph: number;
  section: number;
  line: number;
}

/** Head nouns and the kind they give the name they end (or head, before "of"). */
const HEADS: Record<string, DiscoveredKind> = Object.fromEntries(
  [
    ['organization', 'Ministry Council Party Agency University Institute Institutes Academy Court Committee Commission Bank Company Corporation Association Union Organization Organisation Federation Department Office Secretariat Parliament Assembly Congress Duma Senate Cabinet Government Administration Bureau Service Center Centre College School Foundation Fund Group League Society Alliance Authority Board Chamber Front Movement Club Embassy Consulate Politburo Directorate Inc Ltd Corp Airlines Railways Holdings'],
    ['armed_force', 'Fleet Army Navy Forces Force Guard Guards Corps Brigade Division Regiment Flotilla Marines Command'],
    ['place', 'Region Province Oblast Krai Republic Territory District County City Sea Ocean River Lake Bay Gulf Strait Island Islands Peninsula Mountains Mountain Valley Desert Plain Port Airport Square Street Avenue Bridge Palace Kremlin'],
    ['forum', 'Summit Forum Conference Dialogue Meeting Congress Expo Exhibition Games Olympics Festival Week'],
    ['exercise', 'Exercise Exercises Drill Drills Maneuvers Manoeuvres Mission'],
    ['treaty', 'Treaty Agreement Accord Convention Declaration Charter Protocol Memorandum Pact Act Statement Communique Code'],
    ['project', 'Initiative Project Program Programme Pipeline Railway Highway Corridor Plan Strategy'],
    ['media', 'News Times Post Daily Herald Gazette Journal Television TV Radio Channel Review Tribune'],
  ].flatMap(([kind, words]) => words!.split(' ').map((w) => [w, kind as DiscoveredKind])),
);
/** "Congress" is a body, not a meeting; the first kind listed for a word wins, so organization keeps it. */
for (const [w, k] of [['Congress', 'organization']] as const) HEADS[w] = k;

/** Nouns before a name that say it is a person's ("his counterpart Ola Nord", "spokesman Ivo Tal"). */
const PERSON_NOUNS = new Set(['counterpart', 'spokesman', 'spokesperson', 'spokeswoman', 'minister', 'ambassador', 'envoy', 'president', 'premier', 'chairman', 'director', 'professor', 'analyst', 'expert', 'scholar', 'journalist', 'official', 'diplomat', 'senator', 'general', 'admiral', 'colonel', 'commander', 'leader', 'deputy', 'governor', 'mayor', 'secretary', 'researcher', 'economist', 'writer', 'author', 'Mr.', 'Mrs.', 'Ms.', 'Mr', 'Mrs', 'Ms']);

const MONTHS = new Set<string>([
  ...FULL_MONTHS,
  ...MONTH_ABBREVIATIONS,
  ...'Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun'.split(' '),
]);

/** Words that start sentences and headings but name nothing. */
const COMMON = new Set(
  (
    'A An The This That These Those There Here It Its It’s He She His Her Hers They Their Them We Our Us You Your I My Me ' +
    'In On At By For From With Without Within Of To Into Onto Over Under After Before During Since Until Till Upon Against Among Amid Between Beyond Through Throughout Toward Towards Despite Following Regarding Concerning Like Unlike Per Via ' +
    'And But Or Nor Yet So If When While Where Whereas Whether Although Though Because As Once Unless Than Then Thus Hence Also Still Even Only Just Both Either Neither ' +
    'Not No Yes All Any Each Every Some Many Much More Most Few Several Such Other Another Same One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last Next Final Finally ' +
    'However Moreover Meanwhile Nevertheless Nonetheless Indeed Instead Otherwise Therefore Furthermore Besides Overall Altogether Likewise Similarly Accordingly Consequently Perhaps Maybe ' +
    'What Which Who Whom Whose Why How Whatever Whichever Whoever Now Today Yesterday Tomorrow Recently Previously Earlier Later Soon Already Again Never Always Often Sometimes Apparently Clearly Obviously ' +
    'Figure Table Chart Note Notes Source Sources Chronology Photo See Mr Mrs Ms Dr Part Chapter Section Vol Volume Issue No pp'
  ).split(' '),
);

/** Acronyms that are common nouns or units, not names. */
const COMMON_ACRONYMS = new Set(['GDP', 'GNP', 'LNG', 'CEO', 'CEOs', 'TV', 'AM', 'PM', 'UTC', 'GMT', 'USD', 'RMB', 'OK', 'PhD', 'ID', 'IT', 'AI', 'FDI', 'VIP', 'FAQ', 'PR', 'QR', 'HQ', 'BCM', 'KM',
  // Common nouns of the field written as acronyms: an exclusive economic zone, weapons of mass
  // destruction, missiles and drones by class, a memorandum of understanding, a non-governmental body.
  'R&D', 'M&A', 'EEZ', 'EEZs', 'WMD', 'ICBM', 'ICBMs', 'IRBM', 'IRBMs', 'SLBM', 'SLBMs', 'UAV', 'UAVs', 'MOU', 'MOUs', 'MoU', 'NGO', 'NGOs']);
const ROMAN = /^(?:[IVXLC]+)$/;
/** Words that end the field of an office ("Under Secretary for Political Affairs", "Chief of Naval Operations"). */
const OFFICE_ENDS = new Set(['Affairs', 'Operations', 'Policy', 'Security', 'Planning', 'Intelligence', 'Staff', 'Cooperation', 'Development', 'Trade', 'Relations']);
/** Heads of bodies that a demonym names without making them that state's ("American University", "German Marshall Fund"). */
const NON_STATE_HEADS = new Set(['University', 'College', 'School', 'Fund', 'Foundation', 'Institute', 'Institution', 'Center', 'Centre']);
/** Offices of a city or a province: the words before them name the place ("Nagoya Mayor", "Tokyo Gov."). */
const PLACE_OFFICES = new Set(['Mayor', 'Governor', 'Gov.']);
const SPELLED_ORDINALS = new Set('first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth'.split(' '));

/** Title-case connectors that may stand inside a name; "and" only after "of" or "for" ("Ministry of Science and Technology"). */
const CONNECTORS = new Set(['of', 'for', 'the', 'and', 'on', 'de', 'du', 'des', 'la', 'le', 'von', 'van', 'der', 'al', 'bin', 'y']);
/** Abbreviations whose full stop does not end a name ("St. Petersburg"). */
const ABBREVIATIONS = new Set(NAME_ABBREVIATIONS);
/** Possessives that are part of a name ("People’s Liberation Army"). */
const INNER_POSSESSIVES = new Set(['People', 'Workers', 'Women', 'Children', 'Veterans', 'Peoples']);

/** Heads of military commands whose names go on with "in" and a region ("U.S. Forces in Japan"). */
const FORCE_HEADS_WITH_PLACE = new Set(['Forces', 'Command']);
/** Words after "X-Y" that make X and Y the two parties of a meeting or a tie ("the Hu-Bush summit"). */
const PAIR_NOUNS = new Set('summit summits talks meeting meetings dialogue call calls visit visits agreement accord pact relations ties partnership rapprochement axis entente deal'.split(' '));
/** Words for a ship before its name ("U.S. Coast Guard Cutter Rush", "Hospital Ship Mercy"). */
const VESSELS = new Set('Cutter Destroyer Frigate Cruiser Corvette Submarine Carrier Icebreaker Ship Vessel'.split(' '));
/** Bodies known by one word: standing alone inside a sentence, the word is the body's name. */
const LEGISLATURE = 'Congress';
/** Compass words that coordinate before a region's name ("Northeast and Southeast Asia"). */
const COMPASS = new Set('North South East West Northeast Northwest Southeast Southwest Central Eastern Western Northern Southern'.split(' '));
/** Heads of meetings and sessions that a number before them names ("the 19th Congress", "the 3rd Plenum"). */
const NUMBERED = new Set('Congress Plenum Session Summit Conference Meeting Dialogue Forum Assembly Round'.split(' '));
/** Adjectives and generic words that make no name alone or together ("Foreign Ministries", "Western", "Sino"). */
const GENERIC = new Set(
  'Foreign Defense Defence National State Federal Central Joint Military Naval International Regional Local Supreme General Great New Old Special High Higher Grand Western Eastern Northern Southern North South East West Northeast Northwest Southeast Southwest Soviet Sino Czarist Tsarist Imperial Royal Honorary Senior Junior Chief Vice Deputy First Century'.split(' '),
);
/** Adjectives of religion, which qualify a noun as a nationality does ("Thai Muslim deaths"). */
/** Holidays by their English names: times, read as dates where a date shape knows them (lib/date-shapes.ts), never entities. */
const HOLIDAYS = new Set(['New Year', 'Lunar New Year', 'Chinese New Year', 'Christmas', 'Easter', 'Thanksgiving', 'Ramadan', 'Eid', 'Chuseok', 'Golden Week', 'Spring Festival', 'Tet', 'Diwali']);
const RELIGIONS = new Set('Muslim Muslims Islamic Christian Catholic Orthodox Protestant Buddhist Hindu Jewish Sunni Shia Shiite Sikh'.split(' '));
/** A nationality before a title ("Borvian Premier"): any adjective of that shape will do there. */
const NATIONALITY = /^\p{Lu}\p{Ll}+(?:an|ian|ean|ese|ish|ic|i)$/u;
/** A nationality standing alone: a narrower shape, so that names ending in "-an" ("Tolan") stay names. */
const ADJECTIVE = /^\p{Lu}\p{Ll}+(?:ian|ean|ican|ese|ish)s?$/u;
const STATE_NAMES: Set<string> = new Set(
  Object.values(countries.getNames('en', { select: 'all' }))
    .flat()
    .map((n) => nameKey(n)),
);

/** The normalized form of a name: its id and its variants' meeting point. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’']s\b/gu, '')
    .toLowerCase()
    .replace(/^the\s+/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Is this a state of ISO 3166 (any of its English names) or a name the registry holds? */
export function isKnownName(name: string, index: FormIndex): boolean {
  return index.forms.has(name) || STATE_NAMES.has(nameKey(name));
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /(?:\p{Lu}\.){2,}|\p{Lu}+&\p{Lu}+|[\p{L}\p{M}\p{N}]+(?:[-’'][\p{L}\p{M}\p{N}]+)*/gu;

/** The capitalised last part of a hyphenated word ("Peace-mission" → "Mission"): the head of a name printed with a hyphen. */
const hyphenHead = (w: string): string => {
  const last = w.split('-').at(-1)!;
  return last.charAt(0).toUpperCase() + last.slice(1);
};
/** A line compared with a title: quotes, apostrophes, dashes and spacing aside, case aside. */
const titleKey = (s: string): string => s.normalize('NFKC').replace(/[‘’`´]/gu, "'").replace(/[“”]/gu, '"').replace(/[‐‑‒–—]/gu, '-').replace(/\s+/gu, ' ').trim().toLowerCase();
/** The title and each of its tails after a colon ("US-China Relations: Pomp …: Hu’s Visit" → three forms). */
function titleParts(title: string): Set<string> {
  const parts = new Set<string>([titleKey(title)]);
  for (let at = title.indexOf(':'); at !== -1; at = title.indexOf(':', at + 1)) parts.add(titleKey(title.slice(at + 1)));
  return parts;
}
const headWord = (w: string): boolean => Boolean(HEADS[w] ?? HEADS[w.replace(/(?:ies)$/u, 'y').replace(/s$/u, '')]);
const isCap = (t: string): boolean => /^\p{Lu}/u.test(t);
/** A model's designation: letters, a hyphen and a number ("P-8", "F-16A", "Su-35", "DF-21D"). */
const DESIGNATION = /^\p{Lu}[\p{Lu}\p{Ll}]{0,2}-\d{1,4}\p{Lu}?$/u;
/** A name that starts with Arabic's article or a patronymic particle in lower case ("al-Qaeda", "bin-Laden") is still a name word. */
const ARTICLE_NAME = /^(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu)-\p{Lu}\p{Ll}/u;
/** One capital joined by a hyphen to a lower-case word ("a policy U-turn", "an X-ray") is a common noun, no word of a name. */
const LETTER_COMPOUND = /^\p{Lu}-\p{Ll}+$/u;
const isNameWord = (t: string): boolean => (isCap(t) && !LETTER_COMPOUND.test(t)) || ARTICLE_NAME.test(t);
const isAcronym = (t: string): boolean => /^(?:\p{Lu}\.){2,}$|^\p{Lu}+&\p{Lu}+$|^\p{Lu}[\p{Lu}\p{N}-]*\p{Lu}[\p{Lu}\p{N}]*$|^\p{Lu}{1,3}\d+$/u.test(t) && !ROMAN.test(t);
const possessive = (t: string): boolean => /[’']s$/u.test(t);
const bare = (t: string): string => t.replace(/[’']s$/u, '');

/** The head noun of a name: its last word, or the word before its first "of" ("Gulf of Tests"). */
export function headOf(all: string[]): { word: string; kind: DiscoveredKind } | null {
  // The year of "Peace Mission 2005" follows the head.
  const words = all.length > 1 && /^(?:19|20)\d\d$/u.test(all.at(-1)!) ? all.slice(0, -1) : all;
  // The head stands before the first "of", "for" or "on" ("Convention on the Law of the Sea", "Ministry for Foreign Affairs"),
  // or "in" ("U.S. Forces in the Pacific").
  const of = words.findIndex((w) => w === 'of' || w === 'for' || w === 'on' || w === 'in');
  const candidates = of > 0 ? [words[of - 1]!, words.at(-1)!] : [words.at(-1)!];
  for (const w of candidates) {
    const k = HEADS[bare(w)] ?? (/-\p{Ll}+$/u.test(bare(w)) ? HEADS[hyphenHead(bare(w))] : undefined);
    if (k) return { word: bare(w), kind: k };
  }
  return null;
}

/** Do these letters abbreviate the name ("SCO" for "Shanghai Cooperation Organization", "EAEU" for "Eurasian Economic Union")? */
/**
 * Each "(ACRONYM)" of two capitals or more printed after one to five
 * lower-case words ("missile defense (MD)"), with those words: what
 * `d.matchAll(/((?:\p{Ll}[\p{Ll}-]*\s+){1,5})\(([\p{Lu}]{2,})\)/gu)` finds,
 * the words of its first group split on white space. That expression is
 * tried at every lower-case letter of the text and backtracks through five
 * words each time (a tenth of the name finder's time); this finds each
 * parenthesis first and reads the words back from it, which gives the same
 * words: a match cannot cross a parenthesis, so no earlier match hides one,
 * and its leftmost start is the fifth word back, or the first lower-case
 * letter of the run of words that ends the walk.
 */
export function acronymsAfterLowercase(d: string): [string[], string][] {
  const out: [string[], string][] = [];
  // The code point that ends at UTF-16 index i, and its length (letters outside the BMP are two units).
  const back = (i: number): [string, number] => {
    if (i <= 0) return ['', 0];
    const low = d.charCodeAt(i - 1);
    if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
      const high = d.charCodeAt(i - 2);
      if (high >= 0xd800 && high <= 0xdbff) return [d.slice(i - 2, i), 2];
    }
    return [d[i - 1]!, 1];
  };
  const SPACE = /^\s$/u;
  const WORD = /^[\p{Ll}-]$/u;
  for (const m of d.matchAll(/\(([\p{Lu}]{2,})\)/gu)) {
    let pos = m.index!;
    let from = -1;
    for (let k = 0; k < 5; k++) {
      let s = pos;
      for (let c = back(s); c[1] && SPACE.test(c[0]); c = back(s)) s -= c[1];
      if (s === pos) break;
      let w = s;
      for (let c = back(w); c[1] && WORD.test(c[0]); c = back(w)) w -= c[1];
      // A word's first character is a lower-case letter: a run that opens with a hyphen starts at its first letter, and is the first word.
      let u = w;
      while (u < s && d[u] === '-') u++;
      if (u === s) break;
      from = u;
      if (u !== w || !SPACE.test(back(w)[0])) break;
      pos = w;
    }
    if (from >= 0) out.push([d.slice(from, m.index!).trim().split(/\s+/), m[1]!]);
  }
  return out;
}

export function abbreviates(acronym: string, name: string): boolean {
  const letters = acronym.replace(/[^\p{Lu}]/gu, '');
  const words = name.split(/[\s-]+/).filter(Boolean);
  const content = words.filter((w) => !CONNECTORS.has(w));
  const initials = content.map((w) => w[0]!.toUpperCase()).join('');
  if (letters.length < 2) return false;
  if (letters === initials || letters === words.map((w) => w[0]!.toUpperCase()).join('')) return true;
  // Extra letters from inside words ("EAEU"): every content word's initial, in order, and the letters found in order in the name.
  if (letters[0] !== initials[0]) return false;
  let i = 0;
  for (const c of initials) {
    i = letters.indexOf(c, i);
    if (i < 0) return false;
    i++;
  }
  const flat = content.join(' ').toUpperCase();
  let j = 0;
  for (const c of letters) {
    j = flat.indexOf(c, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}

interface Candidate {
  start: number;
  end: number;
  /** Where the surface starts (a title before the name). */
  surfaceStart: number;
  role: string | null;
  kind: DiscoveredKind;
  cue: string;
  supersedes: [number, number][];
  alias?: string;
  /** The acronym in parentheses after it is a registry form: the name is that entity's (a variant spelling). */
  registryAlias?: string;
  /** Why the name is a registry entity's (the cue of a registryAlias); the acronym's by default. */
  registryCue?: string;
  /** The name the key is made of, when the text prints a shorter form ("Northeast" of "Northeast and Southeast Asia"). */
  canonical?: string;
  /** Found in a heading, where every word is capitalised. */
  heading?: boolean;
  /** Its title was printed in the plural ("Presidents"), the title of each name the list goes on with. */
  plural?: boolean;
}

/**
 * `citation`: the text's own "Preferred citation" sentence. Its line is
 * front matter whose names (the authors, the journal, "Volume", "Issue") are
 * the source's metadata, given in the sources row, and no entity of what the
 * text is about. `title`: the source's title (source.yaml); a line that
 * prints it, or the part of it after a colon ("Pomp, Blunders, and
 * Substance: …"), is the chapter's headline, whose capitalised words are
 * title case: a name there counts only when the prose names it too.
 * `authors`: the source's authors (source.yaml). Where the text prints an
 * author's full name (the byline, "Connect with the Author") it names that
 * person, and each part of the author's affiliation that the text prints
 * names that body: the metadata, not a guess, says what they are.
 */
export function extractNames(
  source: SourceInput,
  index: FormIndex,
  titles: Titles,
  types: Map<string, string>,
  citation: string | null = null,
  title: string | null = null,
  authors: readonly { family: string; given: string; affiliation?: string }[] = [],
  /** The relationship source.yaml declares (`[USA, CHN]`), for a text that prints no relationship line. */
  declared: readonly string[] = [],
): NameFinding[] {
  const { text } = source;
  const p = projectDisplay(text.text);
  const d = p.display;
  const extractor = stepLabel(STEP);
  const { paragraphAt, sectionOf } = paragraphIndex(d);

  // Registry matches (display offsets), with the title before a person's name: the registry wins over any candidate there.
  const registry: { start: number; end: number; from: number; ids: string[]; demonym: boolean; short: boolean }[] = [];
  const matches = [...d.matchAll(index.pattern)];
  const personNames = matches.filter((m) => index.forms.get(m[0])!.ids.some((id) => types.get(id) === 'person')).map((m) => [m.index!, m.index! + m[0].length] as const);
  for (const m of matches) {
    const entry = index.forms.get(m[0])!;
    const start = m.index!;
    // A state's name that is also a first name, inside a longer name ("Michael Jordan"): that name is the candidate.
    if (entry.standalone && !standsAlone(d, start, start + m[0].length)) continue;
    const isPerson = entry.ids.some((id) => types.get(id) === 'person');
    const title = isPerson ? titleBefore(d, start, titles, personNames) : null;
    registry.push({ start, end: start + m[0].length, from: title ? title.start : start, ids: entry.ids, demonym: entry.kind === 'demonym', short: entry.kind === 'short_form' });
  }
  const registryAt = (s: number, e: number) => registry.filter((r) => r.from < e && s < r.end);
  const lowercaseWords = new Set([...d.matchAll(/(?<![\p{L}])\p{Ll}[\p{Ll}’'-]*/gu)].map((m) => m[0]));
  // A head ending in a letter may be printed in the plural before a list of names ("Presidents
  // George Bush and Hu Jintao"): the role is then the singular title, as the mentions' is.
  const pluralHeads = new Map(titles.heads.filter((h) => /\p{Ll}$/u.test(h) && !titles.heads.includes(`${h}s`)).map((h) => [`${h}s`, h]));
  const titleHeads = [...titles.heads].sort((a, b) => b.length - a.length);
  // Plurals are titles only right before a list of persons' names (below), never as the last word of a
  // body's name ("House of Representatives", "Council of Ministers").
  const loopHeads = [...titles.heads, ...pluralHeads.keys()].sort((a, b) => b.length - a.length);
  const qualifiers = new Set(titles.qualifiers);
  // Each head as a whole word of a phrase, compiled once per text rather than once per phrase.
  const loopHeadPatterns = loopHeads.map((h) => [h, new RegExp(`(?:^|\\s)${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s)`, 'u')] as const);
  // A head can match only where its first word is a whole word of the phrase ("(?:^|\s)" before it, a
  // space or "(?=\s)" after it): the heads are looked up by their first word, then tried in their order.
  const headsByFirstWord = new Map<string, number[]>();
  loopHeads.forEach((h, k) => {
    const first = h.split(/\s/u)[0]!;
    const list = headsByFirstWord.get(first);
    if (list) list.push(k);
    else headsByFirstWord.set(first, [k]);
  });
  const headsIn = (phrase: string): (readonly [string, RegExp])[] => {
    const at = new Set<number>();
    // A head that opens with white space has '' for its first word: it is tried in every phrase.
    for (const w of ['', ...phrase.split(/\s+/u)]) for (const k of headsByFirstWord.get(w) ?? []) at.add(k);
    return [...at].sort((a, b) => a - b).map((k) => loopHeadPatterns[k]!);
  };

  // A work's title in quotation marks or italics ("The Art and Agony of Avoiding an Alliance") is no name of an entity.
  const titleRanges: [number, number][] = [];
  const displayAt = (raw: number): number => {
    let lo = 0;
    let hi = p.toRaw.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p.toRaw[mid]! < raw) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const looksLikeTitle = (words: string): boolean => {
    const content = words.split(/\s+/).filter((w) => w && !CONNECTORS.has(w) && !['a', 'an', 'in', 'to', 'at', 'with'].includes(w));
    return content.length >= 4 && content.filter((w) => /^[\p{Lu}\d]/u.test(w)).length / content.length >= 0.75;
  };
  for (const m of d.matchAll(/[“"]([^”"\n]{10,200})[”"]/gu)) if (looksLikeTitle(m[1]!)) titleRanges.push([m.index!, m.index! + m[0].length]);
  for (const m of text.text.matchAll(/\*([^*\n]+)\*/g)) if (looksLikeTitle(m[1]!)) titleRanges.push([displayAt(m.index!), displayAt(m.index! + m[0].length)]);
  const insideTitle = (at: number): boolean => titleRanges.some(([s, e]) => s <= at && at < e);
  // Capitalised words that also stand capitalised inside a sentence: names, whatever starts a sentence.
  const midCapitals = new Set<string>();
  for (const m of d.matchAll(/(?<=[\p{L}\p{N},;)] )\p{Lu}[\p{L}\p{N}’'-]*/gu)) midCapitals.add(bare(m[0]));

  const demonym = (w: string): boolean => index.forms.get(w)?.kind === 'demonym';
  // The chapter is on the United States when the relationship it covers names them: the journal
  // prints it above the title ("US - China") and heads the title with it ("US-China Relations: …").
  // A title that names them elsewhere ("…, Rejects US Challenges") is no relationship. Where the text
  // also names another state's Congress ("the Philippine Congress"), a lone "Congress" is either.
  const usForms = [...index.forms].filter(([, f]) => f.ids.length === 1 && f.ids[0] === 'united-states' && f.kind !== 'demonym').map(([form]) => form);
  const usPattern = new RegExp(`(?<![\\p{L}])(?:${['U.S.', 'United States', ...usForms].map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}])`, 'u');
  const relationship = [...d.split('\n').slice(0, 8).filter((l) => /^\s*\S[^:]*?\s[-–—]\s\S[^:]*$/u.test(l) && l.trim().length < 60), /^(.*?)\sRelations:/u.exec(title ?? '')?.[1] ?? ''];
  const otherCongress = [...d.matchAll(/([\p{Lu}][\p{L}.’'-]*) Congress(?![\p{L}])/gu)].some((m) => {
    // "Peru’s Congress", "the Philippine Congress"; not "the National People’s Congress" or "the Party Congress".
    const w = bare(m[1]!);
    const f = index.forms.get(w);
    if (usPattern.test(m[1]!)) return false;
    if (STATE_NAMES.has(nameKey(w)) || (f !== undefined && f.ids.some((id) => types.get(id) === 'state'))) return true;
    return !possessive(m[1]!) && !GENERIC.has(w) && !headWord(w) && !COMMON.has(w) && !MONTHS.has(w);
  });
  // source.yaml's relationship says so too, for a text that prints neither line (a PDF's chapter, a page cut at its title).
  const aboutUS = (relationship.some((l) => usPattern.test(l)) || declared.includes('USA')) && !otherCongress;

  const headlines = title ? titleParts(displayText(inView(title))) : new Set<string>();
  const candidates: Candidate[] = [];
  const titleLine = new Set<number>();
  for (const lm of d.matchAll(/[^\n]+/g)) {
    const line = lm[0];
    const base = lm.index!;
    if (!/\p{Ll}/u.test(line) || line.trim().length < 2) continue;
    const headline = headlines.has(titleKey(line));
    const heading = headline || isHeading(line);
    const tokens: Token[] = [...line.matchAll(TOKEN)].map((m) => {
      // "pro-Falun Gong", "anti-NATO": a lower-case prefix before a name is no part of it.
      const pre = /^(?:pro|anti|non|ex|post|pre|neo|pan|counter)-(?=\p{Lu})/u.exec(m[0]);
      const cut = pre ? pre[0].length : 0;
      if (headline) titleLine.add(base + m.index! + cut);
      return { text: m[0].slice(cut), start: base + m.index! + cut, end: base + m.index! + m[0].length };
    });
    /**
     * "AIIB (Asian Infrastructure and Investment Bank)": an "and" inside a parenthesis that spells out the
     * acronym before it, up to the closing parenthesis, is a word of the name, not a list of two names.
     */
    const spellsAcronymBefore = (from: number, at: number): boolean => {
      const acronym = /(\p{Lu}[\p{Lu}\p{N}&-]{1,9})\s*\(\s*$/u.exec(d.slice(Math.max(0, from - 14), from))?.[1];
      if (!acronym) return false;
      const close = d.indexOf(')', tokens[at]!.end);
      if (close < 0 || close - from > 120) return false;
      const inside = d.slice(from, close);
      return /^[\p{L}\s’'-]+$/u.test(inside) && abbreviates(acronym, inside);
    };
    // Runs of capitalised words; connectors inside; a single space (or an abbreviation's ". ") between words.
    let i = 0;
    while (i < tokens.length) {
      // Names in other scripts are originals, attached to their English names by the original-names step.
      if (!isNameWord(tokens[i]!.text) || tokens[i]!.text.split(/[-–]/u).every((x) => MONTHS.has(x)) || !/^\p{Script=Latin}/u.test(tokens[i]!.text) || insideTitle(tokens[i]!.start)) {
        i++;
        continue;
      }
      const run: Token[] = [tokens[i]!];
      let j = i + 1;
      let sawOf = false;
      while (j < tokens.length) {
        const prev = run.at(-1)!;
        const gap = d.slice(prev.end, tokens[j]!.start);
        // A middle initial ("William J. Fallon") joins too: one capital and its full stop, between capitalised words.
        const initial = gap === '. ' && /^\p{Lu}$/u.test(prev.text) && run.length > 1 && isCap(tokens[j]!.text);
        // "the Senkaku/Diaoyu Islands": two names of one thing joined by a slash before their head noun.
        const slashed = gap === '/' && run.length === 1 && !isAcronym(prev.text) && isCap(tokens[j]!.text) && !isAcronym(tokens[j]!.text) && tokens[j + 1] !== undefined && d.slice(tokens[j]!.end, tokens[j + 1]!.start) === ' ' && headWord(tokens[j + 1]!.text);
        const joined = gap === ' ' || (gap === '. ' && ABBREVIATIONS.has(prev.text)) || initial || (gap === '-' && isCap(tokens[j]!.text)) || slashed;
        if (!joined || (possessive(prev.text) && !INNER_POSSESSIVES.has(bare(prev.text)))) break;
        const t = tokens[j]!.text;
        // A month's name after a name and before no number is a name ("Theresa May").
        const month = (MONTHS.has(t) && !(isCap(prev.text) && !COMMON.has(prev.text) && !/^\s*\d/u.test(d.slice(tokens[j]!.end, tokens[j]!.end + 3)))) || (/[-–]/u.test(t) && t.split(/[-–]/u).every((x) => MONTHS.has(x)));
        if (isNameWord(t) && !month && /^\p{Script=Latin}/u.test(t)) {
          run.push(tokens[j]!);
          j++;
          continue;
        }
        // "U.S. Marines on Okinawa": "on" after the head of a force says where it is, no word of its name.
        if (t === 'on' && HEADS[prev.text] === 'armed_force') break;
        if (CONNECTORS.has(t) && (t !== 'and' || sawOf || spellsAcronymBefore(run[0]!.start, j)) && (t !== 'the' || ['of', 'for', 'on'].includes(prev.text))) {
          if (t === 'of' || t === 'for' || t === 'on') sawOf = true;
          run.push(tokens[j]!);
          j++;
          continue;
        }
        break;
      }
      while (run.length && CONNECTORS.has(run.at(-1)!.text)) run.pop();
      // "Peace Mission 2005": a year after the head of an exercise or a meeting is part of its name.
      const next = tokens[j];
      if (run.length && next && /^(?:19|20)\d\d$/u.test(next.text) && d.slice(run.at(-1)!.end, next.start) === ' ' && ['exercise', 'forum'].includes(HEADS[run.at(-1)!.text] ?? HEADS[hyphenHead(run.at(-1)!.text)] ?? '')) {
        run.push(next);
        j++;
      }
      // "U.S. Forces in the Pacific": a command's name runs on through "in" and the region it commands.
      if (run.length && FORCE_HEADS_WITH_PLACE.has(run.at(-1)!.text) && tokens[j]?.text === 'in' && d.slice(run.at(-1)!.end, tokens[j]!.start) === ' ') {
        let k = j + 1;
        if (tokens[k]?.text === 'the' && d.slice(tokens[j]!.end, tokens[k]!.start) === ' ') k++;
        const from = k;
        while (tokens[k] && isCap(tokens[k]!.text) && !MONTHS.has(tokens[k]!.text) && d.slice(tokens[k - 1]!.end, tokens[k]!.start) === ' ') k++;
        if (k > from) {
          run.push(...tokens.slice(j, k));
          j = k;
        }
      }
      i = Math.max(j, i + 1);
      // "the US Navy P-8 Poseidon": a designation ("P-8", "F-16", "Su-35") right after the head noun of a
      // force or a body starts a name of its own (the aircraft, ship or missile); the force is whose it is.
      const cut = run.findIndex((t, k) => k > 0 && DESIGNATION.test(t.text) && ['armed_force', 'organization'].includes(HEADS[run[k - 1]!.text] ?? ''));
      const parts = cut > 0 ? [run.slice(0, cut), run.slice(cut)] : [run];
      for (const part of parts) if (part.length) candidates.push(...fromRun(part).map((c) => (heading ? { ...c, heading: true } : c)));
    }
    // "Presidents George Bush and Hu Jintao": a plural title is the title of each name it lists
    // (names of two words or more with no cue of their own, joined by a comma or "and").
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (!c.role || !c.plural) continue;
      let end = c.end;
      for (let n = k + 1; n < candidates.length; n++) {
        const next = candidates[n]!;
        if (!/^(?:,\s+|,?\s+and\s+)$/u.test(d.slice(end, next.start)) || next.kind !== 'unknown' || next.role || !/\s/u.test(d.slice(next.start, next.end))) break;
        candidates[n] = { ...next, kind: 'person', role: c.role, cue: `title: ${c.role}` };
        end = next.end;
      }
    }
  }

  function sentenceInitial(at: number): boolean {
    const lineStart = d.lastIndexOf('\n', at - 1) + 1;
    const before = d.slice(lineStart, at);
    // An opening quotation mark starts a sentence too ("he warned that “Chaos and …").
    // So does a word after a sentence closed inside brackets or quotes ("… boundary.)  Concerned that …").
    return /(?:^|[.!?:;][)\]"”’]*\s+|[“"‘])[“"‘(]*$/u.test(before);
  }

  function fromRun(run: Token[]): Candidate[] {
    // "The" starts a name ("the Kremlin") but is no part of it.
    while (run.length && (run[0]!.text === 'The' || CONNECTORS.has(run[0]!.text) || COMMON.has(run[0]!.text) || (sentenceInitial(run[0]!.start) && lowercaseWords.has(run[0]!.text.toLowerCase())))) run = run.slice(1);
    // "Students of Moscow State University": a sentence's first word, never capitalised inside a sentence, before "of", is no part of the name.
    if (run.length > 2 && ['of', 'for'].includes(run[1]!.text) && sentenceInitial(run[0]!.start) && !midCapitals.has(run[0]!.text) && !headWord(run[0]!.text) && !titleHeads.includes(run[0]!.text)) run = run.slice(2);
    // "Commander of U.S. Forces": an office of a body names the body, not a third thing; the holder's name follows.
    if (run.length > 2 && titleHeads.includes(run[0]!.text) && ['of', 'for'].includes(run[1]!.text)) {
      const h = headOf(run.slice(2).map((t) => bare(t.text)));
      if (h && ['organization', 'armed_force', 'forum'].includes(h.kind)) run = run.slice(run[2]!.text === 'the' ? 3 : 2);
    }
    if (!run.length) return [];
    // "the George Bush-Koizumi Junichiro summit": two names of two words or more joined by a hyphen, with no
    // head noun, are those two names.
    const hyphenAt = run.findIndex((t, k) => k > 0 && k < run.length - 1 && /^\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+$/u.test(t.text));
    // Only before a common noun or marks ("… summit", "… “special relationship”"), and with no other hyphenated word.
    const afterRun = d.slice(run.at(-1)!.end, run.at(-1)!.end + 3);
    if (hyphenAt > 0 && /^\s*(?:[“"]|\p{Ll})/u.test(afterRun) && run.filter((t) => t.text.includes('-')).length === 1 && !run.some((t) => headWord(t.text) || CONNECTORS.has(t.text) || titleHeads.includes(t.text))) {
      const t = run[hyphenAt]!;
      const cut = t.text.indexOf('-');
      const left = [...run.slice(0, hyphenAt), { text: t.text.slice(0, cut), start: t.start, end: t.start + cut }];
      const right = [{ text: t.text.slice(cut + 1), start: t.start + cut + 1, end: t.end }, ...run.slice(hyphenAt + 1)];
      return [...fromRun(left), ...fromRun(right)];
    }
    // "the US Pacific Command Samuel Locklear": a body's head noun followed by a given name and a surname
    // (two or three capitalised words, the first an English given name, none a head noun) ends the body's
    // name; the person after it holds an office of that body, printed before the name as a title is.
    const bodyEnd = run.findIndex((t, k) => k > 0 && k < run.length - 2 && ['organization', 'armed_force', 'forum'].includes(HEADS[t.text] ?? ''));
    if (bodyEnd > 0) {
      const person = run.slice(bodyEnd + 1);
      if (person.length <= 3 && person.every((t) => isCap(t.text) && !headWord(bare(t.text)) && !CONNECTORS.has(t.text) && !isAcronym(t.text)) && isEnglishFirstName(person[0]!.text) && d.slice(run[bodyEnd]!.end, person[0]!.start) === ' ' && !registryAt(person[0]!.start, person.at(-1)!.end).length) {
        const body = fromRun(run.slice(0, bodyEnd + 1));
        const title = d.slice(run[0]!.start, run[bodyEnd]!.end);
        const e = person[0]!.start + bare(d.slice(person[0]!.start, person.at(-1)!.end)).length;
        return [...body, { start: person[0]!.start, end: e, surfaceStart: person[0]!.start, role: null, kind: 'person', cue: `title: ${title}`, supersedes: [], ...defined(person[0]!.start, e) }];
      }
    }
    const start = run[0]!.start;
    const end = run.at(-1)!.end;
    // A state's full name around a registry form ("United States of America"): none of it is a new name.
    if (isKnownName(bare(d.slice(start, end)), index)) return [];
    const inside = registryAt(start, end);
    const words = run.map((t) => t.text);
    const head = headOf(words);
    // "U.S. Coast Guard Cutter Rush": a ship's name is the words after the word for a ship and all
    // before it; a state or place before them is whose ship it is, a word of the name.
    const vesselAt = run.findIndex((t, k) => k > 0 && VESSELS.has(t.text));
    if (vesselAt > 0 && inside.length) {
      const tail = run.slice(vesselAt + 1);
      const isPlace = (r: (typeof inside)[number]): boolean => !r.demonym && r.ids.every((id) => ['place', 'state'].includes(types.get(id) ?? ''));
      if (
        tail.length >= 1 &&
        tail.every((t) => isCap(t.text) && !headWord(t.text) && !possessive(t.text) && !registryAt(t.start, t.end).length) &&
        inside.every((r) => isPlace(r) && r.end <= run[vesselAt]!.start) &&
        !index.forms.has(d.slice(start, end))
      ) {
        return [{ start, end, surfaceStart: start, role: null, kind: 'unknown', cue: `vessel: ${run[vesselAt]!.text}`, supersedes: inside.map((r) => [r.start, r.end]) }];
      }
    }
    // Longest name wins: a registry place or state inside a longer name that has a head noun after it.
    if (head && inside.length) {
      const headAt = run.findIndex((t, k) => bare(t.text) === head.word && k > 0);
      const isPlace = (r: (typeof inside)[number]): boolean => !r.demonym && r.ids.every((id) => ['place', 'state'].includes(types.get(id) ?? ''));
      // "German Marshall Fund of the U.S.", "Meeting of the Prime Ministers of Russia and China": places named after "of" at the
      // end of a body's or a meeting's name are part of that name too.
      const tail = headAt >= 0 && ['organization', 'forum'].includes(head.kind) ? inside.filter((r) => r.start >= run[headAt]!.end) : [];
      const sortedTail = [...tail].sort((a, b) => a.start - b.start);
      const ofTail =
        sortedTail.length > 0 &&
        sortedTail.every(isPlace) &&
        sortedTail.at(-1)!.end === start + bare(d.slice(start, end)).length &&
        /\sof\s+(?:the\s+)?$/u.test(d.slice(run[headAt]!.end, sortedTail[0]!.start)) &&
        sortedTail.slice(1).every((r, k) => /^(?:\s+and\s+|,\s+)$/u.test(d.slice(sortedTail[k]!.end, r.start)));
      const places = inside.filter((r) => isPlace(r) && headAt >= 0 && (r.end <= run[headAt]!.start || (ofTail && sortedTail.includes(r))));
      // "SCO Summit", "UN Convention on the Law of the Sea": a body before the head of a meeting or a treaty names whose it is.
      // "PLA Navy", "PLA Air Force": a force or a body before the head of a force names the branch it is of.
      const ownerTypes = ['forum', 'treaty'].includes(head.kind) ? ['organization'] : head.kind === 'armed_force' ? ['organization', 'armed_force'] : [];
      const owners = ownerTypes.length && headAt >= 0 ? inside.filter((r) => !r.demonym && r.end <= run[headAt]!.start && r.ids.every((id) => ownerTypes.includes(types.get(id) ?? ''))) : [];
      places.push(...owners.filter((r) => !places.includes(r)));
      const others = inside.filter((r) => !places.includes(r) && !(r.demonym && r.start === start));
      if (places.length && !others.length) {
        const whole = d.slice(start, end);
        if (index.forms.has(whole)) return [];
        const e = start + bare(whole).length;
        // A leading demonym is a word of a university's, a school's, a fund's or a foundation's name (below).
        const leading = NON_STATE_HEADS.has(head.word) ? inside.filter((r) => r.demonym && r.start === start) : [];
        return [{ start, end: e, surfaceStart: start, role: null, kind: head.kind, cue: `head_noun: ${head.word}`, supersedes: [...places, ...leading].map((r) => [r.start, r.end]), ...defined(start, e) }];
      }
    }
    // "Russian Federal Council", "Russian Direct Investment Fund": a demonym before a body's head noun starts the body's name; the demonym still names its state.
    // But a university, a college, a school, a fund or a foundation named with a demonym ("American
    // University", "German Marshall Fund") is no body of that state: the demonym is only a word of its name.
    const lead = inside.length === 1 && inside[0]!.demonym && inside[0]!.start === start ? inside[0]! : null;
    const nonState = head !== null && NON_STATE_HEADS.has(head.word) && run.at(-1)!.text === head.word;
    if (lead && head && (run.length >= 3 || (nonState && run.length === 2)) && !index.forms.has(d.slice(start, end))) {
      const rest = run.filter((t) => t.start >= lead.end).map((t) => t.text);
      const bodyHead = ['organization', 'armed_force'].includes(head.kind);
      if ((bodyHead || rest.every((w) => GENERIC.has(w) || headWord(w))) && !/s$/u.test(head.word)) {
        // "Chinese Communist Party’s": the possessive is no part of the name.
        const e = start + bare(d.slice(start, end)).length;
        return [{ start, end: e, surfaceStart: start, role: null, kind: head.kind, cue: `head_noun: ${head.word}`, supersedes: NON_STATE_HEADS.has(head.word) ? [[lead.start, lead.end]] : [], ...defined(start, e) }];
      }
    }
    // "China-ASEAN Free Trade Area", "U.S.-Kestria Trade Council": two registry names, states or
    // acronyms joined by a hyphen before a name are its parties, words of that name; the registry
    // states and places among them are no mentions of their own. Only when the words after the pair
    // are a name of two words or more by themselves ("US-China Relations" is none).
    const party = (w: string): boolean => (index.forms.has(w) && index.forms.get(w)!.kind !== 'demonym') || STATE_NAMES.has(nameKey(w)) || isAcronym(w);
    const pair = run[0]!.text.split('-').length === 2 && run[0]!.text.split('-').every(party) ? 1 : run.length > 2 && d.slice(run[0]!.end, run[1]!.start) === '-' && party(run[0]!.text) && party(run[1]!.text) ? 2 : 0;
    if (pair && run.length >= pair + 2) {
      const rest = run.slice(pair);
      const pairInside = registryAt(start, run[pair - 1]!.end);
      const got = rest.some((t) => registryAt(t.start, t.end).length) ? [] : fromPiece(rest);
      const restEnd = rest[0]!.start + bare(d.slice(rest[0]!.start, rest.at(-1)!.end)).length;
      if (
        got.length === 1 &&
        got[0]!.start === rest[0]!.start &&
        got[0]!.end === restEnd &&
        !got[0]!.role &&
        !got[0]!.registryAlias &&
        pairInside.every((r) => !r.demonym && r.ids.every((id) => ['place', 'state'].includes(types.get(id) ?? ''))) &&
        !index.forms.has(d.slice(start, restEnd))
      ) {
        const { alias, registryAlias, cueOriginal } = defined(start, restEnd);
        return [{ ...got[0]!, start, surfaceStart: start, supersedes: pairInside.map((r) => [r.start, r.end]), alias, registryAlias, cue: got[0]!.cue === 'none' && cueOriginal ? cueOriginal : got[0]!.cue }];
      }
    }
    // Otherwise the registry wins: the words it does not cover are the candidates. A registry short
    // form (a bare surname such as "Wang" or "Yang") wins only where it stands alone: inside a longer
    // name ("Vice Premier Wang Yang") it is a word of that name, which supersedes it.
    const out: Candidate[] = [];
    let piece: Token[] = [];
    const soft = (t: Token): boolean => {
      const rs = registryAt(t.start, t.end);
      return rs.length > 0 && rs.every((r) => r.short && !/\s/u.test(d.slice(r.start, r.end)));
    };
    // "Chief of the General Staff of the PLA Fang Fenghui": an office of a registry body ("Chief of
    // the General Staff of the") is no name; it and the body are the title of the person named next.
    let office: number | null = null;
    const flush = (): void => {
      const trimmed = piece.filter((t, k) => k > 0 || !CONNECTORS.has(t.text));
      if (!trimmed.length) {
        piece = [];
        return;
      }
      const got = fromPiece(piece);
      const isOffice = trimmed.length > 2 && titleHeads.includes(trimmed[0]!.text) && ['of', 'for'].includes(trimmed[1]!.text);
      if (isOffice && got.every((c) => c.kind === 'unknown' && c.start === trimmed[0]!.start)) {
        office = trimmed[0]!.start;
        piece = [];
        return;
      }
      const held = office;
      office = null;
      for (let c of got) {
        // A word whose possessive the candidate leaves out ("Wang Yang’s") is still one of its words.
        const words = piece.filter((t) => t.start >= c.start && t.start < c.end);
        const shorts = words.filter(soft);
        // A surname with a body's head after it ("the Xi Administration") names the registry person's office, no new name.
        if (shorts.length && (words.length < 2 || c.cue.startsWith('head_noun'))) continue;
        if (held !== null && got.length === 1 && c.kind === 'unknown' && !c.role && c.start === trimmed[0]!.start && words.length >= 2 && words.every((t) => isCap(t.text) && !headWord(t.text))) {
          const role = d.slice(held, c.start).trim();
          c = { ...c, kind: 'person', role, surfaceStart: held, cue: `title: ${role}` };
        }
        const spans = registry.filter((r) => r.short && !/\s/u.test(d.slice(r.start, r.end)) && r.start >= c.start && r.end <= c.end);
        out.push(spans.length ? { ...c, supersedes: [...c.supersedes, ...spans.map((r) => [r.start, r.end] as [number, number])] } : c);
      }
      piece = [];
    };
    for (const t of run) {
      const rs = registryAt(t.start, t.end);
      if (rs.length && !soft(t)) {
        // "Kuala Lumpur-Singapore": a registry name joined by a hyphen to a word of a longer name takes only
        // its own part of the word; the other part stays a word of the name beside it.
        const cut = t.text.search(/[-–]/u);
        const covered = (s0: number, e0: number): boolean => rs.some((r) => r.from < e0 && s0 < r.end);
        const left = cut > 0 ? { text: t.text.slice(0, cut), start: t.start, end: t.start + cut } : null;
        const right = cut > 0 ? { text: t.text.slice(cut + 1), start: t.start + cut + 1, end: t.end } : null;
        // Only words of a plain name: no acronym ("ASEAN-Japan" names two parties) and no connector before it ("Year of ASEAN-…").
        const plain = left && right && isCap(left.text) && isCap(right.text) && !isAcronym(left.text) && !isAcronym(right.text);
        if (plain && !covered(left.start, left.end) && covered(right.start, right.end) && !piece.some((x) => CONNECTORS.has(x.text))) piece.push(left);
        flush();
        if (plain && covered(left.start, left.end) && !covered(right.start, right.end)) piece.push(right);
      } else piece.push(t);
    }
    flush();
    return out;
  }

  function fromPiece(piece: Token[]): Candidate[] {
    while (piece.length && CONNECTORS.has(piece[0]!.text)) piece = piece.slice(1);
    while (piece.length && CONNECTORS.has(piece.at(-1)!.text)) piece = piece.slice(0, -1);
    if (!piece.length) return [];
    // "Secretary of State John Kerry and State Councilor Yang Jiechi": two titled names joined by "and"
    // are two names, each with its title.
    const hasTitle = (ts: Token[]): boolean => {
      const text = ` ${ts.map((t) => t.text).join(' ')} `;
      return titleHeads.some((h) => text.includes(` ${h} `));
    };
    for (let k = 1; k < piece.length - 1; k++) {
      if (piece[k]!.text !== 'and') continue;
      const [left, right] = [piece.slice(0, k), piece.slice(k + 1)];
      if (hasTitle(left) && hasTitle(right)) return [...fromPiece(left), ...fromPiece(right)];
    }
    // A title inside the run: the name is what follows it ("Borvian Premier Ola Nord").
    let role: string | null = null;
    let pluralRole = false;
    // A place or body the words before an office name ("Nagoya Mayor", "Japan Defense Agency Director General").
    let officeNamed: Candidate | null = null;
    let surfaceStart = piece[0]!.start;
    const phrase = d.slice(piece[0]!.start, piece.at(-1)!.end);
    for (const [h, re] of headsIn(phrase)) {
      const m = re.exec(phrase);
      if (!m) continue;
      const headEnd = piece[0]!.start + m.index! + m[0].length;
      const lead = piece.filter((t) => t.end <= piece[0]!.start + m.index! + (m[0].startsWith(' ') ? 0 : 0));
      const rest = piece.filter((t) => t.start >= headEnd);
      // A plural title stands before two or more words of persons' names, never before a head noun or in a body's name.
      if (pluralHeads.has(h) && (rest.length < 2 || rest.some((t) => headWord(t.text) || CONNECTORS.has(t.text) || /-/u.test(t.text)) || lead.some((t) => CONNECTORS.has(t.text)))) continue;
      // Before the head: a nationality and qualifiers ("First Deputy"), or, when a person's name of two
      // or more words follows, the body or field the office is of ("National Security Advisor", "Industry Minister").
      // "Deputy Defense Undersecretary for Asia and Pacific Affairs Richard Lawless": the office runs on through
      // "for" or "of" to a word that ends an office's field ("Affairs"); the two words after it are the name.
      const officeEnd = rest.length >= 4 ? rest.at(-3)! : null;
      const officeTail =
        officeEnd && ['for', 'of'].includes(rest[0]!.text) && OFFICE_ENDS.has(officeEnd.text) && rest.every((t) => isCap(t.text) || CONNECTORS.has(t.text)) &&
        rest.slice(-2).every((t) => !headWord(t.text) && !CONNECTORS.has(t.text) && !OFFICE_ENDS.has(t.text) && !GENERIC.has(t.text) && !lowercaseWords.has(t.text.toLowerCase()))
          ? officeEnd
          : null;
      const personAfter = (rest.length >= 2 && rest.every((t) => isCap(t.text) && !headWord(t.text))) || officeTail !== null;
      // Or an office of its own before a rank ("Chief of Naval Operations Adm. Jonathan Greenert"): a head, then
      // capitalised words and connectors, when a person's name of two words or more follows the rank.
      const leadText = lead.map((t) => t.text).join(' ');
      const office = personAfter && lead.length > 1 && titleHeads.some((x) => leadText.startsWith(`${x} `)) && lead.every((t) => isCap(t.text) || CONNECTORS.has(t.text));
      if (!office && !lead.every((t) => NATIONALITY.test(t.text) || qualifiers.has(t.text) || isAcronym(t.text) || (personAfter && isCap(t.text)))) continue;
      if (officeTail) {
        role = d.slice(piece[0]!.start, officeTail.end).trim();
        surfaceStart = piece[0]!.start;
        piece = rest.slice(-2);
        break;
      }
      if (!rest.length || !rest.every((t) => isCap(t.text) || CONNECTORS.has(t.text)) || rest.some((t) => CONNECTORS.has(t.text))) continue;
      role = d.slice(piece[0]!.start, headEnd).trim();
      if (pluralHeads.has(h)) {
        role = role.slice(0, -1);
        pluralRole = true;
      }
      // "Japan Defense Agency Director General Nukaga Fukushiro": a body's name before the office (its head noun
      // last) is a body the text names, with the state printed right before it.
      const leadHead = lead.length >= 2 ? HEADS[lead.at(-1)!.text] : undefined;
      if ((leadHead === 'organization' || leadHead === 'armed_force') && lead.every((t) => isCap(t.text) && !qualifiers.has(t.text) && !titleHeads.includes(t.text))) {
        const owner = registry.find((r) => !r.demonym && r.end === lead[0]!.start - 1 && d[r.end] === ' ' && r.ids.length === 1 && types.get(r.ids[0]!) === 'state');
        const from = owner ? owner.start : lead[0]!.start;
        const body = d.slice(from, lead.at(-1)!.end);
        if (!isKnownName(body, index)) officeNamed = { start: from, end: lead.at(-1)!.end, surfaceStart: from, role: null, kind: leadHead, cue: `head_noun: ${lead.at(-1)!.text}`, supersedes: owner ? [[owner.start, owner.end]] : [] };
      }
      // "Nagoya Mayor Kawamura Takashi": the place before the office of a city or a province is a place the text names.
      if (PLACE_OFFICES.has(h) && lead.length >= 1 && lead.length <= 2 && lead.every((t) => isCap(t.text) && !NATIONALITY.test(t.text) && !qualifiers.has(t.text) && !isAcronym(t.text) && !GENERIC.has(t.text) && !COMMON.has(t.text) && !headWord(t.text) && !titleHeads.includes(t.text) && !/(?:al|ic|ive|ary|ern)$/u.test(t.text) && !lowercaseWords.has(t.text.toLowerCase()))) {
        officeNamed = { start: lead[0]!.start, end: lead.at(-1)!.end, surfaceStart: lead[0]!.start, role: null, kind: 'place', cue: `office: ${h}`, supersedes: [] };
      }
      surfaceStart = piece[0]!.start;
      piece = rest;
      break;
    }
    if (!role) {
      // Sentence-initial words that are common words elsewhere name nothing.
      while (piece.length && (COMMON.has(bare(piece[0]!.text)) || (sentenceInitial(piece[0]!.start) && lowercaseWords.has(bare(piece[0]!.text).toLowerCase())))) piece = piece.slice(1);
      while (piece.length && CONNECTORS.has(piece[0]!.text)) piece = piece.slice(1);
      if (!piece.length) return [];
      surfaceStart = piece[0]!.start;
    }
    const start = piece[0]!.start;
    const end = piece.at(-1)!.end;
    const name = bare(d.slice(start, end));
    const nameEnd = start + name.length;
    const words = piece.map((t) => bare(t.text));
    if (isKnownName(name, index)) return [];
    // A holiday ("New Year address", "Lunar New Year") is a time, not a thing the text names as a party or a place.
    if (HOLIDAYS.has(name)) return [];
    // "the 19th Congress", "the Party's 3rd Plenum": a number before the head of a meeting, with only
    // generic words between, names one meeting of a series (a Congress numbered so is a party's or a
    // legislature's term, so its kind is left open).
    const ordinal = /(?<![\p{L}\p{N}])(\d+(?:st|nd|rd|th)) $/u.exec(d.slice(Math.max(0, start - 8), start));
    if (!role && ordinal && NUMBERED.has(words.at(-1)!) && words.every((w) => headWord(w) || GENERIC.has(w) || NUMBERED.has(w))) {
      const from = start - ordinal[0].length;
      return [{ start: from, end: nameEnd, surfaceStart: from, role: null, kind: words.at(-1) === 'Congress' ? 'unknown' : 'forum', cue: `ordinal: ${ordinal[1]!}`, supersedes: [] }];
    }
    // A lone "Congress" inside a sentence, in a chapter on the United States: the US legislature.
    if (!role && words.length === 1 && words[0] === LEGISLATURE && aboutUS && !sentenceInitial(start) && !/[\p{Lu}\p{N}][\p{L}\p{N}.’'-]*\s*$/u.test(d.slice(Math.max(0, start - 30), start)) && !/^\s*[\p{Lu}\p{N}]/u.test(d.slice(nameEnd, nameEnd + 3))) {
      return [{ start, end: nameEnd, surfaceStart: start, role: null, kind: 'organization', cue: 'legislature: the chapter is on the United States', supersedes: [] }];
    }
    if (words.length === 1) {
      const w = words[0]!;
      if (COMMON_ACRONYMS.has(w) || RELIGIONS.has(w)) return [];
      // A lone title, head noun, nationality adjective or common word is no name.
      if (w.includes('-') && w.split('-').every((x) => GENERIC.has(x) || ADJECTIVE.test(x) || demonym(x) || MONTHS.has(x))) return [];
      if (COMMON.has(w) || MONTHS.has(w) || headWord(w) || GENERIC.has(w) || titleHeads.includes(w) || pluralHeads.has(w) || (!isAcronym(w) && lowercaseWords.has(w.toLowerCase()))) return [];
      // A word only ever seen at the start of a sentence is more likely a common word than a name; not a
      // city of a million inhabitants or more ("Seoul’s stance …"), which the gazetteer takes with no cue.
      if (!role && sentenceInitial(start) && !midCapitals.has(w) && !((placeKnown(w)?.population ?? 0) >= PLACE_WORD_EXEMPT_POPULATION)) return [];
      // A plural of a registry acronym ("EWGs") names the registry's entity.
      if (/^\p{Lu}{2,}s$/u.test(w) && index.forms.has(w.slice(0, -1))) return [];
      // "the two Koreas": the plural of a state's or a registry name names no one thing.
      if (/^\p{Lu}\p{Ll}+s$/u.test(w) && (index.forms.has(w.slice(0, -1)) || STATE_NAMES.has(nameKey(w.slice(0, -1))) || /\b(?:two|both)\s+$/iu.test(d.slice(Math.max(0, start - 6), start)))) return [];
      // A lone capital ("U" of a "U.S" printed without its last full stop) or a spelled ordinal ("the Fourth of July").
      if (/^\p{Lu}$/u.test(w) || SPELLED_ORDINALS.has(w.toLowerCase())) return [];
      if (!role && (ADJECTIVE.test(w) || demonym(w) || demonym(w.replace(/s$/u, '')))) return [];
      if (isAcronym(w) && (COMMON_ACRONYMS.has(w) || /^\p{Lu}{1,2}\d+$/u.test(w) === false && w.length < 2)) return [];
      if (/^\d/u.test(w)) return [];
    }
    // "Summit", "Foreign Ministries", "Defence Minister": only heads, titles and generic words, no name;
    // but a singular head after a generic word inside a sentence is a body's, a force's or a place's
    // name ("the State Duma", "the Imperial Army"); a place's needs two words before its head
    // ("Russia's East Military District", where "the Military District" names nothing).
    const headKind = HEADS[words.at(-1)!] ?? '';
    const body = (words.length >= 2 && ['organization', 'armed_force', 'forum'].includes(headKind) || (words.length >= 3 && headKind === 'place')) && GENERIC.has(words[0]!) && !sentenceInitial(start) && words.every((w) => GENERIC.has(w) || headWord(w));
    if (!body && words.every((w) => headWord(w) || GENERIC.has(w) || COMMON.has(w) || CONNECTORS.has(w) || titleHeads.includes(w) || qualifiers.has(w) || ADJECTIVE.test(w) || demonym(w))) return [];
    // "a UNSC President’s Statement", "the KMT Chairman": a run that ends with a title (its possessive
    // aside) names an office, not a thing; an acronym before the title is the body whose office it is.
    const unpossessed = phrase.replace(/[’']s$/u, '');
    if (titleHeads.some((h) => unpossessed.endsWith(h)) && !role) {
      const first = piece[0]!;
      if (piece.length === 2 && isAcronym(bare(first.text)) && titleHeads.includes(bare(piece[1]!.text)) && !COMMON_ACRONYMS.has(bare(first.text)) && !isKnownName(bare(first.text), index)) {
        return [{ start: first.start, end: first.start + bare(first.text).length, surfaceStart: first.start, role: null, kind: 'organization', cue: `office: ${bare(piece[1]!.text)}`, supersedes: [] }];
      }
      return [];
    }
    // An adjective phrase before a common noun ("South American countries").
    if (words.length > 1 && (ADJECTIVE.test(words.at(-1)!) || demonym(words.at(-1)!) || RELIGIONS.has(words.at(-1)!)) && /^\s+\p{Ll}/u.test(d.slice(nameEnd, nameEnd + 3))) return [];
    // "the Hu-Bush summit": two names joined by a hyphen before a common noun, each capitalised alone elsewhere, are those two names, not a third.
    if (words.length === 1 && /^\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+$/u.test(words[0]!) && /^\s+\p{Ll}/u.test(d.slice(nameEnd, nameEnd + 3))) {
      const parts = words[0]!.split('-');
      if (parts.every((x) => midCapitals.has(x) || index.forms.has(x))) return [];
      // Before a word for a meeting or a tie ("the Hu-Bush summit", "Putin-Abe talks") the two are the
      // parties, each a name of its own, even when neither is printed alone elsewhere.
      const noun = /^\s+(\p{Ll}+)/u.exec(d.slice(nameEnd, nameEnd + 24))?.[1] ?? '';
      if (PAIR_NOUNS.has(noun)) {
        const out: Candidate[] = [];
        let at = start;
        for (const x of parts) {
          const known = index.forms.has(x) || GENERIC.has(x) || ADJECTIVE.test(x) || demonym(x) || COMMON.has(x) || STATE_NAMES.has(nameKey(x));
          if (!known) out.push({ start: at, end: at + x.length, surfaceStart: at, role: null, kind: 'unknown', cue: `hyphen_pair: ${noun}`, supersedes: [] });
          at += x.length + 1;
        }
        return out;
      }
    }
    const before = d.slice(Math.max(0, surfaceStart - 40), surfaceStart);
    const prevWord = /(\S+)\s+$/u.exec(before)?.[1] ?? '';
    let kind: DiscoveredKind = 'unknown';
    let cue = 'none';
    const head = headOf(words);
    if (role) [kind, cue] = ['person', `title: ${role}`];
    else if (PERSON_NOUNS.has(prevWord) && words.length >= 2 && !head) [kind, cue] = ['person', `title: ${prevWord}`];
    else if (head && words.length > 1) [kind, cue] = [head.kind, `head_noun: ${head.word}`];
    else if (words.length >= 2 && !head) {
      const app = appositiveAfter(d, nameEnd, titles);
      if (app) [kind, cue] = ['person', `appositive: ${app}`];
    }
    const def = defined(start, nameEnd);
    if (cue === 'none' && def.cueOriginal) cue = def.cueOriginal;
    const named: Candidate = { start, end: nameEnd, surfaceStart: role ? surfaceStart : start, role, kind, cue, supersedes: [], ...def, ...(pluralRole ? { plural: true } : {}) };
    return officeNamed && !isKnownName(d.slice(officeNamed.start, officeNamed.end), index) ? [officeNamed, named] : [named];
  }

  /** What the parenthesis after a name says of it: an acronym it defines, or an original in Chinese or Russian. */
  function defined(start: number, end: number): { alias?: string; registryAlias?: string; cueOriginal?: string } {
    const after = /^\s*\(([^()\n]{1,60})\)/u.exec(d.slice(end, end + 64));
    if (!after) return {};
    const inner = after[1]!.trim();
    const owner = index.forms.get(inner);
    // "Shanghai Cooperative Organization (SCO)": a variant of the name of the registry entity the acronym names.
    if (owner && owner.ids.length === 1 && owner.kind !== 'demonym' && abbreviates(inner, d.slice(start, end))) return { registryAlias: owner.ids[0]! };
    if (/^[\p{Lu}][\p{Lu}\p{N}&-]+$/u.test(inner) && abbreviates(inner, d.slice(start, end))) return { alias: inner };
    if (/^[\p{Script=Han}\s·]+$/u.test(inner)) return { cueOriginal: 'original: zh' };
    if (/^[\p{Script=Cyrillic}\p{M}\s.’'-]+$/u.test(inner)) return { cueOriginal: 'original: ru' };
    return {};
  }

  // The authors and their affiliations, wherever the text prints them in full.
  const byMetadata: Candidate[] = [];
  const printed = (words: string, kind: DiscoveredKind, cue: string): void => {
    const w = displayText(inView(words)).trim();
    if (w.length < 3) return;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of d.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (registryAt(start, end).length || isKnownName(m[0], index)) continue;
      byMetadata.push({ start, end, surfaceStart: start, role: null, kind, cue, supersedes: [] });
    }
  };
  for (const a of authors) {
    const cue = 'author: source.yaml';
    printed(`${a.given} ${a.family}`, 'person', cue);
    // "Yu Bin": family name first, as the journal prints Chinese and Korean names.
    printed(`${a.family} ${a.given}`, 'person', cue);
    // Each part of several words that is no title ("Associate Fellow", "Senior Fellow") names a body.
    for (const part of (a.affiliation ?? '').split(/,\s*|\s*\/\s*/u)) if (/\s/u.test(part.trim()) && !titleHeads.some((h) => part.trim().endsWith(` ${h}`) || part.trim() === h)) printed(part, 'organization', 'affiliation: source.yaml');
  }
  if (byMetadata.length) {
    const covered = (c: Candidate): boolean => byMetadata.some((m) => m.start < c.end && c.start < m.end);
    candidates.splice(0, candidates.length, ...byMetadata, ...candidates.filter((c) => !covered(c)));
  }
  // Nothing on the line of the citation sentence is discovered (see the doc comment): the line is front
  // matter ("Published September 2018 in … · Volume 20, Issue 2 (This article is extracted from …").
  if (citation) {
    const cd = displayText(inView(citation));
    for (let at = d.indexOf(cd); at !== -1; at = d.indexOf(cd, at + 1)) {
      const s0 = d.lastIndexOf('\n', at) + 1;
      const e0 = d.indexOf('\n', at) === -1 ? d.length : d.indexOf('\n', at);
      candidates.splice(0, candidates.length, ...candidates.filter((c) => c.end <= s0 || c.start >= e0));
    }
  }
  // In a heading every word is capitalised: a name there must have a head noun, or stand in the prose too.
  // The chapter's headline is title case throughout: there even a head noun ("Not the Best of Times") proves nothing.
  const inProse = new Set(candidates.filter((c) => !c.heading).map((c) => nameKey(d.slice(c.start, c.end))));
  candidates.splice(0, candidates.length, ...candidates.filter((c) => !c.heading || (c.cue.startsWith('head_noun') && !titleLine.has(c.start)) || inProse.has(nameKey(d.slice(c.start, c.end)))));
  // "Japan - Southeast Asia": the relationship line that opens a web edition names the two parties; a part
  // that is no registry name or state is a name of its own (a region, mostly), though it stands in a heading.
  const opening = /^\s*((?:\p{Lu}[\p{L}.’'-]*)(?: \p{Lu}[\p{L}.’'-]*){0,2}) [-–—] ((?:\p{Lu}[\p{L}.’'-]*)(?: \p{Lu}[\p{L}.’'-]*){0,2})[ \t]*\n/u.exec(d);
  if (opening) {
    const lead = opening[0].length - opening[0].trimStart().length;
    for (const [part, at] of [[opening[1]!, lead], [opening[2]!, lead + opening[1]!.length + 3]] as const) {
      if (isKnownName(part, index) || registryAt(at, at + part.length).length || candidates.some((c) => c.start === at)) continue;
      const compass = /^(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|Central)\s/u.test(part);
      candidates.push({ start: at, end: at + part.length, surfaceStart: at, role: null, kind: compass ? 'place' : 'unknown', cue: 'relationship_line', supersedes: [] });
    }
    candidates.sort((a, b) => a.start - b.start);
  }
  // Where the text names the US legislature in full ("the U.S. Congress"), a lone "Congress" is that name.
  const fullCongress = [...new Set(candidates.filter((c) => c.supersedes.length && c.supersedes.every(([s0, e0]) => usPattern.test(d.slice(s0, e0))) && d.slice(c.start, c.end).endsWith(` ${LEGISLATURE}`)).map((c) => d.slice(c.start, c.end)))];
  if (fullCongress.length === 1) for (const c of candidates) if (c.cue.startsWith('legislature')) c.canonical = fullCongress[0]!;
  // A text cut short ("… Putin and his Chi", with no full stop after it) ends inside a word: its last
  // capitalised letters are a fragment, no name.
  const textEnd = d.trimEnd().length;
  // A last line that is a heading or a byline ("Orrin Harbour University") is whole, and keeps its names.
  const lastLine = d.slice(d.lastIndexOf('\n', textEnd - 1) + 1, textEnd);
  if (/[\p{L}]$/u.test(lastLine) && !isHeading(lastLine)) candidates.splice(0, candidates.length, ...candidates.filter((c) => c.end < textEnd));
  // A registry meeting's or treaty's name printed with its head in lower case after "the", a number
  // or a possessive ("the 14th Amber Coast summit" for the registry's "Amber Coast Summit") is that
  // entity's name; after "a" or "an" it is any meeting of that kind ("an Amber Coast summit"), no name.
  for (const [form, entry] of index.forms) {
    const m = /^(.+\s)(\p{Lu}\p{Ll}+)$/u.exec(form);
    if (!m || entry.ids.length !== 1 || entry.kind === 'demonym' || !['forum', 'treaty', 'exercise', 'project'].includes(HEADS[m[2]!] ?? '')) continue;
    const id = entry.ids[0]!;
    const re = new RegExp(`(?<=(?:(?<![\\p{L}])[Tt]he|\\d(?:st|nd|rd|th)|[’']s) )${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}${m[2]!.toLowerCase()}(?![\\p{L}\\p{N}])`, 'gu');
    for (const v of d.matchAll(re)) {
      const [s0, e0] = [v.index!, v.index! + v[0].length];
      const inside = registryAt(s0, e0);
      if (inside.some((r) => r.ids.length !== 1 || r.ids[0] !== id)) continue;
      candidates.push({ start: s0, end: e0, surfaceStart: s0, role: null, kind: 'unknown', cue: 'none', supersedes: inside.map((r) => [r.start, r.end]), registryAlias: id, registryCue: `head in lower case: ${form}` });
    }
  }
  // "Northeast and Southeast Asia": a compass word coordinated before another and a region's name is
  // that region's compass part too ("North and South Korea" names North Korea).
  for (const m of d.matchAll(/(?<![\p{L}\p{N}-])(\p{Lu}\p{Ll}+) and (\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)(?![\p{L}\p{N}-])/gu)) {
    const [x, y, z] = [m[1]!, m[2]!, m[3]!];
    if (!COMPASS.has(x) || !COMPASS.has(y) || x === y) continue;
    const [s0, e0] = [m.index!, m.index! + x.length];
    const ys = m.index! + m[0].length - y.length - 1 - z.length;
    const ye = m.index! + m[0].length;
    const region = registry.find((r) => r.start === ys && r.end === ye && r.ids.length === 1 && !r.demonym && ['place', 'state'].includes(types.get(r.ids[0]!) ?? ''));
    const named = candidates.find((c) => c.start === ys && c.end === ye && !c.registryAlias);
    if ((!region && !named) || registryAt(s0, e0).length || candidates.some((c) => c.start < e0 && s0 < c.end)) continue;
    const whole = `${x} ${z}`;
    const owner = index.forms.get(whole);
    const cue = `coordination: ${x} and ${y} ${z}`;
    if (owner) {
      if (owner.ids.length === 1 && owner.kind !== 'demonym') candidates.push({ start: s0, end: e0, surfaceStart: s0, role: null, kind: 'unknown', cue: 'none', supersedes: [], registryAlias: owner.ids[0]!, registryCue: cue, canonical: whole });
      continue;
    }
    candidates.push({ start: s0, end: e0, surfaceStart: s0, role: null, kind: region ? 'place' : named!.kind, cue, supersedes: [], canonical: whole });
  }
  // "the Strategic and Economic Dialogue (S&ED)": an acronym whose letters are, exactly, the initials of
  // the capitalised words right before it, with an "and" among them, makes those words one name, which
  // the runs above split at the "and" ("Strategic" alone is an adjective, "Economic Dialogue" a part).
  for (const m of d.matchAll(/(?<=[\p{L}] ?)\(([\p{Lu}][\p{Lu}\p{N}&-]+)\)/gu)) {
    const letters = m[1]!.replace(/[^\p{Lu}]/gu, '');
    if (letters.length < 3) continue;
    const lineStart = d.lastIndexOf('\n', m.index!) + 1;
    const words = [...d.slice(lineStart, m.index!).matchAll(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu)];
    let k = words.length;
    let initials = '';
    let end = m.index!;
    let start = -1;
    let coordinated = false;
    while (k > 0 && initials.length < letters.length) {
      const w = words[--k]!;
      const at = lineStart + w.index!;
      // Words joined by single spaces only, up to the parenthesis.
      if (!/^ ?$/u.test(d.slice(at + w[0].length, end))) break;
      end = at;
      if (CONNECTORS.has(w[0])) {
        if (w[0] === 'and') coordinated = true;
        continue;
      }
      if (!isCap(w[0])) break;
      initials = w[0][0]!.toUpperCase() + initials;
      start = at;
    }
    if (!coordinated || start < 0 || initials !== letters || d.slice(start, end).startsWith('and ')) continue;
    const nameEnd = m.index! - (d[m.index! - 1] === ' ' ? 1 : 0);
    const whole = d.slice(start, nameEnd);
    if (!/ and /u.test(whole) || index.forms.has(whole) || isKnownName(whole, index)) continue;
    const inside = registryAt(start, nameEnd);
    if (inside.some((r) => r.from < start || r.end > nameEnd || r.ids.some((id) => types.get(id) === 'person'))) continue;
    const head = headOf(whole.split(/\s+/u));
    const named: Candidate = { start, end: nameEnd, surfaceStart: start, role: null, kind: head?.kind ?? 'unknown', cue: head ? `head_noun: ${head.word}` : 'none', supersedes: inside.map((r) => [r.start, r.end]), alias: m[1]! };
    candidates.push(named);
    // The same words elsewhere, without the acronym after them, are the same name (not "Economic Dialogue" alone).
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${whole.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const v of d.matchAll(re)) {
      if (v.index === start) continue;
      const vEnd = v.index! + whole.length;
      candidates.push({ ...named, start: v.index!, end: vEnd, surfaceStart: v.index!, alias: undefined, supersedes: registryAt(v.index!, vEnd).map((r) => [r.start, r.end]) });
    }
  }
  // A name printed with its head in lower case ("Valdai summit" beside "Valdai Summit") is the same name.
  const extra: Candidate[] = [];
  for (const c of candidates) {
    const m = /^(.+)\s(\p{Lu}\p{Ll}+)$/u.exec(d.slice(c.start, c.end));
    if (!m || !c.cue.startsWith('head_noun') || !['forum', 'exercise', 'treaty', 'project'].includes(c.kind)) continue;
    const re = new RegExp(`(?<![\\p{L}])${m[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${m[2]!.toLowerCase()}(?![\\p{L}])`, 'gu');
    for (const v of d.matchAll(re)) extra.push({ ...c, start: v.index!, end: v.index! + v[0].length, surfaceStart: v.index!, role: null, supersedes: [], alias: undefined });
  }
  candidates.push(...extra);
  // "Senkaku/Diaoyu Islands": the key is made of the first name with the head ("Senkaku Islands"), so that
  // the name printed alone elsewhere is the same entity; the form keeps both.
  for (const c of candidates) {
    const m = /^(\S+)\/\S+( .+)$/u.exec(d.slice(c.start, c.end));
    if (m && !c.canonical && !c.registryAlias) c.canonical = `${m[1]!}${m[2]!}`;
  }
  // "Comparative Connections: A Triannual E-Journal of …": the subtitle after a registry publication's name
  // and a colon is that publication's, no name of its own.
  const subtitleAt = new Set(registry.filter((r) => r.ids.length === 1 && types.get(r.ids[0]!) === 'media').map((r) => r.end));
  candidates.splice(0, candidates.length, ...candidates.filter((c) => {
    const m = /:\s+(?:(?:An?|The)\s+)?$/u.exec(d.slice(Math.max(0, c.start - 8), c.start));
    return !m || !subtitleAt.has(c.start - m[0].length);
  }));
  // A candidate inside a longer one ("Amber Coast" in "Amber Coast summit") is part of it.
  const longest = candidates.filter((c) => !candidates.some((o) => o !== c && o.start <= c.start && c.end <= o.end && o.end - o.start > c.end - c.start));
  candidates.splice(0, candidates.length, ...longest.sort((a, b) => a.start - b.start));
  // An acronym a text defines for lowercase words ("missile defense (MD)") is a common noun wherever it occurs.
  const commonAcronyms = new Set<string>();
  for (const [words, acronym] of acronymsAfterLowercase(d)) {
    for (let k = 0; k < words.length; k++) if (abbreviates(acronym, words.slice(k).join(' '))) commonAcronyms.add(acronym);
  }
  candidates.splice(0, candidates.length, ...candidates.filter((c) => !commonAcronyms.has(d.slice(c.start, c.end))));
  // Acronyms defined in the text stand for their names wherever they occur.
  const aliases = new Map<string, Candidate>();
  for (const c of candidates) if (c.alias && !aliases.has(c.alias) && !index.forms.has(c.alias)) aliases.set(c.alias, c);
  // "SCO (Shanghai Cooperation Organization)": the name in parentheses after the acronym.
  for (const c of candidates) {
    const m = /\(\s*$/u.exec(d.slice(Math.max(0, c.start - 3), c.start));
    if (!m) continue;
    const acr = /([\p{Lu}][\p{Lu}\p{N}&-]+)\s*\(\s*$/u.exec(d.slice(Math.max(0, c.start - 20), c.start));
    if (acr && abbreviates(acr[1]!, d.slice(c.start, c.end)) && !aliases.has(acr[1]!) && !index.forms.has(acr[1]!)) aliases.set(acr[1]!, c);
  }

  // An acronym defined right after a registry name is that entity's.
  const registryAliases = new Map<string, string>();
  for (const r of registry) {
    if (r.ids.length !== 1 || r.demonym) continue;
    const m = /^\s*\(([\p{Lu}][\p{Lu}\p{N}&-]+)\)/u.exec(d.slice(r.end, r.end + 20));
    if (m && !index.forms.has(m[1]!) && !aliases.has(m[1]!) && abbreviates(m[1]!, d.slice(r.start, r.end))) registryAliases.set(m[1]!, r.ids[0]!);
  }

  const out: NameFinding[] = [];
  const seen = new Set<string>();
  const emit = (c: Candidate, canonical: string, formKind: 'name' | 'alias', kind: DiscoveredKind, cue: string, registryId: string | null = null): void => {
    const k = `${c.start}:${c.end}`;
    if (seen.has(k)) return;
    seen.add(k);
    const [rs, re] = rawRange(p, c.surfaceStart, c.end);
    const [ns, ne] = rawRange(p, c.start, c.end);
    const paragraph = paragraphAt(c.start);
    const lineBefore = d.slice(Math.max(0, c.surfaceStart - 12), c.surfaceStart);
    out.push({
      kind: 'name',
      surface: d.slice(c.surfaceStart, c.end).replace(/\s+/g, ' '),
      form: d.slice(c.start, c.end),
      form_kind: formKind,
      key: nameKey(canonical),
      canonical,
      registry_id: registryId,
      entity_kind: kind,
      cue,
      role: c.role,
      supersedes: c.supersedes.map(([s, e]) => rawRange(p, s, e)),
      // After "the" ("in the Pacific") it is a sea, a region or a body, never a city of the gazetteer.
      locative: /\b(?:in|at|to|from|near|of)\s+$/u.test(lineBefore),
      name_start_raw: ns,
      name_end_raw: ne,
      paragraph,
      section: sectionOf(paragraph),
      line: text.lineOfUnit(ns),
      ...provenanceOf(source, rs, re, extractor),
    });
  };
  for (const c of candidates) {
    const form = d.slice(c.start, c.end);
    const def = aliases.get(form);
    const owner = registryAliases.get(form);
    if (c.registryAlias) {
      emit(c, c.canonical ?? form, 'alias', 'unknown', c.registryCue ?? `variant before the registry's acronym`, c.registryAlias);
    } else if (owner && c.supersedes.length === 0) {
      emit(c, form, 'alias', 'unknown', `acronym_defined: ${form}`, owner);
    } else if (def && def !== c) {
      // The acronym itself, standing for the name it abbreviates.
      const canonical = d.slice(def.start, def.end);
      emit(c, canonical, 'alias', def.kind, `acronym_defined: ${form} (${def.cue})`);
    } else {
      emit(c, c.canonical ?? form, 'name', c.kind, c.alias ? `${c.cue}; acronym_defined: ${c.alias}` : c.cue);
    }
  }
  return out.sort((a, b) => a.name_start_raw - b.name_start_raw || a.name_end_raw - b.name_end_raw);
}

/**
 * A seeded generator of chapters in the style of *Comparative Connections*,
 * to measure the pipeline at the size it is designed for (about a thousand
 * chapters). Each chapter is a source folder the pipeline accepts as it
 * accepts the shipped one: a title page, an author line, the "Preferred
 * citation" sentence, narrative sections with `[linked words](#)`, `\$`
 * escapes, Chinese and Russian originals in parentheses, figures with units,
 * quotations with a speaker and a speech verb, page breaks and figure
 * captions, then "CHRONOLOGY OF … RELATIONS", its period line and dated
 * entries in the label shapes the journal prints.
 *
 * The same (n, seed) gives the same bytes: every choice comes from a seeded
 * PRNG, chapter k from its own stream, so the first k chapters of a larger
 * corpus are the chapters of a smaller one (and a benchmark's corpora nest).
 * Generated corpora are for measuring; they are never committed.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { mixSeed, Rng } from './random.ts';
import {
  AFFILIATIONS, AGENCIES, AUTHOR_NAMES, COMMENTATORS, CHINESE_GIVEN, CHINESE_SURNAMES, EXERCISE_NAMES, FORUMS, FUNDS, INVENTED_TITLES, MONTHS,
  OTHER_FAMILY, OTHER_GIVEN, PROJECTS, QUOTE_ENDINGS, QUOTE_OPENINGS, QUOTE_WARNINGS, QUOTES_WITH_ORIGINAL, RELATIONSHIPS, RUSSIAN_FAMILY,
  RUSSIAN_GIVEN, SEAS, SECTION_HEADINGS, TERMS, TITLE_ENDINGS, TITLE_OPENINGS, TOPICS, VENUES, type Country, type Person, type Relationship,
} from './vocabulary.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The journal's volumes follow the years: Vol. 21 covers 2019. */
const FIRST_YEAR = 2001;
const LAST_YEAR = 2025;
/** The three four-month periods of a year, the issue that covers each, and the month it appears. */
const PERIODS = [
  { months: [1, 2, 3, 4], issue: 1, issuedMonth: 5, issuedNextYear: false },
  { months: [5, 6, 7, 8], issue: 2, issuedMonth: 9, issuedNextYear: false },
  { months: [9, 10, 11, 12], issue: 3, issuedMonth: 1, issuedNextYear: true },
] as const;
const SIZE_MIN = 30_000;
const SIZE_MAX = 50_000;

export interface GeneratedChapter {
  id: string;
  file: string;
  text: string;
  meta: Record<string, unknown>;
}

interface Slot {
  relationship: Relationship;
  year: number;
  period: (typeof PERIODS)[number];
  suffix: string;
}

/** Every (relationship, period) the journal could have printed, in a seeded order; beyond them, repeats with a suffix. */
function slotOf(index: number, seed: number): Slot {
  const all: Omit<Slot, 'suffix'>[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const period of PERIODS) for (const relationship of RELATIONSHIPS) all.push({ relationship, year, period });
  }
  const order = new Rng(mixSeed(seed, 0x5eed)).shuffle(all);
  const round = Math.floor(index / order.length);
  return { ...order[index % order.length]!, suffix: round === 0 ? '' : `-r${round + 1}` };
}

// --- writing helpers --------------------------------------------------------

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const thousands = (n: number): string => n.toLocaleString('en-US');
const SPELLED = ['Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve', 'Fourteen', 'Sixteen', 'Twenty', 'Twenty-four', 'Thirty'];
const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
};
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

interface Actor {
  person: Person;
  country: Country;
  /** How later sentences name the person: the surname for most, the full name for Chinese names. */
  short: string;
}

/** One chapter's state: its stream, period, people, and which people were already introduced. */
class Writer {
  readonly actors: [Actor[], Actor[]];
  private introduced = new Set<string>();
  private figure = 0;

  constructor(
    readonly rng: Rng,
    readonly slot: Slot,
  ) {
    this.actors = [0, 1].map((i) => this.castFor(i)) as [Actor[], Actor[]];
  }

  private castFor(i: number): Actor[] {
    const side = this.slot.relationship.sides[i]!;
    const out: Actor[] = [];
    for (const country of side.countries) {
      for (const person of country.people) out.push(this.actor(person, country));
      // People no registry holds: discovered entities, different in every chapter.
      for (let k = 0; k < this.rng.int(2, 3); k++) out.push(this.actor(this.invent(country), country));
    }
    return out;
  }

  private actor(person: Person, country: Country): Actor {
    const chinese = person.original !== undefined && /\p{Script=Han}/u.test(person.original);
    const words = person.name.split(' ');
    return { person, country, short: chinese || words.length === 1 ? person.name : words[words.length - 1]! };
  }

  private invent(country: Country): Person {
    const r = this.rng;
    const title = r.pick(INVENTED_TITLES);
    if (country.name === 'China' || country.name === 'Taiwan') {
      const [family, familyHan] = r.pick(CHINESE_SURNAMES);
      const given = [r.pick(CHINESE_GIVEN), ...(r.chance(0.7) ? [r.pick(CHINESE_GIVEN)] : [])];
      return { name: `${family} ${capitalize(given.map((g) => g[0]).join(''))}`, title, original: familyHan + given.map((g) => g[1]).join('') };
    }
    if (country.name === 'Russia') {
      const [given, givenCyr] = r.pick(RUSSIAN_GIVEN);
      const [family, familyCyr] = r.pick(RUSSIAN_FAMILY);
      const female = /a$/.test(given);
      return { name: `${given} ${family}${female ? 'a' : ''}`, title, original: `${givenCyr} ${familyCyr}${female ? 'а' : ''}` };
    }
    return { name: `${r.pick(OTHER_GIVEN)} ${r.pick(OTHER_FAMILY)}`, title };
  }

  side(i: number): Actor[] {
    return this.actors[i]!;
  }

  pickActor(i?: number): Actor {
    return this.rng.pick(this.side(i ?? this.rng.int(0, 1)));
  }

  /** Someone quoted: half the time an analyst the registry holds, whatever the relationship. */
  speaker(): Actor {
    if (this.rng.chance(0.5)) return this.pickActor();
    const c = this.rng.pick(COMMENTATORS);
    return this.actor(c.person, c.country);
  }

  /** A person as the text names them: with title, country and original the first time, by surname later. */
  name(a: Actor, link = this.rng.chance(0.15)): string {
    const key = a.person.name;
    const first = !this.introduced.has(key);
    this.introduced.add(key);
    const shown = first ? a.person.name : this.rng.chance(0.5) ? a.short : a.person.name;
    const linked = link ? `[${shown}](#)` : shown;
    if (!first) return linked;
    const original = a.person.original ? ` (${a.person.original})` : '';
    return `${a.country.adjective} ${a.person.title} ${linked}${original}`;
  }

  country(i: number): Country {
    return this.rng.pick(this.slot.relationship.sides[i]!.countries);
  }

  city(i?: number): string {
    const c = this.country(i ?? this.rng.int(0, 1));
    return this.rng.chance(0.4) ? c.capital : this.rng.pick(c.cities);
  }

  /** A day within the chapter's period. */
  day(): { month: number; day: number } {
    const month = this.rng.pick(this.slot.period.months);
    return { month, day: this.rng.int(1, daysIn(this.slot.year, month)) };
  }

  /** "Nov. 29" or "Sept. 16-19", a date the narrative gives without its year. */
  narrativeDay(): string {
    const { month, day } = this.day();
    const m = MONTHS[month - 1]!.short;
    const last = daysIn(this.slot.year, month);
    if (this.rng.chance(0.25) && day + 3 <= last) return `${m} ${day}-${day + this.rng.int(1, 3)}`;
    return `${m} ${day}`;
  }

  month(): string {
    return MONTHS[this.rng.pick(this.slot.period.months) - 1]!.full;
  }

  pastYear(min = 1, max = 25): number {
    return this.slot.year - this.rng.int(min, max);
  }

  link(word: string): string {
    return this.rng.chance(0.5) ? `[${word}](#)` : word;
  }

  /** A dollar figure, escaped as the journal's text stores it ("\$400 billion"). */
  dollars(): string {
    const escape = this.rng.chance(0.9) ? '\\$' : '\\\\$';
    return this.rng.chance(0.7) ? `${escape}${this.rng.int(1, 400)} billion` : `${escape}${this.rng.int(10, 900)} million`;
  }

  quote(): string {
    return `${capitalize(this.rng.pick(QUOTE_OPENINGS))} ${this.rng.pick(QUOTE_ENDINGS)}`;
  }

  caption(): string {
    this.figure++;
    const a = this.pickActor(0);
    const b = this.pickActor(1);
    return `Figure ${this.figure} ${a.person.name} and ${b.person.name} in ${this.city()}. Photo: ${this.rng.pick(AGENCIES)}`;
  }
}

// --- narrative ----------------------------------------------------------------

type Template = (w: Writer) => string;

const NARRATIVE: Template[] = [
  (w) => {
    const a = w.pickActor(0);
    const b = w.pickActor(1);
    return `On ${w.narrativeDay()}, ${w.name(a)} traveled to ${w.city(1)} for the ${ordinal(w.rng.int(2, 30))} regular meeting with ${w.name(b)}.`;
  },
  (w) => `On ${w.narrativeDay()}, the two sides held talks in ${w.city()} on ${w.rng.pick(TOPICS)}, ${w.rng.pick(TOPICS)}, and ${w.rng.pick(TOPICS)}.`,
  (w) =>
    `The exercise involved ${thousands(w.rng.int(2, 150) * 1000)} troops, ${thousands(w.rng.int(50, 3000))} pieces of equipment, ${w.rng.int(10, 600)} aircraft, and ${w.rng.int(3, 40)} warships, according to the ${w.country(w.rng.int(0, 1)).adjective} Defense Ministry.`,
  (w) =>
    `The ${thousands(w.rng.int(300, 8000))}-km ${w.rng.pick(PROJECTS)} will deliver ${w.rng.int(5, 60)} billion cubic meters (bcm) of gas per year for ${w.rng.int(10, 30)} years once it is ${w.link('completed')}.`,
  (w) => `A ${w.dollars()} ${w.rng.pick(FUNDS)} was ${w.link('announced')} at the end of the meeting, together with a plan for ${w.rng.pick(TOPICS)}.`,
  (w) =>
    `Bilateral trade grew by ${w.rng.int(2, 40)}% in ${w.pastYear(1, 1)} to ${w.dollars()}, and ${w.country(0).adjective} exports rose ${w.rng.int(1, 30)} percent.`,
  (w) => `“${w.quote()},” said ${w.name(w.speaker(), w.rng.chance(0.6))}.`,
  (w) => `“${w.rng.pick(QUOTE_WARNINGS)},” ${w.name(w.speaker())} told reporters in ${w.city()} on ${w.narrativeDay()}.`,
  (w) => {
    const q = w.rng.pick(QUOTES_WITH_ORIGINAL);
    return `“${q.english} (${q.original}),” ${w.rng.pick(['said', 'stressed', 'noted'])} ${w.name(w.speaker())}.`;
  },
  (w) => `According to ${w.name(w.speaker())}, “${w.quote().toLowerCase()}, and both sides intend to keep it that way.”`,
  (w) => `The project was first proposed in ${w.pastYear(5, 25)}, but construction did not start until the end of ${w.pastYear(1, 4)}.`,
  (w) => `Since ${w.month()} ${w.pastYear(1, 3)}, the two governments have held ${w.rng.pick(SPELLED).toLowerCase()} rounds of consultations on ${w.rng.pick(TOPICS)}.`,
  (w) => `In ${w.month()}, ${w.name(w.pickActor())} ${w.link('visited')} ${w.city()}, the first such trip since ${w.pastYear(2, 15)}.`,
  (w) => `Between late ${w.slot.year - 1} and early ${w.slot.year}, officials of both sides met ${w.rng.int(3, 12)} times to prepare the visit.`,
  (w) => `The new ${w.rng.pick(PROJECTS)} is expected to open by mid-${w.slot.year + w.rng.int(1, 3)}.`,
  (w) => {
    const t = w.rng.pick(TERMS);
    return `Officials in both capitals described the relationship with the “${t.english}” (${t.original}) formula.`;
  },
  (w) => `The anniversary (${w.slot.year - 10 * w.rng.int(1, 7)}–${w.slot.year}) was marked by ${w.link('receptions')} in ${w.city(0)} and ${w.city(1)}.`,
  (w) => `${w.name(w.speaker())}, a scholar at ${w.rng.pick(AFFILIATIONS)}, argued that the two sides should focus on ${w.rng.pick(TOPICS)} rather than on ${w.rng.pick(TOPICS)}.`,
  (w) => `On the sidelines of the ${w.rng.pick(VENUES)}, ${w.name(w.pickActor(0))} and ${w.name(w.pickActor(1))} discussed ${w.rng.pick(TOPICS)}.`,
  (w) => `The talks ${w.link('covered')} ${w.rng.pick(TOPICS)}, ${w.rng.pick(TOPICS)}, and ${w.rng.pick(TOPICS)}.`,
  (w) => `The ${w.pastYear(2, 12)} ${w.city()} summit remains a reference point for both sides.`,
  (w) => `Located ${w.rng.int(20, 900)} km from ${w.city()}, the new terminal handles ${w.rng.int(2, 90)} million tons of cargo a year.`,
  (w) => `${w.rng.pick(SPELLED)} documents were ${w.link('signed')} during the visit, including a ${w.rng.pick(SPELLED).toLowerCase()}-year plan for ${w.rng.pick(TOPICS)}.`,
  (w) => `The coast guards of the two countries staged ${w.rng.int(2, 9)} joint patrols in the ${w.rng.pick(SEAS)} with ${thousands(w.rng.int(300, 4000))} sailors.`,
  (w) => `At the ${w.rng.pick(FORUMS)} in ${w.city()}, ${w.name(w.pickActor())} ${w.link(w.rng.pick(['voiced', 'reaffirmed', 'pledged']))} support for ${w.rng.pick(TOPICS)}.`,
  (w) => `In ${w.pastYear(1, 8)}, ${w.country(0).name} became the largest buyer of ${w.country(1).adjective} oil (${w.rng.int(20, 90)} million tons), and the share of energy in bilateral trade reached ${w.rng.int(20, 70)} percent.`,
  (w) => `Observers in ${w.city()} were less impressed, noting that many of the ${w.rng.int(12, 60)} projects agreed in ${w.pastYear(2, 6)} remain on paper.`,
  (w) => `${w.name(w.speaker())} ${w.rng.pick(['emphasized', 'warned', 'insisted'])} that “${w.rng.pick(QUOTE_WARNINGS).toLowerCase()}.”`,
];

function paragraph(w: Writer): string {
  // Distinct templates within a paragraph, so no paragraph repeats itself.
  return w.rng.shuffle(NARRATIVE).slice(0, w.rng.int(3, 6)).map((t) => t(w)).join(' ');
}

/**
 * Cut a paragraph as a page break does: mid-sentence between two plain
 * lower-case words, the second half starting a new paragraph, sometimes with
 * a figure caption the layout put between the halves.
 */
function pageBreak(w: Writer, para: string, caption: boolean): string {
  const words = para.split(' ');
  const cuts = words.map((_, i) => i).filter((i) => i > words.length / 3 && i < words.length - 3 && /^[a-z]+$/.test(words[i - 1]!) && /^[a-z]+$/.test(words[i]!));
  if (cuts.length === 0) return para;
  const at = w.rng.pick(cuts);
  const between = caption ? `\n\n\n\n${w.caption()}\n\n` : '\n\n';
  return `${words.slice(0, at).join(' ')}${between}${words.slice(at).join(' ')}`;
}

// --- chronology ---------------------------------------------------------------

const ENTRIES: Template[] = [
  (w) => `${capitalize(w.name(w.pickActor(0)))} [meets](#) ${w.name(w.pickActor(1))} in ${w.city()}. They discuss ${w.rng.pick(TOPICS)} and ${w.rng.pick(TOPICS)}.`,
  (w) => `${w.country(0).adjective} and ${w.country(1).adjective} foreign ministers hold [telephone talks](#) on ${w.rng.pick(TOPICS)}.`,
  (w) => `${capitalize(w.name(w.pickActor(0)))} and ${w.name(w.pickActor(1))} meet on the sidelines of the ${w.rng.pick(VENUES)} in ${w.city()}.`,
  (w) =>
    `The two navies conduct the “${w.rng.pick(EXERCISE_NAMES)}-${w.slot.year}” exercise in the ${w.rng.pick(SEAS)} with ${w.rng.int(3, 30)} warships, ${w.rng.int(5, 80)} aircraft and ${thousands(w.rng.int(500, 9000))} troops.`,
  (w) => `${capitalize(w.name(w.pickActor(0)))} visits ${w.city(1)} at the invitation of ${w.name(w.pickActor(1))}. The two sides sign ${w.rng.int(3, 30)} agreements worth ${w.dollars()}.`,
  (w) => `The ${ordinal(w.rng.int(2, 25))} round of consultations on ${w.rng.pick(TOPICS)} is held in ${w.city()}. “${w.quote()},” said ${w.name(w.pickActor())}.`,
  (w) => `Trade between ${w.country(0).name} and ${w.country(1).name} reaches ${w.dollars()} in the first ${w.rng.pick(['four', 'six', 'eight'])} months, up ${w.rng.int(1, 35)}% year on year.`,
  (w) => `The ${thousands(w.rng.int(50, 4000))}-km ${w.rng.pick(PROJECTS)} between ${w.city(0)} and ${w.city(1)} [opens](#), with a capacity of ${w.rng.int(2, 40)} bcm per year.`,
  (w) => `${capitalize(w.name(w.pickActor()))} speaks at the ${w.rng.pick(FORUMS)} in ${w.city()}. ${w.name(w.pickActor())} met ${w.name(w.pickActor())} on ${w.narrativeDay()} in ${w.city()}.`,
  (w) => `Defense ministers of the two countries sign a ${w.rng.pick(SPELLED).toLowerCase()}-year roadmap for military cooperation in ${w.city()}.`,
  (w) => `${capitalize(w.name(w.pickActor()))} ${w.rng.pick(['warns', 'says', 'stresses'])} that “${w.rng.pick(QUOTE_WARNINGS).toLowerCase()}.”`,
  (w) => `A ${thousands(w.rng.int(20, 400))}-member business delegation from ${w.country(0).name} attends a trade fair in ${w.city(1)}. About ${thousands(w.rng.int(50, 2000))} contracts are signed.`,
  (w) => `The ${w.rng.pick(['border', 'maritime', 'fisheries', 'customs'])} commission holds its ${ordinal(w.rng.int(2, 40))} session in ${w.city()}.`,
];

interface Label {
  text: string;
  start: number; // sortable month*100+day
}

function chronologyLabels(w: Writer, count: number): Label[] {
  const y = w.slot.year;
  const months = w.slot.period.months;
  const out: Label[] = [];
  for (let i = 0; i < count; i++) {
    const { month, day } = w.day();
    const m = MONTHS[month - 1]!.short;
    const last = daysIn(y, month);
    const dash = w.rng.chance(0.5) ? '–' : '-';
    const r = w.rng.next();
    const full = `${m} ${day}, ${y}`;
    let text = full;
    let sortDay = day;
    // Each shape where the day allows it; otherwise the plain label.
    if (r < 0.14) text = day + 4 <= last ? `${m} ${day}${dash}${day + w.rng.int(1, 4)}, ${y}` : full;
    else if (r < 0.2 && month !== months[months.length - 1]) {
      // across the end of a month: "Nov. 30-Dec. 2, 2019"
      sortDay = last - w.rng.int(0, 1);
      text = `${m} ${sortDay}${dash}${MONTHS[month]!.short} ${w.rng.int(1, 3)}, ${y}`;
    } else if (r < 0.21 && month === 12) {
      // across the end of the year: "Dec. 30, 2019–Jan. 2, 2020"
      sortDay = last - w.rng.int(0, 2);
      text = `${m} ${sortDay}, ${y}–Jan. ${w.rng.int(1, 3)}, ${y + 1}`;
    } else if (r < 0.21) text = full;
    else if (r < 0.24) text = `${m} ${day}`; // the year comes from the period line
    else if (r < 0.26) {
      text = `${MONTHS[month - 1]!.full} ${y}`;
      sortDay = 0;
    }
    out.push({ text, start: month * 100 + sortDay });
  }
  return out.sort((a, b) => a.start - b.start);
}

function chronology(w: Writer, heading: string): string {
  const months = w.slot.period.months;
  const period = `${MONTHS[months[0]! - 1]!.full.toUpperCase()} – ${MONTHS[months[months.length - 1]! - 1]!.full.toUpperCase()} ${w.slot.year}`;
  const labels = chronologyLabels(w, w.rng.int(28, 42));
  const breakAt = new Set([w.rng.int(3, labels.length - 2), ...(w.rng.chance(0.5) ? [w.rng.int(3, labels.length - 2)] : [])]);
  const entries = labels.map((label, i) => {
    let body = w.rng.pick(ENTRIES)(w);
    if (breakAt.has(i)) body = pageBreak(w, body, w.rng.chance(0.4));
    return `${label.text}: ${body}`;
  });
  return `CHRONOLOGY OF ${heading} RELATIONS\n\n${period}\n\n${entries.join('\n\n')}\n`;
}

// --- a chapter ----------------------------------------------------------------

export function generateChapter(index: number, seed: number): GeneratedChapter {
  const slot = slotOf(index, seed);
  const w = new Writer(new Rng(mixSeed(seed, index + 1)), slot);
  const r = w.rng;
  const { relationship, year, period } = slot;
  const pair = `${relationship.sides[0].label}-${relationship.sides[1].label}`;
  const volume = year - 1998;
  const issuedYear = period.issuedNextYear ? year + 1 : year;
  const title = `${r.pick(TITLE_OPENINGS)} ${r.pick(TITLE_ENDINGS)}`;
  const [family, given, familyFirst] = r.pick(AUTHOR_NAMES);
  const author = familyFirst ? `${family} ${given}` : `${given} ${family}`;
  const affiliation = r.pick(AFFILIATIONS);
  const firstPage = r.int(1, 180);
  const pages = `${firstPage}–${firstPage + r.int(9, 16)}`;
  const citation = `${author}, “${pair} Relations: ${title},” *Comparative Connections*, Vol. ${volume}, No. ${period.issue}, pp ${pages}.`;
  const journal = 'Comparative Connections: A Triannual E-Journal of Bilateral Relations in the Indo-Pacific';
  const issuedMonth = MONTHS[period.issuedMonth - 1]!.full;

  const front = [
    '',
    'PACIFIC  FORUM',
    'COMPARATIVE',
    'C O N N E C T I O N S',
    'A TRIANNUAL E-JOURNAL OF BILATERAL\nRELATIONS IN THE INDO-PACIFIC',
    `${pair.toUpperCase().replace('-', r.chance(0.5) ? '- ' : '-')} RELATIONS`,
    title.toUpperCase(),
    `${author.toUpperCase()}, ${affiliation.toUpperCase()}`,
    paragraph(w),
    paragraph(w),
    `This article is extracted from *${journal}*, Vol. ${volume}, No. ${period.issue}, ${issuedMonth} ${issuedYear}. Preferred citation: ${citation}`,
  ];
  const chron = chronology(w, pair.toUpperCase());
  const target = r.int(SIZE_MIN + 2_000, SIZE_MAX - 4_000);
  const headings = r.shuffle(SECTION_HEADINGS);
  const body: string[] = [];
  const size = (): number => Buffer.byteLength(`${front.join('\n\n')}\n\n${body.join('\n\n')}\n\n${chron}`);
  const breaks = new Set([r.int(1, 6), r.int(7, 14)]);
  let paragraphs = 0;
  for (let s = 0; s < headings.length && size() < target; s++) {
    body.push(headings[s]!);
    for (let p = r.int(3, 6); p > 0 && size() < target; p--) {
      let para = paragraph(w);
      if (breaks.has(++paragraphs)) para = pageBreak(w, para, r.chance(0.6));
      body.push(para);
    }
  }
  const text = `${front.join('\n\n')}\n\n${body.join('\n\n')}\n\n${chron}`;
  const id = `cc-${volume}-${period.issue}-${relationship.slug}${slot.suffix}`;
  const bytes = Buffer.from(text, 'utf8');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const file = `000_${sha.slice(0, 16)}.txt`;
  const meta = {
    id,
    file,
    sha256: sha,
    bytes: bytes.length,
    media_type: 'text/plain',
    language: 'en',
    title: `${pair} Relations: ${title}`,
    authors: [{ family, given, affiliation }],
    journal,
    volume,
    issue: period.issue,
    issued: `${issuedYear}-${String(period.issuedMonth).padStart(2, '0')}`,
    pages,
    publisher: 'Pacific Forum',
    preferred_citation: citation,
  };
  return { id, file, text, meta };
}

/**
 * Write n chapters as source folders under `dir` (a sources/ folder for
 * `--sources DIR`), with a copy of the project's registry beside them, and
 * return their ids in order.
 */
export function generateCorpus(dir: string, n: number, seed: number): string[] {
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(ROOT, 'sources', 'registry'), path.join(dir, 'registry'), { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = generateChapter(i, seed);
    const folder = path.join(dir, c.id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, c.file), c.text);
    writeFileSync(path.join(folder, 'source.yaml'), stringifyYaml(c.meta, { lineWidth: 0 }));
    ids.push(c.id);
  }
  return ids;
}

/**
 * Change one source as an editor would: append a sentence to the text (to
 * its last chronology entry, so the chapter keeps its shape) and pin the new
 * bytes in source.yaml. The text file keeps its name.
 */
export function appendSentence(sourceDir: string, sentence: string): void {
  const metaFile = path.join(sourceDir, 'source.yaml');
  const meta = parseYaml(readFileSync(metaFile, 'utf8')) as Record<string, unknown>;
  const textFile = path.join(sourceDir, String(meta.file));
  const text = readFileSync(textFile, 'utf8').replace(/\s*$/, ` ${sentence}\n`);
  const bytes = Buffer.from(text, 'utf8');
  writeFileSync(textFile, bytes);
  meta.sha256 = createHash('sha256').update(bytes).digest('hex');
  meta.bytes = bytes.length;
  writeFileSync(metaFile, stringifyYaml(meta, { lineWidth: 0 }));
}

/**
 * How well candidate names are found: recall and precision of distinct
 * entities against hand-written gold lists, for the registry with our finder
 * (pipeline/extract/names.ts) and for two offline NLP libraries, compromise
 * (people, places, organizations) and wink-nlp with its lite English model
 * (runs of proper-noun tokens), alone and added to ours. A library is worth
 * adopting only if it raises these figures.
 *
 *   npx tsx pipeline/bench/names.ts [--nlp <folder with node_modules of compromise, wink-nlp, wink-eng-lite-web-model>] [<text> <gold.txt>]...
 *
 * The libraries are not dependencies of the pipeline: install them in a
 * folder of their own and pass it with --nlp; without it only our finder is
 * measured. A gold file lists one name per line, as the text prints it; for
 * the article, the gold list is every registry entity it names in full plus
 * the names below.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFormIndex, extractMentions, type Titles } from '../extract/mentions.ts';
import { extractNames, nameKey } from '../extract/names.ts';
import { loadRegistry } from '../lib/registry.ts';
import { readVocabularyFile } from '../lib/resources.ts';
import { IndexedText, projectDisplay } from '../lib/text.ts';
import { discoverEntities } from '../normalize/mentions.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Names in the article that the registry does not hold, read by hand. */
const ARTICLE_EXTRA = ['World War II', 'Cold War', 'Islamic Revolution'];
const ARDENIA = ['Ardenia', 'Borvia', 'Kel', 'Ola Nord', 'Ardenville', 'Gulf of Tests', 'Test Author', 'Test Connections', 'Basic Multilingual Plane'];
const VALDORIA = [
  'Valdoria', 'Kestria', 'Test Author', 'Test Connections', 'Marek Tolan', 'Ines Halvard', 'Amber Coast Summit', 'Port Amsel', 'Northern Lantern Forum',
  'Kestrian Ministry of Coastal Affairs', 'Piet Varga', 'Institute of Tidal Studies', 'Moscow State University', 'Harbin Institute of Technology', 'Lin Weiguo',
  'Coral Fleet', 'Yuri Korbut', 'Brannock Group', 'Samarkand', 'Brannock', 'Oskar Brenn', 'Amsel Declaration', 'Kestrian Coast Guard', 'Gulf of Orrin',
];

const registry = loadRegistry(path.join(ROOT, 'sources'), ROOT);
const index = buildFormIndex(registry);
const titles = readVocabularyFile(path.join(ROOT, 'schema'), ROOT, 'titles.yaml') as unknown as Titles;
const types = new Map(registry.entities.map((e) => [e.id, e.type as string]));
const people = new Set(registry.entities.filter((e) => e.type === 'person').map((e) => e.id));
/** Every registry form's key → the entity it names (full forms only). */
const registryKeys = new Map<string, string>();
for (const [form, f] of index.forms) if (f.kind !== 'short_form' && f.ids.length === 1) registryKeys.set(nameKey(form), f.ids[0]!);

/** A name as an entity: the registry's id for a registry form, else its key. */
const entityOf = (name: string): string => registryKeys.get(nameKey(name)) ?? `~${nameKey(name)}`;

function ours(text: IndexedText): Set<string> {
  const src = { id: 't', text };
  const reg = extractMentions(src, index, titles, people).filter((m) => m.form_kind !== 'short_form' && m.form_kind !== 'demonym');
  const names = extractNames(src, index, titles, types);
  const superseded = new Set(names.flatMap((n) => n.supersedes.map(([s, e]) => `${s}:${e}`)));
  const out = new Set(reg.filter((m) => !superseded.has(`${m.name_start_raw}:${m.name_end_raw}`)).map((m) => m.candidates[0]!));
  for (const e of discoverEntities(names.filter((n) => !n.registry_id)).entities) out.add(`~${nameKey(e.name)}`);
  return out;
}

interface Nlp {
  compromise: (display: string) => string[];
  wink: (display: string) => string[];
}

function loadNlp(dir: string): Nlp {
  const req = createRequire(path.join(path.resolve(dir), 'package.json'));
  const nlp = req('compromise') as (t: string) => { people(): { out(f: string): string[] }; places(): { out(f: string): string[] }; organizations(): { out(f: string): string[] } };
  const winkNLP = req('wink-nlp') as (model: unknown) => { readDoc(t: string): { tokens(): { out(a: unknown): string[] } }; its: { pos: unknown; value: unknown } };
  const model = req('wink-eng-lite-web-model');
  const wink = winkNLP(model);
  return {
    compromise: (d) => {
      const doc = nlp(d);
      return [...doc.people().out('array'), ...doc.places().out('array'), ...doc.organizations().out('array')].map((s) => s.replace(/[.,;:’'"“”()]+$/u, '').replace(/^[“"(]+/u, '').trim()).filter(Boolean);
    },
    wink: (d) => {
      const doc = wink.readDoc(d);
      const words = doc.tokens().out(wink.its.value);
      const pos = doc.tokens().out(wink.its.pos);
      const runs: string[] = [];
      let run: string[] = [];
      for (let i = 0; i <= words.length; i++) {
        if (i < words.length && pos[i] === 'PROPN') run.push(words[i]!);
        else if (run.length) {
          runs.push(run.join(' '));
          run = [];
        }
      }
      return runs;
    },
  };
}

const score = (found: Set<string>, gold: Set<string>) => {
  const hit = [...found].filter((x) => gold.has(x)).length;
  return { found: found.size, gold: gold.size, recall: hit / gold.size, precision: found.size ? hit / found.size : 1 };
};
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

function measure(label: string, file: string, gold: Set<string>, nlp: Nlp | null): void {
  const raw = readFileSync(file, 'utf8');
  const text = new IndexedText(raw);
  const display = projectDisplay(raw).display;
  const systems: [string, Set<string>][] = [['registry + names.ts', ours(text)]];
  if (nlp) {
    const c = new Set(nlp.compromise(display).map(entityOf));
    const w = new Set(nlp.wink(display).map(entityOf));
    systems.push(['compromise', c], ['wink-nlp PROPN runs', w], ['ours + compromise', new Set([...systems[0]![1], ...c])], ['ours + wink-nlp', new Set([...systems[0]![1], ...w])]);
  }
  for (const [name, found] of systems) {
    const s = score(found, gold);
    console.log(`${label}\t${name}\trecall ${pct(s.recall)}\tprecision ${pct(s.precision)}\t(${s.found} found, ${s.gold} gold)`);
  }
  if (process.env.SHOW) {
    const mine = systems[0]![1];
    console.log('  missed:', [...gold].filter((g) => !mine.has(g)).join(', '));
    console.log('  not gold:', [...mine].filter((g) => !gold.has(g)).join(', '));
  }
}

const args = process.argv.slice(2);
const at = args.indexOf('--nlp');
const nlp = at >= 0 ? loadNlp(args.splice(at, 2)[1]!) : null;
const article = path.join(ROOT, 'sources', 'cc-21-3-china-russia', '000_fa4ab24074eee98d.txt');
const articleGold = new Set([...ours(new IndexedText(readFileSync(article, 'utf8')))].filter((x) => !x.startsWith('~')).concat(ARTICLE_EXTRA.map(entityOf)));
measure('article', article, articleGold, nlp);
measure('ardenia-borvia', path.join(ROOT, 'test/fixtures/sources/ardenia-borvia-fixture/chapter.txt'), new Set(ARDENIA.map(entityOf)), nlp);
measure('valdoria-kestria', path.join(ROOT, 'test/fixtures/sources/valdoria-kestria-fixture/chapter.txt'), new Set(VALDORIA.map(entityOf)), nlp);
for (let i = 0; i + 1 < args.length; i += 2) {
  const gold = new Set(readFileSync(args[i + 1]!, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map(entityOf));
  measure(path.basename(args[i]!), args[i]!, gold, nlp);
}

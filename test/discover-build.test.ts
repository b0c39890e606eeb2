import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInto, copySources, FIXTURES, pySlice, ROOT, tempPaths } from './helpers.ts';
import { readCsv } from './load.ts';

// A chapter in the journal's style (narrative and chronology) whose people,
// bodies, meetings and places the registry does not hold.
const FIXTURE = path.join(FIXTURES, 'valdoria-kestria-fixture');
const ID = 'valdoria-kestria-fixture';
const text = readFileSync(path.join(FIXTURE, 'chapter.txt'), 'utf8');
let release = '';
let build = '';

beforeAll(async () => {
  const sources = copySources([path.join(ROOT, 'sources', 'registry'), FIXTURE]);
  const paths = tempPaths(sources);
  build = paths.build;
  release = (await buildInto(paths)).releaseDir;
}, 240_000);

const table = (name: string) => readCsv(path.join(release, `${name}.csv`));

describe('a chapter of names the registry has never seen', () => {
  it('makes each name a discovered entity, its kind from its cue or unknown', () => {
    const discovered = table('entities').filter((e) => e.source_id === ID && e.entity_status === 'discovered');
    const kinds = Object.fromEntries(discovered.map((e) => [e.entity_id, [e.entity_type, e.discovery_cue]]));
    expect(kinds).toMatchObject({
      'd-marek-tolan': ['person', 'title: Valdorian President'],
      'd-oskar-brenn': ['person', 'title: Valdorian Foreign Minister'],
      'd-piet-varga': ['person', 'appositive: a senior researcher at the Institute of Tidal Studies'],
      'd-kestrian-ministry-of-coastal-affairs': ['organization', 'head_noun: Ministry'],
      'd-moscow-state-university': ['organization', 'head_noun: University'],
      'd-harbin-institute-of-technology': ['organization', 'head_noun: Institute'],
      'd-coral-fleet': ['armed_force', 'head_noun: Fleet'],
      'd-gulf-of-orrin': ['place', 'head_noun: Gulf'],
      'd-amsel-declaration': ['treaty', 'head_noun: Declaration'],
      'd-northern-lantern-forum': ['forum', 'head_noun: Forum; acronym_defined: NLF'],
      'd-samarkand': ['place', 'gazetteer: "Samarkand" (GeoNames 1216265) after a preposition of place'],
      'd-lin-weiguo': ['unknown', 'original: zh'],
      'd-brannock': ['unknown', 'none'],
    });
    // Their originals are rows of entity_names, as a curated entity's are.
    const names = table('entity_names');
    expect(names.filter((n) => n.entity_id === 'd-lin-weiguo').map((n) => [n.language, n.name])).toEqual([['zh', '林卫国']]);
    expect(names.filter((n) => n.entity_id === 'd-yuri-korbut').map((n) => [n.language, n.name])).toEqual([['ru', 'Юрий Корбут']]);
    expect(discovered.find((e) => e.entity_id === 'd-samarkand')).toMatchObject({ country_alpha2: 'UZ', geonames_id: '1216265' });
    expect(discovered.find((e) => e.entity_id === 'd-marek-tolan')!.role).toBe('Valdorian President');
  });

  it('resolves a name printed two ways, a lowercase "summit" and a lone surname to one entity, with a note', () => {
    const entities = new Map(table('entities').map((e) => [e.entity_id!, e]));
    expect(entities.get('d-ines-halvard')!.note).toBe('Printed 2 ways in valdoria-kestria-fixture: "Ines Halvard" (line 9), "Ines Halvord" (line 11); "Ines Halvard" is used.');
    expect(entities.get('d-port-amsel')!.note).toContain('"Port-Amsel" (line 11)');
    expect(entities.get('d-amber-coast-summit')).toMatchObject({ entity_type: 'forum', mention_count: '3' });
    const mentions = table('mentions').filter((m) => m.source_id === ID);
    expect(mentions.filter((m) => m.entity_id === 'd-marek-tolan').map((m) => [m.surface, m.mention_kind])).toEqual([
      ['Valdorian President Marek Tolan', 'name'],
      ['Tolan', 'short_form'],
      ['Tolan', 'short_form'],
      ['Marek Tolan', 'name'],
    ]);
    expect(mentions.filter((m) => m.entity_id === 'd-northern-lantern-forum').map((m) => m.mention_kind)).toEqual(['name', 'alias', 'alias', 'name', 'alias']);
  });

  it('lets the longest name win: Moscow State University is no mention of Moscow', () => {
    const mentions = table('mentions').filter((m) => m.source_id === ID);
    expect(mentions.filter((m) => m.entity_id === 'moscow')).toEqual([]);
    const msu = mentions.find((m) => m.entity_id === 'd-moscow-state-university')!;
    expect(msu).toMatchObject({ entity_status: 'discovered', evidence: 'Moscow State University' });
    expect(pySlice(text, Number(msu.span_start), Number(msu.span_end))).toBe(msu.evidence);
  });

  it('marks every row curated or discovered, and every mention re-slices to its evidence', () => {
    const entities = table('entities');
    expect(new Set(entities.map((e) => e.entity_status))).toEqual(new Set(['discovered']));
    const mentions = table('mentions').filter((m) => m.source_id === ID);
    // The names of the citation's front-matter line (its author, the journal) are metadata, not mentions.
    expect(mentions.length).toBeGreaterThan(35);
    expect(mentions.some((m) => m.surface === 'Test Author')).toBe(false);
    for (const m of mentions) {
      expect(m.entity_status).toBe(m.entity_id!.startsWith('d-') ? 'discovered' : 'curated');
      expect(pySlice(text, Number(m.span_start), Number(m.span_end))).toBe(m.evidence);
    }
  });

  it('lets discovered persons and bodies speak and take part; a name of unknown kind speaks only by a sure rule, and says so', () => {
    const quotes = table('quotes').filter((q) => q.source_id === ID);
    expect(quotes.map((q) => [q.speaker_id, q.speaker_rule, q.words])).toEqual([
      ['d-ines-halvard', 'verb_then_name', 'We will not yield an inch of the shelf'],
      ['d-kestrian-ministry-of-coastal-affairs', 'name_then_verb', 'The waters are shared'],
      ['d-brannock', 'verb_then_name_unknown_kind', 'Trade comes first'],
    ]);
    const participants = table('event_participants').filter((p) => p.source_id === ID);
    expect(participants.map((p) => [p.entity_id, p.role])).toEqual([
      ['d-oskar-brenn', 'visitor'],
      ['d-ines-halvard', 'participant'],
      ['d-coral-fleet', 'participant'],
      ['d-kestrian-coast-guard', 'participant'],
      ['d-marek-tolan', 'host'],
      ['d-ines-halvard', 'participant'],
      // "In the first months of 2021, … Marek Tolan and his counterpart Ines Halvard met twice": a summary of 2021, typed other.
      ['d-marek-tolan', 'participant'],
      ['d-ines-halvard', 'participant'],
    ]);
    const summary = table('events').find((e) => e.source_id === ID && e.date_label === 'In the first months of 2021');
    expect(summary).toMatchObject({ date_edtf: '2021', event_type: 'other' });
  });

  it('puts every discovered entity on the curator list with its first span and cue', () => {
    const items = readFileSync(path.join(build, 'curation', 'curator-list.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; surface: string; line: number; candidates: string[]; reason: string });
    const discovered = items.filter((i) => i.kind === 'discovered_entity');
    expect(discovered.map((i) => i.candidates[0]).sort()).toEqual(table('entities').map((e) => e.entity_id).sort());
    expect(discovered.find((i) => i.candidates[0] === 'd-coral-fleet')).toMatchObject({
      surface: 'Coral Fleet',
      line: 11,
      reason: expect.stringContaining('(cue: head_noun: Fleet), first at code points'),
    });
  });
});

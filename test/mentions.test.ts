import { describe, expect, it } from 'vitest';
import { buildFormIndex, extractMentions, type Titles } from '../pipeline/extract/mentions.ts';
import type { Registry, RegistryEntity } from '../pipeline/lib/registry.ts';
import { IndexedText } from '../pipeline/lib/text.ts';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { mentionRows, narrativeEventAt, narrativeParts, resolveMentions, statesOf } from '../pipeline/normalize/mentions.ts';
import type { NarrativeDate } from '../pipeline/extract/narrative-dates.ts';
import type { Segments } from '../pipeline/normalize/narrative-events.ts';
import { pySlice } from './helpers.ts';

const titles: Titles = {
  heads: ['President', 'Premier', 'Prime Minister', 'Minister', 'Foreign Minister'],
  qualifiers: ['First', 'Deputy', 'Vice'],
  connectors: ['of', 'the', 'and', 'for', 'to'],
  appositive_heads: ['director', 'member'],
};

function entity(id: string, name: string, type: RegistryEntity['type'], extra: Partial<RegistryEntity> = {}): RegistryEntity {
  return { id, type, name, aliases: [], short_forms: [], demonyms: [], file: 'test.yaml', ...extra };
}

const registry: Registry = (() => {
  const entities = [
    entity('ana-li', 'Ana Li', 'person', { short_forms: ['Li'] }),
    entity('bo-li', 'Bo Li', 'person', { short_forms: ['Li'] }),
    entity('cy-ray', 'Cy Ray', 'person'),
    entity('dee-fox', 'Dee Fox', 'person'),
    entity('ardenia', 'Ardenia', 'state', { country: 'ARD', demonyms: ['Ardenian'] }),
    entity('ardenian-radar', 'Ardenian coastal radar network', 'system', { short_forms: ['radar network'] }),
    entity('vell', 'Vell', 'place', { place_kind: 'city' }),
    entity('ardenian-council', 'Ardenian Trade Council', 'organization', { short_forms: ['ATC'] }),
    entity('orr-region', 'Orr', 'place', { place_kind: 'region' }),
  ];
  return { entities, byId: new Map(entities.map((e) => [e.id, e])) };
})();

const people = new Set(registry.entities.filter((e) => e.type === 'person').map((e) => e.id));
const run = (text: string) => {
  const findings = extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(registry), titles, people);
  return { findings, ...resolveMentions(findings) };
};

describe('a city of the registry before the head of a region', () => {
  it('names the region, not the city; a region entry of the list is still named', () => {
    const forms = (text: string) => extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(registry), titles, people).map((m) => m.form);
    expect(forms('Troops came from the Orr, Vell, and Kest Regions. Talks were held in Vell.')).toEqual(['Orr', 'Vell']);
    expect(forms('Vell Oblast and Vell itself.')).toEqual(['Vell']);
  });
});

describe('a lower-case rank before a name', () => {
  it('is the role, with the service and a qualifier before it', () => {
    const ranks: Titles = { ...titles, heads: [...titles.heads, 'captain'], qualifiers: [...titles.qualifiers, 'former'] };
    const [found] = extractMentions({ id: 't', text: new IndexedText('Then the far-right former army captain Cy Ray won.') }, buildFormIndex(registry), ranks, people);
    expect(found).toMatchObject({ form: 'Cy Ray', role: 'former army captain' });
  });
});

describe('an acronym in parentheses', () => {
  it('after a lowercase phrase it spells is that common noun\'s, not the registry body\'s', () => {
    const forms = (text: string) => extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(registry), titles, people).map((m) => m.form);
    expect(forms('They set up more advisory trade councils (ATC) for grain.')).toEqual([]);
    expect(forms('The Ardenian Trade Council (ATC) met. The ATC agreed.')).toEqual(['Ardenian Trade Council', 'ATC', 'ATC']);
  });
});

describe('a short form that is a common noun', () => {
  it('names the registry thing with a determiner, and the kind of thing bare after a preposition', () => {
    const forms = (text: string) => extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(registry), titles, people).map((m) => m.form);
    expect(forms('Ardenia built the radar network. It has experience in radar network design.')).toEqual(['Ardenia', 'radar network']);
    expect(forms('Funding of a radar network for Ardenia was agreed.')).toEqual(['radar network', 'Ardenia']);
  });
});

describe('mentions', () => {
  it('finds names through link markup and keeps the title as part of the mention', () => {
    const text = 'Ardenian Premier [Ana](#) Li met 😀 Cy Ray.';
    const { findings } = run(text.replace('[Ana](#) Li', '[Ana Li](#)'));
    expect(findings.map((f) => f.surface)).toEqual(['Ardenian', 'Ardenian Premier Ana Li', 'Cy Ray']);
    expect(findings[1]!.role).toBe('Ardenian Premier');
    const marked = run(text).findings[1]!;
    expect(marked.surface).toBe('Ardenian Premier Ana Li');
    expect(pySlice(text, marked.span_start, marked.span_end)).toBe(marked.evidence);
    expect(marked.evidence).toBe('Ardenian Premier [Ana](#) Li');
  });

  it('gives the nearest title when two titled names stand in a row', () => {
    const { findings } = run('Ardenian Premier Ana Li and Ardenian Foreign Minister Cy Ray met.');
    expect(findings.filter((f) => f.role).map((f) => f.role)).toEqual(['Ardenian Premier', 'Ardenian Foreign Minister']);
  });

  it("gives a plural title before a list of names to each of them, in the singular, and the first name's surface takes it", () => {
    const { findings } = run('Then Presidents Cy Ray and Dee Fox opened the bridge.');
    expect(findings.map((f) => [f.surface, f.role])).toEqual([['Presidents Cy Ray', 'President'], ['Dee Fox', 'President']]);
    // A list of three, and a plural whose nationalities are shared out ("Ardenian and Borvian Premiers"): the title alone, no nationality.
    expect(run('Premiers Ana Li, Cy Ray and Dee Fox met.').findings.map((f) => f.role)).toEqual(['Premier', 'Premier', 'Premier']);
    expect(run('The Ardenian and Borvian Premiers Cy Ray and Dee Fox met.').findings.filter((f) => f.form !== 'Ardenian').map((f) => [f.surface, f.role])).toEqual([['Premiers Cy Ray', 'Premier'], ['Dee Fox', 'Premier']]);
  });

  it('keeps a singular title to the name it stands before: "President A and B" gives B no title', () => {
    const { findings } = run('Then President Cy Ray and Dee Fox opened the bridge.');
    expect(findings.map((f) => [f.surface, f.role])).toEqual([['President Cy Ray', 'President'], ['Dee Fox', null]]);
  });

  it('gives no title across the end of a sentence or a paragraph, and an abbreviated head ends no sentence', () => {
    const roleOf = (text: string, surface: string) => run(text).findings.find((f) => f.form === surface)?.role ?? null;
    expect(roleOf('It was hard for President Ma and Beijing. Cy Ray left.', 'Cy Ray')).toBeNull();
    expect(roleOf('It was hard for President Ma and Beijing.\n\nCy Ray left.', 'Cy Ray')).toBeNull();
    const withSen = { ...titles, heads: [...titles.heads, 'Sen.'] };
    const senRole = (text: string) => extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(registry), withSen, people).find((f) => f.form === 'Cy Ray')?.role ?? null;
    expect(senRole('Then Sen. Cy Ray spoke.')).toBe('Sen.');
    expect(senRole('It was Sen. Ma and Beijing. Cy Ray spoke.')).toBeNull();
  });

  it('reads a role from an appositive after the name', () => {
    const { findings } = run('They met Dee Fox, director of the Institute of Tests, in May.');
    expect(findings[0]!.role).toBe('director of the Institute of Tests');
  });

  it('resolves a short form to the candidate named earlier in the paragraph', () => {
    const { resolved } = run('Bo Li arrived. Later Li spoke.');
    expect(resolved.map((r) => [r.finding.surface, r.entity_id, r.resolution])).toEqual([
      ['Bo Li', 'bo-li', null],
      ['Li', 'bo-li', 'same_paragraph'],
    ]);
  });

  it('resolves by the company a candidate kept before, when the section names both', () => {
    const text = 'Ana Li met Cy Ray.\n\nBo Li met Dee Fox.\n\nLi called Cy Ray.';
    const { resolved } = run(text);
    expect(resolved.at(-2)).toMatchObject({ entity_id: 'ana-li', resolution: 'co_mention' });
  });

  it('falls back to the candidate named last in the section', () => {
    const { resolved } = run('Ana Li came.\n\nBo Li came.\n\nThen Li left.');
    expect(resolved.at(-1)).toMatchObject({ entity_id: 'bo-li', resolution: 'same_section' });
  });

  it('never guesses: a short form with no context goes to the curator list', () => {
    const { resolved, curation } = run('Li left.');
    expect(resolved).toEqual([]);
    expect(curation).toMatchObject([{ kind: 'ambiguous_short_form', surface: 'Li', candidates: ['ana-li', 'bo-li'], line: 1 }]);
  });

  it('obeys a curator\'s pin over the rules', () => {
    const text = 'Bo Li arrived. Later Li spoke.';
    const findings = extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(registry), titles, people);
    const at = text.indexOf('Later Li');
    const { resolved } = resolveMentions(findings, [{ source_id: 't', raw_start: at, raw_end: at + 8, form: 'Li', entity: 'ana-li' }]);
    expect(resolved.at(-1)).toMatchObject({ entity_id: 'ana-li', resolution: 'curated' });
  });

  it('does not match inside a longer word', () => {
    expect(run('Lisbon and Ardenians.').findings).toEqual([]);
  });

  it('finds no mention inside the journal title the text prints, except the first words of that title', () => {
    const journal = 'Ardenia Review: A Journal of Relations in Ardenia';
    const text = `Extracted from Ardenia Review: A Journal of Relations in Ardenia, Vol. 2. Ardenia grew.`;
    const found = (enclosing: string[]) => extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(registry), titles, people, enclosing).map((f) => f.span_start);
    // Three mentions without the journal's title; with it, the one inside the title goes and the title's start stays.
    expect(found([])).toEqual([15, 57, 74]);
    expect(found([journal])).toEqual([15, 74]);
  });

  it('finds no mention in the subtitle the text prints after the journal name and a colon, up to the next comma', () => {
    // The metadata gives the name alone; the text prints it with a subtitle.
    const text = 'Extracted from Ardenia Review: A Journal of Relations in Ardenia, Vol. 2. Ardenia grew: Ardenia too.';
    const found = extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(registry), titles, people, ['Ardenia Review']).map((f) => pySlice(text, f.span_start, f.span_end) + '@' + f.span_start);
    // The title's first word stays a mention; the one in its subtitle goes; a colon after any other word protects nothing.
    expect(found).toEqual(['Ardenia@15', 'Ardenia@74', 'Ardenia@88']);
  });
});

describe('a short form qualified by a state', () => {
  const reg: Registry = (() => {
    const entities = [
      entity('ardenia', 'Ardenia', 'state', { country: 'ARD', demonyms: ['Ardenian'] }),
      entity('borvia', 'Borvia', 'state', { country: 'BOR', demonyms: ['Borvian'] }),
      entity('ardenian-radar', 'coastal radar network', 'system', { short_forms: ['radar network'], country: 'ARD' }),
      entity('borvian-navy', 'Borvian Navy', 'armed_force', { short_forms: ['Navy'] }),
    ];
    return { entities, byId: new Map(entities.map((e) => [e.id, e])) };
  })();
  const resolve = (text: string) => {
    const findings = extractMentions({ id: 't', text: new IndexedText(text) }, buildFormIndex(reg), titles, new Set());
    return resolveMentions(findings, [], statesOf(reg));
  };

  it("is not the candidate of another state: Borvia's radar network is not Ardenia's", () => {
    const { resolved, curation } = resolve("Borvia's own radar network was shown to the Ardenian visitors.");
    expect(resolved.map((r) => r.entity_id)).toEqual(['borvia', 'ardenia']);
    expect(curation).toMatchObject([{ kind: 'ambiguous_short_form', surface: 'radar network', candidates: ['ardenian-radar'] }]);
    // A demonym qualifies as a possessive does.
    expect(resolve('The Borvian radar network was shown.').curation).toHaveLength(1);
  });

  it("resolves as before when the qualifier is the candidate's own state, when none qualifies it, or when other words stand between", () => {
    expect(resolve("Ardenia's radar network grew.").resolved.map((r) => r.entity_id)).toEqual(['ardenia', 'ardenian-radar']);
    expect(resolve('The radar network grew.').resolved.map((r) => r.entity_id)).toEqual(['ardenian-radar']);
    expect(resolve("Borvia's help in building the radar network was praised.").resolved.map((r) => r.entity_id)).toEqual(['borvia', 'ardenian-radar']);
  });

  it("takes an entity's state from a demonym of its name when it has no country", () => {
    expect(resolve('The Ardenian Navy sailed.').resolved.map((r) => r.entity_id)).toEqual(['ardenia']);
    expect(resolve('The Borvian Navy sailed. Later the Navy docked.').resolved.map((r) => r.entity_id)).toEqual(['borvian-navy', 'borvian-navy']);
    expect(resolve("Ardenia's Navy sailed.").curation).toHaveLength(1);
  });
});

describe('the event a mention occurs in', () => {
  it('is the chronology entry that holds it, else the narrative event whose governed part of the sentence holds it', () => {
    // "In May 2020, Cy Ray met Dee Fox, and on June 2 Ana Li spoke": two dates, each governing its own words.
    const text = 'In May 2020, Cy Ray met Dee Fox, and on June 2 Ana Li spoke.';
    const { resolved } = run(text);
    const at = (w: string) => text.indexOf(w);
    const parts = [
      { event_id: 'ev-may', source_id: 't', start: 0, end: at(', and') },
      { event_id: 'ev-june', source_id: 't', start: at('on June 2'), end: text.length },
    ];
    const rows = mentionRows(resolved, [], [], parts);
    expect(rows.map((r) => [r.surface, r.event_id])).toEqual([['Cy Ray', 'ev-may'], ['Dee Fox', 'ev-may'], ['Ana Li', 'ev-june']]);
    // A chronology entry holding the words wins.
    expect(mentionRows(resolved, [], [{ event_id: 'ev-entry', source_id: 't', span_start: 0, span_end: text.length }], parts).map((r) => r.event_id)).toEqual(['ev-entry', 'ev-entry', 'ev-entry']);
  });

  it("is, in a later sentence of a chronology entry with a date of its own, that sentence's event; the entry keeps its first sentence", () => {
    const text = 'May 3, 2020: Cy Ray visits Ardenia. Dee Fox had opened the bridge on April 9. Ana Li came too.';
    const { resolved } = run(text);
    const at = (w: string) => text.indexOf(w);
    const entry = { event_id: 'ev-entry', source_id: 't', span_start: 0, span_end: text.length, first_end: at(' Dee') };
    const parts = [
      { event_id: 'ev-april', source_id: 't', start: at('Dee'), end: at(' Ana'), section: 'chronology_text' },
      // A date of the first sentence governs none of its names here: the entry's event is the first sentence's.
      { event_id: 'ev-first', source_id: 't', start: at('Cy'), end: at(' Dee'), section: 'chronology_text' },
    ];
    expect(mentionRows(resolved, [], [entry], parts).map((r) => [r.surface, r.event_id])).toEqual([
      ['Cy Ray', 'ev-entry'], ['Ardenia', 'ev-entry'], ['Dee Fox', 'ev-april'], ['Ana Li', 'ev-entry'],
    ]);
    // Without the entry's first sentence known, or with a narrative part, the entry holds every name as before.
    expect(mentionRows(resolved, [], [{ ...entry, first_end: undefined }], parts).map((r) => r.event_id)).toEqual(['ev-entry', 'ev-entry', 'ev-entry', 'ev-entry']);
  });

  it('is the innermost part where parts nest, and none where two dates govern the same words or none does', () => {
    const eventAt = narrativeEventAt([
      { event_id: 'clause', source_id: 't', start: 0, end: 100 },
      { event_id: 'name', source_id: 't', start: 20, end: 40 },
      { event_id: 'twin-a', source_id: 't', start: 50, end: 90 },
      { event_id: 'twin-b', source_id: 't', start: 50, end: 90 },
    ]);
    expect(eventAt('t', 25, 30)).toBe('name');
    expect(eventAt('t', 5, 10)).toBe('clause');
    expect(eventAt('t', 60, 65)).toBeNull();
    expect(eventAt('t', 120, 125)).toBeNull();
    expect(eventAt('u', 25, 30)).toBeNull();
  });

  it('keeps to each date its own part where a date of the clause is counted from the other', () => {
    // Two dates of one clause where one holds the other are read as one happening and govern the same
    // words; a relative date counted from the other ("later that year") names another time.
    const text = 'Ana Li’s trip to Borvia in June 2031 brought a pact for talks with Cy Ray to begin later that year.';
    const at = (w: string) => text.indexOf(w);
    const split = at(' brought');
    const parts = [
      { event_id: 'ev-trip', source_id: 't', start: 0, end: text.length, own: { start: 0, end: split } },
      { event_id: 'ev-later', source_id: 't', start: 0, end: text.length, anchor: 'ev-trip', own: { start: split, end: text.length } },
    ];
    const eventAt = narrativeEventAt(parts);
    expect(eventAt('t', at('Ana Li'), at('Ana Li') + 6)).toBe('ev-trip');
    expect(eventAt('t', at('Borvia'), at('Borvia') + 6)).toBe('ev-trip');
    expect(eventAt('t', at('Cy Ray'), at('Cy Ray') + 6)).toBe('ev-later');
    // Without the anchor the two dates are one happening dated twice, and the words say no single event.
    expect(narrativeEventAt(parts.map(({ anchor: _a, ...p }) => p))('t', at('Ana Li'), at('Ana Li') + 6)).toBeNull();
  });

  it('is, for a date inside the words a speech verb reports, only a mention inside those words', () => {
    const roles = parseYaml(readFileSync('schema/vocabularies/participant_roles.yaml', 'utf8')) as { reported_opener: string };
    const verbs = (parseYaml(readFileSync('schema/vocabularies/speech_verbs.yaml', 'utf8')) as { verbs: string | string[] }).verbs;
    const speech = { verbs: Array.isArray(verbs) ? verbs : String(verbs).split(/,\s*/u).map((v) => v.trim()).filter(Boolean), opener: roles.reported_opener };
    // Code points of a source that starts 500 code points earlier, with link markup and a non-BMP character.
    const evidence = 'At the same fair 😀 Cy Ray, a scholar of [trade](#) in Borvia, warned of a slump for Ardenia in 2031.';
    const base = 500;
    const cp = (w: string) => base + Array.from(evidence.slice(0, evidence.indexOf(w))).length;
    const end = base + Array.from(evidence).length;
    const row = { event_id: 'ev-2031', source_id: 't', section: 'narrative', evidence, span_start: base, span_end: end, date_anchor: null };
    const segments: Segments = new Map([['ev-2031', { start: base, end, date_at: cp('in 2031'), clause_start: base, clause_end: end }]]);
    const [part] = narrativeParts([row], segments, [] as NarrativeDate[], speech);
    expect(part!.start).toBe(cp('a slump'));
    const eventAt = narrativeEventAt([part!]);
    expect(eventAt('t', cp('Cy Ray'), cp('Cy Ray') + 6)).toBeNull();
    expect(eventAt('t', cp('Borvia'), cp('Borvia') + 6)).toBeNull();
    expect(eventAt('t', cp('Ardenia'), cp('Ardenia') + 7)).toBe('ev-2031');
    // A date before the words said dates the saying: its part keeps the speaker.
    const early = { ...row, event_id: 'ev-may' };
    const said = 'In May 2031 Cy Ray warned of a slump for Ardenia.';
    const saidEnd = base + Array.from(said).length;
    const [whole] = narrativeParts([{ ...early, evidence: said, span_end: saidEnd }], new Map([['ev-may', { start: base, end: saidEnd, date_at: base + 3, clause_start: base, clause_end: saidEnd }]]), [], speech);
    expect(whole!.start).toBe(base);
    // Without speech rules nothing is cut.
    expect(narrativeParts([row], segments, [], { verbs: [], opener: '' })[0]!.start).toBe(base);
  });

  it('is, for a date inside what a proposal proposes, only a mention inside the proposal, not its proposer', () => {
    const roles = parseYaml(readFileSync('schema/vocabularies/participant_roles.yaml', 'utf8')) as { reported_opener: string; proposal_opener: string };
    const speech = { verbs: [], opener: roles.reported_opener, proposal: roles.proposal_opener };
    const evidence = 'The Borvian side 😀 suggested that Ardenian envoys be invited to a joint session in May 2031.';
    const base = 40;
    const cp = (w: string) => base + Array.from(evidence.slice(0, evidence.indexOf(w))).length;
    const end = base + Array.from(evidence).length;
    const row = { event_id: 'ev-2031', source_id: 't', section: 'chronology_text', evidence, span_start: base, span_end: end, date_anchor: null };
    const segments: Segments = new Map([['ev-2031', { start: base, end, date_at: cp('in May 2031'), clause_start: base, clause_end: end }]]);
    const [part] = narrativeParts([row], segments, [] as NarrativeDate[], speech);
    expect(part!.start).toBe(cp('Ardenian'));
    expect(narrativeEventAt([part!])('t', cp('Borvian'), cp('Borvian') + 7)).toBeNull();
    // Dated before the proposal ("On May 2, … suggested that …"), the part keeps the proposer.
    const dated = 'On May 2 the Borvian side suggested that Ardenian envoys be invited.';
    const datedEnd = base + Array.from(dated).length;
    const [whole] = narrativeParts([{ ...row, evidence: dated, span_end: datedEnd }], new Map([['ev-2031', { start: base, end: datedEnd, date_at: base + 3, clause_start: base, clause_end: datedEnd }]]), [], speech);
    expect(whole!.start).toBe(base);
    // No proposal words, no cut.
    expect(narrativeParts([row], segments, [], { verbs: [], opener: roles.reported_opener })[0]!.start).toBe(base);
  });
});


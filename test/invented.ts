/** Invented sources in the journal's style, for the claims and conflicts tests. Their facts are made up. */
import path from 'node:path';
import { buildInto, readJsonlFile, tempDir, tempPaths, writeRegistry, writeSource } from './helpers.ts';
import { readCsv } from './load.ts';

export const REGISTRY = `entities:
  - { id: ardenia, type: state, name: Ardenia, country: ARD, unlisted_code: fictional, demonyms: [Ardenian] }
  - { id: borvia, type: state, name: Borvia, country: BRV, unlisted_code: fictional, demonyms: [Borvian] }
  - { id: amber-line, type: project, name: Amber Line }
  - { id: ola-nord, type: person, name: Ola Nord, country: BRV }
  - { id: winter-shield-2021, type: exercise, name: Winter Shield-2021 }
`;

export const PREFERRED = 'Preferred citation: Test Author, “Ardenia-Borvia Energy,” *Test Connections*, Vol. 1, No. 2, pp 1–2.';

/**
 * A chapter with figures that agree (troops "about 1,000" and 1,050; trade
 * in different years) and, when `planted`, two contradictions: the line's
 * length (1,200 km vs 2,400 km) and the spelling of a name in Russian.
 */
export function chapter({ planted, extra = '' }: { planted: boolean; extra?: string }): string {
  return `ARDENIA-BORVIA ENERGY

AN INVENTED CHAPTER

This text is invented for the pipeline's tests. ${PREFERRED}

The 1,200-km “Amber Line” gas pipeline opened in March 2021. Borvian Premier Ola Nord (Ола Норд) said the Amber Line would carry 20 bcm per year. The Winter Shield-2021 exercise drew about 1,000 troops and 40 aircraft. In 2019, trade between Ardenia and Borvia was \\$5 billion. Trade between Ardenia and Borvia reached \\\\$7 billion in 2020.${extra}

CHRONOLOGY OF ARDENIA-BORVIA RELATIONS

JANUARY – MARCH 2021

Jan. 12, 2021: Ardenia and Borvia hold the Winter Shield-2021 exercise with 1,050 troops and 40 aircraft.

March 3, 2021: Ardenia and Borvia open the Amber Line pipeline. The ${planted ? '2,400' : '1,200'}-km pipeline will carry 20 billion cbm per year. Premier Ola Nord (${planted ? 'Ола Нурд' : 'Ола Норд'}) attends.
`;
}

export interface InventedBuild {
  release: string;
  build: string;
  lines: string[];
  csv: (table: string) => Record<string, string>[];
  curator: Record<string, unknown>[];
}

/** Builds one invented source (with an optional curation.yaml) into temporary folders. */
export async function buildInvented(text: string, curation?: string, id = 'ardenia-borvia-energy'): Promise<InventedBuild> {
  const sources = path.join(tempDir('crr-invented-'), 'sources');
  writeRegistry(sources, REGISTRY);
  writeSource(sources, id, text, PREFERRED.replace('Preferred citation: ', ''), curation);
  const paths = tempPaths(sources);
  const { releaseDir, lines } = await buildInto(paths);
  return {
    release: releaseDir,
    build: paths.build,
    lines,
    csv: (table) => readCsv(path.join(releaseDir, `${table}.csv`)),
    curator: readJsonlFile(path.join(paths.build, 'curation', 'curator-list.jsonl')),
  };
}

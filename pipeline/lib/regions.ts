/**
 * The regions a source's relationship may name beside a state: the journal
 * pairs a state with a region in a third of its relationships ("US–Southeast
 * Asia", "China–Southeast Asia", "Japan–Southeast Asia", "India–East Asia").
 * A region is written in source.yaml by the name the journal gives it
 * (`relationship: [USA, Southeast Asia]`), and stands for its states, which
 * are the members of the UN M49 subregion of the same area (M49 "035"
 * South-eastern Asia, "030" Eastern Asia, "034" Southern Asia, "143" Central
 * Asia) by their ISO 3166-1 alpha-3 codes. No package on the registry keeps
 * the M49 table, so its few rows are kept here.
 */
export interface Region {
  /** The name the journal writes, as source.yaml gives it. */
  name: string;
  /** The UN M49 code of the subregion. */
  m49: string;
  /** Its states, ISO 3166-1 alpha-3. */
  states: readonly string[];
}

export const REGIONS: readonly Region[] = [
  { name: 'Southeast Asia', m49: '035', states: ['BRN', 'KHM', 'IDN', 'LAO', 'MYS', 'MMR', 'PHL', 'SGP', 'THA', 'TLS', 'VNM'] },
  // M49's Eastern Asia lists China, Hong Kong, Macao, North and South Korea, Japan and Mongolia.
  { name: 'East Asia', m49: '030', states: ['CHN', 'HKG', 'MAC', 'PRK', 'JPN', 'MNG', 'KOR'] },
  { name: 'South Asia', m49: '034', states: ['AFG', 'BGD', 'BTN', 'IND', 'IRN', 'MDV', 'NPL', 'PAK', 'LKA'] },
  { name: 'Central Asia', m49: '143', states: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'] },
];

const BY_NAME = new Map(REGIONS.map((r) => [r.name, r]));

/** The region a relationship's party names, or undefined for a state's code. */
export function regionNamed(party: string): Region | undefined {
  return BY_NAME.get(party);
}

/** The states a relationship's parties stand for: a state for itself, a region for its states, each once, in order. */
export function statesOf(parties: readonly string[]): string[] {
  return [...new Set(parties.flatMap((p) => regionNamed(p)?.states ?? [p]))];
}

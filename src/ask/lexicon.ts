/**
 * Ask's lexicon: what the release and the messages let it recognise in a question.
 *
 * - From the release (`loadLexiconData`, plain SQL through any `run`): which fiscal years and column codes
 *   each table has, the schools (names, types, regions) and the title of every code used.
 * - From the messages of every language given (`ask.terms.*`, `ask.cue.*`, `ask.synonyms.*`,
 *   `ask.lexicon.*`): the names of concepts and topics, the words that signal a kind of question, word
 *   synonyms ("norte" → north) and stop words.
 *
 * `buildLexicon` turns both into lookup structures; it is pure and runs the same in Node and the browser.
 */
import type { Table } from '../query/spec.ts';
import type { Messages } from '../i18n/translate.ts';
import { normalize, phrases, words } from './text.ts';

/** Runs parameterized SQL (positional `?`) on a release: native DuckDB in Node, DuckDB-WASM in the browser. */
export type Run = (sql: string, params?: (string | number | boolean)[]) => Promise<Record<string, unknown>[]>;

export interface LexiconData {
  /** Release id, for permalinks (null: the current release). */
  release: string | null;
  /** Fiscal years and column codes present in each fact table (line items: latest submissions). */
  available: { table: Table; fiscal_year: string; column_code: string }[];
  /** Fiscal years with enrollment (per-pupil figures need them). */
  enrollmentYears: string[];
  schools: { code: string; name: string; type: string | null; region: string | null }[];
  /** The latest title of every code the release uses. */
  codes: { dimension: string; code: string; title: string }[];
}

/** The queries behind LexiconData, shown to staff who ask where the lexicon comes from. */
export const LEXICON_SQL = {
  available: `SELECT 'line_items' AS "table", fiscal_year, column_code FROM line_items WHERE is_latest GROUP BY ALL
UNION ALL
SELECT 'allocations' AS "table", fiscal_year, column_code FROM allocations GROUP BY ALL
ORDER BY 1, 2, 3`,
  availableLineItems: `SELECT 'line_items' AS "table", fiscal_year, column_code FROM line_items WHERE is_latest GROUP BY ALL ORDER BY 1, 2, 3`,
  availableAllocations: `SELECT 'allocations' AS "table", fiscal_year, column_code FROM allocations GROUP BY ALL ORDER BY 1, 2, 3`,
  enrollmentYears: `SELECT DISTINCT fiscal_year FROM enrollment WHERE enrollment IS NOT NULL ORDER BY 1`,
  schools: `SELECT school_code AS code, name, "type", region FROM schools ORDER BY school_code`,
  codes: `SELECT dimension, code, trim(arg_max(title, fiscal_year)) AS title FROM codes GROUP BY dimension, code ORDER BY dimension, code`,
} as const;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Reads the lexicon's data from a release. Optional tables (allocations, enrollment, schools) may be absent. */
export async function loadLexiconData(run: Run, release: string | null): Promise<LexiconData> {
  const tryRun = async (sql: string) => {
    try {
      return await run(sql);
    } catch {
      return null;
    }
  };
  // Either fact table may be missing from a release (an allocations-only or a SACS-only district).
  const available = (await tryRun(LEXICON_SQL.available)) ?? (await tryRun(LEXICON_SQL.availableLineItems))
    ?? (await tryRun(LEXICON_SQL.availableAllocations)) ?? [];
  const enrollment = (await tryRun(LEXICON_SQL.enrollmentYears)) ?? [];
  const schools = (await tryRun(LEXICON_SQL.schools)) ?? [];
  const codes = (await tryRun(LEXICON_SQL.codes)) ?? [];
  return {
    release,
    available: available.map((r) => ({ table: String(r.table) as Table, fiscal_year: String(r.fiscal_year), column_code: String(r.column_code) })),
    enrollmentYears: enrollment.map((r) => String(r.fiscal_year)),
    schools: schools.map((r) => ({ code: String(r.code), name: String(r.name ?? r.code), type: str(r.type), region: str(r.region) })),
    codes: codes.map((r) => ({ dimension: String(r.dimension), code: String(r.code), title: String(r.title ?? '').trim() })),
  };
}

/** A phrase from the messages: a cue ("per pupil"), or the name of a concept or topic ("special ed"). */
export interface PhraseEntry {
  words: string[];
  /** cue: a kind of question; term: a concept or topic (glossary terms are `glossary.<id>`); code: a run of words of code titles. */
  kind: 'cue' | 'term' | 'code';
  id: string;
}

/** A school or region name, split into the words that tell it apart and the generic ones. */
export interface NameEntry {
  key: string;
  name: string;
  words: string[];
  distinct: string[];
}

export interface CodeRef {
  dimension: string;
  code: string;
}

export interface Lexicon {
  data: LexiconData;
  /** Every fiscal year of the fact tables, ascending. */
  years: string[];
  phrases: PhraseEntry[];
  stopwords: Set<string>;
  /** Words that only round off a subject's name ("special education services"): ignored right after one. */
  afterSubject: Set<string>;
  /** Word → canonical word ("norte" → "north"), applied to question words before matching names. */
  synonyms: Map<string, string>;
  schoolWords: Set<string>;
  schools: NameEntry[];
  regions: NameEntry[];
  /** Word runs of code titles → the codes whose title contains them. */
  codeGrams: Map<string, CodeRef[]>;
  /** Words of the code dimensions' names ("resource", "recurso") → dimension. */
  dimensionWords: Map<string, string>;
  title(dimension: string, code: string): string | undefined;
  school(code: string): LexiconData['schools'][number] | undefined;
  /** Fiscal years of a table that have a column code, ascending. */
  yearsWith(table: Table, column: string): string[];
  has(table: Table, year: string, column: string): boolean;
  hasTable(table: Table): boolean;
}

/** Words in code titles too common to name one code on their own. */
const GENERIC_CODE_WORDS = new Set([
  'other', 'all', 'and', 'the', 'of', 'for', 'to', 'a', 'an', 'in', 'on', 'or', 'with', 'by', 'e', 'g', 'sec', 'section', 'part',
  'fund', 'funds', 'program', 'programs', 'grant', 'grants', 'services', 'service', 'education', 'state', 'federal', 'local',
  'salaries', 'positions', 'certificated', 'classified', 'revenue', 'revenues', 'transfers', 'general', 'special', 'ed', 'essa',
  'current', 'year', 'years', 'prior', 'account', 'not', 'applicable', 'only', 'from', 'between', 'agencies', 'costs', 'lea', 'leas',
  'unspecified', 'ages', 'age', 'students', 'student', 'pupil', 'school', 'schools', 'districts', 'charter', 'county', 'offices',
]);

function messagesWith(sources: readonly Messages[], prefix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of sources) {
    for (const [k, v] of Object.entries(m)) {
      if (!k.startsWith(prefix)) continue;
      const id = k.slice(prefix.length);
      out.set(id, [...(out.get(id) ?? []), ...phrases(v)]);
    }
  }
  return out;
}

/**
 * Builds the lexicon from the release's data and the messages of the languages questions may be in
 * (flat tables with `ask.`-prefixed keys; English and Spanish at least).
 */
export function buildLexicon(data: LexiconData, sources: readonly Messages[]): Lexicon {
  const stopwords = new Set<string>();
  for (const list of messagesWith(sources, 'ask.lexicon.stopwords').values()) for (const p of list) for (const w of words(p)) stopwords.add(w);
  const afterSubject = new Set<string>();
  for (const list of messagesWith(sources, 'ask.lexicon.afterSubject').values()) for (const p of list) for (const w of words(p)) afterSubject.add(w);
  const schoolWords = new Set<string>();
  for (const list of messagesWith(sources, 'ask.lexicon.schoolWords').values()) for (const p of list) for (const w of words(p)) schoolWords.add(w);

  const synonyms = new Map<string, string>();
  for (const [canonical, list] of messagesWith(sources, 'ask.synonyms.')) {
    const c = normalize(canonical);
    for (const p of list) if (!p.includes(' ')) synonyms.set(p, c);
  }
  const canon = (ws: string[]) => ws.map((w) => synonyms.get(w) ?? w);

  const entries: PhraseEntry[] = [];
  const seen = new Set<string>();
  const add = (kind: PhraseEntry['kind'], id: string, list: string[]) => {
    for (const p of list) {
      const key = `${kind}|${id}|${p}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ words: canon(words(p)), kind, id });
    }
  };
  for (const [id, list] of messagesWith(sources, 'ask.cue.')) add('cue', id, list);
  for (const [id, list] of messagesWith(sources, 'ask.terms.')) add('term', id, list);
  // Glossary terms ("LCAP (Local Control and Accountability Plan)": the name and what is in brackets).
  for (const m of sources) {
    for (const [k, v] of Object.entries(m)) {
      const g = /^glossary\.([A-Za-z0-9]+)\.term$/.exec(k);
      if (!g) continue;
      const id = `glossary.${g[1]}`;
      const parts = v.split(/[()]/).map((p) => normalize(p)).filter((p) => p.length > 1);
      add('term', id, parts);
    }
  }

  const nameEntry = (key: string, name: string, generic: Set<string>): NameEntry => {
    const ws = canon(words(normalize(name)));
    return { key, name, words: ws, distinct: ws.filter((w) => !generic.has(w) && !stopwords.has(w)) };
  };
  const schoolGeneric = new Set([...schoolWords].map((w) => synonyms.get(w) ?? w));
  const schools = data.schools.map((s) => nameEntry(s.code, s.name, schoolGeneric));
  const regionNames = [...new Set(data.schools.map((s) => s.region).filter((r): r is string => !!r))].sort();
  const regionGeneric = new Set(['region', 'district', 'local', 'area', 'zone']);
  const regions = regionNames.map((r) => nameEntry(r, r, regionGeneric));

  // Code titles → runs of up to four content words. Single words only when they are rare.
  const titles = new Map<string, string>();
  const grams = new Map<string, CodeRef[]>();
  const docFreq = new Map<string, number>();
  const contentWords = (title: string) => canon(words(normalize(title))).filter((w) => !GENERIC_CODE_WORDS.has(w) && !stopwords.has(w));
  for (const c of data.codes) {
    titles.set(`${c.dimension}|${c.code}`, c.title);
    for (const w of new Set(contentWords(c.title))) docFreq.set(w, (docFreq.get(w) ?? 0) + 1);
  }
  for (const c of data.codes) {
    if (!['fund', 'resource', 'goal', 'function', 'object'].includes(c.dimension)) continue;
    const ws = contentWords(c.title);
    for (let n = 1; n <= 4; n++) {
      for (let i = 0; i + n <= ws.length; i++) {
        const run = ws.slice(i, i + n);
        if (n === 1 && (run[0]!.length < 4 || (docFreq.get(run[0]!) ?? 0) > 4 || /^\d+$/.test(run[0]!))) continue;
        const key = run.join(' ');
        const list = grams.get(key) ?? [];
        if (!list.some((r) => r.dimension === c.dimension && r.code === c.code)) list.push({ dimension: c.dimension, code: c.code });
        grams.set(key, list);
      }
    }
  }

  for (const key of grams.keys()) entries.push({ words: key.split(' '), kind: 'code', id: key });

  const dimensionWords = new Map<string, string>();
  for (const [dim, list] of messagesWith(sources, 'ask.dimension.')) for (const p of list) if (!p.includes(' ')) dimensionWords.set(p, dim);

  const years = [...new Set(data.available.map((a) => a.fiscal_year))].sort();
  const avail = new Set(data.available.map((a) => `${a.table}|${a.fiscal_year}|${a.column_code}`));
  const schoolsByCode = new Map(data.schools.map((s) => [s.code, s]));
  return {
    data,
    years,
    phrases: entries,
    stopwords,
    afterSubject,
    synonyms,
    schoolWords: schoolGeneric,
    schools,
    regions,
    codeGrams: grams,
    dimensionWords,
    title: (dimension, code) => titles.get(`${dimension}|${code}`),
    school: (code) => schoolsByCode.get(code),
    yearsWith: (table, column) => [...new Set(data.available.filter((a) => a.table === table && a.column_code === column).map((a) => a.fiscal_year))].sort(),
    has: (table, year, column) => avail.has(`${table}|${year}|${column}`),
    hasTable: (table) => data.available.some((a) => a.table === table),
  };
}

/** LexiconData in a compact form for a page (tuples instead of objects): about half the bytes. */
export interface PackedLexicon {
  release: string | null;
  /** "table|fiscal_year|column_code" */
  available: string[];
  enrollmentYears: string[];
  /** [code, name, type, region] */
  schools: [string, string, string | null, string | null][];
  /** [dimension, code, title] */
  codes: [string, string, string][];
}

export function packLexiconData(d: LexiconData): PackedLexicon {
  return {
    release: d.release,
    available: d.available.map((a) => `${a.table}|${a.fiscal_year}|${a.column_code}`),
    enrollmentYears: d.enrollmentYears,
    schools: d.schools.map((s) => [s.code, s.name, s.type, s.region]),
    codes: d.codes.map((c) => [c.dimension, c.code, c.title]),
  };
}

export function unpackLexiconData(p: PackedLexicon): LexiconData {
  return {
    release: p.release,
    available: p.available.map((a) => {
      const [table = '', fiscal_year = '', column_code = ''] = a.split('|');
      return { table: table as Table, fiscal_year, column_code };
    }),
    enrollmentYears: p.enrollmentYears,
    schools: p.schools.map(([code, name, type, region]) => ({ code, name, type, region })),
    codes: p.codes.map(([dimension, code, title]) => ({ dimension, code, title })),
  };
}

/** Keys a page hands to the browser engine: Ask's messages and the glossary's terms and definitions. */
export function isAskKey(key: string): boolean {
  return key.startsWith('ask.') || /^glossary\.[A-Za-z0-9]+\.(term|definition)$/.test(key);
}

/** Keys whose words Ask recognises in questions (cues, names, synonyms, stop words, glossary terms). */
export function isLexiconKey(key: string): boolean {
  return /^ask\.(cue|terms|synonyms|lexicon|dimension)\./.test(key) || /^glossary\.[A-Za-z0-9]+\.term$/.test(key);
}

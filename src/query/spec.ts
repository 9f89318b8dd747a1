/**
 * The Explorer's view spec: what to measure, how to break it down, which rows to keep, what to compare,
 * how to draw it, and from which release. Plain data, safe to put in a URL (url.ts) and compiled to
 * parameterized SQL (compile.ts). No Node APIs: runs at build time and in the browser.
 */

export const MEASURES = ['amount', 'per_pupil', 'share', 'change'] as const;
export const COMPARES = ['none', 'budget_vs_actual', 'year_vs_year', 'similar_schools'] as const;
export const CHARTS = ['bar', 'stacked_bar', 'line', 'table'] as const;
export const TABLES = ['line_items', 'allocations'] as const;

/** Every dimension the Explorer knows. Which ones a table has: TABLE_DIMENSIONS. */
export const DIMENSIONS = [
  'fiscal_year', 'column_code', 'phase', 'fund', 'resource', 'goal', 'function', 'object', 'object_group',
  'object_class', 'restricted', 'school_code', 'region', 'school_type', 'basis',
  'need_band', 'low_income_band', 'english_learners_band', 'disabilities_band',
] as const;

export type Measure = (typeof MEASURES)[number];
export type Compare = (typeof COMPARES)[number];
export type Chart = (typeof CHARTS)[number];
export type Table = (typeof TABLES)[number];
export type Dimension = (typeof DIMENSIONS)[number];

const LINE_ITEM_DIMENSIONS: readonly Dimension[] = [
  'fiscal_year', 'column_code', 'phase', 'fund', 'resource', 'goal', 'function', 'object', 'object_group', 'object_class', 'restricted',
];
export const TABLE_DIMENSIONS: Readonly<Record<Table, readonly Dimension[]>> = {
  line_items: LINE_ITEM_DIMENSIONS,
  allocations: [...LINE_ITEM_DIMENSIONS, 'school_code', 'region', 'school_type', 'basis', 'need_band', 'low_income_band', 'english_learners_band', 'disabilities_band'],
};
/**
 * School bands (values "1" lowest … "4" highest): each school's quarter of the district on one measure,
 * fixed per school (not per year), the same rule as the site's need bands (src/site/need.ts):
 *   need_band              need index, in the latest fiscal year with need index values
 *   low_income_band        share of students who are low-income (low_income / enrollment),
 *   english_learners_band  share of English learners,
 *   disabilities_band      share of students with disabilities,
 *                          each in the latest fiscal year with that count, over schools with enrollment > 0.
 * Cut points: quantile_cont at 0.25, 0.5, 0.75 (linear interpolation); band 1 ≤ q1 < band 2 ≤ q2 < band 3
 * ≤ q3 < band 4. A school without the value that year has no band (null).
 */
export const BAND_DIMENSIONS = ['need_band', 'low_income_band', 'english_learners_band', 'disabilities_band'] as const;
export type BandDimension = (typeof BAND_DIMENSIONS)[number];
/** Dimensions that describe a school (from the schools and enrollment tables); per-pupil denominators follow them. */
export const SCHOOL_DIMENSIONS: readonly Dimension[] = ['school_code', 'region', 'school_type', ...BAND_DIMENSIONS];

export interface ViewSpec {
  /** Release id (`2026-11-26-67e59df2`); null means the current release. */
  release: string | null;
  table: Table;
  measure: Measure;
  /** Up to two breakdowns, in order (the first is the x axis / outer group). */
  by: Dimension[];
  /** Keep only rows whose dimension is one of the values. */
  filters: Partial<Record<Dimension, string[]>>;
  /** line_items only: lines of the latest submission for each fiscal year and column code (default true). */
  latestOnly: boolean;
  compare: Compare;
  chart: Chart;
}

export const MAX_BREAKDOWNS = 2;
export const MAX_FILTER_VALUES = 50;
export const MAX_VALUE_LENGTH = 80;

/** At most this many result rows are shown and downloaded (the SQL asks for one more, to say when there were more). */
export const MAX_RESULT_ROWS = 5000;
/** At most this many underlying rows are downloaded (the SQL asks for one more). */
export const MAX_UNDERLYING_ROWS = 100_000;

export const BUDGET_COLUMN = 'BB';
export const ACTUAL_COLUMN = 'BA';

/** The view shown when a URL says nothing (or nothing usable): adopted budget spending by year. */
export function defaultSpec(release: string | null = null): ViewSpec {
  return {
    release,
    table: 'line_items',
    measure: 'amount',
    by: ['fiscal_year'],
    filters: { column_code: [BUDGET_COLUMN], object_class: ['expenditure'] },
    latestOnly: true,
    compare: 'none',
    chart: 'bar',
  };
}

/** What each dimension's values look like. Values are always bound as parameters; this is for clear messages. */
const VALUE_PATTERNS: Record<Dimension, { re: RegExp; what: string }> = {
  fiscal_year: { re: /^\d{4}-\d{2}$/, what: 'a fiscal year such as 2024-25' },
  column_code: { re: /^[A-Z]{2}$/, what: 'a two-letter column code such as BB or BA' },
  phase: { re: /^[a-z_]{1,40}$/, what: 'a phase such as adopted or actual' },
  fund: { re: /^[0-9A-Z]{2}$/, what: 'a 2-character fund code such as 01' },
  resource: { re: /^[0-9A-Z]{4}$/, what: 'a 4-character resource code such as 0000' },
  goal: { re: /^[0-9A-Z]{4}$/, what: 'a 4-character goal code such as 1110' },
  function: { re: /^[0-9A-Z]{4}$/, what: 'a 4-character function code such as 1000' },
  object: { re: /^[0-9A-Z]{4}$/, what: 'a 4-character object code such as 1100' },
  object_group: { re: /^[a-z_]{1,40}$/, what: 'an object group such as certificated_salaries' },
  object_class: { re: /^[a-z_]{1,40}$/, what: 'an object class such as expenditure' },
  restricted: { re: /^(true|false)$/, what: 'true or false' },
  school_code: { re: /^\d{7}$/, what: 'a 7-digit school code' },
  region: { re: /^[\p{L}\p{N} .'&()/-]{1,80}$/u, what: 'a region name (letters, digits, spaces)' },
  school_type: { re: /^[a-z_]{1,40}$/, what: 'a school type such as elementary' },
  basis: { re: /^[a-z_]{1,40}$/, what: 'a basis such as base or need_weight' },
  need_band: { re: /^[1-4]$/, what: 'a need band from 1 (lowest need) to 4 (highest need)' },
  low_income_band: { re: /^[1-4]$/, what: 'a band from 1 (lowest share) to 4 (highest share)' },
  english_learners_band: { re: /^[1-4]$/, what: 'a band from 1 (lowest share) to 4 (highest share)' },
  disabilities_band: { re: /^[1-4]$/, what: 'a band from 1 (lowest share) to 4 (highest share)' },
};

const RELEASE_RE = /^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/;

export type ParseResult = { ok: true; spec: ViewSpec } | { ok: false; errors: string[] };

/** Shown in messages: never echo more than a short, printable excerpt of what was received. */
export function show(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  else if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') s = String(value);
  else if (Array.isArray(value)) s = 'a list';
  else s = `a ${typeof value}`;
  return s.replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›'));
}

function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}

/** Checks anything (JSON, a decoded URL) and returns a valid spec or every reason it is not one. */
export function parseSpec(input: unknown): ParseResult {
  const errors: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [`expected a view spec object, found ${show(input)}`] };
  const o = input as Record<string, unknown>;
  const known = new Set(['release', 'table', 'measure', 'by', 'filters', 'latestOnly', 'compare', 'chart']);
  for (const k of Object.keys(o)) if (!known.has(k)) errors.push(`unknown field ${show(k)}`);

  let release: string | null = null;
  if (o.release !== undefined && o.release !== null) {
    if (typeof o.release === 'string' && RELEASE_RE.test(o.release)) release = o.release;
    else errors.push(`release: expected a release id such as 2026-11-26-67e59df2, found ${show(o.release)}`);
  }
  const pick = <T extends string>(name: string, list: readonly T[], dflt: T): T => {
    const v = o[name];
    if (v === undefined) return dflt;
    if (isOneOf(list, v)) return v;
    errors.push(`${name}: expected one of ${list.join(', ')}, found ${show(v)}`);
    return dflt;
  };
  const table = pick('table', TABLES, 'line_items');
  const measure = pick('measure', MEASURES, 'amount');
  const compare = pick('compare', COMPARES, 'none');
  const chart = pick('chart', CHARTS, 'bar');
  const allowed = TABLE_DIMENSIONS[table];

  let latestOnly = true;
  if (o.latestOnly !== undefined) {
    if (typeof o.latestOnly === 'boolean') latestOnly = o.latestOnly;
    else errors.push(`latestOnly: expected true or false, found ${show(o.latestOnly)}`);
  }
  if (!latestOnly && table !== 'line_items') errors.push(`latestOnly: only line_items have several submissions; ${table} cannot show all submissions`);

  const by: Dimension[] = [];
  if (o.by !== undefined) {
    if (!Array.isArray(o.by)) errors.push(`by: expected a list of dimensions, found ${show(o.by)}`);
    else {
      if (o.by.length > MAX_BREAKDOWNS) errors.push(`by: at most ${MAX_BREAKDOWNS} breakdowns, found ${o.by.length}`);
      for (const d of o.by.slice(0, MAX_BREAKDOWNS + 1)) {
        if (!isOneOf(DIMENSIONS, d)) errors.push(`by: unknown dimension ${show(d)} (known: ${allowed.join(', ')})`);
        else if (!allowed.includes(d)) errors.push(`by: ${d} is not a dimension of ${table}`);
        else if (by.includes(d)) errors.push(`by: ${d} is listed twice`);
        else by.push(d);
      }
    }
  }

  const filters: Partial<Record<Dimension, string[]>> = {};
  if (o.filters !== undefined) {
    if (typeof o.filters !== 'object' || o.filters === null || Array.isArray(o.filters)) errors.push(`filters: expected an object of dimension → values, found ${show(o.filters)}`);
    else {
      for (const [d, values] of Object.entries(o.filters as Record<string, unknown>)) {
        if (!isOneOf(DIMENSIONS, d)) { errors.push(`filters: unknown dimension ${show(d)}`); continue; }
        if (!allowed.includes(d)) { errors.push(`filters: ${d} is not a dimension of ${table}`); continue; }
        if (!Array.isArray(values) || values.length === 0) { errors.push(`filters.${d}: expected a non-empty list of values, found ${show(values)}`); continue; }
        if (values.length > MAX_FILTER_VALUES) { errors.push(`filters.${d}: at most ${MAX_FILTER_VALUES} values, found ${values.length}`); continue; }
        const { re, what } = VALUE_PATTERNS[d];
        const kept: string[] = [];
        for (const v of values) {
          if (typeof v !== 'string' || v.length > MAX_VALUE_LENGTH || !re.test(v)) errors.push(`filters.${d}: expected ${what}, found ${show(v)}`);
          else if (!kept.includes(v)) kept.push(v);
        }
        filters[d] = kept;
      }
    }
  }

  // Rules between fields.
  const fy = filters.fiscal_year;
  if (measure === 'per_pupil' && !by.includes('fiscal_year') && fy?.length !== 1) errors.push('per_pupil: enrollment is per fiscal year; break down by fiscal_year or filter to exactly one fiscal_year');
  if (measure === 'change' && !by.includes('fiscal_year')) errors.push('change: the change from the year before needs fiscal_year as a breakdown');
  if (compare !== 'none' && compare !== 'similar_schools' && measure !== 'amount') errors.push(`compare ${compare}: works with measure amount, found ${measure}`);
  if (compare === 'similar_schools') {
    if (table !== 'allocations') errors.push('compare similar_schools: needs table allocations (line items are district-wide)');
    if (measure !== 'per_pupil') errors.push(`compare similar_schools: compares per-pupil figures; use measure per_pupil, found ${measure}`);
    if (filters.school_code?.length !== 1) errors.push('compare similar_schools: filter to exactly one school_code (the school compared with schools of the same type and need band)');
    for (const d of SCHOOL_DIMENSIONS) {
      if (by.includes(d)) errors.push(`compare similar_schools: remove ${d} from the breakdowns (the school and its similar schools are the columns)`);
      else if (d !== 'school_code' && filters[d]) errors.push(`compare similar_schools: remove the ${d} filter (similar schools are chosen by type and need band)`);
    }
  }
  if (compare === 'budget_vs_actual') {
    for (const d of ['column_code', 'phase'] as const) {
      if (by.includes(d) || filters[d]) errors.push(`compare budget_vs_actual: chooses the column codes itself (${BUDGET_COLUMN} budget, ${ACTUAL_COLUMN} actual); remove ${d} from breakdowns and filters`);
    }
  }
  if (compare === 'year_vs_year') {
    if (by.includes('fiscal_year')) errors.push('compare year_vs_year: remove fiscal_year from the breakdowns (the two years are the columns)');
    if (fy?.length !== 1) errors.push('compare year_vs_year: filter to exactly one fiscal_year (compared with the year before)');
  }
  if (chart === 'stacked_bar' && by.length !== 2) errors.push('chart stacked_bar: needs two breakdowns');
  if (chart === 'line' && !by.includes('fiscal_year')) errors.push('chart line: needs fiscal_year as a breakdown');

  if (errors.length) return { ok: false, errors };
  return { ok: true, spec: { release, table, measure, by, filters, latestOnly, compare, chart } };
}

/** The fiscal year before `2024-25` (`2023-24`), or null for anything that is not a fiscal year. */
export function previousFiscalYear(fy: string): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(fy);
  if (!m) return null;
  const start = Number(m[1]) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * Intent → a view spec of the query layer, with the choices the question left open made explicitly and
 * written down (which year, which phase, which table), or the reason no spec can answer it. Years are
 * relative to the release: "this year" is its latest fiscal year, "last year" the one before. A question
 * with no year gets the latest year that has the phase: unaudited actuals for district spending (what was
 * really spent), the latest allocation for schools (actuals where that year has them, else the adopted
 * allocation), the latest year with both for budget vs. actual. No Node APIs.
 */
import { conceptById } from './concepts.ts';
import type { Lexicon } from './lexicon.ts';
import type { Column, Intent, Subject } from './parse.ts';
import { DIMENSIONS, parseSpec, previousFiscalYear, type Dimension, type Table, type ViewSpec } from '../query/spec.ts';

export type Problem =
  | { kind: 'noYear'; year: string }
  | { kind: 'noColumn'; year: string; column: Column; available: string[] }
  | { kind: 'noEnrollment'; year: string }
  | { kind: 'noAllocations' }
  | { kind: 'noShareDimension' }
  | { kind: 'revenueAtSchool' }
  | { kind: 'tooFewYears' }
  | { kind: 'noCodes'; subject: Subject };

/** A subject resolved to the codes it stands for in this release. */
export interface ResolvedSubject {
  subject: Subject;
  dimension: Dimension;
  codes: string[];
  /** For ranges: the range as written ("5000", "5999"). */
  range: [string, string] | null;
}

export interface Plan {
  intent: Intent;
  table: Table;
  spec: ViewSpec;
  /** The phase counted (null for budget vs. actual, which shows both). */
  column: Column | null;
  /** The fiscal year of single-year answers; the years of a trend. */
  year: string | null;
  years: string[];
  /** True when the year was chosen by Ask (the question named none). */
  yearDefaulted: boolean;
  /** "last year" etc. resolved, to say so. */
  relativeYear: string | null;
  subjects: ResolvedSubject[];
  perPupil: boolean;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; problem: Problem; intent: Intent };

const SPENDING = ['expenditure', 'other_outgo'];

/** The codes of the release in [lo, hi] for one dimension (4-digit numeric codes only). */
function codesInRange(lex: Lexicon, dimension: string, lo: string, hi: string): string[] {
  return lex.data.codes.filter((c) => c.dimension === dimension && /^\d{4}$/.test(c.code) && c.code >= lo && c.code <= hi).map((c) => c.code).sort();
}

export function resolveSubjects(subjects: Subject[], lex: Lexicon): ResolvedSubject[] {
  const out: ResolvedSubject[] = [];
  for (const s of subjects) {
    if (s.kind === 'codes') {
      out.push({ subject: s, dimension: s.dimension, codes: s.codes, range: null });
      continue;
    }
    const concept = conceptById(s.id);
    if (!concept) continue;
    for (const [dim, f] of Object.entries(concept.filters) as [Dimension, NonNullable<(typeof concept.filters)[Dimension]>][]) {
      if ('codes' in f) out.push({ subject: s, dimension: dim, codes: f.codes, range: null });
      else out.push({ subject: s, dimension: dim, codes: codesInRange(lex, dim, f.range[0], f.range[1]), range: f.range });
    }
  }
  return out;
}

function shiftYear(fy: string, by: number): string {
  const start = Number(fy.slice(0, 4)) + by;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export function planQuestion(intent: Intent, lex: Lexicon): PlanResult {
  const fail = (problem: Problem): PlanResult => ({ ok: false, problem, intent });
  const placeDims = intent.school || intent.region || intent.schoolType || intent.needBand;
  const rankAtSchools = intent.kind === 'rank' && (intent.rankBy === 'school_code' || intent.rankBy === 'region' || intent.rankBy === 'school_type');
  const table: Table = placeDims || rankAtSchools ? 'allocations' : 'line_items';
  if (table === 'allocations' && !lex.hasTable('allocations')) return fail({ kind: 'noAllocations' });
  if (table === 'allocations' && intent.flow === 'revenue') return fail({ kind: 'revenueAtSchool' });

  const perPupil = intent.kind === 'per_pupil' || intent.kind === 'enrollment' || intent.kind === 'similar' || (intent.cues.includes('perPupil') && ['rank', 'trend'].includes(intent.kind));
  const tableYears = [...new Set(lex.data.available.filter((a) => a.table === table).map((a) => a.fiscal_year))].sort();
  const latest = lex.years.at(-1) ?? null;

  // The year the question names, if any.
  let relativeYear: string | null = null;
  let named: string[] = [...intent.years];
  if (intent.relative && latest) {
    relativeYear = intent.relative === 'this' ? latest : shiftYear(latest, intent.relative === 'last' ? -1 : 1);
    if (!named.length) named = [relativeYear];
  }
  for (const y of named) if (!tableYears.includes(y)) return fail({ kind: 'noYear', year: y });

  const columnsOf = (year: string) => ['BA', 'BB', 'IB', 'BE'].filter((c) => lex.has(table, year, c));
  const pickColumn = (year: string): Column | null => {
    if (intent.column) return lex.has(table, year, intent.column) ? intent.column : null;
    return lex.has(table, year, 'BA') ? 'BA' : lex.has(table, year, 'BB') ? 'BB' : null;
  };

  // Filters common to every kind.
  const subjects = resolveSubjects(intent.subjects, lex);
  const filters: Partial<Record<Dimension, string[]>> = {};
  for (const s of subjects) {
    // A concept whose codes the release never uses counts nothing: say so rather than drop the filter.
    if (!s.codes.length) return fail({ kind: 'noCodes', subject: s.subject });
    filters[s.dimension] = [...new Set([...(filters[s.dimension] ?? []), ...s.codes])].sort();
  }
  if (table === 'line_items') filters.object_class = intent.flow === 'revenue' ? ['revenue'] : [...SPENDING];
  if (intent.school) filters.school_code = [intent.school];
  if (intent.region) filters.region = [intent.region];
  if (intent.schoolType) filters.school_type = [intent.schoolType];
  if (intent.needBand) filters.need_band = [intent.needBand];

  let column: Column | null = null;
  let year: string | null = null;
  let years: string[] = [];
  let yearDefaulted = false;
  const base = { release: lex.data.release, table, latestOnly: true } as const;
  let spec: Omit<ViewSpec, 'release' | 'table' | 'latestOnly'>;

  if (intent.kind === 'trend') {
    column = intent.column ?? (lex.yearsWith(table, 'BA').length >= 2 ? 'BA' : 'BB');
    let ys = lex.yearsWith(table, column);
    if (intent.since) ys = ys.filter((y) => y >= intent.since!);
    if (named.length >= 2) ys = ys.filter((y) => y >= named[0]! && y <= named.at(-1)!);
    if (intent.limit) ys = ys.slice(-intent.limit);
    if (perPupil) ys = ys.filter((y) => lex.data.enrollmentYears.includes(y));
    if (ys.length < 2) {
      const wanted = intent.since ?? named[0];
      if (wanted && !tableYears.includes(wanted) && wanted > (tableYears.at(-1) ?? '')) return fail({ kind: 'noYear', year: wanted });
      return fail({ kind: 'tooFewYears' });
    }
    years = ys;
    spec = { measure: perPupil ? 'per_pupil' : 'amount', by: ['fiscal_year'], filters: { ...filters, fiscal_year: ys, column_code: [column] }, compare: 'none', chart: 'line' };
  } else if (intent.kind === 'budget_vs_actual') {
    const both = tableYears.filter((y) => lex.has(table, y, 'BB') && lex.has(table, y, 'BA'));
    if (named.length) {
      year = named.at(-1)!;
      if (!both.includes(year)) {
        const col: Column = lex.has(table, year, 'BA') ? 'BB' : 'BA';
        return fail({ kind: 'noColumn', year, column: col, available: columnsOf(year) });
      }
    } else {
      year = both.at(-1) ?? null;
      yearDefaulted = true;
      if (!year) return fail({ kind: 'tooFewYears' });
    }
    spec = { measure: 'amount', by: [], filters: { ...filters, fiscal_year: [year] }, compare: 'budget_vs_actual', chart: 'bar' };
  } else {
    // One year: named, or the latest that has the phase.
    if (named.length) {
      year = named.at(-1)!;
      column = pickColumn(year);
      if (!column) return fail({ kind: 'noColumn', year, column: intent.column ?? 'BA', available: columnsOf(year) });
    } else {
      yearDefaulted = true;
      if (intent.kind === 'enrollment' && !intent.column) {
        // Enrollment: the latest year with students counted, whatever the phase of its money.
        const y = tableYears.filter((t) => lex.data.enrollmentYears.includes(t) && (lex.has(table, t, 'BA') || lex.has(table, t, 'BB'))).at(-1);
        column = y && lex.has(table, y, 'BA') ? 'BA' : 'BB';
      } else if (intent.column) column = intent.column;
      else if (table === 'line_items') column = lex.yearsWith(table, 'BA').length ? 'BA' : 'BB';
      else {
        const last = tableYears.at(-1);
        column = last && lex.has(table, last, 'BA') ? 'BA' : 'BB';
      }
      let candidates = lex.yearsWith(table, column);
      if (perPupil) candidates = candidates.filter((y) => lex.data.enrollmentYears.includes(y));
      if (intent.kind === 'year_vs_year') candidates = candidates.filter((y) => { const p = previousFiscalYear(y); return p !== null && lex.has(table, p, column!); });
      year = candidates.at(-1) ?? null;
      if (!year) return fail({ kind: 'tooFewYears' });
    }
    if (perPupil && !lex.data.enrollmentYears.includes(year)) return fail({ kind: 'noEnrollment', year });
    const fy = { fiscal_year: [year], column_code: [column] };
    if (intent.kind === 'year_vs_year') {
      const prev = previousFiscalYear(year);
      if (!prev || !lex.has(table, prev, column)) return fail({ kind: 'noYear', year: prev ?? year });
      spec = { measure: 'amount', by: [], filters: { ...filters, ...fy }, compare: 'year_vs_year', chart: 'bar' };
    } else if (intent.kind === 'similar') {
      // The school against the schools of its type and need band (the query layer chooses them).
      const { need_band: _n, school_type: _t, region: _r, ...rest } = filters;
      spec = { measure: 'per_pupil', by: [], filters: { ...rest, ...fy }, compare: 'similar_schools', chart: 'table' };
    } else if (intent.kind === 'rank') {
      const by = intent.rankBy ?? 'school_code';
      spec = { measure: perPupil ? 'per_pupil' : 'amount', by: [by], filters: { ...filters, ...fy }, compare: 'none', chart: 'bar' };
    } else if (intent.kind === 'share') {
      // Share of the whole: break down by the subject's dimension and keep every value of it.
      const dims = [...new Set(subjects.map((s) => s.dimension))];
      if (dims.length !== 1) return fail({ kind: 'noShareDimension' });
      const { [dims[0]!]: _dropped, ...rest } = filters;
      spec = { measure: 'share', by: [dims[0]!], filters: { ...rest, ...fy }, compare: 'none', chart: 'bar' };
    } else {
      spec = { measure: perPupil ? 'per_pupil' : 'amount', by: [], filters: { ...filters, ...fy }, compare: 'none', chart: 'table' };
    }
    years = [year];
  }

  // Filters in the query layer's dimension order, so the spec, its URL and its SQL are the Explorer's own.
  const ordered: Partial<Record<Dimension, string[]>> = {};
  for (const d of DIMENSIONS) if (spec.filters[d]) ordered[d] = spec.filters[d];
  const parsed = parseSpec({ ...base, ...spec, filters: ordered });
  if (!parsed.ok) throw new Error(`Ask built an invalid view spec: ${parsed.errors.join('; ')}`);
  return { ok: true, plan: { intent, table, spec: parsed.spec, column, year, years, yearDefaulted, relativeYear, subjects, perPupil } };
}

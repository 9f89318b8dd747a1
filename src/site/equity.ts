// Equity: allocation per student against need, across every school, for the latest fiscal year with school
// allocations (actual spending, SACS column BA, where the district has published it for that year, otherwise
// the adopted allocation, BB — the page says which).
//
// Build-time data: a handful of queries, each run ONCE for every school (never one per school), cached in a
// module-level promise; the pure functions below turn them into the page's tables.
//
// Definitions (stated on the page too):
// - A school's allocation = the sum of its allocation lines for the year and column (every basis: per-pupil
//   base, need-based weights, categorical programs, centrally funded positions).
// - Per student = allocation ÷ the school's census-day enrollment that year, rounded to the cent (as on the
//   school pages). Schools without enrollment that year are left out of per-student figures.
// - Group "average per student" = the group's allocations added up ÷ its students added up (every student
//   counts once); "median school" = the middle school's per-student figure (the mean of the two middle ones
//   for an even count), rounded to the cent.
// - Need bands: need.ts (quartiles of the need index in the latest year with need index values, as on the
//   school pages); a school's band uses its need index in that year.
// - Share bands (low-income, English learners, students with disabilities): quartiles of the schools' shares
//   of enrollment in the allocation year, by the same rule as need bands, so that any district gets four
//   groups of about the same size.
// - Correlation: Pearson's r between need index and per-student allocation (a statistic, not money: floats
//   are fine here); it describes an association only.
//
// Words (group names, ranges, the plain description of r) are i18n messages of the "equity" namespace:
// functions that return words take the page's `t` and locale.

import type { TFunction } from "../i18n/index.ts";
import { divRound, formatMillions, parseCents } from "./money.ts";
import { NEED_BANDS, formatFixed, needBandOf, needBands, quantile, type NeedBand, type NeedBands } from "./need.ts";
import { hasTable, query } from "./query.ts";

// ---------------------------------------------------------------------------------------------------
// Queries

/** Which years have allocations, and whether each has actual spending (BA). */
export const ALLOCATION_YEARS_SQL = `SELECT fiscal_year,
  bool_or(column_code = 'BA') AS has_actual,
  bool_or(column_code = 'BB') AS has_adopted
FROM allocations
WHERE column_code IN ('BB', 'BA')
GROUP BY fiscal_year
ORDER BY fiscal_year`;

/** Every school's allocation for one year and column, with its enrollment and demographics that year. */
export const SCHOOL_FIGURES_SQL = `WITH school_totals AS (
  SELECT school_code, CAST(sum(amount) AS VARCHAR) AS amount
  FROM allocations
  WHERE fiscal_year = $year AND column_code = $column
  GROUP BY school_code
)
SELECT t.school_code, s.name, s.type, s.region, t.amount,
  CAST(e.enrollment AS INTEGER) AS enrollment,
  CAST(e.low_income AS INTEGER) AS low_income,
  CAST(e.english_learners AS INTEGER) AS english_learners,
  CAST(e.students_with_disabilities AS INTEGER) AS students_with_disabilities
FROM school_totals AS t
LEFT JOIN schools AS s ON s.school_code = t.school_code
LEFT JOIN enrollment AS e ON e.school_code = t.school_code AND e.fiscal_year = $year
ORDER BY t.school_code`;

/** The same without an enrollment table (so the page can still say how much went to schools). */
export const SCHOOL_TOTALS_ONLY_SQL = `SELECT a.school_code, s.name, s.type, s.region, CAST(sum(a.amount) AS VARCHAR) AS amount
FROM allocations AS a
LEFT JOIN schools AS s ON s.school_code = a.school_code
WHERE a.fiscal_year = $year AND a.column_code = $column
GROUP BY a.school_code, s.name, s.type, s.region
ORDER BY a.school_code`;

/** Need index of every school in the latest year with need index values: the year need bands come from. */
export const NEED_INDEX_SQL = `SELECT fiscal_year, school_code, CAST(need_index AS DOUBLE) AS need_index
FROM enrollment
WHERE need_index IS NOT NULL
  AND fiscal_year = (SELECT max(fiscal_year) FROM enrollment WHERE need_index IS NOT NULL)
ORDER BY school_code`;

// ---------------------------------------------------------------------------------------------------
// Shapes

export type Column = "BA" | "BB";

export interface AllocationYearRow {
  fiscal_year: string;
  has_actual: boolean;
  has_adopted: boolean;
}

export interface SchoolFigureRow {
  school_code: string;
  name: string | null;
  type: string | null;
  region: string | null;
  amount: string;
  enrollment?: number | string | null;
  low_income?: number | string | null;
  english_learners?: number | string | null;
  students_with_disabilities?: number | string | null;
}

export interface NeedIndexRow {
  fiscal_year: string;
  school_code: string;
  need_index: number | string | null;
}

export interface EquitySchool {
  code: string;
  name: string;
  region: string | null;
  cents: bigint;
  enrollment: number | null;
  /** Cents per student (rounded to the cent), or null without enrollment. */
  perPupil: bigint | null;
  needIndex: number | null;
  needBand: NeedBand | null;
  shares: Record<ShareKey, number | null>;
}

/** Shares of enrollment the page groups schools by: [column, message key of the caption, of the column heading]. */
export const SHARES = [
  ["low_income", "equity.share.lowIncomeCaption", "equity.share.lowIncomeHeading"],
  ["english_learners", "equity.share.englishLearnersCaption", "equity.share.englishLearnersHeading"],
  ["students_with_disabilities", "equity.share.disabilitiesCaption", "equity.share.disabilitiesHeading"],
] as const;
export type ShareKey = (typeof SHARES)[number][0];

export interface GroupFigures {
  key: string;
  label: string;
  detail?: string;
  schools: number;
  students: number;
  cents: bigint;
  /** Group total ÷ group students, cents; null without students. */
  average: bigint | null;
  /** Median school's per-student figure, cents; null without schools. */
  median: bigint | null;
}

/** Year and column the page shows, or null when the release has no allocations. */
export interface EquityChoice {
  year: string;
  column: Column;
}

// ---------------------------------------------------------------------------------------------------
// Pure logic

/** The latest year with allocations; its actual spending (BA) where it has it, else its adopted allocation. */
export function pickYear(rows: readonly AllocationYearRow[]): EquityChoice | null {
  const last = [...rows].filter((r) => r.has_actual || r.has_adopted).sort((a, b) => a.fiscal_year.localeCompare(b.fiscal_year)).at(-1);
  if (!last) return null;
  return { year: last.fiscal_year, column: last.has_actual ? "BA" : "BB" };
}

const num = (v: unknown): number | null => {
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Need bands (need.ts) from the need index rows of one year. */
export function bandsOf(rows: readonly NeedIndexRow[]): NeedBands | null {
  const year = rows[0]?.fiscal_year;
  if (!year) return null;
  return needBands(year, rows.map((r) => num(r.need_index)).filter((v): v is number => v !== null));
}

export function toSchools(rows: readonly SchoolFigureRow[], need: readonly NeedIndexRow[], bands: NeedBands | null): EquitySchool[] {
  const needBy = new Map(need.map((r) => [String(r.school_code), num(r.need_index)]));
  return rows.map((r) => {
    const cents = parseCents(String(r.amount), `allocation of ${r.school_code}`);
    const enrollment = num(r.enrollment);
    const needIndex = needBy.get(String(r.school_code)) ?? null;
    const shares = {} as Record<ShareKey, number | null>;
    for (const [key] of SHARES) {
      const count = num(r[key]);
      shares[key] = count !== null && enrollment !== null && enrollment > 0 ? (100 * count) / enrollment : null;
    }
    return {
      code: String(r.school_code),
      name: r.name ?? String(r.school_code),
      region: r.region ?? null,
      cents,
      enrollment,
      perPupil: enrollment !== null && enrollment > 0 ? divRound(cents, BigInt(enrollment)) : null,
      needIndex,
      needBand: needBandOf(bands, needIndex),
      shares,
    };
  });
}

/** Median of cents, the mean of the two middle values (rounded to the cent) for an even count. */
export function medianCents(values: readonly bigint[]): bigint | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : divRound(s[mid - 1]! + s[mid]!, 2n);
}

/** Figures of a group of schools (only schools with a per-student figure count). */
export function groupFigures(key: string, label: string, schools: readonly EquitySchool[], detail?: string): GroupFigures {
  const counted = schools.filter((s) => s.perPupil !== null && s.enrollment !== null);
  const students = counted.reduce((t, s) => t + (s.enrollment ?? 0), 0);
  const cents = counted.reduce((t, s) => t + s.cents, 0n);
  const g: GroupFigures = {
    key,
    label,
    schools: counted.length,
    students,
    cents,
    average: students > 0 ? divRound(cents, BigInt(students)) : null,
    median: medianCents(counted.map((s) => s.perPupil!)),
  };
  if (detail !== undefined) g.detail = detail;
  return g;
}

export function byNeedBand(schools: readonly EquitySchool[], label: (b: NeedBand) => string, detail?: (b: NeedBand) => string): GroupFigures[] {
  return NEED_BANDS.map((b) => groupFigures(String(b), label(b), schools.filter((s) => s.needBand === b), detail?.(b)));
}

/** One group per region (names as published, sorted), schools without a region last. */
export function byRegion(schools: readonly EquitySchool[], t: TFunction): GroupFigures[] {
  const names = [...new Set(schools.map((s) => s.region ?? ""))].sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b, "en-US")));
  return names.map((r) => groupFigures(r || "none", r || t("equity.noRegion"), schools.filter((s) => (s.region ?? "") === r)));
}

export interface ShareBands {
  key: ShareKey;
  label: string;
  cuts: readonly [number, number, number];
  groups: GroupFigures[];
}

/** A share (0–100) with one decimal: "12.3%" (Intl in other locales, rounded as in English first). */
export function formatShare(v: number, locale = "en"): string {
  return locale === "en" ? `${v.toFixed(1)}%` : percentFormat(locale).format(Number(v.toFixed(1)) / 100);
}

const percentFormats = new Map<string, Intl.NumberFormat>();
function percentFormat(locale: string): Intl.NumberFormat {
  let f = percentFormats.get(locale);
  if (!f) percentFormats.set(locale, (f = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return f;
}

/** Amount in $ millions with one decimal ("1,654.4"), exact, in the locale's digits. */
export function formatMillionsIn(cents: bigint, locale = "en"): string {
  if (locale === "en") return formatMillions(cents);
  const tenths = divRound(cents * 10n, 100_000_000n);
  return formatFixed(Number(tenths) / 10, 1, locale);
}

const QUARTER_KEYS = ["equity.quarter1", "equity.quarter2", "equity.quarter3", "equity.quarter4"] as const;

/** Quartiles of a share across the schools with a per-student figure, and each quarter's figures. */
export function byShare(schools: readonly EquitySchool[], key: ShareKey, label: string, t: TFunction, locale = "en"): ShareBands | null {
  const withShare = schools.filter((s) => s.shares[key] !== null && s.perPupil !== null);
  const sorted = withShare.map((s) => s.shares[key]!).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const cuts = [quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75)] as const;
  const bandOf = (v: number): number => (v <= cuts[0] ? 0 : v <= cuts[1] ? 1 : v <= cuts[2] ? 2 : 3);
  const [c1, c2, c3] = cuts.map((c) => formatShare(c, locale)) as [string, string, string];
  const ranges = [
    t("equity.shareRangeLowest", { high: c1 }),
    t("equity.shareRangeBetween", { low: c1, high: c2 }),
    t("equity.shareRangeBetween", { low: c2, high: c3 }),
    t("equity.shareRangeHighest", { low: c3 }),
  ];
  const groups = QUARTER_KEYS.map((k, i) => groupFigures(`${key}-${i + 1}`, t(k), withShare.filter((s) => bandOf(s.shares[key]!) === i), ranges[i]));
  return { key, label, cuts, groups };
}

/** Pearson's correlation coefficient, or null with fewer than 3 pairs or no spread. */
export function correlation(pairs: readonly (readonly [number, number])[]): number | null {
  const n = pairs.length;
  if (n < 3) return null;
  const mx = pairs.reduce((t, p) => t + p[0], 0) / n;
  const my = pairs.reduce((t, p) => t + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** "a strong positive association" — plain words for r: |r| < 0.1 almost none, < 0.3 weak, < 0.5 moderate, else strong. */
export function describeCorrelation(r: number, t: TFunction): string {
  const a = Math.abs(r);
  if (a < 0.1) return t("equity.correlation.none");
  const positive = r > 0;
  if (a < 0.3) return t(positive ? "equity.correlation.weakPositive" : "equity.correlation.weakNegative");
  if (a < 0.5) return t(positive ? "equity.correlation.moderatePositive" : "equity.correlation.moderateNegative");
  return t(positive ? "equity.correlation.strongPositive" : "equity.correlation.strongNegative");
}

/** "0.62" / "−0.15" (typographic minus in English; the locale's own digits and minus sign elsewhere). */
export function formatR(r: number, locale = "en"): string {
  if (locale !== "en") return formatFixed(r, 2, locale);
  const s = r.toFixed(2);
  return s.startsWith("-") ? `\u2212${s.slice(1)}` : s;
}

// ---------------------------------------------------------------------------------------------------
// Loading (one query per table, once per build)

export interface EquityData {
  has: { allocations: boolean; schools: boolean; enrollment: boolean };
  choice: EquityChoice | null;
  bands: NeedBands | null;
  schools: EquitySchool[];
  /** The SQL the per-school figures came from (with or without enrollment). */
  schoolSql: string;
  /** Rows of ALLOCATION_YEARS_SQL and NEED_INDEX_SQL (the outcomes page reuses them). */
  allocationYears: AllocationYearRow[];
  need: NeedIndexRow[];
}

export async function readEquityData(): Promise<EquityData> {
  const has = { allocations: await hasTable("allocations"), schools: await hasTable("schools"), enrollment: await hasTable("enrollment") };
  const data: EquityData = {
    has,
    choice: null,
    bands: null,
    schools: [],
    schoolSql: has.enrollment ? SCHOOL_FIGURES_SQL : SCHOOL_TOTALS_ONLY_SQL,
    allocationYears: [],
    need: [],
  };
  if (!has.allocations || !has.schools) return data;
  data.allocationYears = await query<AllocationYearRow>(ALLOCATION_YEARS_SQL);
  data.choice = pickYear(data.allocationYears);
  const need = has.enrollment ? await query<NeedIndexRow>(NEED_INDEX_SQL) : [];
  data.need = need;
  data.bands = bandsOf(need);
  if (!data.choice) return data;
  const rows = await query<SchoolFigureRow>(data.schoolSql, { year: data.choice.year, column: data.choice.column });
  data.schools = toSchools(rows, need, data.bands);
  return data;
}

let cached: Promise<EquityData> | null = null;

/** readEquityData, once per build (the outcomes page reuses it). */
export function loadEquityData(): Promise<EquityData> {
  cached ??= readEquityData();
  return cached;
}

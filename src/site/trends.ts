// Trends over every fiscal year of the release: total spending, central office vs school sites, the
// salaries-and-benefits share, teachers (FTE and average salary), enrollment, and spending per student in
// current and constant dollars. Pure functions over query results; the queries are below.
//
// Definitions (stated on the page too):
// - Spending: object_class expenditure + other_outgo, all funds, latest submission (as on every page).
//   Each year uses unaudited actuals (BA) where the release has them, else the adopted budget (BB), and
//   says which.
// - Where the money goes, by SACS function (what activity the money pays for), so that any district's
//   SACS files alone answer it:
//     school sites and students = functions 1000–3999 (instruction, instruction-related services
//       including school administration, pupil services such as counseling, health, food, transport);
//     central office = 7000–7999 (general administration: board and superintendent, fiscal, human
//       resources, central support, data processing);
//     facilities = 8000–8999 (plant maintenance and operations, construction);
//     other = everything else (ancillary and community services, enterprise, debt service and
//       transfers between agencies).
// - Salaries and benefits: object groups certificated salaries, classified salaries, employee benefits
//   (objects 1000–3999).
// - Teachers: the school allocations' object 1100 (certificated teachers' salaries) and its FTE: school-
//   site positions only, salaries without benefits.
// - Per student: spending / the enrollment table's total for the year.

import type { TFunction } from "../i18n/index.ts";
import { divRound, parseCents } from "./money.ts";
import { fiscalYearPrice, latestCoveredYear, toConstantCents } from "./inflation.ts";
import { localeFormats } from "./locale-format.ts";

/** The function-code ranges that split spending by part of the district: one rule for every page. */
export const AREA_FUNCTIONS = {
  school_sites: ["1000", "3999"],
  central_office: ["7000", "7999"],
  facilities: ["8000", "8999"],
} as const;

/**
 * The SQL CASE naming each line's area from its function code (AREA_FUNCTIONS), with the names a caller
 * wants for the four areas (e.g. the help pages use message keys).
 */
export function areaCaseSql(names: Readonly<Record<Area, string>>): string {
  const whens = (Object.keys(AREA_FUNCTIONS) as (keyof typeof AREA_FUNCTIONS)[])
    .map((a) => `    WHEN "function" BETWEEN '${AREA_FUNCTIONS[a][0]}' AND '${AREA_FUNCTIONS[a][1]}' THEN '${names[a]}'`)
    .join("\n");
  return `  CASE\n${whens}\n    ELSE '${names.other}'\n  END AS area`;
}

export const SPENDING_SQL = `SELECT fiscal_year, column_code,
${areaCaseSql({ school_sites: "school_sites", central_office: "central_office", facilities: "facilities", other: "other" })},
  object_group IN ('certificated_salaries', 'classified_salaries', 'employee_benefits') AS salaries_benefits,
  CAST(sum(amount) AS VARCHAR) AS amount
FROM line_items
WHERE is_latest
  AND object_class IN ('expenditure', 'other_outgo')
  AND column_code IN ('BB', 'BA')
GROUP BY ALL
ORDER BY ALL`;

export const TEACHERS_SQL = `SELECT fiscal_year, column_code,
  CAST(sum(amount) AS VARCHAR) AS amount, CAST(sum(fte) AS VARCHAR) AS fte
FROM allocations
WHERE object = '1100' AND fte > 0 AND column_code IN ('BB', 'BA')
GROUP BY fiscal_year, column_code
ORDER BY fiscal_year, column_code`;

export const ENROLLMENT_SQL = `SELECT fiscal_year, CAST(sum(enrollment) AS VARCHAR) AS enrollment
FROM enrollment
GROUP BY fiscal_year
ORDER BY fiscal_year`;

export type Area = "school_sites" | "central_office" | "facilities" | "other";
/** The areas with their English labels (areaLabel gives them in a locale) and SACS function ranges. */
export const AREAS: readonly { key: Area; label: string; functions: string }[] = [
  { key: "school_sites", label: "School sites and students", functions: AREA_FUNCTIONS.school_sites.join("–") },
  { key: "central_office", label: "Central office", functions: AREA_FUNCTIONS.central_office.join("–") },
  { key: "facilities", label: "Facilities", functions: AREA_FUNCTIONS.facilities.join("–") },
  { key: "other", label: "Other", functions: "4000–6999, 9000–9999" },
];

/** An area's name in the locale of `t` ("trends.area.schoolSites"). */
export function areaLabel(area: Area, t: TFunction): string {
  return t(`trends.area.${area.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}`);
}

export interface SpendingRow {
  fiscal_year: string;
  column_code: string;
  area: string;
  salaries_benefits: boolean;
  amount: string;
}

export interface TeacherRow {
  fiscal_year: string;
  column_code: string;
  amount: string;
  /** Decimal string, up to 4 places. */
  fte: string;
}

export interface EnrollmentRow {
  fiscal_year: string;
  enrollment: string;
}

export type Basis = "actual" | "budget";

export interface Teachers {
  basis: Basis;
  /** FTE in ten-thousandths (exact). */
  fte: bigint;
  salaries: bigint;
  /** Average salary per FTE, cents. */
  average: bigint;
}

export interface TrendYear {
  fiscal_year: string;
  /** Whether the year's figures are unaudited actuals or the adopted budget. */
  basis: Basis;
  /** Spending: `actual` where the year has actuals, else `adopted`. */
  total: bigint;
  adopted: bigint | null;
  actual: bigint | null;
  areas: Record<Area, bigint>;
  salariesBenefits: bigint;
  enrollment: bigint | null;
  /** Cents per student, rounded to the cent. */
  perPupil: bigint | null;
  /** Per student in `baseYear` prices; null when the price table does not cover the year. */
  perPupilConstant: bigint | null;
  teachers: Teachers | null;
}

export interface TrendFigures {
  years: TrendYear[];
  /** The fiscal year whose prices constant dollars are expressed in. */
  baseYear: string | null;
}

/** Parses a non-negative decimal with up to `places` places to an integer count of 10^-places units. */
export function parseFixed(value: string, places: number, where = "value"): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  if (!m || (m[3] ?? "").replace(/0+$/, "").length > places) throw new TypeError(`${where}: expected a decimal with at most ${places} places, found ${JSON.stringify(value)}`);
  const units = BigInt(m[2]!) * 10n ** BigInt(places) + BigInt(((m[3] ?? "") + "0".repeat(places)).slice(0, places) || "0");
  return m[1] === "-" ? -units : units;
}

/** Share of `part` in `whole` in tenths of a percent (e.g. 586 = 58.6%), or null. */
export function shareTenths(part: bigint, whole: bigint): bigint | null {
  return whole === 0n ? null : divRound(part * 1000n, whole);
}

/** "58.6%". */
export function formatTenthsPercent(tenths: bigint): string {
  const neg = tenths < 0n;
  const a = neg ? -tenths : tenths;
  return `${neg ? "-" : ""}${a / 10n}.${a % 10n}%`;
}

export function computeTrends(
  spending: readonly SpendingRow[],
  teachers: readonly TeacherRow[] | null,
  enrollment: readonly EnrollmentRow[] | null,
): TrendFigures {
  const years = [...new Set(spending.map((r) => r.fiscal_year))].sort();
  const out: TrendYear[] = [];
  for (const fiscal_year of years) {
    const rows = spending.filter((r) => r.fiscal_year === fiscal_year);
    const hasActual = rows.some((r) => r.column_code === "BA");
    const column = hasActual ? "BA" : "BB";
    const basis: Basis = hasActual ? "actual" : "budget";
    const areas: Record<Area, bigint> = { school_sites: 0n, central_office: 0n, facilities: 0n, other: 0n };
    let total = 0n;
    let salariesBenefits = 0n;
    const byColumn = new Map<string, bigint>();
    for (const r of rows) {
      const cents = parseCents(r.amount);
      byColumn.set(r.column_code, (byColumn.get(r.column_code) ?? 0n) + cents);
      if (r.column_code !== column) continue;
      total += cents;
      const area: Area = (AREAS.some((a) => a.key === r.area) ? r.area : "other") as Area;
      areas[area] += cents;
      if (r.salaries_benefits) salariesBenefits += cents;
    }
    const e = enrollment?.find((r) => r.fiscal_year === fiscal_year);
    const students = e ? BigInt(e.enrollment) : null;
    const perPupil = students !== null && students > 0n ? divRound(total, students) : null;

    let t: Teachers | null = null;
    const teacherRows = teachers?.filter((r) => r.fiscal_year === fiscal_year) ?? [];
    const teacherRow = teacherRows.find((r) => r.column_code === "BA") ?? teacherRows.find((r) => r.column_code === "BB");
    if (teacherRow) {
      const fte = parseFixed(teacherRow.fte, 4, "fte");
      const salaries = parseCents(teacherRow.amount);
      if (fte > 0n) t = { basis: teacherRow.column_code === "BA" ? "actual" : "budget", fte, salaries, average: divRound(salaries * 10_000n, fte) };
    }
    const adopted = byColumn.get("BB") ?? null;
    const actual = byColumn.get("BA") ?? null;
    out.push({ fiscal_year, basis, total, adopted, actual, areas, salariesBenefits, enrollment: students, perPupil, perPupilConstant: null, teachers: t });
  }
  const baseYear = latestCoveredYear(out.filter((y) => y.perPupil !== null).map((y) => y.fiscal_year));
  if (baseYear !== null) {
    for (const y of out) if (y.perPupil !== null) y.perPupilConstant = toConstantCents(y.perPupil, y.fiscal_year, baseYear);
  }
  return { years: out, baseYear };
}

/** Whether the constant-dollar figure of a year exists (its prices are in the table). */
export function hasPrices(fiscalYear: string): boolean {
  return fiscalYearPrice(fiscalYear) !== null;
}

/** Whole FTE, rounded ("25,167"), in a locale's digits (English by default). */
export function formatFte(fte: bigint, locale = "en"): string {
  return localeFormats(locale).integer(divRound(fte, 10_000n));
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/** Percentage change from `from` to `to`, in tenths of a percent. */
function changeTenths(from: bigint, to: bigint): bigint | null {
  return from === 0n ? null : divRound((to - from) * 1000n, abs(from));
}

/**
 * One plain sentence in the locale of `t`: spending per student (or total spending) from the first to the
 * last year with actuals, after inflation where the price table covers both years, and enrollment. The
 * inflation and enrollment phrases are messages of their own, placed by a message for each combination.
 */
export function trendsSummary(fig: TrendFigures, t: TFunction, locale: string): string {
  const { f, tenthsPercent } = localeFormats(locale);
  const actualYears = fig.years.filter((y) => y.basis === "actual");
  const span = actualYears.length >= 2 ? actualYears : fig.years;
  if (span.length === 0) return t("trends.summary.none");
  const first = span[0]!;
  const last = span.at(-1)!;
  if (span.length === 1) {
    return t(first.basis === "actual" ? "trends.summary.oneYearSpent" : "trends.summary.oneYearBudgeted", { year: f.fiscalYear(first.fiscal_year), amount: f.dollars(first.total) });
  }
  const years = { first: f.fiscalYear(first.fiscal_year), last: f.fiscalYear(last.fiscal_year) };
  if (first.perPupil !== null && last.perPupil !== null) {
    const clause = t(last.basis === "actual" ? "trends.summary.perStudent" : "trends.summary.perStudentBudgeted", { ...years, from: f.dollars(first.perPupil), to: f.dollars(last.perPupil) });
    let inflation: string | null = null;
    if (first.perPupilConstant !== null && last.perPupilConstant !== null) {
      const c = changeTenths(first.perPupilConstant, last.perPupilConstant);
      if (c !== null) inflation = c === 0n ? t("trends.summary.inflationNone") : t(c > 0n ? "trends.summary.inflationUp" : "trends.summary.inflationDown", { percent: tenthsPercent(abs(c)) });
    }
    let enrollment: string | null = null;
    if (first.enrollment !== null && last.enrollment !== null) {
      const from = f.count(Number(first.enrollment));
      const to = f.count(Number(last.enrollment));
      const count = Number(last.enrollment);
      if (last.enrollment === first.enrollment) enrollment = t("trends.summary.enrollmentStayed", { count, students: to });
      else enrollment = t(last.enrollment < first.enrollment ? "trends.summary.enrollmentFell" : "trends.summary.enrollmentRose", { count, from, to });
    }
    if (inflation && enrollment) return t("trends.summary.withInflationAndEnrollment", { clause, inflation, enrollment });
    if (inflation) return t("trends.summary.withInflation", { clause, inflation });
    if (enrollment) return t("trends.summary.withEnrollment", { clause, enrollment });
    return t("trends.summary.sentence", { clause });
  }
  return t("trends.summary.total", { ...years, from: f.dollars(first.total), to: f.dollars(last.total) });
}

// Outcomes: what the district spends by SACS goal, next to student outcome measures, district-wide and per
// school. Association only: nothing here says that spending caused an outcome.
//
// Definitions (stated on the page too):
// - Investments by goal: the district's spending (object_class expenditure + other_outgo, every fund, latest
//   submission) in the latest fiscal year with unaudited actuals (SACS column BA), by SACS goal code, with the
//   goal's official title for that year from the code lists. SACS goals are the state's grouping of spending
//   by the students or program served; a district's own strategic-plan goals are not in the published files.
// - District-wide outcome: the enrollment-weighted average of the schools' percentages, weighted by the
//   number of students each percentage is of (`students`): Σ(value × students) ÷ Σ students, computed exactly
//   and rounded to a tenth of a percent. Schools without a student count are left out.
// - Per-school association: in the latest year with both outcomes and allocations, the schools in each need
//   band (need.ts) are split at the band's median per-student allocation into a lower-funded and a
//   higher-funded half (a school exactly at the median goes to the lower half), and each half's weighted
//   average outcome is shown.
//
// Words (measure names, goal families) are i18n messages of the "outcomes" namespace: this module returns
// their keys, the page translates them. Official SACS goal titles are data and are never translated.

import { divRound, parseCents } from "./money.ts";
import { NEED_BANDS, type NeedBand } from "./need.ts";
import { hasTable, query } from "./query.ts";
import { SCHOOL_FIGURES_SQL, loadEquityData, medianCents, pickYear, toSchools, type AllocationYearRow, type EquitySchool, type SchoolFigureRow } from "./equity.ts";

// ---------------------------------------------------------------------------------------------------
// Queries

const SPENDING = "l.is_latest AND l.column_code = 'BA' AND l.object_class IN ('expenditure', 'other_outgo')";
const LATEST_ACTUALS = "(SELECT max(fiscal_year) FROM line_items WHERE column_code = 'BA' AND is_latest)";

/** The title GOALS_SQL gives a goal missing from the code lists (the page shows its own words instead). */
export const UNKNOWN_TITLE = "unknown code";

/** Spending by SACS goal in the latest year with actuals, with official titles. */
export const GOALS_SQL = `SELECT l.fiscal_year, l.goal,
  coalesce(trim(any_value(c.title)), 'unknown code') AS title,
  CAST(sum(l.amount) AS VARCHAR) AS amount
FROM line_items AS l
LEFT JOIN codes AS c ON c.dimension = 'goal' AND c.code = l.goal AND c.fiscal_year = l.fiscal_year
WHERE ${SPENDING}
  AND l.fiscal_year = ${LATEST_ACTUALS}
GROUP BY l.fiscal_year, l.goal
ORDER BY l.goal`;

/** The same without the code lists' titles (a release without a codes table). */
export const GOALS_NO_TITLES_SQL = `SELECT l.fiscal_year, l.goal, 'unknown code' AS title, CAST(sum(l.amount) AS VARCHAR) AS amount
FROM line_items AS l
WHERE ${SPENDING}
  AND l.fiscal_year = ${LATEST_ACTUALS}
GROUP BY l.fiscal_year, l.goal
ORDER BY l.goal`;

/** District-wide outcome measures by year: the parts of the weighted average, added up exactly. */
export const OUTCOME_TRENDS_SQL = `SELECT fiscal_year, measure,
  CAST(sum(value * students) AS VARCHAR) AS weighted,
  CAST(sum(students) AS VARCHAR) AS students,
  count(*) AS schools
FROM outcomes
WHERE students > 0
GROUP BY fiscal_year, measure
ORDER BY fiscal_year, measure`;

/** Every school's outcomes in one year (the per-school association table). */
export const SCHOOL_OUTCOMES_SQL = `SELECT school_code, measure, CAST(value AS VARCHAR) AS value, CAST(students AS INTEGER) AS students
FROM outcomes
WHERE fiscal_year = $year AND students > 0
ORDER BY school_code, measure`;

/** Years with outcomes (to pick the association year). */
export const OUTCOME_YEARS_SQL = `SELECT DISTINCT fiscal_year FROM outcomes ORDER BY fiscal_year`;

// ---------------------------------------------------------------------------------------------------
// Shapes

/** The outcome measures, with the message keys of their name, chart label, name inside a sentence and detail. */
export const MEASURES = [
  {
    key: "ela_proficiency",
    label: "outcomes.measure.ela",
    short: "outcomes.measure.elaShort",
    inSentence: "outcomes.measure.elaInSentence",
    detail: "outcomes.measure.elaDetail",
    higherIsBetter: true,
  },
  {
    key: "math_proficiency",
    label: "outcomes.measure.math",
    short: "outcomes.measure.mathShort",
    inSentence: "outcomes.measure.mathInSentence",
    detail: "outcomes.measure.mathDetail",
    higherIsBetter: true,
  },
  {
    key: "chronic_absenteeism",
    label: "outcomes.measure.absent",
    short: "outcomes.measure.absentShort",
    inSentence: "outcomes.measure.absentInSentence",
    detail: "outcomes.measure.absentDetail",
    higherIsBetter: false,
  },
  {
    key: "graduation_rate",
    label: "outcomes.measure.graduation",
    short: "outcomes.measure.graduationShort",
    inSentence: "outcomes.measure.graduationInSentence",
    detail: "outcomes.measure.graduationDetail",
    higherIsBetter: true,
  },
] as const;
export type MeasureKey = (typeof MEASURES)[number]["key"];

export interface GoalRow {
  fiscal_year: string;
  goal: string;
  title: string;
  amount: string;
}

export interface Goal {
  code: string;
  title: string;
  cents: bigint;
  /** Share of the year's spending in tenths of a percent. */
  shareTenths: bigint | null;
  /** Message key of the goal's family (goalGroup). */
  group: string;
}

export interface OutcomeTrendRow {
  fiscal_year: string;
  measure: string;
  weighted: string;
  students: string;
  schools: number | string;
}

export interface SchoolOutcomeRow {
  school_code: string;
  measure: string;
  value: string;
  students: number | string;
}

// ---------------------------------------------------------------------------------------------------
// Pure logic

/** The SACS goal family (first digit of the code), for reading the goal table: the message key of its name. */
export function goalGroup(code: string): string {
  if (code === "0000") return "outcomes.goalGroup.undistributed";
  switch (code[0]) {
    case "0":
    case "1":
      return "outcomes.goalGroup.general";
    case "3":
      return "outcomes.goalGroup.alternative";
    case "4":
      return "outcomes.goalGroup.adult";
    case "5":
      return "outcomes.goalGroup.special";
    case "6":
      return "outcomes.goalGroup.regional";
    case "7":
      return "outcomes.goalGroup.nonagency";
    case "8":
      return "outcomes.goalGroup.community";
    default:
      return "outcomes.goalGroup.other";
  }
}

export function toGoals(rows: readonly GoalRow[]): { year: string | null; goals: Goal[]; total: bigint } {
  const goals = rows.map((r) => ({ code: r.goal, title: r.title, cents: parseCents(r.amount, `goal ${r.goal}`), shareTenths: null as bigint | null, group: goalGroup(r.goal) }));
  const total = goals.reduce((t, g) => t + g.cents, 0n);
  for (const g of goals) g.shareTenths = total === 0n ? null : divRound(g.cents * 1000n, total);
  goals.sort((a, b) => (a.cents === b.cents ? a.code.localeCompare(b.code) : a.cents > b.cents ? -1 : 1));
  return { year: rows[0]?.fiscal_year ?? null, goals, total };
}

/** value × students has 2 decimal places: parsed exactly to hundredths. */
function hundredths(value: string): bigint {
  return parseCents(value, "weighted outcome");
}

/** Weighted average in tenths of a percent: Σ(value × students) ÷ Σ students, exact. */
export function weightedTenths(weighted: bigint /* hundredths */, students: bigint): bigint | null {
  return students > 0n ? divRound(weighted, students * 10n) : null;
}

/** "45.3%" from tenths of a percent (exact), in the locale's digits and percent sign; "—" for null. */
export function formatTenths(t: bigint | null, locale = "en"): string {
  if (t === null) return "—";
  if (locale !== "en") return percentFormat(locale).format(Number(t) / 1000);
  const neg = t < 0n;
  const a = neg ? -t : t;
  return `${neg ? "-" : ""}${a / 10n}.${a % 10n}%`;
}

const percentFormats = new Map<string, Intl.NumberFormat>();
function percentFormat(locale: string, digits = 1): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let f = percentFormats.get(key);
  if (!f) percentFormats.set(key, (f = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
}

/** A whole percentage for chart ticks ("50%"), in the locale's digits and percent sign. */
export function formatPercentTick(v: number, locale = "en"): string {
  return locale === "en" ? `${Math.round(v)}%` : percentFormat(locale, 0).format(Math.round(v) / 100);
}

export interface OutcomeYear {
  year: string;
  /** Weighted average in tenths of a percent, by measure (absent = no data that year). */
  values: Partial<Record<MeasureKey, { tenths: bigint; schools: number; students: bigint }>>;
}

export function toOutcomeYears(rows: readonly OutcomeTrendRow[]): OutcomeYear[] {
  const years = [...new Set(rows.map((r) => r.fiscal_year))].sort();
  return years.map((year) => {
    const values: OutcomeYear["values"] = {};
    for (const r of rows.filter((x) => x.fiscal_year === year)) {
      const students = BigInt(r.students);
      const t = weightedTenths(hundredths(r.weighted), students);
      if (t !== null && MEASURES.some((m) => m.key === r.measure)) values[r.measure as MeasureKey] = { tenths: t, schools: Number(r.schools), students };
    }
    return { year, values };
  });
}

/** The latest year that has outcomes and allocations. */
export function associationYear(outcomeYears: readonly string[], allocationYears: readonly AllocationYearRow[]): { year: string; column: "BA" | "BB" } | null {
  const both = allocationYears.filter((a) => outcomeYears.includes(a.fiscal_year));
  return pickYear(both);
}

export interface AssociationRow {
  band: NeedBand;
  half: "lower" | "higher";
  schools: number;
  /** Median per-student allocation of the half, cents. */
  median: bigint | null;
  /** Weighted outcomes in tenths of a percent. */
  values: Partial<Record<MeasureKey, bigint | null>>;
}

/** Splits each need band at its median per-student allocation and averages outcomes in each half. */
export function associationTable(schools: readonly EquitySchool[], outcomes: readonly SchoolOutcomeRow[]): AssociationRow[] {
  const bySchool = new Map<string, SchoolOutcomeRow[]>();
  for (const o of outcomes) {
    const list = bySchool.get(String(o.school_code)) ?? [];
    list.push(o);
    bySchool.set(String(o.school_code), list);
  }
  const rows: AssociationRow[] = [];
  for (const band of NEED_BANDS) {
    const inBand = schools.filter((s) => s.needBand === band && s.perPupil !== null && bySchool.has(s.code));
    const median = medianCents(inBand.map((s) => s.perPupil!));
    for (const half of ["lower", "higher"] as const) {
      const members = median === null ? [] : inBand.filter((s) => (half === "lower" ? s.perPupil! <= median : s.perPupil! > median));
      const values: AssociationRow["values"] = {};
      for (const m of MEASURES) {
        let weighted = 0n;
        let students = 0n;
        for (const s of members) {
          const o = bySchool.get(s.code)!.find((x) => x.measure === m.key);
          if (!o) continue;
          const n = BigInt(o.students);
          weighted += parseCents(o.value, "outcome value") * n;
          students += n;
        }
        values[m.key] = weightedTenths(weighted, students);
      }
      rows.push({ band, half, schools: members.length, median: medianCents(members.map((s) => s.perPupil!)), values });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Loading (one query per table, once per build)

export interface OutcomesData {
  has: { lineItems: boolean; codes: boolean; outcomes: boolean; allocations: boolean; enrollment: boolean };
  goalsSql: string;
  goals: ReturnType<typeof toGoals>;
  years: OutcomeYear[];
  association: { year: string; column: "BA" | "BB"; rows: AssociationRow[] } | null;
}

export async function readOutcomesData(): Promise<OutcomesData> {
  const has = {
    lineItems: await hasTable("line_items"),
    codes: await hasTable("codes"),
    outcomes: await hasTable("outcomes"),
    allocations: await hasTable("allocations"),
    enrollment: await hasTable("enrollment"),
  };
  const goalsSql = has.codes ? GOALS_SQL : GOALS_NO_TITLES_SQL;
  const goals = toGoals(has.lineItems ? await query<GoalRow>(goalsSql) : []);
  const years = has.outcomes ? toOutcomeYears(await query<OutcomeTrendRow>(OUTCOME_TRENDS_SQL)) : [];
  let association: OutcomesData["association"] = null;
  if (has.outcomes && has.allocations && has.enrollment && (await hasTable("schools"))) {
    const equity = await loadEquityData();
    const outcomeYears = (await query<{ fiscal_year: string }>(OUTCOME_YEARS_SQL)).map((r) => String(r.fiscal_year));
    const pick = associationYear(outcomeYears, equity.allocationYears);
    if (pick && equity.bands) {
      // The equity page's per-school figures when it shows the same year; otherwise the same query for this year.
      const schools =
        equity.choice?.year === pick.year && equity.choice.column === pick.column
          ? equity.schools
          : toSchools(await query<SchoolFigureRow>(SCHOOL_FIGURES_SQL, pick), equity.need, equity.bands);
      const outcomes = await query<SchoolOutcomeRow>(SCHOOL_OUTCOMES_SQL, { year: pick.year });
      association = { ...pick, rows: associationTable(schools, outcomes) };
    }
  }
  return { has, goalsSql, goals, years, association };
}

let cached: Promise<OutcomesData> | null = null;

export function loadOutcomesData(): Promise<OutcomesData> {
  cached ??= readOutcomesData();
  return cached;
}

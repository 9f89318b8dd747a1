// Figures for the help pages (FAQ and explainers), computed at build time from the current release so that
// no number is ever written into the prose: each figure keeps the SQL that made it, shown under it ("How was
// this computed?"). Every figure is null when the release lacks what it needs (an optional table, a year
// with actuals), and the page then says so or links to the page that has it.
//
// Year: each figure uses the latest fiscal year with unaudited actuals (SACS column BA) for what it
// counts, else the latest adopted budget (BB). Spending = expenditures (objects 1000–6999) plus other
// outgo (7000–7499), every fund, latest submission — as on every page of the site.

import { existsSync } from "node:fs";
import path from "node:path";
import { hasTable, query } from "./query.ts";
import { parseCents } from "./money.ts";
import { areaCaseSql } from "./trends.ts";

export type Column = "BA" | "BB";

/** The year and column a figure describes. */
export interface Choice {
  year: string;
  column: Column;
}

/** An amount by key (source, area, basis…), in cents, largest first, with the total. */
export interface Breakdown<K extends string = string> {
  choice: Choice;
  parts: { key: K; cents: bigint }[];
  total: bigint;
}

export type RevenueSource = "lcff" | "federal" | "state" | "local";
export type Area = "schoolSites" | "centralOffice" | "facilities" | "other";

export interface HelpFigures {
  /** General fund revenue by source. */
  revenue: Breakdown<RevenueSource> | null;
  /** Spending: salaries and benefits vs everything else. */
  salaries: Breakdown<"salariesBenefits" | "other"> | null;
  /** Spending: restricted vs unrestricted. */
  restricted: Breakdown<"restricted" | "unrestricted"> | null;
  /** Spending by area (from the SACS function). */
  areas: Breakdown<Area> | null;
  /** Spending per student enrolled. */
  perPupil: { choice: Choice; spending: bigint; students: number } | null;
  /** Adopted budget vs unaudited actuals for the latest year with both. */
  variance: { year: string; adopted: bigint; actual: bigint } | null;
  /** School allocations by basis (per-pupil base, need weights, categorical, central). */
  allocationBasis: (Breakdown & { schools: number }) | null;
  /** The newest adopted budget against the year before's adopted budget. */
  budgetChange: { year: string; previousYear: string; adopted: bigint; previous: bigint } | null;
}

/** General fund (fund 01) revenue by source, by the state's revenue object ranges. */
export const REVENUE_SQL = `SELECT fiscal_year, column_code,
  CASE
    WHEN object BETWEEN '8010' AND '8099' THEN 'lcff'
    WHEN object BETWEEN '8100' AND '8299' THEN 'federal'
    WHEN object BETWEEN '8300' AND '8599' THEN 'state'
    ELSE 'local'
  END AS part,
  CAST(sum(amount) AS VARCHAR) AS amount
FROM line_items
WHERE is_latest
  AND fund = '01'
  AND object_class = 'revenue'
  AND column_code IN ('BB', 'BA')
GROUP BY ALL
ORDER BY ALL`;

/** Spending by year and column, split every way the help pages use. */
export const SPENDING_SQL = `SELECT fiscal_year, column_code,
  coalesce(restricted, false) AS restricted,
${areaCaseSql({ school_sites: "schoolSites", central_office: "centralOffice", facilities: "facilities", other: "other" })},
  object_group IN ('certificated_salaries', 'classified_salaries', 'employee_benefits') AS salaries_benefits,
  CAST(sum(amount) AS VARCHAR) AS amount
FROM line_items
WHERE is_latest
  AND object_class IN ('expenditure', 'other_outgo')
  AND column_code IN ('BB', 'BA')
GROUP BY ALL
ORDER BY ALL`;

/** Students enrolled on census day, by year. */
export const ENROLLMENT_SQL = `SELECT fiscal_year, CAST(sum(enrollment) AS VARCHAR) AS students
FROM enrollment
GROUP BY fiscal_year
ORDER BY fiscal_year`;

/** School allocations by year, column and basis, with the number of schools. */
export const ALLOCATION_BASIS_SQL = `SELECT a.fiscal_year, a.column_code, coalesce(a.basis, '') AS part,
  CAST(sum(a.amount) AS VARCHAR) AS amount, any_value(n.schools) AS schools
FROM allocations AS a
JOIN (
  SELECT fiscal_year, column_code, count(DISTINCT school_code) AS schools
  FROM allocations
  GROUP BY fiscal_year, column_code
) AS n USING (fiscal_year, column_code)
WHERE a.column_code IN ('BB', 'BA')
GROUP BY a.fiscal_year, a.column_code, part
ORDER BY ALL`;

/** Which tables each figure reads (for the files listed under its query). */
export const FIGURE_TABLES: Readonly<Record<keyof HelpFigures, readonly string[]>> = {
  revenue: ["line_items"],
  salaries: ["line_items"],
  restricted: ["line_items"],
  areas: ["line_items"],
  perPupil: ["line_items", "enrollment"],
  variance: ["line_items"],
  allocationBasis: ["allocations"],
  budgetChange: ["line_items"],
};

/** The SQL behind each figure. */
export const FIGURE_SQL: Readonly<Record<keyof HelpFigures, string>> = {
  revenue: REVENUE_SQL,
  salaries: SPENDING_SQL,
  restricted: SPENDING_SQL,
  areas: SPENDING_SQL,
  perPupil: `${SPENDING_SQL};\n\n${ENROLLMENT_SQL}`,
  variance: SPENDING_SQL,
  allocationBasis: ALLOCATION_BASIS_SQL,
  budgetChange: SPENDING_SQL,
};

export interface AmountRow {
  fiscal_year: string;
  column_code: string;
  amount: string;
}

/** The latest year with actuals in `rows`, else the latest with an adopted budget; null when neither. */
export function pickChoice(rows: readonly { fiscal_year: string; column_code: string }[]): Choice | null {
  const latest = (column: Column) => rows.filter((r) => r.column_code === column).map((r) => r.fiscal_year).sort().at(-1);
  const actual = latest("BA");
  if (actual) return { year: actual, column: "BA" };
  const adopted = latest("BB");
  return adopted ? { year: adopted, column: "BB" } : null;
}

/** Adds the rows of one year and column by `keyOf`; parts are ordered largest first, then by key. */
export function breakdown<R extends AmountRow, K extends string>(rows: readonly R[], choice: Choice, keyOf: (r: R) => K, order?: readonly K[]): Breakdown<K> {
  const sums = new Map<K, bigint>();
  for (const k of order ?? []) sums.set(k, 0n);
  for (const r of rows) {
    if (r.fiscal_year !== choice.year || r.column_code !== choice.column) continue;
    const k = keyOf(r);
    sums.set(k, (sums.get(k) ?? 0n) + parseCents(r.amount));
  }
  const parts = [...sums].map(([key, cents]) => ({ key, cents }));
  if (!order) parts.sort((a, b) => (a.cents === b.cents ? a.key.localeCompare(b.key) : a.cents > b.cents ? -1 : 1));
  return { choice, parts, total: parts.reduce((s, p) => s + p.cents, 0n) };
}

export interface SpendingRow extends AmountRow {
  restricted: boolean;
  area: Area;
  salaries_benefits: boolean;
}

/** Total spending of a year and column, or null when there are no lines. */
function total(rows: readonly SpendingRow[], year: string, column: Column): bigint | null {
  const m = rows.filter((r) => r.fiscal_year === year && r.column_code === column);
  return m.length ? m.reduce((s, r) => s + parseCents(r.amount), 0n) : null;
}

/** Every figure from already-fetched rows (pure: the unit tests call it directly). */
export function computeHelpFigures(input: {
  revenue: readonly (AmountRow & { part: string })[];
  spending: readonly SpendingRow[];
  enrollment: readonly { fiscal_year: string; students: string }[] | null;
  allocations: readonly (AmountRow & { part: string; schools: number | string })[] | null;
}): HelpFigures {
  const { spending } = input;
  const revenueChoice = pickChoice(input.revenue);
  const spendChoice = pickChoice(spending);
  const spend = <K extends string>(keyOf: (r: SpendingRow) => K, order: readonly K[]) => (spendChoice ? breakdown(spending, spendChoice, keyOf, order) : null);

  // Per student: the latest year with both spending (actuals first) and enrollment.
  let perPupil: HelpFigures["perPupil"] = null;
  const students = new Map((input.enrollment ?? []).map((e) => [e.fiscal_year, Number(e.students)]));
  const withStudents = spending.filter((r) => (students.get(r.fiscal_year) ?? 0) > 0);
  const ppChoice = pickChoice(withStudents);
  if (ppChoice) {
    const s = total(spending, ppChoice.year, ppChoice.column);
    if (s !== null) perPupil = { choice: ppChoice, spending: s, students: students.get(ppChoice.year)! };
  }

  // Budget vs actual: the latest year that has both.
  let variance: HelpFigures["variance"] = null;
  const actualYears = [...new Set(spending.filter((r) => r.column_code === "BA").map((r) => r.fiscal_year))].sort().reverse();
  for (const year of actualYears) {
    const adopted = total(spending, year, "BB");
    const actual = total(spending, year, "BA");
    if (adopted !== null && actual !== null) {
      variance = { year, adopted, actual };
      break;
    }
  }

  // What changed: the newest adopted budget against the adopted budget of the year before it.
  let budgetChange: HelpFigures["budgetChange"] = null;
  const budgetYears = [...new Set(spending.filter((r) => r.column_code === "BB").map((r) => r.fiscal_year))].sort();
  const newest = budgetYears.at(-1);
  const before = budgetYears.at(-2);
  if (newest && before && Number(newest.slice(0, 4)) - Number(before.slice(0, 4)) === 1) {
    budgetChange = { year: newest, previousYear: before, adopted: total(spending, newest, "BB")!, previous: total(spending, before, "BB")! };
  }

  let allocationBasis: HelpFigures["allocationBasis"] = null;
  const allocations = input.allocations ?? [];
  const allocChoice = pickChoice(allocations);
  if (allocChoice) {
    const b = breakdown(allocations, allocChoice, (r) => r.part, ["base", "need_weight", "categorical", "central"]);
    b.parts = b.parts.filter((p) => p.cents !== 0n);
    const schools = allocations.filter((r) => r.fiscal_year === allocChoice.year && r.column_code === allocChoice.column).reduce((n, r) => Math.max(n, Number(r.schools)), 0); // the same on every row of the year
    allocationBasis = { ...b, schools };
  }

  return {
    revenue: revenueChoice ? breakdown(input.revenue, revenueChoice, (r) => r.part as RevenueSource, ["lcff", "federal", "state", "local"]) : null,
    salaries: spend((r) => (r.salaries_benefits ? "salariesBenefits" : "other"), ["salariesBenefits", "other"]),
    restricted: spend((r) => (r.restricted ? "restricted" : "unrestricted"), ["restricted", "unrestricted"]),
    areas: spend((r) => r.area, ["schoolSites", "centralOffice", "facilities", "other"]),
    perPupil,
    variance,
    allocationBasis,
    budgetChange,
  };
}

/** Reads and computes every help figure once per build. */
export async function readHelpFigures(): Promise<HelpFigures> {
  // A release may lack line items (the data contract lets a district publish only some files): the
  // figures are then absent and the pages say so.
  const lines = await hasTable("line_items");
  const [revenue, spending] = lines ? await Promise.all([query<AmountRow & { part: string }>(REVENUE_SQL), query<SpendingRow>(SPENDING_SQL)]) : [[], []];
  const enrollment = (await hasTable("enrollment")) ? await query<{ fiscal_year: string; students: string }>(ENROLLMENT_SQL) : null;
  const allocations = (await hasTable("allocations")) ? await query<AmountRow & { part: string; schools: number | string }>(ALLOCATION_BASIS_SQL) : null;
  return computeHelpFigures({ revenue, spending, enrollment, allocations });
}

let cached: Promise<HelpFigures> | undefined;

/** The help figures of the current release (memoized: every locale's pages share one computation). */
export function loadHelpFigures(): Promise<HelpFigures> {
  return (cached ??= readHelpFigures());
}

/**
 * Whether the site has a page at a site path ("ask/", "explore/"), from the page files under
 * src/pages/[...locale]/ (read from the project root, where builds and tests run): lets the help pages
 * mention a page that another part of the site may or may not add.
 */
export function sitePageExists(sitePath: string, root = process.cwd()): boolean {
  const dir = path.join(root, "src", "pages", "[...locale]");
  const p = sitePath.replace(/#.*$/, "").replace(/\/+$/, "");
  if (p === "") return existsSync(path.join(dir, "index.astro"));
  return existsSync(path.join(dir, `${p}.astro`)) || existsSync(path.join(dir, p, "index.astro"));
}

// Budget vs. actual: adopted budget (SACS column BB), revised budget (IB, board-approved operating budget
// from the interim reports) and unaudited actuals (BA), district-wide and by program (SACS resource), with
// the variance in dollars and percent. Pure functions over query results; the queries are below, next to
// the figures they make, and each is shown on the page.
//
// "Spending" is the same as on the home page: object_class expenditure (objects 1000–6999) + other_outgo
// (7000–7499), all funds, lines of the latest submission for each year and column (`is_latest`).
// Amounts are BigInt cents, never floats.

import type { TFunction } from "../i18n/index.ts";
import type { Formatters } from "../i18n/format.ts";
import { localeFormats } from "./locale-format.ts";
import { formatPercentChange, parseCents, sumCents } from "./money.ts";

export const ADOPTED = "BB";
export const REVISED = "IB";
export const ACTUAL = "BA";

/** District-wide spending by fiscal year and column. */
export const DISTRICT_SQL = `SELECT fiscal_year, column_code, CAST(sum(amount) AS VARCHAR) AS amount
FROM line_items
WHERE is_latest
  AND object_class IN ('expenditure', 'other_outgo')
  AND column_code IN ('BB', 'IB', 'BA')
GROUP BY fiscal_year, column_code
ORDER BY fiscal_year, column_code`;

/** Spending by program (SACS resource), fiscal year and column, with the resource's official title. */
export const PROGRAM_SQL = `SELECT l.fiscal_year, l.resource, any_value(c.title) AS title,
  bool_or(l.restricted) AS restricted, l.column_code, CAST(sum(l.amount) AS VARCHAR) AS amount
FROM line_items AS l
LEFT JOIN (
  SELECT fiscal_year, code, trim(any_value(title)) AS title
  FROM codes WHERE dimension = 'resource' GROUP BY fiscal_year, code
) AS c ON c.fiscal_year = l.fiscal_year AND c.code = l.resource
WHERE l.is_latest
  AND l.object_class IN ('expenditure', 'other_outgo')
  AND l.column_code IN ('BB', 'IB', 'BA')
GROUP BY l.fiscal_year, l.resource, l.column_code
ORDER BY l.fiscal_year, l.resource, l.column_code`;

export interface AmountRow {
  fiscal_year: string;
  column_code: string;
  /** Decimal string exact to the cent. */
  amount: string;
}

export interface ProgramRow extends AmountRow {
  resource: string;
  title: string | null;
  restricted: boolean | null;
}

/** Adopted, revised and actual spending (cents); null where the release has no such lines. */
export interface Comparison {
  adopted: bigint | null;
  revised: bigint | null;
  actual: bigint | null;
}

export interface YearVariance extends Comparison {
  fiscal_year: string;
}

export interface ProgramVariance extends Comparison {
  /** SACS resource code; "" for the "all other programs" row. */
  resource: string;
  /** Official title from the release's code list (null when the code is not in it). */
  title: string | null;
  restricted: boolean;
  /** Display name: official title and code. */
  label: string;
  /** How many programs the row stands for (1, or more for "all other programs"). */
  programs: number;
}

function put(target: Comparison, column: string, cents: bigint): void {
  if (column === ADOPTED) target.adopted = (target.adopted ?? 0n) + cents;
  else if (column === REVISED) target.revised = (target.revised ?? 0n) + cents;
  else if (column === ACTUAL) target.actual = (target.actual ?? 0n) + cents;
}

/** Fiscal years that have unaudited actuals, in order. */
export function actualYears(rows: readonly AmountRow[]): string[] {
  return [...new Set(rows.filter((r) => r.column_code === ACTUAL).map((r) => r.fiscal_year))].sort();
}

/** District-wide adopted / revised / actual for every year with actuals, oldest first. */
export function districtVariance(rows: readonly AmountRow[]): YearVariance[] {
  const years = actualYears(rows);
  return years.map((fiscal_year) => {
    const y: YearVariance = { fiscal_year, adopted: null, revised: null, actual: null };
    for (const r of rows) if (r.fiscal_year === fiscal_year) put(y, r.column_code, parseCents(r.amount));
    return y;
  });
}

/** A program's display name: "Special Education (6500)"; a code missing from the list says so (in the locale of `t`). */
export function programLabel(resource: string, title: string | null, t: TFunction): string {
  const clean = title?.trim();
  if (!clean || clean.toLowerCase() === "unknown code") return t("budget.untitled", { name: t("budget.kind.resource", { code: resource }) });
  return t("budget.withCode", { name: clean, code: resource });
}

function compareBigint(a: bigint, b: bigint): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

/** The size of a program for ordering: its actual spending, else its budget. */
export function programSize(p: Comparison): bigint {
  const v = p.actual ?? p.adopted ?? p.revised ?? 0n;
  return v < 0n ? -v : v;
}

/** Every program's adopted / revised / actual in one fiscal year, largest first (ties by code); labels in the locale of `t`. */
export function programVariance(rows: readonly ProgramRow[], fiscalYear: string, t: TFunction): ProgramVariance[] {
  const byResource = new Map<string, ProgramVariance>();
  for (const r of rows) {
    if (r.fiscal_year !== fiscalYear) continue;
    let p = byResource.get(r.resource);
    if (!p) {
      p = {
        resource: r.resource,
        title: r.title?.trim() || null,
        restricted: r.restricted === true,
        label: programLabel(r.resource, r.title, t),
        programs: 1,
        adopted: null,
        revised: null,
        actual: null,
      };
      byResource.set(r.resource, p);
    }
    if (r.restricted === true) p.restricted = true;
    put(p, r.column_code, parseCents(r.amount));
  }
  return [...byResource.values()].sort((a, b) => compareBigint(programSize(b), programSize(a)) || a.resource.localeCompare(b.resource));
}

const addNullable = (a: bigint | null, b: bigint | null): bigint | null => (a === null ? b : b === null ? a : a + b);

/** Adds up comparisons column by column (a column stays null only when it is null everywhere). */
export function sumComparisons(items: readonly Comparison[]): Comparison {
  const total: Comparison = { adopted: null, revised: null, actual: null };
  for (const p of items) {
    total.adopted = addNullable(total.adopted, p.adopted);
    total.revised = addNullable(total.revised, p.revised);
    total.actual = addNullable(total.actual, p.actual);
  }
  return total;
}

export interface GroupOptions {
  /** At most this many programs are named; the rest are "all other programs". */
  maxNamed?: number;
  /** A program is named only if its size is at least this share of the year's total (in basis points). */
  minShareBasisPoints?: bigint;
}

/**
 * The programs to show in a table or chart: the largest ones by name, the rest added up as one
 * "all other programs" row (last, named in the locale of `t` and `locale`). The rows always add up to the same totals
 * as all programs.
 */
export function groupSmallPrograms(programs: readonly ProgramVariance[], t: TFunction, locale: string, options: GroupOptions = {}): ProgramVariance[] {
  const { maxNamed = 10, minShareBasisPoints = 100n } = options;
  const total = sumCents(programs.map(programSize));
  const named: ProgramVariance[] = [];
  const rest: ProgramVariance[] = [];
  for (const p of programs) {
    const bigEnough = total === 0n || programSize(p) * 10_000n >= total * minShareBasisPoints;
    (named.length < maxNamed && bigEnough ? named : rest).push(p);
  }
  if (rest.length === 0) return named;
  if (rest.length === 1) return [...named, rest[0]!];
  const other: ProgramVariance = {
    ...sumComparisons(rest),
    resource: "",
    title: null,
    restricted: rest.every((p) => p.restricted),
    label: t("variance.allOtherPrograms", { count: rest.length, programs: localeFormats(locale).f.count(rest.length) }),
    programs: rest.length,
  };
  return [...named, other];
}

export interface RestrictedSplit {
  restricted: Comparison;
  unrestricted: Comparison;
}

/** Restricted (money that may only be spent on its program) vs unrestricted spending. */
export function restrictedSplit(programs: readonly ProgramVariance[]): RestrictedSplit {
  return {
    restricted: sumComparisons(programs.filter((p) => p.restricted)),
    unrestricted: sumComparisons(programs.filter((p) => !p.restricted)),
  };
}

/** actual − base, or null when either is missing. Negative = spent less than planned. */
export function varianceCents(actual: bigint | null, base: bigint | null): bigint | null {
  return actual === null || base === null ? null : actual - base;
}

/** "-5.1%" (actual vs base), or null when either is missing or the base is zero. English unless `f` is given. */
export function variancePercent(actual: bigint | null, base: bigint | null, f?: Formatters): string | null {
  if (actual === null || base === null) return null;
  return f ? f.percentChange(actual, base) : formatPercentChange(actual, base);
}

export interface Highlights {
  /** Programs that spent less than adopted, largest gap in dollars first. */
  under: ProgramVariance[];
  /** Programs that spent more than adopted, largest gap first. */
  over: ProgramVariance[];
}

/** The largest under- and over-spends against the adopted budget (programs with both figures). */
export function largestVariances(programs: readonly ProgramVariance[], count = 5): Highlights {
  const withBoth = programs.filter((p) => p.adopted !== null && p.actual !== null);
  const gap = (p: ProgramVariance): bigint => p.actual! - p.adopted!;
  const under = withBoth.filter((p) => gap(p) < 0n).sort((a, b) => compareBigint(gap(a), gap(b)) || a.resource.localeCompare(b.resource));
  const over = withBoth.filter((p) => gap(p) > 0n).sort((a, b) => compareBigint(gap(b), gap(a)) || a.resource.localeCompare(b.resource));
  return { under: under.slice(0, count), over: over.slice(0, count) };
}

export interface VarianceFigures {
  years: YearVariance[];
  latest: YearVariance | null;
  /** Programs of each year with actuals (all of them, largest first). */
  programsByYear: Map<string, ProgramVariance[]>;
}

/** The page's figures; program labels in the locale of `t`. */
export function computeVarianceFigures(district: readonly AmountRow[], programs: readonly ProgramRow[], t: TFunction): VarianceFigures {
  const years = districtVariance(district);
  const programsByYear = new Map<string, ProgramVariance[]>();
  for (const y of years) programsByYear.set(y.fiscal_year, programVariance(programs, y.fiscal_year, t));
  return { years, latest: years.at(-1) ?? null, programsByYear };
}

const absBig = (v: bigint): bigint => (v < 0n ? -v : v);

/**
 * One plain sentence for the top of the page, in the locale of `t`: the latest year's actual spending
 * against its adopted and revised budgets. Each comparison is a phrase of its own message, joined by a
 * message, so translators choose the order and the connecting words.
 */
export function varianceSummary(fig: VarianceFigures, district: string, t: TFunction, locale: string): string {
  const y = fig.latest;
  if (!y || y.actual === null) return t("variance.summary.none", { district });
  const { f, changeSize } = localeFormats(locale);
  const phrases: string[] = [];
  if (y.adopted !== null) {
    const d = y.actual - y.adopted;
    const percent = changeSize(y.actual, y.adopted);
    if (d === 0n) phrases.push(t("variance.summary.adoptedExact"));
    else {
      const key = `variance.summary.${d < 0n ? "adoptedLess" : "adoptedMore"}${percent ? "" : "NoPercent"}`;
      phrases.push(t(key, { difference: f.moneyLong(absBig(d)), percent: percent ?? "", budget: f.moneyLong(y.adopted) }));
    }
  }
  if (y.revised !== null) {
    const d = y.actual - y.revised;
    phrases.push(d === 0n ? t("variance.summary.revisedExact") : t(d < 0n ? "variance.summary.revisedLess" : "variance.summary.revisedMore", { difference: f.moneyLong(absBig(d)) }));
  }
  const vars = { year: f.fiscalYear(y.fiscal_year), district, actual: f.moneyLong(y.actual) };
  if (phrases.length === 0) return t("variance.summary.spent", vars);
  const comparison = phrases.length === 2 ? t("variance.summary.and", { first: phrases[0]!, second: phrases[1]! }) : phrases[0]!;
  return t("variance.summary.spentCompared", { ...vars, comparison });
}

// Budget vs. actual: adopted budget (SACS column BB), revised budget (IB, board-approved operating budget
// from the interim reports) and unaudited actuals (BA), district-wide and by program (SACS resource), with
// the variance in dollars and percent. Pure functions over query results; the queries are below, next to
// the figures they make, and each is shown on the page.
//
// "Spending" is the same as on the home page: object_class expenditure (objects 1000–6999) + other_outgo
// (7000–7499), all funds, lines of the latest submission for each year and column (`is_latest`).
// Amounts are BigInt cents, never floats.

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

/** A program's display name: "Special Education (6500)"; a code missing from the list says so. */
export function programLabel(resource: string, title: string | null): string {
  const t = title?.trim();
  if (!t || t.toLowerCase() === "unknown code") return `Resource ${resource} (no official title)`;
  return `${t} (${resource})`;
}

function compareBigint(a: bigint, b: bigint): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

/** The size of a program for ordering: its actual spending, else its budget. */
export function programSize(p: Comparison): bigint {
  const v = p.actual ?? p.adopted ?? p.revised ?? 0n;
  return v < 0n ? -v : v;
}

/** Every program's adopted / revised / actual in one fiscal year, largest first (ties by code). */
export function programVariance(rows: readonly ProgramRow[], fiscalYear: string): ProgramVariance[] {
  const byResource = new Map<string, ProgramVariance>();
  for (const r of rows) {
    if (r.fiscal_year !== fiscalYear) continue;
    let p = byResource.get(r.resource);
    if (!p) {
      p = {
        resource: r.resource,
        title: r.title?.trim() || null,
        restricted: r.restricted === true,
        label: programLabel(r.resource, r.title),
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
 * "all other programs" row (last). The rows always add up to the same totals as all programs.
 */
export function groupSmallPrograms(programs: readonly ProgramVariance[], options: GroupOptions = {}): ProgramVariance[] {
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
    label: `All other programs (${rest.length})`,
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

/** "-5.1%" (actual vs base), or null when either is missing or the base is zero. */
export function variancePercent(actual: bigint | null, base: bigint | null): string | null {
  return actual === null || base === null ? null : formatPercentChange(actual, base);
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

export function computeVarianceFigures(district: readonly AmountRow[], programs: readonly ProgramRow[]): VarianceFigures {
  const years = districtVariance(district);
  const programsByYear = new Map<string, ProgramVariance[]>();
  for (const y of years) programsByYear.set(y.fiscal_year, programVariance(programs, y.fiscal_year));
  return { years, latest: years.at(-1) ?? null, programsByYear };
}

const absBig = (v: bigint): bigint => (v < 0n ? -v : v);

/** "$942 million (5.1%) less than" / "exactly" phrase comparing actual with a base. */
function against(actual: bigint, base: bigint, what: string, formatMoney: (c: bigint) => string): string {
  const d = actual - base;
  if (d === 0n) return `exactly its ${what}`;
  const pct = formatPercentChange(actual, base)?.replace(/^[+-]/, "");
  return `${formatMoney(absBig(d))}${pct ? ` (${pct})` : ""} ${d < 0n ? "less" : "more"} than its ${what} of ${formatMoney(base)}`;
}

/** One plain sentence for the top of the page: the latest year's actual spending against its budgets. */
export function varianceSummary(f: VarianceFigures, district: string, formatMoney: (c: bigint) => string): string {
  const y = f.latest;
  if (!y || y.actual === null) return `This release has no actual spending for ${district} yet, so there is nothing to compare the budget with.`;
  const parts: string[] = [];
  if (y.adopted !== null) parts.push(against(y.actual, y.adopted, "adopted budget", formatMoney));
  if (y.revised !== null) parts.push(`${y.revised === y.actual ? "exactly" : `${formatMoney(absBig(y.actual - y.revised))} ${y.actual < y.revised ? "less" : "more"} than`} the revised budget`);
  const compared = parts.length ? `, ${parts.join(" and ")}` : "";
  return `In ${y.fiscal_year}, ${district} spent ${formatMoney(y.actual)}${compared}.`;
}

// The home page's figures, computed exactly (BigInt cents) from the object_groups rollup.
//
// "Spending" (and the budget it is compared with) = object_class expenditure (objects 1000–6999) +
// other_outgo (7000–7499), all funds, the latest submission's lines. Transfers between funds and other
// financing uses (7600–7699), revenue, balance-sheet accounts and system-calculated lines are excluded.

import type { TFunction } from "../i18n/index.ts";
import type { EnrollmentRow, ObjectGroupRow, Rollup } from "./release.ts";
import { divRound, sumCents } from "./money.ts";

export const BUDGET_COLUMN = "BB"; // adopted budget
export const ACTUAL_COLUMN = "BA"; // unaudited actuals

export const SPENDING_CLASSES: readonly string[] = ["expenditure", "other_outgo"];

export interface GroupInfo {
  key: string;
  /** Short name, used in the chart and the table. */
  label: string;
  /** SACS object codes in the group. */
  objects: string;
  /** Plain-language examples. */
  examples: string;
}

/** The spending groups in SACS order. */
export const SPENDING_GROUPS: readonly GroupInfo[] = [
  { key: "certificated_salaries", label: "Certificated salaries", objects: "1000–1999", examples: "teachers, counselors, principals" },
  { key: "classified_salaries", label: "Classified salaries", objects: "2000–2999", examples: "aides, bus drivers, custodians, office staff" },
  { key: "employee_benefits", label: "Employee benefits", objects: "3000–3999", examples: "pensions, health care, payroll taxes" },
  { key: "books_supplies", label: "Books and supplies", objects: "4000–4999", examples: "textbooks, classroom materials, food" },
  { key: "services_operating", label: "Services and operations", objects: "5000–5999", examples: "utilities, contracts, insurance, travel" },
  { key: "capital_outlay", label: "Capital outlay", objects: "6000–6999", examples: "land, buildings, major equipment" },
  { key: "other_outgo", label: "Other outgo", objects: "7000–7499", examples: "tuition to other agencies, pass-through funds, debt service" },
];

/** The message key of a known group's words: "certificated_salaries" → "home.group.certificatedSalaries". */
export function groupMessageKey(key: string): string {
  return `home.group.${key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())}`;
}

/**
 * A group with its label and examples in the reader's language (src/i18n/messages/<locale>/home.json).
 * A group outside SPENDING_GROUPS keeps the label made from its key: it comes from the data.
 */
export function localizeGroup<T extends GroupInfo>(g: T, t: TFunction): T {
  if (!SPENDING_GROUPS.some((s) => s.key === g.key)) return g;
  const key = groupMessageKey(g.key);
  return { ...g, label: t(key), examples: t(`${key}.examples`) };
}

export function groupInfo(key: string): GroupInfo {
  const known = SPENDING_GROUPS.find((g) => g.key === key);
  if (known) return known;
  const words = key.replace(/_/g, " ");
  return { key, label: words.charAt(0).toUpperCase() + words.slice(1), objects: "", examples: "" };
}

export interface GroupFigures extends GroupInfo {
  /** Adopted budget (BB) in cents, or null when the year has no budget lines. */
  budget: bigint | null;
  /** Unaudited actuals (BA) in cents, or null when the year has no actuals. */
  actual: bigint | null;
  /** actual − budget, or null when either is missing. */
  difference: bigint | null;
}

export interface PerPupil {
  fiscal_year: string;
  enrollment: number;
  schools: number;
  /** Cents per student, rounded to the cent. */
  budget: bigint | null;
  actual: bigint | null;
}

export interface HomeFigures {
  /** The latest fiscal year that has unaudited actuals (BA), or null when there are none. */
  year: string | null;
  /** BB spending for `year`. */
  budget: bigint | null;
  /** BA spending for `year`. */
  actual: bigint | null;
  /** actual − budget. */
  difference: bigint | null;
  /** The newest fiscal year with an adopted budget (BB), and that budget. */
  newestBudgetYear: string | null;
  newestBudget: bigint | null;
  /** True when the newest adopted budget is for a year after `year` (and so is shown on its own). */
  hasNewerBudget: boolean;
  /** The year the breakdown describes: `year`, else the newest budget year. */
  breakdownYear: string | null;
  groups: GroupFigures[];
  perPupil: PerPupil | null;
  /** Fiscal years whose lines the figures use. */
  yearsUsed: string[];
}

function isSpending(row: ObjectGroupRow): boolean {
  return SPENDING_CLASSES.includes(row.object_class);
}

function years(rows: readonly ObjectGroupRow[], column: string): string[] {
  return [...new Set(rows.filter((r) => r.column_code === column && isSpending(r)).map((r) => r.fiscal_year))].sort();
}

/** Spending of one fiscal year and column code, in cents, or null when there are no such lines. */
export function spending(rows: readonly ObjectGroupRow[], fiscalYear: string, column: string): bigint | null {
  const matching = rows.filter((r) => r.fiscal_year === fiscalYear && r.column_code === column && isSpending(r));
  return matching.length === 0 ? null : sumCents(matching.map((r) => r.cents));
}

/** Spending by object group for one year and column code; null when there are no lines at all. */
export function spendingByGroup(
  rows: readonly ObjectGroupRow[],
  fiscalYear: string,
  column: string,
): Map<string, bigint> | null {
  const matching = rows.filter((r) => r.fiscal_year === fiscalYear && r.column_code === column && isSpending(r));
  if (matching.length === 0) return null;
  const byGroup = new Map<string, bigint>();
  for (const r of matching) byGroup.set(r.object_group, (byGroup.get(r.object_group) ?? 0n) + r.cents);
  return byGroup;
}

function difference(actual: bigint | null, budget: bigint | null): bigint | null {
  return actual === null || budget === null ? null : actual - budget;
}

export function computeHomeFigures(
  objectGroups: Rollup<ObjectGroupRow>,
  enrollment: Rollup<EnrollmentRow> | null,
): HomeFigures {
  const rows = objectGroups.rows;
  const actualYears = years(rows, ACTUAL_COLUMN);
  const budgetYears = years(rows, BUDGET_COLUMN);
  const year = actualYears.at(-1) ?? null;
  const newestBudgetYear = budgetYears.at(-1) ?? null;
  const budget = year === null ? null : spending(rows, year, BUDGET_COLUMN);
  const actual = year === null ? null : spending(rows, year, ACTUAL_COLUMN);
  const newestBudget = newestBudgetYear === null ? null : spending(rows, newestBudgetYear, BUDGET_COLUMN);

  const breakdownYear = year ?? newestBudgetYear;
  const groups: GroupFigures[] = [];
  if (breakdownYear !== null) {
    const b = spendingByGroup(rows, breakdownYear, BUDGET_COLUMN);
    const a = spendingByGroup(rows, breakdownYear, ACTUAL_COLUMN);
    const keys = [...SPENDING_GROUPS.map((g) => g.key)];
    // Groups outside the known list (should not happen) are still shown, so the table adds up to the totals.
    for (const k of [...(b?.keys() ?? []), ...(a?.keys() ?? [])].sort()) if (!keys.includes(k)) keys.push(k);
    for (const key of keys) {
      const gb = b === null ? null : (b.get(key) ?? 0n);
      const ga = a === null ? null : (a.get(key) ?? 0n);
      groups.push({ ...groupInfo(key), budget: gb, actual: ga, difference: difference(ga, gb) });
    }
  }

  let perPupil: PerPupil | null = null;
  const enrolled = breakdownYear === null ? undefined : enrollment?.rows.find((r) => r.fiscal_year === breakdownYear);
  if (breakdownYear !== null && enrolled && enrolled.enrollment > 0) {
    const n = BigInt(Math.round(enrolled.enrollment));
    const perStudent = (c: bigint | null): bigint | null => (c === null ? null : divRound(c, n));
    perPupil = {
      fiscal_year: breakdownYear,
      enrollment: enrolled.enrollment,
      schools: enrolled.schools,
      budget: perStudent(year === null ? newestBudget : budget),
      actual: perStudent(actual),
    };
  }

  const hasNewerBudget = newestBudgetYear !== null && newestBudget !== null && (year === null || newestBudgetYear > year);
  const yearsUsed = [...new Set([year, hasNewerBudget ? newestBudgetYear : null].filter((y): y is string => y !== null))].sort();
  return {
    year,
    budget,
    actual,
    difference: difference(actual, budget),
    newestBudgetYear,
    newestBudget,
    hasNewerBudget,
    breakdownYear,
    groups,
    perPupil,
    yearsUsed,
  };
}

// The Budget drill-down: Fund → Resource (program / funding source) → Goal, Function and Object group,
// adopted budget (SACS column BB) and actual spending (BA) for every fiscal year.
//
// "Spending" is the home page's definition: object_class expenditure (objects 1000–6999) + other_outgo
// (7000–7499), the lines of the latest submission for each year and column (`is_latest`). One query per
// level for every year and fund, run once per build (loadBudgetTree caches the promise); each page slices
// the result. Amounts are BigInt cents, never floats.

import type { TFunction } from "../i18n/index.ts";
import { localeFormats } from "./locale-format.ts";
import { parseCents } from "./money.ts";
import { objectGroupTitle, plainName, type Dimension } from "./plain-names.ts";

export const ADOPTED = "BB";
export const ACTUAL = "BA";

/** Parameters of every amount query (shown on the page under the SQL). */
export const PARAMS = { adopted: ADOPTED, actual: ACTUAL } as const;

const SPENDING = `is_latest
  AND object_class IN ('expenditure', 'other_outgo')
  AND column_code IN ($adopted, $actual)`;

/** Spending by fiscal year, fund, restricted or not, and column. */
export const FUND_SQL = `SELECT fiscal_year, fund, coalesce(restricted, false) AS restricted, column_code,
  CAST(sum(amount) AS VARCHAR) AS amount
FROM line_items
WHERE ${SPENDING}
GROUP BY ALL
ORDER BY ALL`;

/** Spending by fiscal year, fund, resource and column. */
export const RESOURCE_SQL = `SELECT fiscal_year, fund, resource, coalesce(bool_or(restricted), false) AS restricted, column_code,
  CAST(sum(amount) AS VARCHAR) AS amount
FROM line_items
WHERE ${SPENDING}
GROUP BY fiscal_year, fund, resource, column_code
ORDER BY ALL`;

const breakdownSql = (column: string, what: string): string => `-- Spending by fiscal year, fund, resource, ${what} and column.
SELECT fiscal_year, fund, resource, ${column} AS code, column_code, CAST(sum(amount) AS VARCHAR) AS amount
FROM line_items
WHERE ${SPENDING}
GROUP BY ALL
ORDER BY ALL`;

export const GOAL_SQL = breakdownSql("goal", "goal");
export const FUNCTION_SQL = breakdownSql(`"function"`, "function");
export const OBJECT_GROUP_SQL = breakdownSql("object_group", "object group");

/** The official title of every fund, resource, goal and function code, per fiscal year. */
export const TITLES_SQL = `SELECT fiscal_year, dimension, code, trim(any_value(title)) AS title
FROM codes
WHERE dimension IN ('fund', 'resource', 'goal', 'function')
GROUP BY ALL
ORDER BY ALL`;

export interface FundRow {
  fiscal_year: string;
  fund: string;
  restricted: boolean;
  column_code: string;
  amount: string;
}
export interface ResourceRow extends FundRow {
  resource: string;
}
export interface BreakdownRow {
  fiscal_year: string;
  fund: string;
  resource: string;
  code: string | null;
  column_code: string;
  amount: string;
}
export interface TitleRow {
  fiscal_year: string;
  dimension: string;
  code: string;
  title: string | null;
}

/** Adopted budget and actual spending in cents; null where there are no such lines. */
export interface Amounts {
  adopted: bigint | null;
  actual: bigint | null;
}

export interface Item extends Amounts {
  code: string;
  /** Which code list the code is from. */
  dimension: Dimension;
  /** Official SACS title for the year (null when the code lists do not have it). */
  title: string | null;
  /** Plain-language name, English until localized (null when plain-names.ts has none). */
  plain: string | null;
}

export interface ResourceNode extends Item {
  restricted: boolean;
  goals: Item[];
  functions: Item[];
  objectGroups: Item[];
}

export interface FundNode extends Item {
  restricted: Amounts;
  unrestricted: Amounts;
  resources: ResourceNode[];
}

export interface YearNode extends Amounts {
  fiscal_year: string;
  restricted: Amounts;
  unrestricted: Amounts;
  funds: FundNode[];
}

export interface BudgetTree {
  /** Every fiscal year with adopted or actual spending, oldest first. */
  years: YearNode[];
  /** The latest year with actual spending, else the latest year; null when there are none. */
  defaultYear: string | null;
}

export interface TreeInput {
  funds: readonly FundRow[];
  resources: readonly ResourceRow[];
  goals: readonly BreakdownRow[];
  functions: readonly BreakdownRow[];
  objectGroups: readonly BreakdownRow[];
  titles: readonly TitleRow[];
}

const empty = (): Amounts => ({ adopted: null, actual: null });

function put(target: Amounts, column: string, cents: bigint): void {
  if (column === ADOPTED) target.adopted = (target.adopted ?? 0n) + cents;
  else if (column === ACTUAL) target.actual = (target.actual ?? 0n) + cents;
}

const add = (a: bigint | null, b: bigint | null): bigint | null => (a === null ? b : b === null ? a : a + b);

/** Adds up amounts column by column (a column stays null only when it is null everywhere). */
export function sumAmounts(items: readonly Amounts[]): Amounts {
  const t = empty();
  for (const i of items) {
    t.adopted = add(t.adopted, i.adopted);
    t.actual = add(t.actual, i.actual);
  }
  return t;
}

/** Size for ordering: actual spending, else the budget (absolute). */
export function size(a: Amounts): bigint {
  const v = a.actual ?? a.adopted ?? 0n;
  return v < 0n ? -v : v;
}

/** Largest first, ties by code. */
export function bySize<T extends Amounts & { code: string }>(items: T[]): T[] {
  return items.sort((a, b) => {
    const d = size(b) - size(a);
    return d > 0n ? 1 : d < 0n ? -1 : a.code.localeCompare(b.code);
  });
}

/** A title lookup: (year, dimension, code) → trimmed official title, or null ("unknown code" counts as none). */
export function titleIndex(rows: readonly TitleRow[]): (year: string, dimension: string, code: string) => string | null {
  const map = new Map<string, string>();
  for (const r of rows) {
    const t = r.title?.trim();
    if (t && t.toLowerCase() !== "unknown code") map.set(`${r.fiscal_year}|${r.dimension}|${r.code}`, t);
  }
  return (year, dimension, code) => map.get(`${year}|${dimension}|${code}`) ?? null;
}

function item(code: string, title: string | null, dimension: Dimension): Item {
  return { code, dimension, title, plain: plainName(dimension, code), adopted: null, actual: null };
}

/**
 * An item with its names in a locale: the plain name from the codes namespace and, for object groups
 * (whose titles are the release's, written with "objects 1000–1999"), the title. Official SACS titles
 * are data and stay as they are.
 */
export function localizeItem<T extends Item>(i: T, locale: string): T {
  return { ...i, plain: plainName(i.dimension, i.code, locale), title: i.dimension === "object_group" ? objectGroupTitle(i.code, locale) : i.title };
}

/** A fund with its resources and their breakdowns named in a locale (see localizeItem). */
export function localizeFund(f: FundNode, locale: string): FundNode {
  return {
    ...localizeItem(f, locale),
    resources: f.resources.map((r) => ({
      ...localizeItem(r, locale),
      goals: r.goals.map((g) => localizeItem(g, locale)),
      functions: r.functions.map((g) => localizeItem(g, locale)),
      objectGroups: r.objectGroups.map((g) => localizeItem(g, locale)),
    })),
  };
}

/** A year with its funds named in a locale (their resources are left as they are). */
export function localizeYear(y: YearNode, locale: string): YearNode {
  return { ...y, funds: y.funds.map((f) => localizeItem(f, locale)) };
}

/** "object_group" → "objectGroup": the segment of the budget.kind.* messages. */
const kindKey = (d: Dimension): string => d.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** "Fund 01", "Resource 3010": a code named by its kind, for codes without a title. */
export function codeName(i: Pick<Item, "code" | "dimension">, t: TFunction): string {
  return t(`budget.kind.${kindKey(i.dimension)}`, { code: i.code });
}

/** Builds the whole tree from the query results. Pure. */
export function buildTree(input: TreeInput): BudgetTree {
  const title = titleIndex(input.titles);
  const years = new Map<string, YearNode>();
  const funds = new Map<string, FundNode>();
  const resources = new Map<string, ResourceNode>();
  const key = (...parts: string[]): string => parts.join("|");

  for (const r of input.funds) {
    let y = years.get(r.fiscal_year);
    if (!y) years.set(r.fiscal_year, (y = { fiscal_year: r.fiscal_year, ...empty(), restricted: empty(), unrestricted: empty(), funds: [] }));
    let f = funds.get(key(r.fiscal_year, r.fund));
    if (!f) {
      f = { ...item(r.fund, title(r.fiscal_year, "fund", r.fund), "fund"), restricted: empty(), unrestricted: empty(), resources: [] };
      funds.set(key(r.fiscal_year, r.fund), f);
      y.funds.push(f);
    }
    const cents = parseCents(r.amount, `fund ${r.fund} ${r.fiscal_year}`);
    put(y, r.column_code, cents);
    put(r.restricted ? y.restricted : y.unrestricted, r.column_code, cents);
    put(f, r.column_code, cents);
    put(r.restricted ? f.restricted : f.unrestricted, r.column_code, cents);
  }

  for (const r of input.resources) {
    const f = funds.get(key(r.fiscal_year, r.fund));
    if (!f) continue; // cannot happen: the same lines make both levels
    let n = resources.get(key(r.fiscal_year, r.fund, r.resource));
    if (!n) {
      n = { ...item(r.resource, title(r.fiscal_year, "resource", r.resource), "resource"), restricted: r.restricted, goals: [], functions: [], objectGroups: [] };
      resources.set(key(r.fiscal_year, r.fund, r.resource), n);
      f.resources.push(n);
    }
    if (r.restricted) n.restricted = true;
    put(n, r.column_code, parseCents(r.amount, `resource ${r.resource} ${r.fiscal_year}`));
  }

  const breakdown = (rows: readonly BreakdownRow[], dimension: "goal" | "function" | "object_group", pick: (n: ResourceNode) => Item[]): void => {
    const items = new Map<string, Item>();
    for (const r of rows) {
      const n = resources.get(key(r.fiscal_year, r.fund, r.resource));
      if (!n) continue;
      const code = r.code ?? "";
      const k = key(r.fiscal_year, r.fund, r.resource, code);
      let i = items.get(k);
      if (!i) {
        const t = dimension === "object_group" ? objectGroupTitle(code) : title(r.fiscal_year, dimension, code);
        items.set(k, (i = item(code, t, dimension)));
        pick(n).push(i);
      }
      put(i, r.column_code, parseCents(r.amount, `${dimension} ${code} ${r.fiscal_year}`));
    }
  };
  breakdown(input.goals, "goal", (n) => n.goals);
  breakdown(input.functions, "function", (n) => n.functions);
  breakdown(input.objectGroups, "object_group", (n) => n.objectGroups);

  const sorted = [...years.values()].sort((a, b) => a.fiscal_year.localeCompare(b.fiscal_year));
  for (const y of sorted) {
    y.funds.sort((a, b) => a.code.localeCompare(b.code));
    for (const f of y.funds) {
      bySize(f.resources);
      for (const r of f.resources) {
        bySize(r.goals);
        bySize(r.functions);
        // Object groups keep SACS order (salaries, benefits, …), as on the home page.
        r.objectGroups.sort((a, b) => objectOrder(a.code) - objectOrder(b.code) || a.code.localeCompare(b.code));
      }
    }
  }
  const withActuals = sorted.filter((y) => y.actual !== null);
  return { years: sorted, defaultYear: (withActuals.at(-1) ?? sorted.at(-1))?.fiscal_year ?? null };
}

const OBJECT_ORDER = ["certificated_salaries", "classified_salaries", "employee_benefits", "books_supplies", "services_operating", "capital_outlay", "other_outgo"];
function objectOrder(code: string): number {
  const i = OBJECT_ORDER.indexOf(code);
  return i < 0 ? OBJECT_ORDER.length : i;
}

export function findYear(tree: BudgetTree, year: string): YearNode | null {
  return tree.years.find((y) => y.fiscal_year === year) ?? null;
}

export function findFund(tree: BudgetTree, year: string, fund: string): FundNode | null {
  return findYear(tree, year)?.funds.find((f) => f.code === fund) ?? null;
}

/** Display name: the plain name when there is one, else the official title, else "Fund 01" / "Resource 3010". */
export function displayName(i: Item, t: TFunction): string {
  return i.plain ?? i.title ?? codeName(i, t);
}

/** The official title with its code: "General Fund/County School Service Fund (01)"; code only when untitled. */
export function officialLabel(i: Item, t: TFunction): string {
  return i.title ? t("budget.withCode", { name: i.title, code: i.code }) : t("budget.untitled", { name: codeName(i, t) });
}

/** URL path segments (relative to the site's base). */
export const budgetPath = (year?: string, fund?: string): string =>
  `budget/${year ? `${encodeURIComponent(year)}/` : ""}${fund ? `${encodeURIComponent(fund)}/` : ""}`;

/** An id for a resource's section on its fund page (the drill state below the fund lives in the URL's #fragment). */
export const resourceAnchor = (resource: string): string => `resource-${resource.replace(/[^A-Za-z0-9_-]/g, "_")}`;

export interface Runner {
  query<T>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  hasTable(table: string): Promise<boolean>;
}

/** Runs the level queries (one each, every year and fund) and builds the tree. */
export async function computeBudgetTree(db: Runner): Promise<{ tree: BudgetTree; hasLines: boolean; hasCodes: boolean }> {
  const hasLines = await db.hasTable("line_items");
  const hasCodes = await db.hasTable("codes");
  if (!hasLines) return { tree: { years: [], defaultYear: null }, hasLines, hasCodes };
  // One after the other: the build shares one DuckDB connection.
  const funds = await db.query<FundRow>(FUND_SQL, PARAMS);
  const resources = await db.query<ResourceRow>(RESOURCE_SQL, PARAMS);
  const goals = await db.query<BreakdownRow>(GOAL_SQL, PARAMS);
  const functions = await db.query<BreakdownRow>(FUNCTION_SQL, PARAMS);
  const objectGroups = await db.query<BreakdownRow>(OBJECT_GROUP_SQL, PARAMS);
  const titles = hasCodes ? await db.query<TitleRow>(TITLES_SQL) : [];
  return { tree: buildTree({ funds, resources, goals, functions, objectGroups, titles }), hasLines, hasCodes };
}

let cached: ReturnType<typeof computeBudgetTree> | null = null;

/** The tree for this build, computed once and shared by every Budget page. */
export async function loadBudgetTree(): ReturnType<typeof computeBudgetTree> {
  if (!cached) {
    const q = await import("./query.ts");
    cached = computeBudgetTree({ query: q.query, hasTable: q.hasTable });
  }
  return cached;
}

/** One plain sentence for the top of a year's page, in the locale of `t`. */
export function yearSummary(y: YearNode, district: string, t: TFunction, locale: string): string {
  const { f } = localeFormats(locale);
  const vars = { year: f.fiscalYear(y.fiscal_year), district, count: y.funds.length, funds: f.count(y.funds.length) };
  if (y.actual === null) {
    return y.adopted === null ? t("budget.summary.year.none", vars) : t("budget.summary.year.budgetOnly", { ...vars, budget: f.moneyLong(y.adopted) });
  }
  if (y.adopted === null) return t("budget.summary.year.spent", { ...vars, actual: f.moneyLong(y.actual) });
  return t("budget.summary.year.spentOfBudget", { ...vars, actual: f.moneyLong(y.actual), budget: f.moneyLong(y.adopted) });
}

/** The fund in a sentence: "the General Fund/County School Service Fund", or "fund 13" without a title. */
export function fundInSentence(fund: Pick<Item, "code" | "title">, t: TFunction): string {
  return fund.title ? t("budget.fund.theTitle", { title: fund.title }) : t("budget.fund.code", { code: fund.code });
}

/** One plain sentence (two with the largest program) for the top of a fund's page, in the locale of `t`. */
export function fundSummary(fund: FundNode, year: string, t: TFunction, locale: string): string {
  const { f } = localeFormats(locale);
  const vars = { year: f.fiscalYear(year), name: fundInSentence(fund, t), count: fund.resources.length, programs: f.count(fund.resources.length) };
  const top = fund.resources[0];
  const largest = top && fund.resources.length > 1 ? t("budget.summary.fund.largest", { name: displayName(top, t), amount: f.moneyLong(top.actual ?? top.adopted ?? 0n) }) : null;
  let first: string;
  if (fund.actual === null) first = t("budget.summary.fund.budgetOnly", { ...vars, budget: f.moneyLong(fund.adopted ?? 0n) });
  else if (fund.adopted === null) first = t("budget.summary.fund.spent", { ...vars, actual: f.moneyLong(fund.actual) });
  else first = t("budget.summary.fund.spentOfBudget", { ...vars, actual: f.moneyLong(fund.actual), budget: f.moneyLong(fund.adopted) });
  return largest ? t("budget.summary.fund.withLargest", { first, largest }) : first;
}

/** A chart label: the display name with its code, so the chart's shortened labels stay unambiguous. */
export function chartLabel(i: Item, t: TFunction): string {
  return i.plain || i.title ? t("budget.withCode", { name: displayName(i, t), code: i.code }) : codeName(i, t);
}

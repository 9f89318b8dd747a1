// Plain-language sentences generated from the home page's figures, in the reader's language. Each sentence
// is one message with its numbers as variables (formatted for the locale), so translators control the word
// order; the two-clause summary joins whole clauses with a message of its own.

import type { TFunction } from "../i18n/index.ts";
import type { GroupFigures, HomeFigures } from "./budget.ts";
import { localeFormats } from "./locale-format.ts";

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/** One sentence summing up budget vs. actual spending. `t` and `locale` are the page's. */
export function summarySentence(district: string, fig: HomeFigures, t: TFunction, locale: string): string {
  const { f, changeSize } = localeFormats(locale);
  if (fig.year !== null && fig.actual !== null) {
    const vars = { year: f.fiscalYear(fig.year), district, actual: f.moneyLong(fig.actual) };
    let clause = t("home.summary.spent", vars);
    if (fig.budget !== null && fig.difference !== null) {
      if (fig.difference === 0n) {
        clause = t("home.summary.spentExact", vars);
      } else {
        const percent = changeSize(fig.actual, fig.budget);
        const key = `home.summary.${fig.difference < 0n ? "spentLess" : "spentMore"}${percent ? "" : "NoPercent"}`;
        clause = t(key, { ...vars, difference: f.moneyLong(abs(fig.difference)), percent: percent ?? "", budget: f.moneyLong(fig.budget) });
      }
    }
    if (fig.hasNewerBudget && fig.newestBudget !== null && fig.newestBudgetYear !== null) {
      return t("home.summary.withNewerBudget", { clause, year: f.fiscalYear(fig.newestBudgetYear), budget: f.moneyLong(fig.newestBudget) });
    }
    return t("home.summary.sentence", { clause });
  }
  if (fig.newestBudgetYear !== null && fig.newestBudget !== null) {
    return t("home.summary.budgetOnly", { district, budget: f.moneyLong(fig.newestBudget), year: f.fiscalYear(fig.newestBudgetYear) });
  }
  return t("home.summary.none", { district });
}

/** Which of the two series the chart's description is about: actual spending when there is any. */
function measure(g: GroupFigures, useActual: boolean): bigint {
  return (useActual ? g.actual : g.budget) ?? 0n;
}

/**
 * One sentence describing the chart for people who cannot see it: what it shows and the largest groups.
 * The groups' labels are used as given (localize them first, see localizeGroup).
 */
export function chartDescription(fig: HomeFigures, t: TFunction, locale: string, largest = 3): string {
  if (fig.breakdownYear === null || fig.groups.length === 0) return t("home.chart.none");
  const { f, list } = localeFormats(locale);
  const useActual = fig.groups.some((g) => g.actual !== null);
  const total = fig.groups.reduce((s, g) => s + measure(g, useActual), 0n);
  const top = [...fig.groups]
    .filter((g) => measure(g, useActual) > 0n)
    .sort((a, b) => {
      const d = measure(b, useActual) - measure(a, useActual);
      return d > 0n ? 1 : d < 0n ? -1 : a.label.localeCompare(b.label, f.locale);
    })
    .slice(0, largest)
    .map((g) => {
      const share = f.share(measure(g, useActual), total);
      const vars = { group: g.label.toLocaleLowerCase(f.locale), amount: f.moneyLong(measure(g, useActual)) };
      return share ? t("home.chart.item", { ...vars, share }) : t("home.chart.itemNoShare", vars);
    });
  const hasBoth = fig.groups.some((g) => g.budget !== null) && fig.groups.some((g) => g.actual !== null);
  const what = hasBoth ? "both" : useActual ? "actual" : "budget";
  const year = f.fiscalYear(fig.breakdownYear);
  if (top.length === 0) return t(`home.chart.${what}`, { year });
  const largestKey = hasBoth && useActual ? "LargestOfActual" : "Largest";
  return t(`home.chart.${what}${largestKey}`, { year, list: list(top), count: top.length });
}

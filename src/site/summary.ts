// Plain-language sentences generated from the home page's figures (English for now).

import type { GroupFigures, HomeFigures } from "./budget.ts";
import { formatMoneyLong, formatPercentChange, formatShare } from "./money.ts";

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/** One sentence summing up budget vs. actual spending. */
export function summarySentence(district: string, f: HomeFigures): string {
  const next =
    f.hasNewerBudget && f.newestBudget !== null
      ? `for ${f.newestBudgetYear} it has adopted a budget of ${formatMoneyLong(f.newestBudget)}`
      : null;
  if (f.year !== null && f.actual !== null) {
    let compared = "";
    if (f.budget !== null && f.difference !== null) {
      if (f.difference === 0n) {
        compared = `, exactly its adopted budget`;
      } else {
        const pct = formatPercentChange(f.actual, f.budget)?.replace(/^[+-]/, "");
        const direction = f.difference < 0n ? "less" : "more";
        compared = `, ${formatMoneyLong(abs(f.difference))}${pct ? ` (${pct})` : ""} ${direction} than its adopted budget of ${formatMoneyLong(f.budget)}`;
      }
    }
    return `In ${f.year}, ${district} spent ${formatMoneyLong(f.actual)}${compared}${next ? `; ${next}` : ""}.`;
  }
  if (f.newestBudgetYear !== null && f.newestBudget !== null) {
    return `${district} adopted a budget of ${formatMoneyLong(f.newestBudget)} for ${f.newestBudgetYear}; no actual spending has been reported yet.`;
  }
  return `This release has no adopted budget or actual spending for ${district}.`;
}

function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Which of the two series the chart's description is about: actual spending when there is any. */
function measure(g: GroupFigures, useActual: boolean): bigint {
  return (useActual ? g.actual : g.budget) ?? 0n;
}

/** One sentence describing the chart for people who cannot see it: what it shows and the largest groups. */
export function chartDescription(f: HomeFigures, largest = 3): string {
  if (f.breakdownYear === null || f.groups.length === 0) return "No spending by object group is available.";
  const useActual = f.groups.some((g) => g.actual !== null);
  const total = f.groups.reduce((s, g) => s + measure(g, useActual), 0n);
  const top = [...f.groups]
    .filter((g) => measure(g, useActual) > 0n)
    .sort((a, b) => {
      const d = measure(b, useActual) - measure(a, useActual);
      return d > 0n ? 1 : d < 0n ? -1 : a.label.localeCompare(b.label, "en-US");
    })
    .slice(0, largest)
    .map((g) => {
      const share = formatShare(measure(g, useActual), total);
      return `${g.label.toLowerCase()} (${formatMoneyLong(measure(g, useActual))}${share ? `, ${share}` : ""})`;
    });
  const hasBoth = f.groups.some((g) => g.budget !== null) && f.groups.some((g) => g.actual !== null);
  const what = hasBoth
    ? `Bar chart of the adopted budget and actual spending in ${f.breakdownYear} by object group`
    : `Bar chart of ${useActual ? "actual spending" : "the adopted budget"} in ${f.breakdownYear} by object group`;
  if (top.length === 0) return `${what}.`;
  const largestWords = top.length === 1 ? "the largest is" : "the largest are";
  return `${what}; ${largestWords} ${listJoin(top)}${useActual && hasBoth ? " of actual spending" : ""}.`;
}

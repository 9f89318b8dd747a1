// The budget, variance and trends pages build some message keys from parts (`home.chart.${what}…`), which
// the i18n lint cannot see: every key they can compose must exist in English, or a build in some data
// situation (a year with no actuals, one fund, …) would throw.
import { describe, expect, it } from "vitest";
import { messagesFor } from "../i18n/messages.ts";
import { SPENDING_GROUPS, groupMessageKey } from "./budget.ts";
import { AREAS, areaLabel } from "./trends.ts";
import { useTranslations } from "../i18n/index.ts";

const en = messagesFor("en");
const has = (key: string): boolean => key in en || `${key}_other` in en;
const cross = (...parts: string[][]): string[] => parts.reduce<string[]>((acc, p) => acc.flatMap((a) => p.map((b) => a + b)), [""]);

describe("composed message keys", () => {
  it("all exist in English", () => {
    const keys = [
      ...cross(["home.summary."], ["spentLess", "spentMore"], ["", "NoPercent"]),
      ...cross(["home.key."], ["underBudget", "overBudget"], ["", "NoPercent"]),
      ...cross(["home.table.caption."], ["both", "actual", "budget"]),
      ...cross(["home.chart."], ["both", "actual", "budget"]),
      "home.chart.bothLargestOfActual",
      "home.chart.actualLargest",
      "home.chart.budgetLargest",
      ...SPENDING_GROUPS.flatMap((g) => [groupMessageKey(g.key), `${groupMessageKey(g.key)}.examples`]),
      ...cross(["budget.kind."], ["fund", "resource", "goal", "function", "objectGroup"]),
      ...cross(["budget.year.chart.", "budget.fund.chart."], ["both", "budget"], [""]),
      ...cross(["budget.year.chart.", "budget.fund.chart."], ["bothLargestSpent", "bothLargestAdopted", "budgetLargestAdopted"]),
      ...cross(["variance.summary."], ["adoptedLess", "adoptedMore"], ["", "NoPercent"]),
      ...cross(["variance.split."], ["restricted", "unrestricted"], ["", "Outcome"]),
      ...cross(["variance.byProgram.intro."], ["all", "some"], ["Every", "Grouped"]),
    ];
    expect(keys.filter((k) => !has(k))).toEqual([]);
    const t = useTranslations("en");
    expect(AREAS.map((a) => areaLabel(a.key, t))).toEqual(AREAS.map((a) => a.label));
  });
});

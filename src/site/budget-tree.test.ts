import { describe, expect, it } from "vitest";
import {
  ACTUAL,
  ADOPTED,
  budgetPath,
  buildTree,
  chartLabel,
  codeName,
  computeBudgetTree,
  displayName,
  findFund,
  fundInSentence,
  fundSummary,
  localizeFund,
  officialLabel,
  resourceAnchor,
  sumAmounts,
  yearSummary,
  type BreakdownRow,
  type FundRow,
  type ResourceRow,
  type TitleRow,
  type TreeInput,
} from "./budget-tree.ts";
import { useTranslations } from "../i18n/index.ts";

const t = useTranslations("en");

const Y = "2024-25";
const funds: FundRow[] = [
  { fiscal_year: Y, fund: "01", restricted: false, column_code: ADOPTED, amount: "1000.00" },
  { fiscal_year: Y, fund: "01", restricted: true, column_code: ADOPTED, amount: "500.50" },
  { fiscal_year: Y, fund: "01", restricted: false, column_code: ACTUAL, amount: "900.00" },
  { fiscal_year: Y, fund: "01", restricted: true, column_code: ACTUAL, amount: "450.25" },
  { fiscal_year: Y, fund: "13", restricted: true, column_code: ACTUAL, amount: "10.01" },
  { fiscal_year: "2025-26", fund: "01", restricted: false, column_code: ADOPTED, amount: "1100.00" },
];
const resources: ResourceRow[] = [
  { fiscal_year: Y, fund: "01", resource: "0000", restricted: false, column_code: ADOPTED, amount: "1000.00" },
  { fiscal_year: Y, fund: "01", resource: "0000", restricted: false, column_code: ACTUAL, amount: "900.00" },
  { fiscal_year: Y, fund: "01", resource: "3010", restricted: true, column_code: ADOPTED, amount: "500.50" },
  { fiscal_year: Y, fund: "01", resource: "3010", restricted: true, column_code: ACTUAL, amount: "450.25" },
  { fiscal_year: Y, fund: "13", resource: "5310", restricted: true, column_code: ACTUAL, amount: "10.01" },
  { fiscal_year: "2025-26", fund: "01", resource: "0000", restricted: false, column_code: ADOPTED, amount: "1100.00" },
];
const b = (resource: string, code: string, column_code: string, amount: string): BreakdownRow => ({ fiscal_year: Y, fund: "01", resource, code, column_code, amount });
const goals = [b("3010", "1110", ACTUAL, "400.25"), b("3010", "5760", ACTUAL, "50.00"), b("3010", "1110", ADOPTED, "500.50")];
const functions = [b("3010", "1000", ACTUAL, "450.25")];
const objectGroups = [b("3010", "employee_benefits", ACTUAL, "50.25"), b("3010", "certificated_salaries", ACTUAL, "400.00")];
const titles: TitleRow[] = [
  { fiscal_year: Y, dimension: "fund", code: "01", title: "General Fund/County School Service Fund  " },
  { fiscal_year: Y, dimension: "resource", code: "3010", title: "ESSA: Title I, Part A\n" },
  { fiscal_year: Y, dimension: "resource", code: "0000", title: "unknown code" },
  { fiscal_year: Y, dimension: "goal", code: "1110", title: "General Education, K-12" },
];
const input: TreeInput = { funds, resources, goals, functions, objectGroups, titles };

describe("buildTree", () => {
  const tree = buildTree(input);

  it("has every year, oldest first, and defaults to the latest year with actuals", () => {
    expect(tree.years.map((y) => y.fiscal_year)).toEqual(["2024-25", "2025-26"]);
    expect(tree.defaultYear).toBe("2024-25");
    expect(tree.years[1]!.actual).toBeNull();
    expect(buildTree({ ...input, funds: funds.filter((f) => f.column_code === ADOPTED) }).defaultYear).toBe("2025-26");
    expect(buildTree({ funds: [], resources: [], goals: [], functions: [], objectGroups: [], titles: [] }).defaultYear).toBeNull();
  });

  it("adds up funds exactly, restricted and unrestricted, to the year's totals", () => {
    const y = tree.years[0]!;
    expect(y.adopted).toBe(150050n);
    expect(y.actual).toBe(136026n);
    expect(y.restricted).toEqual({ adopted: 50050n, actual: 46026n });
    expect(y.unrestricted).toEqual({ adopted: 100000n, actual: 90000n });
    expect(sumAmounts(y.funds)).toEqual({ adopted: y.adopted, actual: y.actual });
    const f13 = findFund(tree, Y, "13")!;
    expect(f13.adopted).toBeNull(); // no adopted lines: shown as "—", not $0
    expect(f13.actual).toBe(1001n);
  });

  it("orders funds by code, resources and breakdowns by size, object groups in SACS order", () => {
    const f = findFund(tree, Y, "01")!;
    expect(tree.years[0]!.funds.map((x) => x.code)).toEqual(["01", "13"]);
    expect(f.resources.map((r) => r.code)).toEqual(["0000", "3010"]);
    const t1 = f.resources[1]!;
    expect(t1.restricted).toBe(true);
    expect(t1.goals.map((g) => [g.code, g.adopted, g.actual])).toEqual([["1110", 50050n, 40025n], ["5760", null, 5000n]]);
    expect(t1.objectGroups.map((o) => o.code)).toEqual(["certificated_salaries", "employee_benefits"]);
    expect(sumAmounts(t1.functions).actual).toBe(t1.actual);
  });

  it("names codes in plain language beside their trimmed official titles", () => {
    const f = findFund(tree, Y, "01")!;
    expect(f.title).toBe("General Fund/County School Service Fund");
    expect(displayName(f, t)).toMatch(/^Main operating fund/);
    expect(officialLabel(f, t)).toBe("General Fund/County School Service Fund (01)");
    const [unrestricted, titleI] = f.resources;
    expect(unrestricted!.title).toBeNull(); // "unknown code" is no title
    expect(officialLabel(unrestricted!, t)).toBe("Resource 0000 (no official title)");
    expect(titleI!.title).toBe("ESSA: Title I, Part A");
    expect(chartLabel(titleI!, t)).toMatch(/\(Title I\) \(3010\)$/);
    expect(titleI!.objectGroups[0]!.title).toBe("Certificated Salaries (objects 1000–1999)");
    const fund13 = findFund(tree, Y, "13")!;
    expect(fund13.title).toBeNull();
    expect(displayName({ ...fund13, plain: null }, t)).toBe("Fund 13");
  });

  it("names items in a locale: plain names from the codes namespace, object-group titles with them", () => {
    const f = findFund(tree, Y, "01")!;
    const fund = localizeFund(f, "en");
    expect(fund.plain).toBe(f.plain);
    expect(fund.resources[1]!.objectGroups[0]!.title).toBe("Certificated Salaries (objects 1000–1999)");
    expect(fund.resources[1]!.goals[0]!.title).toBe("General Education, K-12"); // official titles are data
    expect(codeName({ code: "3010", dimension: "resource" }, t)).toBe("Resource 3010");
    expect(fundInSentence({ code: "13", title: null }, t)).toBe("fund 13");
    expect(fundInSentence(f, t)).toBe("the General Fund/County School Service Fund");
  });

  it("writes summaries, paths and anchors", () => {
    expect(yearSummary(tree.years[0]!, "Sample USD", t, "en")).toBe("In 2024-25, Sample USD spent $1,360 against an adopted budget of $1,501, across 2 funds.");
    expect(yearSummary(tree.years[1]!, "Sample USD", t, "en")).toMatch(/^For 2025-26, Sample USD adopted a budget of \$1,100 across one fund;/);
    expect(fundSummary(findFund(tree, Y, "01")!, Y, t, "en")).toMatch(/^In 2024-25, the General Fund\/County School Service Fund spent \$1,350 of an adopted \$1,501, from 2 programs/);
    const fa = useTranslations("fa");
    expect(yearSummary(tree.years[0]!, "Sample USD", fa, "fa")).not.toMatch(/[0-9]/);
    expect(fundSummary(findFund(tree, Y, "01")!, Y, fa, "fa")).toContain("۲۰۲۴-۲۵");
    expect(budgetPath()).toBe("budget/");
    expect(budgetPath(Y)).toBe("budget/2024-25/");
    expect(budgetPath(Y, "01")).toBe("budget/2024-25/01/");
    expect(resourceAnchor("3010")).toBe("resource-3010");
    expect(resourceAnchor("a b")).toBe("resource-a_b");
  });
});

describe("computeBudgetTree", () => {
  it("runs one query per level with parameters, and none without line items", async () => {
    const calls: { sql: string; params?: Record<string, unknown> }[] = [];
    const runner = (tables: string[]) => ({
      hasTable: async (t: string) => tables.includes(t),
      query: async <T,>(sql: string, params?: Record<string, unknown>) => {
        calls.push({ sql, params });
        return [] as T[];
      },
    });
    const empty = await computeBudgetTree(runner([]));
    expect(empty.hasLines).toBe(false);
    expect(calls).toHaveLength(0);
    await computeBudgetTree(runner(["line_items"]));
    expect(calls).toHaveLength(5); // fund, resource, goal, function, object group; no titles without codes
    for (const c of calls) expect(c.params).toEqual({ adopted: "BB", actual: "BA" });
    calls.length = 0;
    await computeBudgetTree(runner(["line_items", "codes"]));
    expect(calls).toHaveLength(6);
  });
});

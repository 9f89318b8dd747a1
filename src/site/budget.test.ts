import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeHomeFigures, groupMessageKey, localizeGroup, spending } from "./budget.ts";
import { formatters } from "../i18n/format.ts";
import { loadRelease, type ObjectGroupRow, type Rollup } from "./release.ts";
import { chartDescription, summarySentence } from "./summary.ts";
import { parseCents } from "./money.ts";
import { useTranslations } from "../i18n/index.ts";

const t = useTranslations("en");


const release = loadRelease(fileURLToPath(new URL("./__fixtures__/release", import.meta.url)));

function rollup(rows: Omit<ObjectGroupRow, "cents" | "phase" | "lines">[]): Rollup<ObjectGroupRow> {
  return {
    name: "object_groups",
    description: "",
    sql: "",
    columns: [],
    path: "rollups/object_groups.json",
    rows: rows.map((r) => ({ ...r, phase: "", lines: 1, cents: parseCents(r.amount) })),
  };
}

describe("computeHomeFigures on the fixture", () => {
  const f = computeHomeFigures(release.objectGroups, release.enrollment);

  it("uses the latest year with unaudited actuals and the newest adopted budget", () => {
    expect(f.year).toBe("2024-25");
    expect(f.newestBudgetYear).toBe("2025-26");
    expect(f.breakdownYear).toBe("2024-25");
    expect(f.yearsUsed).toEqual(["2024-25", "2025-26"]);
    expect(f.hasNewerBudget).toBe(true);
  });

  it("counts expenditure and other outgo only, exactly to the cent", () => {
    // Sums worked out by hand from the fixture (transfers, revenue, balance sheet and calculated lines excluded).
    expect(f.budget).toBe(167_100_000_000n); // $1,671,000,000.00
    expect(f.actual).toBe(165_443_098_685n); // $1,654,430,986.85
    expect(f.difference).toBe(-1_656_901_315n);
    expect(f.newestBudget).toBe(173_475_000_050n); // $1,734,750,000.50
    expect(spending(release.objectGroups.rows, "2023-24", "BA")).toBe(155_883_220_997n);
    expect(spending(release.objectGroups.rows, "2025-26", "BA")).toBeNull();
  });

  it("breaks spending down by group, adding up to the totals", () => {
    expect(f.groups.map((g) => g.key)).toEqual([
      "certificated_salaries",
      "classified_salaries",
      "employee_benefits",
      "books_supplies",
      "services_operating",
      "capital_outlay",
      "other_outgo",
    ]);
    expect(f.groups.reduce((s, g) => s + (g.actual ?? 0n), 0n)).toBe(f.actual);
    expect(f.groups.reduce((s, g) => s + (g.budget ?? 0n), 0n)).toBe(f.budget);
    const cert = f.groups[0]!;
    expect([cert.budget, cert.actual, cert.difference]).toEqual([64_050_000_000n, 65_234_567_891n, 1_184_567_891n]);
    expect(f.groups.at(-1)?.actual).toBe(-123_456n);
  });

  it("computes spending per student from the enrollment rollup", () => {
    expect(f.perPupil).toEqual({
      fiscal_year: "2024-25",
      enrollment: 97531,
      schools: 117,
      actual: 1_696_313n, // $1,654,430,986.85 / 97,531 = $16,963.13
      budget: 1_713_301n,
    });
    expect(computeHomeFigures(release.objectGroups, null).perPupil).toBeNull();
  });

  it("writes a one-sentence summary", () => {
    expect(summarySentence("Fixture Unified School District", f, t, "en")).toBe(
      "In 2024-25, Fixture Unified School District spent $1.65 billion, $16.6 million (1.0%) less than its " +
        "adopted budget of $1.67 billion; for 2025-26 it has adopted a budget of $1.73 billion.",
    );
  });

  it("writes the summary's numbers and years in the reader's locale", () => {
    const fa = summarySentence("Fixture Unified School District", f, useTranslations("fa"), "fa");
    expect(fa).toContain(formatters("fa").moneyLong(f.actual!));
    expect(fa).toContain("۲۰۲۵-۲۶");
    expect(fa).not.toMatch(/[0-9]/);
  });

  it("names the groups in the reader's language, keeping unknown groups' own names", () => {
    const g = localizeGroup(f.groups[0]!, t);
    expect(g).toMatchObject({ key: "certificated_salaries", label: "Certificated salaries", examples: "teachers, counselors, principals", budget: f.groups[0]!.budget });
    expect(groupMessageKey("books_supplies")).toBe("home.group.booksSupplies");
    const unknown = { key: "mystery_group", label: "Mystery group", objects: "", examples: "" };
    expect(localizeGroup(unknown, t)).toBe(unknown);
  });

  it("describes the chart by its largest groups", () => {
    expect(chartDescription(f, t, "en")).toBe(
      "Bar chart of the adopted budget and actual spending in 2024-25 by object group; the largest are " +
        "certificated salaries ($652 million, 39%), employee benefits ($431 million, 26%) and classified " +
        "salaries ($248 million, 15%) of actual spending.",
    );
  });
});

describe("computeHomeFigures edge cases", () => {
  it("falls back to the adopted budget when there are no actuals yet", () => {
    const f = computeHomeFigures(
      rollup([
        { fiscal_year: "2025-26", column_code: "BB", object_class: "expenditure", object_group: "certificated_salaries", amount: "100.00" },
        { fiscal_year: "2025-26", column_code: "BB", object_class: "revenue", object_group: "lcff", amount: "900.00" },
      ]),
      null,
    );
    expect(f.year).toBeNull();
    expect(f.actual).toBeNull();
    expect(f.newestBudget).toBe(10000n);
    expect(f.breakdownYear).toBe("2025-26");
    expect(f.groups.every((g) => g.actual === null)).toBe(true);
    expect(summarySentence("X", f, t, "en")).toBe("X adopted a budget of $100 for 2025-26; no actual spending has been reported yet.");
    expect(chartDescription(f, t, "en")).toBe(
      "Bar chart of the adopted budget in 2025-26 by object group; the largest is certificated salaries ($100, 100%).",
    );
  });

  it("handles actuals without a budget for the same year, and unknown groups", () => {
    const f = computeHomeFigures(
      rollup([
        { fiscal_year: "2023-24", column_code: "BA", object_class: "expenditure", object_group: "mystery_group", amount: "5.00" },
        { fiscal_year: "2023-24", column_code: "BA", object_class: "other_outgo", object_group: "other_outgo", amount: "1.00" },
        { fiscal_year: "2023-24", column_code: "BA", object_class: "other_financing", object_group: "transfers_out", amount: "7.00" },
      ]),
      null,
    );
    expect(f.year).toBe("2023-24");
    expect(f.actual).toBe(600n);
    expect(f.budget).toBeNull();
    expect(f.newestBudgetYear).toBeNull();
    expect(f.groups.at(-1)).toMatchObject({ key: "mystery_group", label: "Mystery group", actual: 500n, budget: null });
    expect(summarySentence("X", f, t, "en")).toBe("In 2023-24, X spent $6.");
  });

  it("does not present an older budget as the newest", () => {
    const f = computeHomeFigures(
      rollup([
        { fiscal_year: "2022-23", column_code: "BB", object_class: "expenditure", object_group: "capital_outlay", amount: "3.00" },
        { fiscal_year: "2023-24", column_code: "BA", object_class: "expenditure", object_group: "capital_outlay", amount: "4.00" },
      ]),
      null,
    );
    expect(f.year).toBe("2023-24");
    expect(f.budget).toBeNull();
    expect(f.newestBudgetYear).toBe("2022-23");
    expect(f.hasNewerBudget).toBe(false);
    expect(f.yearsUsed).toEqual(["2023-24"]);
    expect(summarySentence("X", f, t, "en")).toBe("In 2023-24, X spent $4.");
  });

  it("says so when there is nothing to show", () => {
    const f = computeHomeFigures(rollup([]), null);
    expect(f.groups).toEqual([]);
    expect(summarySentence("X", f, t, "en")).toBe("This release has no adopted budget or actual spending for X.");
    expect(chartDescription(f, t, "en")).toBe("No spending by object group is available.");
  });
});

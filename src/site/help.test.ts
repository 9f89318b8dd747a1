import { describe, expect, it } from "vitest";
import { computeHelpFigures, pickChoice, sitePageExists, type SpendingRow } from "./help.ts";

const s = (fiscal_year: string, column_code: string, amount: string, o: Partial<SpendingRow> = {}): SpendingRow => ({
  fiscal_year,
  column_code,
  amount,
  restricted: false,
  area: "schoolSites",
  salaries_benefits: true,
  ...o,
});

const spending: SpendingRow[] = [
  s("2023-24", "BB", "100.00"),
  s("2023-24", "BB", "20.00", { restricted: true, area: "centralOffice", salaries_benefits: false }),
  s("2023-24", "BA", "90.00"),
  s("2023-24", "BA", "18.50", { restricted: true, area: "centralOffice", salaries_benefits: false }),
  s("2024-25", "BB", "130.01"),
];

describe("help figures", () => {
  it("picks the latest year with actuals, else the latest adopted budget", () => {
    expect(pickChoice([{ fiscal_year: "2024-25", column_code: "BB" }, { fiscal_year: "2023-24", column_code: "BA" }])).toEqual({ year: "2023-24", column: "BA" });
    expect(pickChoice([{ fiscal_year: "2024-25", column_code: "BB" }])).toEqual({ year: "2024-25", column: "BB" });
    expect(pickChoice([])).toBeNull();
  });

  it("adds up exactly, by the split each figure needs", () => {
    const f = computeHelpFigures({
      revenue: [
        { fiscal_year: "2023-24", column_code: "BA", part: "lcff", amount: "70.10" },
        { fiscal_year: "2023-24", column_code: "BA", part: "federal", amount: "9.90" },
        { fiscal_year: "2024-25", column_code: "BB", part: "lcff", amount: "999.00" },
      ],
      spending,
      enrollment: [{ fiscal_year: "2023-24", students: "4" }],
      allocations: [
        { fiscal_year: "2023-24", column_code: "BB", part: "base", amount: "50.00", schools: 2 },
        { fiscal_year: "2023-24", column_code: "BB", part: "need_weight", amount: "10.00", schools: 2 },
        { fiscal_year: "2023-24", column_code: "BB", part: "", amount: "5.00", schools: 2 },
      ],
    });
    expect(f.revenue?.choice).toEqual({ year: "2023-24", column: "BA" });
    expect(f.revenue?.parts).toEqual([
      { key: "lcff", cents: 7010n },
      { key: "federal", cents: 990n },
      { key: "state", cents: 0n },
      { key: "local", cents: 0n },
    ]);
    expect(f.revenue?.total).toBe(8000n);
    expect(f.restricted?.parts).toEqual([
      { key: "restricted", cents: 1850n },
      { key: "unrestricted", cents: 9000n },
    ]);
    expect(f.salaries?.parts[0]).toEqual({ key: "salariesBenefits", cents: 9000n });
    expect(f.areas?.parts.find((p) => p.key === "centralOffice")?.cents).toBe(1850n);
    expect(f.perPupil).toEqual({ choice: { year: "2023-24", column: "BA" }, spending: 10850n, students: 4 });
    expect(f.variance).toEqual({ year: "2023-24", adopted: 12000n, actual: 10850n });
    expect(f.budgetChange).toEqual({ year: "2024-25", previousYear: "2023-24", adopted: 13001n, previous: 12000n });
    expect(f.allocationBasis?.choice).toEqual({ year: "2023-24", column: "BB" });
    // Bases with no money are left out; lines without a basis are kept, after the named ones.
    expect(f.allocationBasis?.parts.map((p) => p.key)).toEqual(["base", "need_weight", ""]);
    expect(f.allocationBasis?.total).toBe(6500n);
    expect(f.allocationBasis?.schools).toBe(2);
  });

  it("gives null figures when the release lacks what they need", () => {
    const f = computeHelpFigures({ revenue: [], spending: [s("2024-25", "BB", "1.00")], enrollment: null, allocations: null });
    expect(f.revenue).toBeNull();
    expect(f.variance).toBeNull(); // no actuals
    expect(f.perPupil).toBeNull(); // no enrollment
    expect(f.allocationBasis).toBeNull();
    expect(f.budgetChange).toBeNull(); // one budget year
    expect(f.restricted?.choice).toEqual({ year: "2024-25", column: "BB" });
  });

  it("compares budgets only of consecutive years", () => {
    const f = computeHelpFigures({ revenue: [], spending: [s("2021-22", "BB", "1.00"), s("2024-25", "BB", "2.00")], enrollment: null, allocations: null });
    expect(f.budgetChange).toBeNull();
  });

  it("knows which pages the site has", () => {
    expect(sitePageExists("budget-vs-actual/")).toBe(true);
    expect(sitePageExists("schools/")).toBe(true);
    expect(sitePageExists("glossary/#restricted")).toBe(true);
    expect(sitePageExists("no-such-page/")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { computeTrends, formatFte, formatTenthsPercent, parseFixed, shareTenths, trendsSummary, type SpendingRow } from "./trends.ts";
import { useTranslations } from "../i18n/index.ts";

const t = useTranslations("en");

const s = (fiscal_year: string, column_code: string, area: string, salaries_benefits: boolean, amount: string): SpendingRow => ({
  fiscal_year,
  column_code,
  area,
  salaries_benefits,
  amount,
});

const spending: SpendingRow[] = [
  s("2023-24", "BB", "school_sites", true, "700.00"),
  s("2023-24", "BB", "central_office", false, "300.00"),
  s("2023-24", "BA", "school_sites", true, "600.00"),
  s("2023-24", "BA", "school_sites", false, "100.00"),
  s("2023-24", "BA", "central_office", true, "150.00"),
  s("2023-24", "BA", "facilities", false, "100.00"),
  s("2023-24", "BA", "other", false, "50.01"),
  s("2024-25", "BB", "school_sites", true, "800.00"),
  s("2024-25", "BB", "mystery", false, "200.00"), // an unknown area still counts, as "other"
  s("2024-25", "BA", "school_sites", false, "990.00"),
  s("2025-26", "BB", "school_sites", true, "1100.00"),
];

describe("trends", () => {
  const f = computeTrends(
    spending,
    [
      { fiscal_year: "2023-24", column_code: "BB", amount: "1000000.00", fte: "12.5000" },
      { fiscal_year: "2023-24", column_code: "BA", amount: "990000.00", fte: "12.3750" },
      { fiscal_year: "2025-26", column_code: "BB", amount: "500000.00", fte: "3" },
    ],
    [
      { fiscal_year: "2023-24", enrollment: "3" },
      { fiscal_year: "2024-25", enrollment: "4" },
      { fiscal_year: "2025-26", enrollment: "4" },
    ],
  );
  const [y23, y24, y25] = f.years;

  it("uses actuals where the year has them, else the adopted budget, and says which", () => {
    expect(f.years.map((y) => [y.fiscal_year, y.basis])).toEqual([
      ["2023-24", "actual"],
      ["2024-25", "actual"],
      ["2025-26", "budget"],
    ]);
    expect(y23!.total).toBe(1000_01n);
    expect(y23!.adopted).toBe(1000_00n);
    expect(y23!.actual).toBe(1000_01n);
    expect(y25!.actual).toBeNull();
    expect(y25!.total).toBe(1100_00n);
  });

  it("splits spending by area and salaries-and-benefits, adding up to the total", () => {
    expect(y23!.areas).toEqual({ school_sites: 700_00n, central_office: 150_00n, facilities: 100_00n, other: 50_01n });
    expect(y23!.salariesBenefits).toBe(750_00n);
    expect(y24!.areas.other).toBe(0n); // the BB row of 2024-25 is not used: the year has actuals
    for (const y of f.years) expect(Object.values(y.areas).reduce((a, b) => a + b, 0n)).toBe(y.total);
  });

  it("computes spending per student in current and constant dollars", () => {
    expect(y23!.perPupil).toBe(333_34n); // 100,001 cents / 3, rounded
    expect(f.baseYear).toBe("2024-25");
    expect(y24!.perPupilConstant).toBe(y24!.perPupil);
    expect(y23!.perPupilConstant).toBe(342_54n); // 33,334 cents × 317731 / 309196 = 34,254.1… cents
    expect(y25!.perPupilConstant).toBeNull(); // prices not in the table
  });

  it("averages teachers' salaries over FTE, preferring actuals", () => {
    expect(y23!.teachers).toEqual({ basis: "actual", fte: 123_750n, salaries: 990_000_00n, average: 80_000_00n });
    expect(y24!.teachers).toBeNull();
    expect(y25!.teachers?.basis).toBe("budget");
    expect(formatFte(123_750n)).toBe("12");
    expect(formatFte(251_667_697n)).toBe("25,167");
  });

  it("parses fixed-point decimals exactly and refuses extra places", () => {
    expect(parseFixed("47366.9744", 4)).toBe(473_669_744n);
    expect(parseFixed("3", 4)).toBe(30_000n);
    expect(parseFixed("1.50000", 4)).toBe(15_000n);
    expect(() => parseFixed("1.00001", 4)).toThrow(/at most 4 places/);
    expect(() => parseFixed("abc", 4)).toThrow();
  });

  it("formats shares in tenths of a percent", () => {
    expect(formatTenthsPercent(shareTenths(1n, 3n)!)).toBe("33.3%");
    expect(formatTenthsPercent(shareTenths(2n, 3n)!)).toBe("66.7%");
    expect(shareTenths(1n, 0n)).toBeNull();
  });

  it("sums the trend in one sentence", () => {
    expect(trendsSummary(f, t, "en")).toMatch(
      /^Spending per student went from \$333 in 2023-24 to \$248 in 2024-25 \(down \d+\.\d% after inflation\), while enrollment rose from 3 to 4 students\.$/,
    );
    expect(trendsSummary(computeTrends([], null, null), t, "en")).toBe("This release has no spending to show over time.");
  });

  it("writes its numbers in the reader's locale", () => {
    const fa = trendsSummary(f, useTranslations("fa"), "fa");
    expect(fa).toContain("۲۰۲۳-۲۴");
    expect(fa).not.toMatch(/[0-9]/);
    expect(formatFte(251_667_697n, "fa")).toBe("۲۵٬۱۶۷");
  });
});

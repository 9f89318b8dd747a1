import { describe, expect, it } from "vitest";
import {
  computeVarianceFigures,
  districtVariance,
  groupSmallPrograms,
  largestVariances,
  programLabel,
  programVariance,
  restrictedSplit,
  sumComparisons,
  variancePercent,
  varianceSummary,
  type AmountRow,
  type ProgramRow,
} from "./variance.ts";
import { useTranslations } from "../i18n/index.ts";
import { formatters } from "../i18n/format.ts";

const t = useTranslations("en");

const district: AmountRow[] = [
  { fiscal_year: "2022-23", column_code: "BB", amount: "1000.00" },
  { fiscal_year: "2022-23", column_code: "BA", amount: "900.50" },
  { fiscal_year: "2023-24", column_code: "BB", amount: "2000.00" },
  { fiscal_year: "2023-24", column_code: "IB", amount: "1900.00" },
  { fiscal_year: "2023-24", column_code: "BA", amount: "1850.01" },
  { fiscal_year: "2024-25", column_code: "BB", amount: "2100.00" }, // budget only: not a comparison year
];

const p = (fiscal_year: string, resource: string, column_code: string, amount: string, restricted = resource >= "2000", title: string | null = `Program ${resource}`): ProgramRow => ({
  fiscal_year,
  resource,
  column_code,
  amount,
  restricted,
  title,
});

const programs: ProgramRow[] = [
  p("2023-24", "0000", "BB", "1200.00", false, "Unrestricted"),
  p("2023-24", "0000", "IB", "1150.00", false, "Unrestricted"),
  p("2023-24", "0000", "BA", "1100.00", false, "Unrestricted"),
  p("2023-24", "6500", "BB", "500.00"),
  p("2023-24", "6500", "IB", "480.00"),
  p("2023-24", "6500", "BA", "520.00"), // over-spend
  p("2023-24", "3010", "BB", "290.00"),
  p("2023-24", "3010", "IB", "260.00"),
  p("2023-24", "3010", "BA", "225.00"), // restricted under-spend
  p("2023-24", "9010", "BB", "6.00", true, "unknown code"),
  p("2023-24", "9010", "BA", "4.01", true, "unknown code"),
  p("2023-24", "7810", "BB", "4.00", true, null),
  p("2023-24", "7810", "IB", "10.00", true, null),
  p("2023-24", "7810", "BA", "1.00", true, null),
];

describe("district-wide variance", () => {
  it("covers only years with unaudited actuals, with revised where present", () => {
    const years = districtVariance(district);
    expect(years.map((y) => y.fiscal_year)).toEqual(["2022-23", "2023-24"]);
    expect(years[0]).toEqual({ fiscal_year: "2022-23", adopted: 1000_00n, revised: null, actual: 900_50n });
    expect(years[1]).toEqual({ fiscal_year: "2023-24", adopted: 2000_00n, revised: 1900_00n, actual: 1850_01n });
  });

  it("gives variance percentages of the budget, exactly", () => {
    expect(variancePercent(900_50n, 1000_00n)).toBe("-10.0%"); // -9.95% rounds away from zero
    expect(variancePercent(1850_01n, 1900_00n)).toBe("-2.6%");
    expect(variancePercent(null, 1n)).toBeNull();
    expect(variancePercent(5n, 0n)).toBeNull();
    expect(variancePercent(900_50n, 1000_00n, formatters("es"))).toBe("-10,0\u00a0%");
  });

  it("sums one sentence for the top of the page", () => {
    const f = computeVarianceFigures(district, programs, t);
    expect(varianceSummary(f, "Test USD", t, "en")).toBe(
      "In 2023-24, Test USD spent $1,850, $150 (7.5%) less than its adopted budget of $2,000 and $50 less than the revised budget.",
    );
    expect(varianceSummary(computeVarianceFigures([], [], t), "Test USD", t, "en")).toContain("no actual spending");
    const fa = varianceSummary(f, "Test USD", useTranslations("fa"), "fa");
    expect(fa).toContain(formatters("fa").moneyLong(1850_01n));
    expect(fa).not.toMatch(/[0-9]/);
  });
});

describe("by program", () => {
  const all = programVariance(programs, "2023-24", t);

  it("orders programs by actual spending and names them with official titles and codes", () => {
    expect(all.map((x) => x.resource)).toEqual(["0000", "6500", "3010", "9010", "7810"]);
    expect(all[1]!.label).toBe("Program 6500 (6500)");
    expect(programLabel("9010", "unknown code", t)).toBe("Resource 9010 (no official title)");
    expect(programLabel("7810", null, t)).toBe("Resource 7810 (no official title)");
    expect(programLabel("6500", "  Special Education \n", t)).toBe("Special Education (6500)");
  });

  it("groups small programs as all other programs without changing the totals", () => {
    const grouped = groupSmallPrograms(all, t, "en", { maxNamed: 3 });
    expect(grouped.map((x) => x.label)).toEqual(["Unrestricted (0000)", "Program 6500 (6500)", "Program 3010 (3010)", "All other programs (2)"]);
    expect(grouped[3]).toMatchObject({ adopted: 10_00n, revised: 10_00n, actual: 5_01n, programs: 2, restricted: true });
    expect(sumComparisons(grouped)).toEqual(sumComparisons(all));
    // Below 1% of the total (9010 and 7810 here) is grouped even when there is room.
    expect(groupSmallPrograms(all, t, "en").map((x) => x.programs)).toEqual([1, 1, 1, 2]);
    // A single leftover program keeps its own name.
    expect(groupSmallPrograms(all, t, "en", { maxNamed: 4, minShareBasisPoints: 0n }).at(-1)!.resource).toBe("7810");
  });

  it("splits restricted and unrestricted money", () => {
    const split = restrictedSplit(all);
    expect(split.unrestricted).toEqual({ adopted: 1200_00n, revised: 1150_00n, actual: 1100_00n });
    expect(split.restricted).toEqual({ adopted: 800_00n, revised: 750_00n, actual: 750_01n });
  });

  it("finds the largest under- and over-spends against the adopted budget", () => {
    const h = largestVariances(all, 2);
    expect(h.under.map((x) => x.resource)).toEqual(["0000", "3010"]);
    expect(h.over.map((x) => x.resource)).toEqual(["6500"]);
    expect(largestVariances(all.filter((x) => x.restricted)).under.map((x) => x.resource)).toEqual(["3010", "7810", "9010"]);
  });
});

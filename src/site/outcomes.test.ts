import { describe, expect, it } from "vitest";
import { useTranslations } from "../i18n/index.ts";
import type { EquitySchool } from "./equity.ts";
import { MEASURES, associationTable, associationYear, formatPercentTick, formatTenths, goalGroup, toGoals, toOutcomeYears, weightedTenths } from "./outcomes.ts";

const t = useTranslations("en");

describe("outcomes", () => {
  it("orders goals by spending with exact shares", () => {
    const g = toGoals([
      { fiscal_year: "2024-25", goal: "0000", title: "Undistributed", amount: "300.00" },
      { fiscal_year: "2024-25", goal: "1110", title: "General Education, K-12", amount: "600.00" },
      { fiscal_year: "2024-25", goal: "5760", title: "Special Education, Ages 5–22", amount: "100.01" },
    ]);
    expect(g.year).toBe("2024-25");
    expect(g.total).toBe(100_001n);
    expect(g.goals.map((x) => x.code)).toEqual(["1110", "0000", "5760"]);
    expect(g.goals.map((x) => x.shareTenths)).toEqual([600n, 300n, 100n]);
    expect(t(goalGroup("5760"))).toBe("Special education");
    expect(t(goalGroup("0000"))).toMatch(/^Undistributed/);
    expect(g.goals.map((x) => x.group)).toEqual(["outcomes.goalGroup.general", "outcomes.goalGroup.undistributed", "outcomes.goalGroup.special"]);
    expect(toGoals([])).toEqual({ year: null, goals: [], total: 0n });
  });

  it("weights school percentages by students, exactly", () => {
    // (50.00 × 100 + 20.00 × 300) / 400 = 27.5%
    const years = toOutcomeYears([
      { fiscal_year: "2024-25", measure: "ela_proficiency", weighted: "11000.00", students: "400", schools: 2 },
      { fiscal_year: "2023-24", measure: "math_proficiency", weighted: "3333.33", students: "100", schools: 1 },
      { fiscal_year: "2023-24", measure: "unknown_measure", weighted: "1.00", students: "1", schools: 1 },
    ]);
    expect(years.map((y) => y.year)).toEqual(["2023-24", "2024-25"]);
    expect(formatTenths(years[1]!.values.ela_proficiency!.tenths)).toBe("27.5%");
    expect(formatTenths(years[0]!.values.math_proficiency!.tenths)).toBe("33.3%");
    expect(Object.keys(years[0]!.values)).toEqual(["math_proficiency"]);
    expect(weightedTenths(0n, 0n)).toBeNull();
    expect(formatTenths(null)).toBe("—");
    expect(formatTenths(275n, "es")).toBe("27,5\u00a0%");
    expect(formatTenths(1000n, "fa")).toBe("۱۰۰٫۰٪");
    expect([formatPercentTick(50), formatPercentTick(50, "fa")]).toEqual(["50%", "۵۰٪"]);
    expect(MEASURES.map((m) => t(m.label))).toEqual(["English language arts", "Mathematics", "Chronically absent", "Graduation rate"]);
  });

  it("uses the latest year with both outcomes and allocations", () => {
    const alloc = [
      { fiscal_year: "2024-25", has_actual: true, has_adopted: true },
      { fiscal_year: "2025-26", has_actual: false, has_adopted: true },
    ];
    expect(associationYear(["2023-24", "2024-25"], alloc)).toEqual({ year: "2024-25", column: "BA" });
    expect(associationYear(["2020-21"], alloc)).toBeNull();
  });

  it("splits each need band at its median per-student figure", () => {
    const school = (code: string, band: 1 | 2 | 3 | 4, perPupil: bigint): EquitySchool => ({
      code, name: code, region: null, cents: perPupil * 10n, enrollment: 10, perPupil, needIndex: null, needBand: band,
      shares: { low_income: null, english_learners: null, students_with_disabilities: null },
    });
    const schools = [school("a", 1, 100n), school("b", 1, 200n), school("c", 1, 300n), school("d", 2, 500n)];
    const outcomes = [
      { school_code: "a", measure: "ela_proficiency", value: "40.00", students: 10 },
      { school_code: "b", measure: "ela_proficiency", value: "60.00", students: 30 },
      { school_code: "c", measure: "ela_proficiency", value: "70.00", students: 10 },
      { school_code: "d", measure: "ela_proficiency", value: "50.00", students: 10 },
    ];
    const rows = associationTable(schools, outcomes);
    expect(rows).toHaveLength(8);
    const [lower, higher] = rows;
    expect(lower).toMatchObject({ band: 1, half: "lower", schools: 2, median: 150n });
    expect(lower!.values.ela_proficiency).toBe(550n); // (40×10 + 60×30) / 40 = 55.0
    expect(higher).toMatchObject({ band: 1, half: "higher", schools: 1, median: 300n });
    expect(higher!.values.math_proficiency).toBeNull();
    expect(rows[2]).toMatchObject({ band: 2, half: "lower", schools: 1 });
    expect(rows[3]).toMatchObject({ band: 2, half: "higher", schools: 0, median: null });
    expect(rows[4]).toMatchObject({ band: 3, schools: 0 });
  });
});

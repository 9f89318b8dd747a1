import { describe, expect, it } from "vitest";
import { useTranslations } from "../i18n/index.ts";
import {
  bandsOf,
  byNeedBand,
  byRegion,
  byShare,
  correlation,
  describeCorrelation,
  formatMillionsIn,
  formatR,
  formatShare,
  groupFigures,
  medianCents,
  pickYear,
  toSchools,
  type NeedIndexRow,
  type SchoolFigureRow,
} from "./equity.ts";

const row = (code: string, region: string | null, amount: string, enrollment: number | null, low = 0): SchoolFigureRow => ({
  school_code: code,
  name: `School ${code}`,
  type: "elementary",
  region,
  amount,
  enrollment,
  low_income: enrollment === null ? null : low,
  english_learners: null,
  students_with_disabilities: enrollment === null ? null : 1,
});
const rows = [
  row("0000001", "North", "1000000.00", 100, 10), // $10,000 per student
  row("0000002", "North", "1200000.01", 100, 50), // $12,000.0001 → $12,000.00
  row("0000003", "South", "1500000.00", 100, 80), // $15,000
  row("0000004", "South", "2000000.00", 100, 90), // $20,000
  row("0000005", null, "300000.00", null), // no enrollment: left out of per-student figures
];
const need: NeedIndexRow[] = [
  { fiscal_year: "2025-26", school_code: "0000001", need_index: "20.00" },
  { fiscal_year: "2025-26", school_code: "0000002", need_index: 40 },
  { fiscal_year: "2025-26", school_code: "0000003", need_index: 60 },
  { fiscal_year: "2025-26", school_code: "0000004", need_index: 80 },
];

const t = useTranslations("en");
/** A translator that shows which message and variables were chosen, to check the wiring in any locale. */
const keys = (key: string, vars?: Record<string, string | number>) => `${key}${vars ? JSON.stringify(vars) : ""}`;

describe("equity", () => {
  const bands = bandsOf(need)!;
  const schools = toSchools(rows, need, bands);

  it("shows the latest year with allocations, actual spending where it has it", () => {
    expect(pickYear([])).toBeNull();
    expect(pickYear([{ fiscal_year: "2024-25", has_actual: true, has_adopted: true }, { fiscal_year: "2025-26", has_actual: false, has_adopted: true }])).toEqual({ year: "2025-26", column: "BB" });
    expect(pickYear([{ fiscal_year: "2025-26", has_actual: true, has_adopted: true }, { fiscal_year: "2024-25", has_actual: true, has_adopted: true }])).toEqual({ year: "2025-26", column: "BA" });
  });

  it("computes per-student figures exactly, to the cent, and bands schools by need quartile", () => {
    expect(schools.map((s) => s.perPupil)).toEqual([1_000_000n, 1_200_000n, 1_500_000n, 2_000_000n, null]);
    expect(schools.map((s) => s.needBand)).toEqual([1, 2, 3, 4, null]);
    expect(schools[0]!.shares.low_income).toBe(10);
    expect(schools[4]!.shares.low_income).toBeNull();
  });

  it("averages per student over students (sum ÷ sum) and takes the median school", () => {
    const all = groupFigures("all", "All", schools);
    expect(all).toMatchObject({ schools: 4, students: 400, cents: 570_000_001n, average: 1_425_000n, median: 1_350_000n });
    expect(medianCents([5n, 1n, 3n])).toBe(3n);
    expect(medianCents([1n, 2n])).toBe(2n); // 1.5 cents rounds half away from zero
    expect(medianCents([])).toBeNull();
    const byBand = byNeedBand(schools, (b) => `band ${b}`);
    expect(byBand.map((g) => g.average)).toEqual([1_000_000n, 1_200_000n, 1_500_000n, 2_000_000n]);
  });

  it("groups by region, with schools without a region last", () => {
    const regions = byRegion(schools, t);
    expect(regions.map((r) => r.label)).toEqual(["North", "South", "No region given"]);
    expect(regions[0]!.average).toBe(1_100_000n);
    expect(regions[2]!.schools).toBe(0);
    expect(regions[2]!.average).toBeNull();
    expect(byRegion(schools, keys).map((r) => r.label)).toEqual(["North", "South", "equity.noRegion"]); // names are data
  });

  it("splits schools into quarters by a share of enrollment", () => {
    const sb = byShare(schools, "low_income", "Low-income students", t)!;
    expect(sb.groups.map((g) => g.schools)).toEqual([1, 1, 1, 1]);
    expect(sb.groups[0]!.detail).toBe("40.0% or less"); // quantile_cont of 10, 50, 80, 90
    expect(sb.groups.map((g) => g.label)).toEqual(["Lowest quarter", "Second quarter", "Third quarter", "Highest quarter"]);
    expect(sb.groups[1]!.detail).toBe("above 40.0% up to 65.0%");
    expect(byShare(schools, "english_learners", "English learners", t)).toBeNull();
    const fa = byShare(schools, "low_income", "", keys, "fa")!;
    expect(fa.groups[3]!.detail).toBe('equity.shareRangeHighest{"low":"۸۲٫۵٪"}');
  });

  it("describes the association in plain words", () => {
    const r = correlation(schools.filter((s) => s.perPupil !== null).map((s) => [s.needIndex!, Number(s.perPupil)] as const))!;
    expect(r).toBeGreaterThan(0.9);
    expect(describeCorrelation(r, t)).toBe("a strong positive association");
    expect(describeCorrelation(-0.2, t)).toBe("a weak negative association");
    expect(describeCorrelation(0.4, t)).toBe("a moderate positive association");
    expect(describeCorrelation(0.05, t)).toBe("almost no association");
    expect(describeCorrelation(-0.6, keys)).toBe("equity.correlation.strongNegative");
    expect(formatR(-0.156)).toBe("\u22120.16");
    expect(formatR(0.5, "fa")).toBe("۰٫۵۰");
    expect(correlation([[1, 1], [1, 2], [1, 3]])).toBeNull();
  });

  it("writes shares and $ millions in the page's locale, exactly", () => {
    expect(formatShare(12.25)).toBe("12.3%");
    expect(formatShare(12.25, "es")).toBe("12,3\u00a0%");
    expect(formatMillionsIn(165_443_098_700n)).toBe("1,654.4");
    expect(formatMillionsIn(165_443_098_700n, "es")).toBe("1654,4");
    expect(formatMillionsIn(165_443_098_700n, "fa")).toBe("۱٬۶۵۴٫۴");
    expect(formatMillionsIn(100_000_000n, "ko")).toBe("1.0");
  });
});

import { describe, expect, it } from "vitest";
import { formatters } from "../i18n/format.ts";
import { useTranslations } from "../i18n/index.ts";
import { needBands } from "./need.ts";
import {
  addDecimals,
  compareWithSimilar,
  directoryFilters,
  directoryRows,
  formatFte,
  formatPercent,
  gradeSpan,
  matchesFilter,
  medianCents,
  outcomeTable,
  percentOf,
  perPupil,
  receiptOf,
  regionSlugs,
  schoolSummary,
  slugify,
  typeCount,
  typeLabel,
  type EnrollmentYear,
  type School,
  type SchoolData,
} from "./schools.ts";

const t = useTranslations("en");
const en = formatters("en");
/** A translator that shows which message and variables were chosen, to check the wiring in any locale. */
const keys = (key: string, vars?: Record<string, string | number>) => `${key}${vars ? JSON.stringify(vars) : ""}`;

const school = (code: string, type: string, region: string | null, name = `School ${code}`): School => ({
  code,
  name,
  type,
  lowGrade: "K",
  highGrade: "5",
  region,
  city: null,
  charter: "N",
  opened: null,
  closed: null,
});

const enrolled = (year: string, enrollment: number, needIndex: number | null): EnrollmentYear => ({
  year,
  enrollment,
  counts: { low_income: Math.round(enrollment / 2), english_learners: null },
  needIndex,
});

/** Four elementary schools and one high school; need index 10, 20, 30, 40, 50 → bands by quartile. */
function fixture(): SchoolData {
  const schools = [
    school("0000001", "elementary", "Region East", "Alder"),
    school("0000002", "elementary", "Region East", "Birch"),
    school("0000003", "elementary", "Region West", "Cedar"),
    school("0000004", "elementary", "Region West", "Dogwood"),
    school("0000005", "high", null, "Elm High"),
  ];
  const need = [10, 12, 14, 40, 50];
  const enrollment = new Map(schools.map((s, i) => [s.code, [enrolled("2024-25", 100, need[i]!), enrolled("2025-26", 300, need[i]!)]]));
  const bb = ["300000.00", "330000.01", "390000.00", "600000.00", "900000.00"];
  const totals = new Map(
    schools.map((s, i) => [
      s.code,
      [
        { year: "2024-25", column: "BA", cents: 99_999n, fte: null },
        { year: "2024-25", column: "BB", cents: 100_000n, fte: null },
        { year: "2025-26", column: "BB", cents: BigInt(bb[i]!.replace(".", "")), fte: "3.5000" },
      ],
    ]),
  );
  return {
    has: { schools: true, allocations: true, enrollment: true, outcomes: true, codes: true },
    schools,
    enrollment,
    outcomes: new Map([
      [
        "0000005",
        [
          { year: "2023-24", measure: "graduation_rate", value: 88.5, students: 200 },
          { year: "2024-25", measure: "ela_proficiency", value: 41.25, students: 800 },
          { year: "2024-25", measure: "graduation_rate", value: 90, students: 210 },
        ],
      ],
    ]),
    totals,
    receipt: new Map([
      [
        "0000001",
        [
          { year: "2025-26", column: "BB", basis: "base", resource: "0000", cents: 20_000_000n, fte: "2.5000" },
          { year: "2025-26", column: "BB", basis: "need_weight", resource: "0000", cents: 5_000_000n, fte: "0.2500" },
          { year: "2025-26", column: "BB", basis: "categorical", resource: "3010", cents: 4_000_000n, fte: null },
          { year: "2025-26", column: "BB", basis: "central", resource: "6500", cents: 1_000_000n, fte: "0.7500" },
          { year: "2025-26", column: "BA", basis: "base", resource: "0000", cents: 19_000_001n, fte: "2.0000" },
        ],
      ],
    ]),
    resourceTitles: new Map([
      ["2025-26|0000", "Unrestricted"],
      ["2025-26|3010", "ESSA: Title I, Part A"],
    ]),
    bands: needBands("2025-26", need),
    latestAllocationYear: "2025-26",
  };
}

describe("school receipt", () => {
  it("adds the receipt by basis and by resource exactly, in the documented order, with titles", () => {
    const r = receiptOf(fixture(), "0000001", t)!;
    expect(r.year).toBe("2025-26");
    expect(r.budgetTotal).toBe(30_000_000n);
    expect(r.actualTotal).toBe(19_000_001n);
    expect(r.fte).toBe("3.5000");
    expect(r.byBasis.map((b) => [b.key, b.budget, b.actual])).toEqual([
      ["base", 20_000_000n, 19_000_001n],
      ["need_weight", 5_000_000n, null],
      ["categorical", 4_000_000n, null],
      ["central", 1_000_000n, null],
    ]);
    expect(r.byResource.map((b) => [b.key, b.label, b.budget])).toEqual([
      ["0000", "Unrestricted", 25_000_000n],
      ["3010", "ESSA: Title I, Part A", 4_000_000n],
      ["6500", "title not in the release's code list", 1_000_000n],
    ]);
    expect(r.byBasis.map((b) => b.label)).toEqual(["Per-pupil base", "Need-based weights", "Categorical programs", "Centrally funded positions"]);
    // Words are messages (official titles stay data): another locale gets its own labels, the same titles.
    const other = receiptOf(fixture(), "0000001", keys)!;
    expect(other.byBasis[1]!.label).toBe("schools.basis.needWeight");
    expect(other.byResource.map((b) => b.label)).toEqual(["Unrestricted", "ESSA: Title I, Part A", "schools.receipt.titleMissing"]);
  });

  it("is null for a school without an adopted allocation", () => {
    expect(receiptOf(fixture(), "0000002", t)).toBeNull();
  });
});

describe("per pupil and similar schools", () => {
  it("divides the BB total by that year's enrollment, to the cent", () => {
    const data = fixture();
    expect(perPupil(data, "0000002", "2025-26")).toBe(110_000n); // $330,000.01 / 300 = $1,100.00003
    expect(perPupil(data, "0000002", "2023-24")).toBeNull();
  });

  it("compares with schools of the same type and need band only", () => {
    const data = fixture();
    // need 10, 12, 14, 40, 50 → cuts 12, 14, 40: Alder band 1; Birch band 1; Cedar 2; Dogwood 3; Elm High 4.
    const c = compareWithSimilar(data, data.schools[0]!, "2025-26")!;
    expect(c).toMatchObject({ band: 1, type: "elementary", schools: 2, below: 0, value: 100_000n, low: 100_000n, high: 110_000n });
    expect(c.median).toBe(105_000n);
    const alone = compareWithSimilar(data, data.schools[4]!, "2025-26")!;
    expect(alone.schools).toBe(1);
  });

  it("takes the median of an even count as the mean of the middle two, rounded to the cent", () => {
    expect(medianCents([1n, 2n])).toBe(2n); // 1.5 rounds half away from zero
    expect(medianCents([1n, 5n, 9n])).toBe(5n);
  });

  it("says it all in one sentence", () => {
    const data = fixture();
    const s = data.schools[0]!;
    const text = schoolSummary(s, receiptOf(data, s.code, t), data.enrollment.get(s.code)![1]!, compareWithSimilar(data, s, "2025-26"), t, en);
    expect(text).toBe(
      "In 2025-26, the district's adopted budget allocated $300,000 to Alder, $1,000 for each of its 300 students; the median for the 2 elementary schools with similar need was $1,050.",
    );
    expect(schoolSummary(s, receiptOf(data, s.code, t), null, null, t, en)).toBe("In 2025-26, the district's adopted budget allocated $300,000 to Alder.");
    expect(schoolSummary(data.schools[1]!, null, null, null, t, en)).toBe(
      "The district has not published a school-level allocation for Birch.",
    );
  });

  it("writes the summary as one message per variant, with the locale's numbers", () => {
    const data = fixture();
    const s = data.schools[0]!;
    const text = schoolSummary(s, receiptOf(data, s.code, keys), data.enrollment.get(s.code)![1]!, compareWithSimilar(data, s, "2025-26"), keys, formatters("fa"));
    expect(text.startsWith("schools.summary.allocatedEachMedian{")).toBe(true);
    const vars = JSON.parse(text.slice(text.indexOf("{"))) as Record<string, unknown>;
    expect(vars).toMatchObject({ year: "۲۰۲۵-۲۶", name: "Alder", students: "۳۰۰", count: 300 });
    expect(vars["similar"]).toBe('schools.typeCount.elementary{"count":2,"n":"۲"}');
    expect(typeCount("elementary", 1, t)).toBe("1 elementary school");
    expect(typeCount("elementary", 1200, t, "1,200")).toBe("1,200 elementary schools");
    expect(typeCount("boarding", 3, t)).toBe("3 schools of type “boarding”");
    expect([typeLabel("span", t), typeLabel("boarding", t)]).toEqual(["Span (K–8 or K–12)", "boarding"]);
  });
});

describe("directory", () => {
  it("lists every school with its per-pupil allocation and need band, and filters by region, type and need", () => {
    const data = fixture();
    const rows = directoryRows(data, (code) => `/schools/${code}/`);
    expect(rows.map((r) => r.href)).toEqual(data.schools.map((s) => `/schools/${s.code}/`));
    expect(rows.map((r) => r.needBand)).toEqual([1, 1, 2, 3, 4]);
    expect(rows[2]!.perPupil).toBe(130_000n);
    const slugs = regionSlugs(data.schools);
    expect([...slugs]).toEqual([
      ["Region East", "region-east"],
      ["Region West", "region-west"],
    ]);
    const groups = directoryFilters(rows, slugs, t);
    expect(groups.map((g) => [g.kind, g.options.map((o) => `${o.value}:${o.count}`)])).toEqual([
      ["region", ["region-east:2", "region-west:2"]],
      ["type", ["elementary:4", "high:1"]],
      ["need", ["1:2", "2:1", "3:1", "4:1"]],
    ]);
    expect(groups.map((g) => g.heading)).toEqual(["Region", "Type", "Need"]);
    expect(groups[1]!.options.map((o) => o.label)).toEqual(["Elementary", "High"]);
    expect(groups[2]!.options[3]!.label).toBe("Highest need");
    expect(rows.filter((r) => matchesFilter(r, { kind: "region", value: "region-west", label: "" }, slugs)).map((r) => r.school.name)).toEqual(["Cedar", "Dogwood"]);
  });

  it("gives distinct slugs to regions whose names differ only in punctuation", () => {
    const slugs = regionSlugs([school("1", "high", "North-East"), school("2", "high", "North East"), school("3", "high", "Ñorth")]);
    expect(new Set(slugs.values()).size).toBe(3);
    expect(slugify("Región Sur")).toBe("region-sur");
  });
});

describe("small formatters", () => {
  it("adds FTE exactly and formats it", () => {
    expect(addDecimals(["0.1000", "0.2", null, "1"])).toBe("1.3000");
    expect(addDecimals([null])).toBeNull();
    expect(formatFte("12.9000")).toBe("12.9");
    expect(formatFte("1.0467")).toBe("1.05");
    expect(formatFte(null)).toBe("—");
    expect(formatFte("1234.5000", "es")).toBe("1234,5");
    expect(formatFte("12.9000", "fa")).toBe("۱۲٫۹");
  });

  it("writes grade spans and shares of enrollment", () => {
    expect(gradeSpan({ lowGrade: "TK", highGrade: "5" })).toBe("TK–5");
    expect(gradeSpan({ lowGrade: "9", highGrade: "9" })).toBe("9");
    expect(gradeSpan({ lowGrade: null, highGrade: null })).toBeNull();
    expect(percentOf(1, 3)).toBe("33.3%");
    expect(percentOf(null, 3)).toBe("—");
    expect(percentOf(2, 0)).toBe("—");
    expect(percentOf(1, 3, en)).toBe("33.3%");
    expect(percentOf(1, 3, formatters("es"))).toBe("33,3\u00a0%");
    expect(formatPercent(41.25)).toBe("41.3%");
    expect(formatPercent(41.25, formatters("fa"))).toBe("۴۱٫۳٪");
  });

  it("tables outcomes by year with measures in a fixed order and gaps for missing years", () => {
    const table = outcomeTable(fixture(), "0000005", t);
    expect(table.years).toEqual(["2023-24", "2024-25"]);
    expect(table.measures.map((m) => [m.measure, m.values.map((v) => v?.value ?? null)])).toEqual([
      ["ela_proficiency", [null, 41.25]],
      ["graduation_rate", [88.5, 90]],
    ]);
    expect(table.measures.map((m) => [m.label, m.short])).toEqual([
      ["English language arts: met or exceeded standard", "ELA"],
      ["Graduation rate", "Graduation"],
    ]);
  });
});

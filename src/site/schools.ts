// School directory and school pages: build-time data.
//
// About 1,000 school pages are built from the same few tables, so `loadSchoolData()` runs ONE query per
// table for every school at once (cached in a module-level promise) and the pages slice it per school.
// Each query is written once with a `$code` parameter: the build runs it with $code = NULL (every school);
// the page shows it with $code = that school's code, which returns exactly the rows the page shows, so a
// reader can re-run it on the release.
//
// Amounts are summed in SQL as DECIMAL, cast to VARCHAR, parsed to BigInt cents (money.ts) and only ever
// added as BigInt. Every optional table may be absent: the matching fields are then empty and the pages
// say so.
//
// Words (type and basis labels, group names, the summary sentence) are i18n messages in the "schools"
// namespace: functions that return words take the page's `t` (and formatters); data values (names,
// regions, official titles) are never translated.

import type { Formatters } from "../i18n/format.ts";
import type { TFunction } from "../i18n/index.ts";
import { divRound, parseCents } from "./money.ts";
import { needBandLabel, needBandOf, needBands, type NeedBand, type NeedBands } from "./need.ts";
import { hasTable, query } from "./query.ts";

// ---------------------------------------------------------------------------------------------------
// Queries (shown on the pages through QueryDisclosure)

const BY_SCHOOL = "($code IS NULL OR school_code = $code)";

export const SCHOOLS_SQL = `SELECT school_code, name, type, low_grade, high_grade, region, city, charter, opened, closed
FROM schools
WHERE ${BY_SCHOOL}
ORDER BY name, school_code`;

export const ENROLLMENT_SQL = `SELECT school_code, fiscal_year, CAST(enrollment AS INTEGER) AS enrollment,
  CAST(low_income AS INTEGER) AS low_income, CAST(english_learners AS INTEGER) AS english_learners,
  CAST(students_with_disabilities AS INTEGER) AS students_with_disabilities,
  CAST(foster_youth AS INTEGER) AS foster_youth, CAST(homeless AS INTEGER) AS homeless,
  CAST(hispanic AS INTEGER) AS hispanic, CAST(black AS INTEGER) AS black, CAST(white AS INTEGER) AS white,
  CAST(asian AS INTEGER) AS asian, CAST(filipino AS INTEGER) AS filipino,
  CAST(pacific_islander AS INTEGER) AS pacific_islander, CAST(american_indian AS INTEGER) AS american_indian,
  CAST(two_or_more AS INTEGER) AS two_or_more, CAST(need_index AS DOUBLE) AS need_index
FROM enrollment
WHERE ${BY_SCHOOL}
ORDER BY school_code, fiscal_year`;

export const OUTCOMES_SQL = `SELECT school_code, fiscal_year, measure, CAST(value AS DOUBLE) AS value,
  CAST(students AS INTEGER) AS students
FROM outcomes
WHERE ${BY_SCHOOL}
ORDER BY school_code, fiscal_year, measure`;

/** Every school's allocation total by year and column code (BB adopted, IB revised, BA actual). */
export const ALLOCATION_TOTALS_SQL = `SELECT school_code, fiscal_year, column_code,
  CAST(sum(amount) AS VARCHAR) AS amount, CAST(sum(fte) AS VARCHAR) AS fte
FROM allocations
WHERE ${BY_SCHOOL}
GROUP BY school_code, fiscal_year, column_code
ORDER BY school_code, fiscal_year, column_code`;

/**
 * The receipt: the school's latest fiscal year with an adopted allocation (BB), by basis and resource,
 * adopted (BB) and actual (BA, where published).
 */
export const RECEIPT_SQL = `WITH receipt_year AS (
  SELECT school_code, max(fiscal_year) AS fiscal_year
  FROM allocations
  WHERE column_code = 'BB' AND ${BY_SCHOOL}
  GROUP BY school_code
)
SELECT a.school_code, a.fiscal_year, a.column_code, coalesce(a.basis, '') AS basis, a.resource,
  CAST(sum(a.amount) AS VARCHAR) AS amount, CAST(sum(a.fte) AS VARCHAR) AS fte
FROM allocations AS a
JOIN receipt_year AS r ON a.school_code = r.school_code AND a.fiscal_year = r.fiscal_year
WHERE a.column_code IN ('BB', 'BA')
GROUP BY a.school_code, a.fiscal_year, a.column_code, coalesce(a.basis, ''), a.resource
ORDER BY a.school_code, a.column_code, basis, a.resource`;

export const RESOURCE_TITLES_SQL = `SELECT fiscal_year, code, title
FROM codes
WHERE dimension = 'resource'
ORDER BY fiscal_year, code`;

// ---------------------------------------------------------------------------------------------------
// Shapes

export interface School {
  code: string;
  name: string;
  type: string;
  lowGrade: string | null;
  highGrade: string | null;
  region: string | null;
  city: string | null;
  charter: string | null;
  opened: string | null;
  closed: string | null;
}

/** Student groups: [enrollment column, message key of its name]. */
export const DEMOGRAPHICS = [
  ["low_income", "schools.group.lowIncome"],
  ["english_learners", "schools.group.englishLearners"],
  ["students_with_disabilities", "schools.group.studentsWithDisabilities"],
  ["foster_youth", "schools.group.fosterYouth"],
  ["homeless", "schools.group.homeless"],
] as const;

/** Race and ethnicity: [enrollment column, message key of its name]. */
export const RACE_ETHNICITY = [
  ["hispanic", "schools.race.hispanic"],
  ["black", "schools.race.black"],
  ["white", "schools.race.white"],
  ["asian", "schools.race.asian"],
  ["filipino", "schools.race.filipino"],
  ["pacific_islander", "schools.race.pacificIslander"],
  ["american_indian", "schools.race.americanIndian"],
  ["two_or_more", "schools.race.twoOrMore"],
] as const;

export type CountColumn = (typeof DEMOGRAPHICS)[number][0] | (typeof RACE_ETHNICITY)[number][0];

export interface EnrollmentYear {
  year: string;
  enrollment: number;
  counts: Partial<Record<CountColumn, number | null>>;
  needIndex: number | null;
}

/** Outcome measures: [measure, message key of its name, message key of its short chart label]. */
export const MEASURES = [
  ["ela_proficiency", "schools.measure.elaProficiency", "schools.measure.elaShort"],
  ["math_proficiency", "schools.measure.mathProficiency", "schools.measure.mathShort"],
  ["chronic_absenteeism", "schools.measure.chronicAbsenteeism", "schools.measure.chronicAbsenteeismShort"],
  ["graduation_rate", "schools.measure.graduationRate", "schools.measure.graduationRateShort"],
] as const;
export type Measure = (typeof MEASURES)[number][0];

export interface Outcome {
  year: string;
  measure: string;
  value: number;
  students: number | null;
}

export interface AllocationTotal {
  year: string;
  column: string;
  cents: bigint;
  /** Sum of FTE as an exact decimal string, or null when no line had FTE. */
  fte: string | null;
}

export interface ReceiptLine {
  year: string;
  column: string;
  /** "" when the district did not say. */
  basis: string;
  resource: string;
  cents: bigint;
  fte: string | null;
}

export interface SchoolData {
  has: { schools: boolean; allocations: boolean; enrollment: boolean; outcomes: boolean; codes: boolean };
  /** Sorted by name. */
  schools: School[];
  enrollment: Map<string, EnrollmentYear[]>;
  outcomes: Map<string, Outcome[]>;
  totals: Map<string, AllocationTotal[]>;
  receipt: Map<string, ReceiptLine[]>;
  /** `${fiscal_year}|${resource}` → official title. */
  resourceTitles: Map<string, string>;
  /** Need bands from the latest year with need index values (need.ts). */
  bands: NeedBands | null;
  /** Latest fiscal year with any adopted (BB) allocation: the directory's per-pupil year. */
  latestAllocationYear: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Loading

type Json = Record<string, unknown>;
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const ALL = { code: null };

/** Reads everything the school pages need with one query per table. */
export async function readSchoolData(): Promise<SchoolData> {
  const has = {
    schools: await hasTable("schools"),
    allocations: await hasTable("allocations"),
    enrollment: await hasTable("enrollment"),
    outcomes: await hasTable("outcomes"),
    codes: await hasTable("codes"),
  };
  const data: SchoolData = {
    has,
    schools: [],
    enrollment: new Map(),
    outcomes: new Map(),
    totals: new Map(),
    receipt: new Map(),
    resourceTitles: new Map(),
    bands: null,
    latestAllocationYear: null,
  };
  if (!has.schools) return data;

  data.schools = (await query<Json>(SCHOOLS_SQL, ALL)).map((r) => ({
    code: String(r["school_code"]),
    name: String(r["name"]),
    type: String(r["type"]),
    lowGrade: s(r["low_grade"]),
    highGrade: s(r["high_grade"]),
    region: s(r["region"]),
    city: s(r["city"]),
    charter: s(r["charter"]),
    opened: s(r["opened"]),
    closed: s(r["closed"]),
  }));

  if (has.enrollment) {
    const columns = [...DEMOGRAPHICS, ...RACE_ETHNICITY].map(([c]) => c);
    for (const r of await query<Json>(ENROLLMENT_SQL, ALL)) {
      const counts: EnrollmentYear["counts"] = {};
      for (const c of columns) counts[c] = n(r[c]);
      push(data.enrollment, String(r["school_code"]), {
        year: String(r["fiscal_year"]),
        enrollment: Number(r["enrollment"]),
        counts,
        needIndex: n(r["need_index"]),
      });
    }
    data.bands = bandsFromEnrollment(data.enrollment);
  }

  if (has.outcomes) {
    for (const r of await query<Json>(OUTCOMES_SQL, ALL)) {
      push(data.outcomes, String(r["school_code"]), {
        year: String(r["fiscal_year"]),
        measure: String(r["measure"]),
        value: Number(r["value"]),
        students: n(r["students"]),
      });
    }
  }

  if (has.allocations) {
    for (const r of await query<Json>(ALLOCATION_TOTALS_SQL, ALL)) {
      const year = String(r["fiscal_year"]);
      const column = String(r["column_code"]);
      push(data.totals, String(r["school_code"]), {
        year,
        column,
        cents: parseCents(String(r["amount"]), "allocation total"),
        fte: s(r["fte"]),
      });
      if (column === "BB" && (data.latestAllocationYear === null || year > data.latestAllocationYear)) {
        data.latestAllocationYear = year;
      }
    }
    for (const r of await query<Json>(RECEIPT_SQL, ALL)) {
      push(data.receipt, String(r["school_code"]), {
        year: String(r["fiscal_year"]),
        column: String(r["column_code"]),
        basis: String(r["basis"] ?? ""),
        resource: String(r["resource"]),
        cents: parseCents(String(r["amount"]), "allocation"),
        fte: s(r["fte"]),
      });
    }
  }

  if (has.codes) {
    for (const r of await query<Json>(RESOURCE_TITLES_SQL)) {
      data.resourceTitles.set(`${String(r["fiscal_year"])}|${String(r["code"])}`, String(r["title"]));
    }
  }
  return data;
}

let cached: Promise<SchoolData> | null = null;

/** readSchoolData, once per build. */
export function loadSchoolData(): Promise<SchoolData> {
  cached ??= readSchoolData();
  return cached;
}

/** Need bands from the latest fiscal year in which any school has a need index. */
export function bandsFromEnrollment(enrollment: Map<string, EnrollmentYear[]>): NeedBands | null {
  let year: string | null = null;
  for (const rows of enrollment.values()) {
    for (const r of rows) if (r.needIndex !== null && (year === null || r.year > year)) year = r.year;
  }
  if (year === null) return null;
  const values: number[] = [];
  for (const rows of enrollment.values()) {
    const r = rows.find((x) => x.year === year);
    if (r && r.needIndex !== null) values.push(r.needIndex);
  }
  return needBands(year, values);
}

// ---------------------------------------------------------------------------------------------------
// Per-school figures

/** The published school types, in display order, with the message keys of their names. */
const TYPE_KEYS: Record<string, { label: string; count: string }> = {
  elementary: { label: "schools.type.elementary", count: "schools.typeCount.elementary" },
  middle: { label: "schools.type.middle", count: "schools.typeCount.middle" },
  high: { label: "schools.type.high", count: "schools.typeCount.high" },
  span: { label: "schools.type.span", count: "schools.typeCount.span" },
  option: { label: "schools.type.option", count: "schools.typeCount.option" },
  early_education: { label: "schools.type.earlyEducation", count: "schools.typeCount.earlyEducation" },
  adult: { label: "schools.type.adult", count: "schools.typeCount.adult" },
};

/** "Elementary". Unknown types are shown as published. */
export function typeLabel(type: string, t: TFunction): string {
  const keys = TYPE_KEYS[type];
  return keys ? t(keys.label) : type;
}

/** A count of schools of a type, as a noun phrase: "2 elementary schools" (`n` already formatted). */
export function typeCount(type: string, count: number, t: TFunction, n: string = String(count)): string {
  const keys = TYPE_KEYS[type];
  return keys ? t(keys.count, { count, n }) : t("schools.typeCount.unknown", { count, n, type });
}

/** "TK–5", "9–12", "K", or null. */
export function gradeSpan(school: Pick<School, "lowGrade" | "highGrade">): string | null {
  const { lowGrade: lo, highGrade: hi } = school;
  if (!lo && !hi) return null;
  if (!lo || !hi || lo === hi) return lo ?? hi;
  return `${lo}–${hi}`;
}

/** Lowercase URL segment for a region name ("Region East" → "region-east"). */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "region";
}

/** Region name → unique slug (a suffix is added if two names give the same slug). */
export function regionSlugs(schools: readonly School[]): Map<string, string> {
  const names = [...new Set(schools.map((x) => x.region).filter((r): r is string => !!r))].sort((a, b) => a.localeCompare(b, "en-US"));
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    let slug = slugify(name);
    for (let i = 2; used.has(slug); i++) slug = `${slugify(name)}-${i}`;
    used.add(slug);
    out.set(name, slug);
  }
  return out;
}

export function enrollmentIn(data: SchoolData, code: string, year: string): EnrollmentYear | null {
  return data.enrollment.get(code)?.find((r) => r.year === year) ?? null;
}

export function latestEnrollment(data: SchoolData, code: string): EnrollmentYear | null {
  return data.enrollment.get(code)?.at(-1) ?? null;
}

export function totalIn(data: SchoolData, code: string, year: string, column: string): AllocationTotal | null {
  return data.totals.get(code)?.find((t) => t.year === year && t.column === column) ?? null;
}

/** A school's need band (from the banding year's need index). */
export function needBandOfSchool(data: SchoolData, code: string): NeedBand | null {
  if (!data.bands) return null;
  return needBandOf(data.bands, enrollmentIn(data, code, data.bands.year)?.needIndex ?? null);
}

/** Allocation per student in cents (rounded to the cent), or null without allocation or enrollment. */
export function perPupil(data: SchoolData, code: string, year: string, column = "BB"): bigint | null {
  const total = totalIn(data, code, year, column);
  const enrolled = enrollmentIn(data, code, year)?.enrollment ?? 0;
  if (!total || enrolled <= 0) return null;
  return divRound(total.cents, BigInt(enrolled));
}

export interface DirectoryRow {
  school: School;
  href: string;
  grades: string | null;
  enrollment: number | null;
  needBand: NeedBand | null;
  perPupil: bigint | null;
}

/** Every school, sorted by name, with its figures for the directory. */
export function directoryRows(data: SchoolData, href: (code: string) => string): DirectoryRow[] {
  const year = data.latestAllocationYear;
  return data.schools.map((school) => ({
    school,
    href: href(school.code),
    grades: gradeSpan(school),
    enrollment: year ? (enrollmentIn(data, school.code, year)?.enrollment ?? null) : (latestEnrollment(data, school.code)?.enrollment ?? null),
    needBand: needBandOfSchool(data, school.code),
    perPupil: year ? perPupil(data, school.code, year) : null,
  }));
}

export type Basis = "base" | "need_weight" | "categorical" | "central" | "";

export const BASIS_ORDER: readonly Basis[] = ["base", "need_weight", "categorical", "central", ""];

const BASIS_KEYS: Record<Basis, { label: string; note: string }> = {
  base: { label: "schools.basis.base", note: "schools.basis.baseNote" },
  need_weight: { label: "schools.basis.needWeight", note: "schools.basis.needWeightNote" },
  categorical: { label: "schools.basis.categorical", note: "schools.basis.categoricalNote" },
  central: { label: "schools.basis.central", note: "schools.basis.centralNote" },
  "": { label: "schools.basis.none", note: "schools.basis.noneNote" },
};

/** "Per-pupil base". An unknown basis is shown as published. */
export function basisLabel(basis: string, t: TFunction): string {
  const keys = BASIS_KEYS[basis as Basis] as { label: string } | undefined;
  return keys ? t(keys.label) : basis;
}

/** What a basis means, in a few words; "" for an unknown basis. */
export function basisNote(basis: string, t: TFunction): string {
  const keys = BASIS_KEYS[basis as Basis] as { note: string } | undefined;
  return keys ? t(keys.note) : "";
}

export interface ReceiptRow {
  key: string;
  label: string;
  note?: string;
  budget: bigint | null;
  actual: bigint | null;
  fte: string | null;
}

export interface Receipt {
  year: string;
  hasActual: boolean;
  byBasis: ReceiptRow[];
  byResource: ReceiptRow[];
  budgetTotal: bigint;
  actualTotal: bigint | null;
  /** Adopted FTE of the year (sum of the lines' FTE). */
  fte: string | null;
}

/** Adds exact decimal strings with up to 4 places (FTE), returning a string with 4 places, or null. */
export function addDecimals(values: readonly (string | null)[]): string | null {
  let total: bigint | null = null;
  for (const v of values) {
    if (v === null) continue;
    const m = /^(-?)(\d+)(?:\.(\d{0,4}))?$/.exec(v.trim());
    if (!m) throw new TypeError(`not a decimal with up to 4 places: ${JSON.stringify(v)}`);
    const units = BigInt(m[2]!) * 10000n + BigInt(((m[3] ?? "") + "0000").slice(0, 4));
    total = (total ?? 0n) + (m[1] ? -units : units);
  }
  if (total === null) return null;
  const neg = total < 0n;
  const a = neg ? -total : total;
  return `${neg ? "-" : ""}${a / 10000n}.${(a % 10000n).toString().padStart(4, "0")}`;
}

const fteFormats = new Map<string, Intl.NumberFormat>();

/** FTE for display, two decimals at most ("12.9000" → "12.9", "1.0467" → "1.05"), in the locale's digits. */
export function formatFte(fte: string | null, locale = "en"): string {
  if (fte === null) return "—";
  const tag = locale === "en" ? "en-US" : locale;
  let f = fteFormats.get(tag);
  if (!f) fteFormats.set(tag, (f = new Intl.NumberFormat(tag, { maximumFractionDigits: 2, minimumFractionDigits: 0 })));
  return f.format(Number(fte));
}

function sumOf(lines: readonly ReceiptLine[], column: string): bigint | null {
  const ofColumn = lines.filter((l) => l.column === column);
  return ofColumn.length === 0 ? null : ofColumn.reduce((t, l) => t + l.cents, 0n);
}

function rowsBy(lines: readonly ReceiptLine[], keyOf: (l: ReceiptLine) => string): Map<string, ReceiptLine[]> {
  const out = new Map<string, ReceiptLine[]>();
  for (const l of lines) push(out, keyOf(l), l);
  return out;
}

/** The allocation receipt of a school, or null when it has no adopted allocation. */
export function receiptOf(data: SchoolData, code: string, t: TFunction): Receipt | null {
  const lines = data.receipt.get(code) ?? [];
  const budgetLines = lines.filter((l) => l.column === "BB");
  if (budgetLines.length === 0) return null;
  const year = budgetLines[0]!.year;
  const hasActual = lines.some((l) => l.column === "BA");

  const byBasisMap = rowsBy(lines, (l) => l.basis);
  const byBasis = [...byBasisMap.keys()]
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((basis): ReceiptRow => {
      const ls = byBasisMap.get(basis)!;
      return {
        key: basis,
        label: basisLabel(basis, t),
        note: basisNote(basis, t),
        budget: sumOf(ls, "BB"),
        actual: hasActual ? sumOf(ls, "BA") : null,
        fte: addDecimals(ls.filter((l) => l.column === "BB").map((l) => l.fte)),
      };
    });

  const byResourceMap = rowsBy(lines, (l) => l.resource);
  const byResource = [...byResourceMap.keys()]
    .map((resource): ReceiptRow => {
      const ls = byResourceMap.get(resource)!;
      return {
        key: resource,
        label: data.resourceTitles.get(`${year}|${resource}`) ?? t("schools.receipt.titleMissing"),
        budget: sumOf(ls, "BB"),
        actual: hasActual ? sumOf(ls, "BA") : null,
        fte: addDecimals(ls.filter((l) => l.column === "BB").map((l) => l.fte)),
      };
    })
    .sort((a, b) => cmpDesc(a.budget ?? 0n, b.budget ?? 0n) || a.key.localeCompare(b.key));

  return {
    year,
    hasActual,
    byBasis,
    byResource,
    budgetTotal: sumOf(lines, "BB") ?? 0n,
    actualTotal: hasActual ? sumOf(lines, "BA") : null,
    fte: addDecimals(budgetLines.map((l) => l.fte)),
  };
}

function order(basis: string): number {
  const i = BASIS_ORDER.indexOf(basis as Basis);
  return i < 0 ? BASIS_ORDER.length : i;
}

function cmpDesc(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}

export interface Comparison {
  year: string;
  type: string;
  band: NeedBand;
  /** Schools of the same type and need band with an allocation and enrollment that year, this one included. */
  schools: number;
  median: bigint;
  low: bigint;
  high: bigint;
  /** This school's per-pupil allocation. */
  value: bigint;
  /** How many of the others get less per student. */
  below: number;
}

/** Median of sorted cents (mean of the two middle values for an even count, rounded to the cent). */
export function medianCents(sorted: readonly bigint[]): bigint {
  if (sorted.length === 0) throw new RangeError("median of no values");
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : divRound(sorted[mid - 1]! + sorted[mid]!, 2n);
}

/** Per-pupil adopted allocation of the school vs. schools of the same type and need band, the same year. */
export function compareWithSimilar(data: SchoolData, school: School, year: string): Comparison | null {
  const band = needBandOfSchool(data, school.code);
  const value = perPupil(data, school.code, year);
  if (band === null || value === null) return null;
  const values: bigint[] = [];
  let below = 0;
  for (const other of data.schools) {
    if (other.type !== school.type || needBandOfSchool(data, other.code) !== band) continue;
    const v = perPupil(data, other.code, year);
    if (v === null) continue;
    values.push(v);
    if (other.code !== school.code && v < value) below++;
  }
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    year,
    type: school.type,
    band,
    schools: values.length,
    median: medianCents(values),
    low: values[0]!,
    high: values.at(-1)!,
    value,
    below,
  };
}

/** Outcomes as a table: the years that have any, and each measure's name, short name and value by year. */
export function outcomeTable(
  data: SchoolData,
  code: string,
  t: TFunction,
): { years: string[]; measures: { measure: string; label: string; short: string; values: (Outcome | null)[] }[] } {
  const rows = data.outcomes.get(code) ?? [];
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const known = MEASURES.map(([m]) => m as string);
  const present = [...new Set(rows.map((r) => r.measure))].sort((a, b) => idx(known, a) - idx(known, b) || a.localeCompare(b));
  return {
    years,
    measures: present.map((measure) => {
      const keys = MEASURES.find(([m]) => m === measure);
      return {
        measure,
        label: keys ? t(keys[1]) : measure,
        short: keys ? t(keys[2]) : measure,
        values: years.map((y) => rows.find((r) => r.year === y && r.measure === measure) ?? null),
      };
    }),
  };
}

function idx(list: readonly string[], v: string): number {
  const i = list.indexOf(v);
  return i < 0 ? list.length : i;
}

/** A percentage given in tenths (425 → "42.5%"), in a locale (exact: the tenths are already rounded). */
function tenthsPercent(tenths: number, f?: Pick<Formatters, "locale" | "percent">): string {
  return !f || f.locale === "en" ? `${(tenths / 10).toFixed(1)}%` : f.percent(tenths / 1000, 1);
}

/** A count's share of enrollment as a percentage with one decimal ("42.5%"), or "—". */
export function percentOf(count: number | null | undefined, enrollment: number, f?: Pick<Formatters, "locale" | "percent">): string {
  if (count === null || count === undefined || enrollment <= 0) return "—";
  return tenthsPercent(Math.round((count * 1000) / enrollment), f);
}

/**
 * A published percentage (0–100) with one decimal. English keeps toFixed (its text must not change); other
 * locales write the same figure with Intl.
 */
export function formatPercent(value: number, f?: Pick<Formatters, "locale" | "percent">): string {
  if (!f || f.locale === "en") return `${value.toFixed(1)}%`;
  return f.percent(Number(value.toFixed(1)) / 100, 1); // rounded as in English first
}

// ---------------------------------------------------------------------------------------------------
// Words

/**
 * The one-sentence plain-language summary at the top of a school page: one whole message per variant (with
 * or without the per-student figure and the similar schools' median), never sentence fragments.
 */
export function schoolSummary(
  school: School,
  receipt: Receipt | null,
  enrollment: EnrollmentYear | null,
  comparison: Comparison | null,
  t: TFunction,
  f: Pick<Formatters, "moneyLong" | "dollars" | "count" | "fiscalYear">,
): string {
  if (!receipt) return t("schools.summary.noAllocation", { name: school.name });
  const vars: Record<string, string | number> = { year: f.fiscalYear(receipt.year), amount: f.moneyLong(receipt.budgetTotal), name: school.name };
  const each = enrollment && enrollment.enrollment > 0;
  if (each) {
    vars["each"] = f.dollars(divRound(receipt.budgetTotal, BigInt(enrollment.enrollment)));
    vars["students"] = f.count(enrollment.enrollment);
    vars["count"] = enrollment.enrollment;
  }
  const median = comparison !== null && comparison.schools > 1;
  if (median) {
    vars["similar"] = typeCount(comparison.type, comparison.schools, t, f.count(comparison.schools));
    vars["median"] = f.dollars(comparison.median);
  }
  const key = each ? (median ? "schools.summary.allocatedEachMedian" : "schools.summary.allocatedEach") : median ? "schools.summary.allocatedMedian" : "schools.summary.allocated";
  return t(key, vars);
}

export interface DirectoryFilter {
  kind: "region" | "type" | "need";
  /** URL segment. */
  value: string;
  /** "Region East", "Elementary", "Highest need". */
  label: string;
}

/** Whether a directory row passes a filter. */
export function matchesFilter(row: DirectoryRow, filter: DirectoryFilter | null, slugs: Map<string, string>): boolean {
  if (!filter) return true;
  if (filter.kind === "region") return row.school.region !== null && slugs.get(row.school.region) === filter.value;
  if (filter.kind === "type") return row.school.type === filter.value;
  return row.needBand !== null && String(row.needBand) === filter.value;
}

export interface FilterGroup {
  kind: DirectoryFilter["kind"];
  heading: string;
  options: (DirectoryFilter & { count: number })[];
}

/** Every filter the directory offers (one pre-rendered page each), with how many schools it keeps. */
export function directoryFilters(rows: readonly DirectoryRow[], slugs: Map<string, string>, t: TFunction): FilterGroup[] {
  const count = (f: DirectoryFilter): number => rows.filter((r) => matchesFilter(r, f, slugs)).length;
  const regions = [...slugs].map(([name, slug]): DirectoryFilter => ({ kind: "region", value: slug, label: name }));
  const types = [...new Set(rows.map((r) => r.school.type))]
    .sort((a, b) => idx(Object.keys(TYPE_KEYS), a) - idx(Object.keys(TYPE_KEYS), b) || a.localeCompare(b))
    .map((type): DirectoryFilter => ({ kind: "type", value: type, label: typeLabel(type, t) }));
  const bands = [...new Set(rows.map((r) => r.needBand).filter((b): b is NeedBand => b !== null))]
    .sort()
    .map((b): DirectoryFilter => ({ kind: "need", value: String(b), label: needBandLabel(b, t) }));
  const groups: FilterGroup[] = [
    { kind: "region", heading: t("schools.directory.region"), options: regions.map((f) => ({ ...f, count: count(f) })) },
    { kind: "type", heading: t("schools.directory.type"), options: types.map((f) => ({ ...f, count: count(f) })) },
    { kind: "need", heading: t("schools.directory.need"), options: bands.map((f) => ({ ...f, count: count(f) })) },
  ];
  return groups.filter((g) => g.options.length > 0);
}

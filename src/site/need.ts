// Need bands: the one place that says which schools count as "similar in need".
//
// Definition (chosen for this portal): the four QUARTILES of the need index across all schools in the
// latest fiscal year that has need index values. Quartiles rather than fixed bands (0–25, 25–50, …)
// because a district's need index is usually bunched (in the sample district almost every school lies
// between 55 and 75), so fixed bands would put nearly every school in the same band; quartiles always
// give four groups of about the same size, whatever the district's scale.
//
//   cut points q1, q2, q3: linear interpolation between the sorted values at position p × (n − 1),
//                          p = 0.25, 0.5, 0.75 (the same rule as DuckDB's quantile_cont)
//   band 1 (lowest need)   need index ≤ q1
//   band 2                 q1 < need index ≤ q2
//   band 3                 q2 < need index ≤ q3
//   band 4 (highest need)  need index > q3
//
// A school without a need index in that year has no band (null) and is compared with no one.
// Need index values are scores (0–100), not money: plain numbers are fine here.

import type { TFunction } from "../i18n/index.ts";
import type { Formatters } from "../i18n/format.ts";

export type NeedBand = 1 | 2 | 3 | 4;
export const NEED_BANDS: readonly NeedBand[] = [1, 2, 3, 4];

export interface NeedBands {
  /** The fiscal year whose need index defines the bands. */
  year: string;
  /** Lowest and highest need index that year. */
  min: number;
  max: number;
  /** q1, q2, q3. */
  cuts: readonly [number, number, number];
  /** Number of schools with a need index that year. */
  schools: number;
}

/** Quantile with linear interpolation (quantile_cont) of values sorted ascending. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/** The bands for one year's need index values (non-finite values are ignored); null when there are none. */
export function needBands(year: string, values: readonly number[]): NeedBands | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    year,
    min: sorted[0]!,
    max: sorted.at(-1)!,
    cuts: [quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75)],
    schools: sorted.length,
  };
}

/** The band of a need index value, or null when the school has none (or there are no bands). */
export function needBandOf(bands: NeedBands | null, value: number | null | undefined): NeedBand | null {
  if (bands === null || value === null || value === undefined || !Number.isFinite(value)) return null;
  const [q1, q2, q3] = bands.cuts;
  if (value <= q1) return 1;
  if (value <= q2) return 2;
  if (value <= q3) return 3;
  return 4;
}

// Words are i18n messages (src/i18n/messages/<locale>/schools.json, "schools.need.*"): callers pass their
// page's `t`. The keys are literal so that a search for a key finds its use.
const LABEL_KEYS: Record<NeedBand, string> = {
  1: "schools.need.label1",
  2: "schools.need.label2",
  3: "schools.need.label3",
  4: "schools.need.label4",
};
const SHORT_KEYS: Record<NeedBand, string> = {
  1: "schools.need.short1",
  2: "schools.need.short2",
  3: "schools.need.short3",
  4: "schools.need.short4",
};
const LOWER_KEYS: Record<NeedBand, string> = {
  1: "schools.need.lower1",
  2: "schools.need.lower2",
  3: "schools.need.lower3",
  4: "schools.need.lower4",
};
const QUARTER_KEYS: Record<NeedBand, string> = {
  1: "schools.need.quarter1",
  2: "schools.need.quarter2",
  3: "schools.need.quarter3",
  4: "schools.need.quarter4",
};

/** "Highest need": headings, filter links and table rows. */
export function needBandLabel(band: NeedBand, t: TFunction): string {
  return t(LABEL_KEYS[band]);
}

/** "Highest": for table cells. */
export function needBandShort(band: NeedBand, t: TFunction): string {
  return t(SHORT_KEYS[band]);
}

/** "highest need": the label inside a sentence (its own message, as not every language lower-cases). */
export function needBandInSentence(band: NeedBand, t: TFunction): string {
  return t(LOWER_KEYS[band]);
}

const fixedFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number with exactly `digits` decimals in a locale ("66.72", Farsi "۶۶٫۷۲"). English keeps toFixed, which
 * the pages have always used (it can round a half differently from Intl), so English text does not change.
 */
export function formatFixed(value: number, digits: number, locale = "en"): string {
  if (locale === "en") return value.toFixed(digits);
  const key = `${locale}|${digits}`;
  let f = fixedFormats.get(key);
  if (!f) fixedFormats.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(value);
}

/** Need index with two decimals ("66.72"): the precision the district publishes. */
export function formatNeedIndex(value: number, locale = "en"): string {
  return formatFixed(value, 2, locale);
}

/** The range of a band in words: "need index 59.91 or less", "need index above 59.91 up to 66.72", "need index above 71.90". */
export function needBandRange(bands: NeedBands, band: NeedBand, t: TFunction, locale = "en"): string {
  const [q1, q2, q3] = bands.cuts.map((c) => formatNeedIndex(c, locale)) as [string, string, string];
  switch (band) {
    case 1:
      return t("schools.need.rangeLowest", { high: q1 });
    case 2:
      return t("schools.need.rangeBetween", { low: q1, high: q2 });
    case 3:
      return t("schools.need.rangeBetween", { low: q2, high: q3 });
    case 4:
      return t("schools.need.rangeHighest", { low: q3 });
  }
}

/** "highest need quarter of schools (need index above 71.90, 2025-26)". */
export function needBandDescription(bands: NeedBands, band: NeedBand, t: TFunction, f: Pick<Formatters, "locale" | "fiscalYear">): string {
  return t(QUARTER_KEYS[band], { range: needBandRange(bands, band, t, f.locale), year: f.fiscalYear(bands.year) });
}

/** Parses a need band from a URL segment ("1"…"4"). */
export function parseNeedBand(value: string | undefined): NeedBand | null {
  return value === "1" || value === "2" || value === "3" || value === "4" ? (Number(value) as NeedBand) : null;
}

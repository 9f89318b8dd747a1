// Consumer prices by fiscal year, to show spending in constant dollars. AN APPROXIMATION: a national
// price index applied to a school district's spending, and, for most years, a fiscal-year average
// estimated from calendar-year averages.
//
// Source: U.S. Bureau of Labor Statistics, Consumer Price Index for All Urban Consumers (CPI-U),
// U.S. city average, all items, not seasonally adjusted, 1982-84=100 (series CUUR0000SA0),
// https://www.bls.gov/cpi/ — annual averages 2015–2024, and the semiannual averages for the second
// half of 2024 (315.233) and the first half of 2025 (320.229).
//
// A California fiscal year runs July to June. Its average price level is:
//   - "half-year": the mean of the published semiannual averages of its two halves (July–December and
//     January–June). This is the exact twelve-month average. Used for 2024-25.
//   - "calendar": the mean of the annual averages of the two calendar years it spans. This 24-month
//     window is centred on the same date (1 January) as the fiscal year, so it is a close but smoothed
//     estimate. Used for 2015-16 to 2023-24.
// Years not in the table (e.g. the current year, whose prices are not all published) have no
// constant-dollar figure; the pages say so rather than guess.
//
// Index values are kept in thousandths (313.689 → 313689) so that conversions stay in integers.

import { divRound } from "./money.ts";

export interface FiscalYearPrice {
  /** Fiscal-year CPI-U average in thousandths of an index point. */
  index: bigint;
  method: "calendar" | "half-year";
}

/** BLS CPI-U annual averages (thousandths of an index point) by calendar year. */
export const CPI_U_ANNUAL: Readonly<Record<number, bigint>> = {
  2015: 237017n,
  2016: 240007n,
  2017: 245120n,
  2018: 251107n,
  2019: 255657n,
  2020: 258811n,
  2021: 270970n,
  2022: 292655n,
  2023: 304702n,
  2024: 313689n,
};

/** BLS CPI-U semiannual averages: "2024H2" = July–December 2024, "2025H1" = January–June 2025. */
export const CPI_U_SEMIANNUAL: Readonly<Record<string, bigint>> = {
  "2024H2": 315233n,
  "2025H1": 320229n,
};

/** The source in English; pages show the message trends.perStudent.cpiSource (a test keeps them equal). */
export const CPI_SOURCE =
  "U.S. Bureau of Labor Statistics, CPI-U, U.S. city average, all items (series CUUR0000SA0)";

/** The fiscal-year price level for "2023-24", or null when the table does not cover that year. */
export function fiscalYearPrice(fiscalYear: string): FiscalYearPrice | null {
  const m = /^(\d{4})-(\d{2})$/.exec(fiscalYear);
  if (!m) return null;
  const first = Number(m[1]);
  const h2 = CPI_U_SEMIANNUAL[`${first}H2`];
  const h1 = CPI_U_SEMIANNUAL[`${first + 1}H1`];
  if (h2 !== undefined && h1 !== undefined) return { index: divRound(h2 + h1, 2n), method: "half-year" };
  const a = CPI_U_ANNUAL[first];
  const b = CPI_U_ANNUAL[first + 1];
  if (a !== undefined && b !== undefined) return { index: divRound(a + b, 2n), method: "calendar" };
  return null;
}

/**
 * Converts an amount in cents of `fromYear` into cents of `toYear`'s prices (rounded to the cent), or
 * null when either year is not covered.
 */
export function toConstantCents(cents: bigint, fromYear: string, toYear: string): bigint | null {
  const from = fiscalYearPrice(fromYear);
  const to = fiscalYearPrice(toYear);
  if (!from || !to) return null;
  return divRound(cents * to.index, from.index);
}

/** The latest of the given fiscal years that the price table covers (the base year for constant dollars). */
export function latestCoveredYear(fiscalYears: readonly string[]): string | null {
  return [...fiscalYears].sort().reverse().find((y) => fiscalYearPrice(y) !== null) ?? null;
}

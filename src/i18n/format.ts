// Numbers, money, percentages, dates and fiscal years for each locale, with Intl (formatters memoized).
// Money stays exact: amounts are BigInt cents, rounded exactly first (src/site/money.ts), and only the
// rounded figure is handed to Intl for digits, separators and the currency sign. English keeps the
// site's own en-US formats so English pages and snapshots do not change.

import {
  centsToDecimalString,
  divRound,
  formatCount as enCount,
  formatDate as enDate,
  formatDollars as enDollars,
  formatDollarsAndCents as enDollarsAndCents,
  formatMoneyLong as enMoneyLong,
  formatMoneyShort as enMoneyShort,
  formatPercentChange as enPercentChange,
  formatShare as enShare,
} from "../site/money.ts";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales.ts";

const nf = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = nf.get(key);
  if (!f) nf.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const MILLION_CENTS = 100_000_000n;

/** Exact rounding to 3 significant digits (at least whole dollars), as a Number safe to format. */
function threeSignificant(cents: bigint): number {
  const a = abs(cents);
  const dollars = divRound(a, 100n);
  if (dollars < 1000n) return Number(cents < 0n ? -dollars : dollars);
  const digits = dollars.toString().length;
  const unit = 10n ** BigInt(digits - 3);
  const rounded = divRound(a, unit * 100n) * unit;
  return Number(cents < 0n ? -rounded : rounded);
}

export interface Formatters {
  locale: Locale;
  /** "$4.12 billion" (3 significant digits, long unit). */
  moneyLong(cents: bigint, options?: { signed?: boolean }): string;
  /** "$4.12B": for chart labels and tight tables. */
  moneyShort(cents: bigint, options?: { signed?: boolean }): string;
  /** "$1,234,568": whole dollars. */
  dollars(cents: bigint, options?: { signed?: boolean }): string;
  /** "$1,234,567.89": exact to the cent. */
  dollarsAndCents(cents: bigint, options?: { signed?: boolean }): string;
  /** "+4.2%" change from base to value, or null when the base is zero. */
  percentChange(value: bigint, base: bigint): string | null;
  /** "38%" share of part in whole, or null when the whole is zero. */
  share(part: bigint, whole: bigint): string | null;
  /** A ratio as a percentage with one decimal (0.123 → "12.3%"). */
  percent(ratio: number, fractionDigits?: number): string;
  /** "430,000". */
  count(n: number): string;
  /** A decimal number with up to `digits` fraction digits. */
  number(n: number, digits?: number): string;
  /** An ISO date or timestamp as a long date in UTC, Gregorian calendar. */
  date(iso: string): string;
  /** A fiscal year "2024-25" written with the locale's digits ("۲۰۲۴-۲۵" in Farsi). */
  fiscalYear(fy: string): string;
}

const cache = new Map<Locale, Formatters>();

/** Formatters for a locale (English for anything unknown). */
export function formatters(locale: string | undefined): Formatters {
  const lng: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  let f = cache.get(lng);
  if (f) return f;
  const signDisplay = (signed?: boolean): Intl.NumberFormatOptions["signDisplay"] => (signed ? "exceptZero" : "auto");
  const integer = (n: number) => numberFormat(lng, { maximumFractionDigits: 0 }).format(n);
  if (lng === DEFAULT_LOCALE) {
    f = {
      locale: lng,
      moneyLong: (c, o) => enMoneyLong(c, o),
      moneyShort: (c, o) => enMoneyShort(c, o),
      dollars: (c, o) => enDollars(c, o),
      dollarsAndCents: (c, o) => enDollarsAndCents(c, o),
      percentChange: enPercentChange,
      share: enShare,
      percent: (r, d = 1) => numberFormat("en-US", { style: "percent", minimumFractionDigits: d, maximumFractionDigits: d }).format(r),
      count: enCount,
      number: (n, d = 1) => numberFormat("en-US", { maximumFractionDigits: d }).format(n),
      date: enDate,
      fiscalYear: (fy) => fy,
    };
  } else {
    let dateFormat: Intl.DateTimeFormat | undefined;
    const currency = (signed: boolean | undefined, extra: Intl.NumberFormatOptions = {}) =>
      numberFormat(lng, { style: "currency", currency: "USD", maximumFractionDigits: 0, signDisplay: signDisplay(signed), ...extra });
    // BigInt straight to Intl: exact however large (Number would drift past 2^53).
    const dollars = (c: bigint, signed?: boolean) => currency(signed).format(divRound(c, 100n));
    // `n` is already rounded exactly (3 significant digits or whole thousands), so Intl only writes it.
    const compact = (n: number, display: "long" | "short", signed?: boolean) =>
      currency(signed, { notation: "compact", compactDisplay: display, maximumFractionDigits: undefined, maximumSignificantDigits: 3 }).format(n);
    f = {
      locale: lng,
      // As in English: below a million, the exact whole dollars; from a million, 3 significant digits.
      moneyLong: (c, o) => (abs(c) < MILLION_CENTS ? dollars(c, o?.signed) : compact(threeSignificant(c), "long", o?.signed)),
      // As in English: whole thousands below a million ($999,500 and up is a million), whole dollars below $500.
      moneyShort: (c, o) => {
        if (abs(c) >= MILLION_CENTS) return compact(threeSignificant(c), "short", o?.signed);
        const thousands = divRound(abs(c), 100_000n);
        if (thousands === 0n) return dollars(c, o?.signed);
        const n = thousands >= 1000n ? 1_000_000 : Number(thousands) * 1000;
        return compact(c < 0n ? -n : n, "short", o?.signed);
      },
      dollars: (c, o) => dollars(c, o?.signed),
      dollarsAndCents: (c, o) => currency(o?.signed, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(centsToDecimalString(c) as `${number}`),
      percentChange: (value, base) => {
        if (base === 0n) return null;
        const tenths = divRound((value - base) * 1000n, abs(base));
        return numberFormat(lng, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(Number(tenths) / 1000);
      },
      share: (part, whole) => (whole === 0n ? null : numberFormat(lng, { style: "percent", maximumFractionDigits: 0 }).format(Number(divRound(part * 100n, whole)) / 100)),
      percent: (r, d = 1) => numberFormat(lng, { style: "percent", minimumFractionDigits: d, maximumFractionDigits: d }).format(r),
      count: integer,
      number: (n, d = 1) => numberFormat(lng, { maximumFractionDigits: d }).format(n),
      date: (iso) => {
        const d = new Date(iso);
        if (Number.isNaN(d.getTime())) return iso;
        return (dateFormat ??= new Intl.DateTimeFormat(lng, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC", calendar: "gregory" })).format(d);
      },
      fiscalYear: (fy) => {
        const m = /^(\d{4})-(\d{2})$/.exec(fy);
        if (!m) return fy;
        const g = (s: string) => numberFormat(lng, { useGrouping: false, minimumIntegerDigits: s.length }).format(Number(s));
        return `${g(m[1]!)}-${g(m[2]!)}`;
      },
    };
  }
  cache.set(lng, f);
  return f;
}

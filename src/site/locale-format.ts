// Formats the budget, variance and trends pages need beyond src/i18n/format.ts, per locale: amounts in
// millions for tables headed "millions of dollars", axis ticks, tenths of a percent, the size of a change
// without its sign, short fiscal years, whole FTE and lists. English output is exactly src/site/money.ts's,
// so English pages and chart snapshots do not change. Formatters are memoized (Intl objects are costly).

import { formatters, type Formatters } from "../i18n/format.ts";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales.ts";
import { divRound, formatMillions, formatMoneyShort } from "./money.ts";

export interface LocaleFormats {
  locale: Locale;
  /** The shared formatters (money, percentages, counts, dates, fiscal years). */
  f: Formatters;
  /** Cents in millions of dollars with one decimal and no unit ("4,123.5"), exact. */
  millions(cents: bigint, options?: { signed?: boolean }): string;
  /** Axis tick for a dollar position ("$2B", "$1.5B"): trailing zeros dropped. */
  moneyTick(dollars: number): string;
  /** Tenths of a percent (586 → "58.6%"). */
  tenthsPercent(tenths: bigint): string;
  /** How far `value` is from `base`, as an unsigned percentage of the base with one decimal ("1.0%"); null when the base is zero. */
  changeSize(value: bigint, base: bigint): string | null;
  /** "2024-25" → "24-25" in the locale's digits: a fiscal-year tick on a narrow chart. */
  shortFiscalYear(fy: string): string;
  /** A whole number given as an exact integer (FTE rounded, counts). */
  integer(n: bigint): string;
  /** "a, b and c", in the locale's words. */
  list(items: readonly string[]): string;
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

const cache = new Map<Locale, LocaleFormats>();

/** The formats of a locale (English for anything unknown). */
export function localeFormats(locale: string | undefined): LocaleFormats {
  const lng: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  let out = cache.get(lng);
  if (out) return out;
  const f = formatters(lng);
  const en = lng === DEFAULT_LOCALE;
  // Intl's English list has a serial comma ("a, b, and c"); the site's English never had one, and en-GB matches it.
  const lists = new Intl.ListFormat(en ? "en-GB" : lng, { type: "conjunction" });
  const tenthsPercent = (tenths: bigint): string => {
    if (en) {
      const a = abs(tenths);
      return `${tenths < 0n ? "-" : ""}${a / 10n}.${a % 10n}%`;
    }
    return nf(lng, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(tenths) / 1000);
  };
  const digits2 = (s: string): string => (en ? s : nf(lng, { useGrouping: false, minimumIntegerDigits: s.length }).format(Number(s)));
  out = {
    locale: lng,
    f,
    millions: (cents, options = {}) => {
      if (en) return formatMillions(cents, options);
      const tenths = divRound(abs(cents) * 10n, 100_000_000n);
      const signed = cents < 0n ? -tenths : tenths;
      return nf(lng, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: options.signed ? "exceptZero" : "auto" }).format(Number(signed) / 10);
    },
    moneyTick: (dollars) => {
      const cents = BigInt(Math.round(dollars * 100));
      return en ? formatMoneyShort(cents, { trim: true }) : f.moneyShort(cents);
    },
    tenthsPercent,
    changeSize: (value, base) => (base === 0n ? null : tenthsPercent(divRound(abs(value - base) * 1000n, abs(base)))),
    shortFiscalYear: (fy) => {
      const m = /^\d{2}(\d{2})-(\d{2})$/.exec(fy);
      return m ? `${digits2(m[1]!)}-${digits2(m[2]!)}` : fy;
    },
    integer: (n) => (en ? n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",") : nf(lng, { maximumFractionDigits: 0 }).format(n)),
    list: (items) => lists.format(items),
  };
  cache.set(lng, out);
  return out;
}

// Exact money arithmetic and formatting for the pages.
//
// Amounts arrive from the release as decimal strings exact to the cent ("4123456789.12"). They are
// parsed to BigInt cents and summed as BigInt: floats are never added. Floats appear only where a
// chart needs a screen position (centsToNumber) and are never shown as text.
//
// All text formatting is fixed to en-US conventions whatever the machine's locale, so builds and
// snapshots are reproducible. (Other locales will get their own formatters later.)

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string such as "-1234.5" or "1234.56" to integer cents. Throws on anything else. */
export function parseCents(value: string, where = "amount"): bigint {
  if (typeof value !== "string") {
    throw new TypeError(`${where}: expected a decimal string such as "1234.56", found ${JSON.stringify(value)}`);
  }
  const m = DECIMAL.exec(value.trim());
  if (!m) {
    throw new TypeError(`${where}: expected a decimal string such as "1234.56", found ${JSON.stringify(value)}`);
  }
  const [, sign = "", whole = "0", frac = ""] = m;
  // Digits past the cents are accepted only when they are zeros (DECIMAL(38,2) never has them).
  if (frac.length > 2 && /[^0]/.test(frac.slice(2))) {
    throw new TypeError(`${where}: ${JSON.stringify(value)} has a fraction of a cent`);
  }
  const cents = BigInt(whole) * 100n + BigInt((frac.slice(0, 2) + "00").slice(0, 2));
  return sign === "-" ? -cents : cents;
}

/** Sums cents exactly. */
export function sumCents(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** Sums decimal strings exactly, returning cents. */
export function sumDecimalStrings(values: Iterable<string>): bigint {
  let total = 0n;
  for (const v of values) total += parseCents(v);
  return total;
}

/** Writes cents back as a decimal string with two places ("-1234.50"): the rule shared with the pipeline. */
export { centsToDecimal as centsToDecimalString } from "../rules/amount.ts";

/** Approximate dollars as a float: for chart positions only, never for text or totals. */
export function centsToNumber(cents: bigint): number {
  return Number(cents) / 100;
}

/** Integer division rounded half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const neg = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return neg ? -q : q;
}

/** Groups the digits of a non-negative integer string in threes with commas. */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Formats a non-negative count of tenths ("123" → "12.3"), with digit grouping. */
function tenths(value: bigint): string {
  const whole = value / 10n;
  const frac = value % 10n;
  return `${group(whole.toString())}.${frac}`;
}

export interface MoneyFormatOptions {
  /** Prefix positive numbers with "+" (for differences). */
  signed?: boolean;
  /** Drop trailing zero decimals ("$2.00B" → "$2B", "$1.50B" → "$1.5B"): for axis ticks. */
  trim?: boolean;
}

function sign(cents: bigint, options: MoneyFormatOptions): string {
  if (cents < 0n) return "-";
  if (options.signed && cents > 0n) return "+";
  return "";
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/** "$1,234,568": whole dollars, rounded half away from zero. */
export function formatDollars(cents: bigint, options: MoneyFormatOptions = {}): string {
  const dollars = divRound(abs(cents), 100n);
  return `${sign(dollars === 0n ? 0n : cents, options)}$${group(dollars.toString())}`;
}

/** "$1,234,567.89". */
export function formatDollarsAndCents(cents: bigint, options: MoneyFormatOptions = {}): string {
  const a = abs(cents);
  return `${sign(cents, options)}$${group((a / 100n).toString())}.${(a % 100n).toString().padStart(2, "0")}`;
}

type Unit = { value: bigint; long: string; short: string };
const BILLION: Unit = { value: 100_000_000_000n, long: "billion", short: "B" }; // in cents
const MILLION: Unit = { value: 100_000_000n, long: "million", short: "M" };

/** Formats a non-negative count of hundredths ("412" → "4.12"). */
function hundredths(value: bigint): string {
  return `${group((value / 100n).toString())}.${(value % 100n).toString().padStart(2, "0")}`;
}

/**
 * Rounds to three significant digits in the largest unit the value reaches
 * ("$4.12 billion", "$45.6 million", "$412 million", "$18.2 billion"). Returns null below one million dollars.
 */
function scaled(cents: bigint): { text: string; unit: Unit } | null {
  const a = abs(cents);
  if (a < MILLION.value) return null;
  const inUnit = (unit: Unit): string => {
    const h = divRound(a * 100n, unit.value);
    if (h < 1000n) return hundredths(h);
    const t = divRound(a * 10n, unit.value);
    if (t < 1000n) return tenths(t);
    return group(divRound(a, unit.value).toString());
  };
  // A value that rounds to 1,000 millions is written in billions instead.
  if (a < BILLION.value && divRound(a, MILLION.value) < 1000n) return { text: inUnit(MILLION), unit: MILLION };
  return { text: inUnit(BILLION), unit: BILLION };
}

/** "$4.12 billion", "$412 million", "$845,120" (below a million: whole dollars). */
export function formatMoneyLong(cents: bigint, options: MoneyFormatOptions = {}): string {
  const s = scaled(cents);
  if (!s) return formatDollars(cents, options);
  return `${sign(cents, options)}$${s.text} ${s.unit.long}`;
}

/** "$4.12B", "$412M", "$845K", "$0": for chart labels. */
export function formatMoneyShort(cents: bigint, options: MoneyFormatOptions = {}): string {
  const s = scaled(cents);
  if (s) {
    const text = options.trim ? s.text.replace(/\.0+$|(\.\d*?)0+$/, "$1") : s.text;
    return `${sign(cents, options)}$${text}${s.unit.short}`;
  }
  const thousands = divRound(abs(cents), 100_000n);
  if (thousands === 0n) return formatDollars(cents, options);
  if (thousands >= 1000n) return `${sign(cents, options)}$1.00M`; // $999,500 and up round to a million
  return `${sign(cents, options)}$${group(thousands.toString())}K`;
}

/** Formats cents in millions of dollars with one decimal and no unit ("4,123.5"), for tables headed "$ millions". */
export function formatMillions(cents: bigint, options: MoneyFormatOptions = {}): string {
  const t = divRound(abs(cents) * 10n, MILLION.value);
  return `${sign(t === 0n ? 0n : cents, options)}${tenths(t)}`;
}

/**
 * Percentage change from `base` to `value`, one decimal ("+4.2%", "-0.8%"), or null when the base is zero.
 * Computed exactly from cents.
 */
export function formatPercentChange(value: bigint, base: bigint): string | null {
  if (base === 0n) return null;
  const t = divRound((value - base) * 1000n, base < 0n ? -base : base); // tenths of a percent
  const s = t < 0n ? "-" : t > 0n ? "+" : "";
  return `${s}${tenths(abs(t))}%`;
}

/** Share of `part` in `whole` as a whole percentage ("38%"), or null when the whole is zero. */
export function formatShare(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  return `${divRound(part * 100n, whole)}%`;
}

/** "430,000". */
export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(n);
}

/**
 * Formats an ISO timestamp as a date in UTC ("November 26, 2026"), independent of the machine's time zone.
 */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(d);
}

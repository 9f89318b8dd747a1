/**
 * Exact amounts. Dollars and cents are read from text without ever passing through a float, and a value
 * that cannot be read exactly is refused rather than rounded. The same patterns run in DuckDB (RE2 syntax)
 * in the pipeline and in JavaScript in the browser, so both refuse the same inputs.
 */
import { msg } from './messages.ts';
import { lit, sqlTrim } from './sql.ts';

/** Integer digits DECIMAL(18,2) can hold. */
export const MAX_INTEGER_DIGITS = 16;

/**
 * Accepted forms: `1234`, `-1234.5`, `+1234.56`, `1,234.56` (grouping in the right places), `$1,234.56`,
 * `-$1,234.56`, `(1,234.56)` (accounting negative), and zeros past the cents (`12.3400`).
 * Group 1 = sign or "(", group 2 = integer part, group 3 = cents digits.
 */
export const AMOUNT_PATTERN = String.raw`^([-+]?|\()\$?(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2})0*)?\)?$`;

const AMOUNT_RE = new RegExp(AMOUNT_PATTERN);

export const AMOUNT_EXPECTED = msg('type.amount');
/** What a refused amount that is only too large was expected to be. */
export const AMOUNT_TOO_LARGE = msg('type.amountTooLarge', { digits: MAX_INTEGER_DIGITS });

export type AmountResult = { ok: true; cents: bigint; text: string } | { ok: false; expected: string };

/** Parses an amount to integer cents; `text` is its canonical decimal form (`-1234.50`). */
export function parseAmount(raw: string): AmountResult {
  const s = sqlTrim(raw);
  const m = AMOUNT_RE.exec(s);
  if (!m) return { ok: false, expected: AMOUNT_EXPECTED };
  const open = m[1] === '(';
  const close = s.endsWith(')');
  if (open !== close) return { ok: false, expected: AMOUNT_EXPECTED };
  const intDigits = m[2]!.replaceAll(',', '');
  if (intDigits.replace(/^0+/, '').length > MAX_INTEGER_DIGITS) {
    return { ok: false, expected: AMOUNT_TOO_LARGE };
  }
  const cents = BigInt(intDigits) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  const negative = open || m[1] === '-';
  const value = negative ? -cents : cents;
  return { ok: true, cents: value, text: centsToDecimal(value) };
}

const PLAIN = /^-?[0-9]{1,16}(\.[0-9]{1,2})?$/;

/** Whether parseAmount accepts the text, quickly for the plain `-1234.56` of nearly every line. */
export function isAmount(raw: string): boolean {
  return PLAIN.test(raw) || parseAmount(raw).ok;
}

/** Integer cents → `-1234.50`. */
export function centsToDecimal(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  const whole = abs / 100n;
  const frac = String(abs % 100n).padStart(2, '0');
  return `${neg && abs !== 0n ? '-' : ''}${whole}.${frac}`;
}

/** `-1234.5` (a canonical decimal string as DuckDB prints DECIMAL) → integer cents. */
export function decimalToCents(text: string): bigint {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(`not a decimal amount: ${text}`);
  return r.cents;
}

/**
 * SQL expression turning a VARCHAR column that matched AMOUNT_PATTERN into DECIMAL(18,2), exactly.
 * Zeros past the cents are dropped before the cast so DuckDB never rounds.
 */
export function amountSql(col: string): string {
  const t = `trim(${col})`;
  const m = (g: number) => `regexp_extract(${t}, '${AMOUNT_PATTERN}', ${g})`;
  const digits = `replace(${m(2)}, ',', '')`;
  const cents = `rpad(${m(3)}, 2, '0')`;
  const sign = `CASE WHEN ${m(1)} IN ('-', '(') THEN -1 ELSE 1 END`;
  // Plain `-1234.56` (nearly every published amount) casts exactly as it is; only other forms need the regex.
  return `CASE WHEN regexp_full_match(${t}, '-?[0-9]{1,16}(\\.[0-9]{1,2})?') THEN CAST(${t} AS DECIMAL(18,2))
    ELSE CAST(${sign} * CAST(${digits} || '.' || ${cents} AS DECIMAL(18,2)) AS DECIMAL(18,2)) END`;
}

/** SQL boolean: the VARCHAR column holds an amount parseAmount() accepts (same rules, same limits). */
export function amountValidSql(col: string): string {
  const t = `trim(${col})`;
  const digits = `replace(regexp_extract(${t}, '${AMOUNT_PATTERN}', 2), ',', '')`;
  // Plain `-1234.56` first: nearly every published amount, and one cheap regex.
  // A CASE, not OR: DuckDB evaluates both sides of an OR in a projection, but a CASE branch only for its rows.
  return `(CASE WHEN regexp_full_match(${t}, '-?[0-9]{1,16}(\\.[0-9]{1,2})?') THEN true
    ELSE regexp_full_match(${t}, '${AMOUNT_PATTERN}') AND starts_with(${t}, '(') = ends_with(${t}, ')') AND length(ltrim(${digits}, '0')) <= ${MAX_INTEGER_DIGITS} END)`;
}

/**
 * SQL twin of parseAmount's `expected` for a refused amount: "below 10^16 dollars" when only its size is
 * wrong, else the accepted forms.
 */
export function amountExpectedSql(col: string): string {
  const t = `trim(coalesce(${col}, ''))`;
  return `CASE WHEN regexp_full_match(${t}, '${AMOUNT_PATTERN}') AND starts_with(${t}, '(') = ends_with(${t}, ')') THEN ${lit(AMOUNT_TOO_LARGE)} ELSE ${lit(AMOUNT_EXPECTED)} END`;
}

/**
 * Fiscal years. California school fiscal years run July–June and are written `2023-24`.
 * Shared by the pipeline and the browser (no Node APIs here).
 */
import { msg } from './messages.ts';
import { sqlTrim } from './sql.ts';

/** Earliest and latest first calendar year we accept; anything outside is a typo, not a budget. */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;

export type FiscalYearResult = { ok: true; value: string; start: number } | { ok: false; expected: string };

/** What a fiscal year must look like, for messages. */
export const FY_EXPECTED = msg('type.fiscalYear');
/** The same in the older SACS layout, which also takes the first year alone. */
export const FY_OR_START_EXPECTED = msg('type.fiscalYearOrStart', { expected: FY_EXPECTED });
const EXPECTED = FY_EXPECTED;

/**
 * Parses `2023-24`, `2023-2024`, or (with `allowStartYear`, the older SACS layout) `2023`,
 * and returns the canonical `2023-24`. Never guesses: `2023-25` or `1850-51` are refused.
 */
export function parseFiscalYear(raw: string, allowStartYear = false): FiscalYearResult {
  const s = sqlTrim(raw);
  let m = /^(\d{4})-(\d{2}|\d{4})$/.exec(s);
  let start: number;
  if (m) {
    start = Number(m[1]);
    const second = m[2]!;
    const next = start + 1;
    const ok = second.length === 2 ? Number(second) === next % 100 : Number(second) === next;
    if (!ok) return { ok: false, expected: EXPECTED };
  } else if (allowStartYear && (m = /^(\d{4})$/.exec(s))) {
    start = Number(m[1]);
  } else {
    return { ok: false, expected: allowStartYear ? FY_OR_START_EXPECTED : EXPECTED };
  }
  if (start < FIRST_YEAR || start > LAST_YEAR) return { ok: false, expected: EXPECTED };
  return { ok: true, value: formatFiscalYear(start), start };
}

/** `2023` → `2023-24`. */
export function formatFiscalYear(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** `2023-24` → 2023. Assumes a canonical value. */
export function fiscalYearStart(fy: string): number {
  return Number(fy.slice(0, 4));
}

/**
 * SQL twin of parseFiscalYear over a trimmed text `t`: the canonical `2023-24`, or NULL when refused
 * (`allowStart`: the older layout's `2023`).
 */
export function fiscalYearSql(t: string, allowStart = false): string {
  const y1 = `TRY_CAST(substr(${t}, 1, 4) AS INTEGER)`;
  const inRange = `${y1} BETWEEN ${FIRST_YEAR} AND ${LAST_YEAR}`;
  const canon = `substr(${t}, 1, 4) || '-' || lpad(CAST((${y1} + 1) % 100 AS VARCHAR), 2, '0')`;
  return `CASE
    WHEN regexp_full_match(${t}, '[0-9]{4}-[0-9]{2}') AND ${inRange} AND (${y1} + 1) % 100 = TRY_CAST(substr(${t}, 6, 2) AS INTEGER) THEN ${canon}
    WHEN regexp_full_match(${t}, '[0-9]{4}-[0-9]{4}') AND ${inRange} AND ${y1} + 1 = TRY_CAST(substr(${t}, 6, 4) AS INTEGER) THEN ${canon}
    ${allowStart ? `WHEN regexp_full_match(${t}, '[0-9]{4}') AND ${inRange} THEN ${canon}` : ''}
  END`;
}

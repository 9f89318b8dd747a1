/**
 * Fiscal years. California school fiscal years run July–June and are written `2023-24`.
 * Shared by the pipeline and the browser (no Node APIs here).
 */

/** Earliest and latest first calendar year we accept; anything outside is a typo, not a budget. */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;

export type FiscalYearResult = { ok: true; value: string; start: number } | { ok: false; expected: string };

const EXPECTED = 'a fiscal year like 2023-24 (first year 1990–2100, second year the next one)';

/**
 * Parses `2023-24`, `2023-2024`, or (with `allowStartYear`, the older SACS layout) `2023`,
 * and returns the canonical `2023-24`. Never guesses: `2023-25` or `1850-51` are refused.
 */
export function parseFiscalYear(raw: string, allowStartYear = false): FiscalYearResult {
  const s = raw.trim();
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
    return { ok: false, expected: allowStartYear ? `${EXPECTED}, or its first year (2023)` : EXPECTED };
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

/**
 * Field types of the optional tables (schools, allocations, enrollment, outcomes): how a text value is
 * checked and converted, as SQL over the all-VARCHAR staging tables. Each check's wording is the
 * "expected" part of an error message.
 */
import { amountSql, amountValidSql, AMOUNT_EXPECTED } from '../rules/amount.ts';
import { normaliseCodeSql } from '../rules/codes.ts';
import { lit } from './db.ts';
import { parseFiscalYear } from '../rules/fiscal-year.ts';

export interface FieldType {
  sqlType: string;
  expected: string;
  /** SQL boolean over the trimmed, non-empty text `t`. */
  valid: (t: string) => string;
  /** SQL converting a valid `t` to sqlType. */
  value: (t: string) => string;
  /**
   * SQL true when the raw, untrimmed text `col` is already in its canonical form and valid (so the
   * fast path can skip normalising); false sends the row to the full check. Defaults to never clean.
   */
  clean?: (col: string) => string;
  /** SQL converting a raw text for which `clean` holds (no trimming or normalising needed). */
  fast?: (col: string) => string;
  /**
   * For columns with few distinct values (fiscal years): the same rule in JS. The pipeline then checks
   * each distinct value once and maps values by equality instead of parsing every row.
   */
  dictionary?: (raw: string) => string | null;
}

export const FY_EXPECTED = 'a fiscal year like 2023-24 (first year 1990–2100, second year the next one)';

/** SQL: canonical fiscal year from text (`2023-24`, `2023-2024`, with allowStart `2023`), else NULL. */
export function fiscalYearSql(t: string, allowStart = false): string {
  const y1 = `TRY_CAST(substr(${t}, 1, 4) AS INTEGER)`;
  const inRange = `${y1} BETWEEN 1990 AND 2100`;
  const canon = `substr(${t}, 1, 4) || '-' || lpad(CAST((${y1} + 1) % 100 AS VARCHAR), 2, '0')`;
  return `CASE
    WHEN regexp_full_match(${t}, '[0-9]{4}-[0-9]{2}') AND ${inRange} AND (${y1} + 1) % 100 = TRY_CAST(substr(${t}, 6, 2) AS INTEGER) THEN ${canon}
    WHEN regexp_full_match(${t}, '[0-9]{4}-[0-9]{4}') AND ${inRange} AND ${y1} + 1 = TRY_CAST(substr(${t}, 6, 4) AS INTEGER) THEN ${canon}
    ${allowStart ? `WHEN regexp_full_match(${t}, '[0-9]{4}') AND ${inRange} THEN ${canon}` : ''}
  END`;
}

export const T = {
  fiscalYear: (): FieldType => ({
    sqlType: 'VARCHAR',
    expected: FY_EXPECTED,
    valid: (t) => `(${fiscalYearSql(t)}) IS NOT NULL`,
    value: (t) => fiscalYearSql(t),
    dictionary: (raw) => {
      const r = parseFiscalYear(raw);
      return r.ok ? r.value : null;
    },
  }),
  code: (width: number, pattern = `[0-9]{${width}}`, what = `a ${width}-digit code`): FieldType => ({
    sqlType: 'VARCHAR',
    expected: what,
    clean: (c) => `regexp_full_match(${c}, '${pattern}')`,
    fast: (c) => c,
    valid: (t) => `regexp_full_match(${normaliseCodeSql(t, width)}, '${pattern}')`,
    value: (t) => normaliseCodeSql(t, width),
  }),
  amount: (): FieldType => ({
    sqlType: 'DECIMAL(18,2)',
    expected: AMOUNT_EXPECTED,
    clean: (c) => `regexp_full_match(${c}, '-?[0-9]{1,16}(\\.[0-9]{1,2})?')`,
    fast: (c) => `CAST(${c} AS DECIMAL(18,2))`,
    valid: (t) => amountValidSql(t),
    value: (t) => amountSql(t),
  }),
  /** A non-negative decimal with at most `scale` places (zeros past them allowed), between min and max. */
  decimal: (precision: number, scale: number, min: number, max: number, what: string): FieldType => {
    const re = `[0-9]{1,${precision - scale}}(\\.[0-9]{1,${scale}}0*)?`;
    return {
      sqlType: `DECIMAL(${precision},${scale})`,
      expected: `${what} (a number from ${min} to ${max}, at most ${scale} decimal places)`,
      clean: (c) => `(regexp_full_match(${c}, '[0-9]{1,${precision - scale}}(\\.[0-9]{1,${scale}})?') AND TRY_CAST(${c} AS DOUBLE) BETWEEN ${min} AND ${max})`,
      fast: (c) => `CAST(${c} AS DECIMAL(${precision},${scale}))`,
      valid: (t) => `(regexp_full_match(${t}, '${re}') AND TRY_CAST(${t} AS DOUBLE) BETWEEN ${min} AND ${max})`,
      value: (t) => `CAST(CAST(regexp_extract(${t}, '^[0-9]+(\\.[0-9]{1,${scale}})?') AS DECIMAL(${precision},${scale})) AS DECIMAL(${precision},${scale}))`,
    };
  },
  count: (what = 'a whole number of students'): FieldType => ({
    sqlType: 'INTEGER',
    expected: `${what} (0 or more)`,
    clean: (c) => `regexp_full_match(${c}, '[0-9]{1,9}')`,
    fast: (c) => `CAST(${c} AS INTEGER)`,
    valid: (t) => `(regexp_full_match(${t}, '[0-9]{1,9}'))`,
    value: (t) => `CAST(${t} AS INTEGER)`,
  }),
  coordinate: (min: number, max: number): FieldType => ({
    sqlType: 'DOUBLE',
    expected: `decimal degrees between ${min} and ${max}`,
    valid: (t) => `(regexp_full_match(${t}, '-?[0-9]{1,3}(\\.[0-9]+)?') AND TRY_CAST(${t} AS DOUBLE) BETWEEN ${min} AND ${max})`,
    value: (t) => `CAST(${t} AS DOUBLE)`,
  }),
  oneOf: (values: readonly string[], lower = true): FieldType => ({
    sqlType: 'VARCHAR',
    expected: `one of ${values.join(', ')}`,
    clean: (c) => `${c} IN (${values.map(lit).join(', ')})`,
    fast: (c) => c,
    valid: (t) => `${lower ? `lower(${t})` : `upper(${t})`} IN (${values.map(lit).join(', ')})`,
    value: (t) => (lower ? `lower(${t})` : `upper(${t})`),
  }),
  text: (max = 200): FieldType => ({
    sqlType: 'VARCHAR',
    expected: `text of at most ${max} characters`,
    valid: (t) => `length(${t}) <= ${max}`,
    value: (t) => t,
  }),
};

export const GRADES = ['PK', 'TK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', 'ADULT', 'UE'] as const;

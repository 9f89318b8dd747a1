/**
 * Field types of the optional tables (schools, allocations, enrollment, outcomes): how a text value is
 * checked and converted. Each type is written twice, side by side: as SQL over the pipeline's all-VARCHAR
 * scans, and as a JS function for the staff file checker; src/rules/twins.test.ts runs both on the same
 * values and requires the same answers. Each type's wording is the "expected" part of its messages.
 */
import { amountSql, amountValidSql, AMOUNT_EXPECTED, parseAmount } from './amount.ts';
import { normaliseCode, normaliseCodeSql } from './codes.ts';
import { FY_EXPECTED, fiscalYearSql, parseFiscalYear } from './fiscal-year.ts';
import { msg } from './messages.ts';
import { lit, sqlLength, sqlLower, sqlUpper } from './sql.ts';

export interface FieldType {
  sqlType: string;
  expected: string;
  /** SQL boolean over the trimmed, non-empty text `t`. */
  valid: (t: string) => string;
  /** SQL converting a valid `t` to sqlType. */
  value: (t: string) => string;
  /** JS twin of `valid`, over the trimmed (sqlTrim), non-empty text. */
  check: (t: string) => boolean;
  /** JS twin of `value` for a valid text: the typed value as DuckDB prints it (keys are compared on it). */
  norm: (t: string) => string;
  /**
   * SQL true when the raw, untrimmed text `col` is already in its canonical form and valid (so the
   * fast path can skip normalising); false sends the row to the full check. Defaults to never clean.
   */
  clean?: (col: string) => string;
  /** SQL converting a raw text for which `clean` holds (no trimming or normalising needed). */
  fast?: (col: string) => string;
  /**
   * For columns with few distinct values (fiscal years): the rule in JS only. The pipeline then checks
   * each distinct value once and maps values by equality instead of parsing every row.
   */
  dictionary?: (raw: string) => string | null;
}

export { FY_EXPECTED, fiscalYearSql };

const full = (pattern: string) => new RegExp(`^(?:${pattern})$`);

export const T = {
  fiscalYear: (): FieldType => ({
    sqlType: 'VARCHAR',
    expected: FY_EXPECTED,
    valid: (t) => `(${fiscalYearSql(t)}) IS NOT NULL`,
    value: (t) => fiscalYearSql(t),
    check: (t) => parseFiscalYear(t).ok,
    norm: (t) => {
      const r = parseFiscalYear(t);
      return r.ok ? r.value : t;
    },
    dictionary: (raw) => {
      const r = parseFiscalYear(raw);
      return r.ok ? r.value : null;
    },
  }),
  code: (width: number, pattern = `[0-9]{${width}}`, what = msg('type.digits', { width })): FieldType => {
    const re = full(pattern);
    return {
      sqlType: 'VARCHAR',
      expected: what,
      clean: (c) => `regexp_full_match(${c}, '${pattern}')`,
      fast: (c) => c,
      valid: (t) => `regexp_full_match(${normaliseCodeSql(t, width)}, '${pattern}')`,
      value: (t) => normaliseCodeSql(t, width),
      check: (t) => re.test(normaliseCode(t, width)),
      norm: (t) => normaliseCode(t, width),
    };
  },
  amount: (): FieldType => ({
    sqlType: 'DECIMAL(18,2)',
    expected: AMOUNT_EXPECTED,
    clean: (c) => `regexp_full_match(${c}, '-?[0-9]{1,16}(\\.[0-9]{1,2})?')`,
    fast: (c) => `CAST(${c} AS DECIMAL(18,2))`,
    valid: (t) => amountValidSql(t),
    value: (t) => amountSql(t),
    check: (t) => parseAmount(t).ok,
    norm: (t) => {
      const r = parseAmount(t);
      return r.ok ? r.text : t;
    },
  }),
  /** A non-negative decimal with at most `scale` places (zeros past them allowed), between min and max. */
  decimal: (precision: number, scale: number, min: number, max: number, what: string): FieldType => {
    const re = `[0-9]{1,${precision - scale}}(\\.[0-9]{1,${scale}}0*)?`;
    const jsRe = full(re);
    const lead = new RegExp(`^([0-9]+)(?:\\.([0-9]{1,${scale}}))?`);
    return {
      sqlType: `DECIMAL(${precision},${scale})`,
      expected: msg('type.decimal', { what, min, max, scale }),
      clean: (c) => `(regexp_full_match(${c}, '[0-9]{1,${precision - scale}}(\\.[0-9]{1,${scale}})?') AND TRY_CAST(${c} AS DOUBLE) BETWEEN ${min} AND ${max})`,
      fast: (c) => `CAST(${c} AS DECIMAL(${precision},${scale}))`,
      valid: (t) => `(regexp_full_match(${t}, '${re}') AND TRY_CAST(${t} AS DOUBLE) BETWEEN ${min} AND ${max})`,
      value: (t) => `CAST(CAST(regexp_extract(${t}, '^[0-9]+(\\.[0-9]{1,${scale}})?') AS DECIMAL(${precision},${scale})) AS DECIMAL(${precision},${scale}))`,
      check: (t) => jsRe.test(t) && Number(t) >= min && Number(t) <= max,
      norm: (t) => {
        const m = lead.exec(t);
        if (!m) return t;
        return `${m[1]!.replace(/^0+(?=\d)/, '')}.${(m[2] ?? '').padEnd(scale, '0')}`;
      },
    };
  },
  count: (what = msg('type.students')): FieldType => ({
    sqlType: 'INTEGER',
    expected: msg('type.count', { what }),
    clean: (c) => `regexp_full_match(${c}, '[0-9]{1,9}')`,
    fast: (c) => `CAST(${c} AS INTEGER)`,
    valid: (t) => `(regexp_full_match(${t}, '[0-9]{1,9}'))`,
    value: (t) => `CAST(${t} AS INTEGER)`,
    check: (t) => /^[0-9]{1,9}$/.test(t),
    norm: (t) => String(Number(t)),
  }),
  coordinate: (min: number, max: number): FieldType => ({
    sqlType: 'DOUBLE',
    expected: msg('type.coordinate', { min, max }),
    valid: (t) => `(regexp_full_match(${t}, '-?[0-9]{1,3}(\\.[0-9]+)?') AND TRY_CAST(${t} AS DOUBLE) BETWEEN ${min} AND ${max})`,
    value: (t) => `CAST(${t} AS DOUBLE)`,
    check: (t) => /^-?[0-9]{1,3}(\.[0-9]+)?$/.test(t) && Number(t) >= min && Number(t) <= max,
    norm: (t) => String(Number(t)),
  }),
  oneOf: (values: readonly string[], lower = true): FieldType => ({
    sqlType: 'VARCHAR',
    expected: msg('type.oneOf', { values: values.join(', ') }),
    clean: (c) => `${c} IN (${values.map(lit).join(', ')})`,
    fast: (c) => c,
    valid: (t) => `${lower ? `lower(${t})` : `upper(${t})`} IN (${values.map(lit).join(', ')})`,
    value: (t) => (lower ? `lower(${t})` : `upper(${t})`),
    check: (t) => values.includes(lower ? sqlLower(t) : sqlUpper(t)),
    norm: (t) => (lower ? sqlLower(t) : sqlUpper(t)),
  }),
  text: (max = 200): FieldType => ({
    sqlType: 'VARCHAR',
    expected: msg('type.text', { max }),
    valid: (t) => `length(${t}) <= ${max}`,
    value: (t) => t,
    check: (t) => sqlLength(t) <= max,
    norm: (t) => t,
  }),
};

export const GRADES = ['PK', 'TK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', 'ADULT', 'UE'] as const;

/**
 * SACS codes: normalisation, formats, and the classifications that make totals meaningful.
 * Shared by the pipeline (as SQL) and the browser (as JS); each rule is written once, in one table.
 */
import { sqlTrim, sqlUpper } from './sql.ts';

/** The six parts of a SACS account string, in order, with their widths (19 characters in all). */
export const ACCOUNT_PARTS = [
  { field: 'fund', width: 2, pattern: '[0-9A-Z]{2}' },
  { field: 'resource', width: 4, pattern: '[0-9A-Z]{4}' },
  { field: 'project_year', width: 1, pattern: '[0-9]' },
  { field: 'goal', width: 4, pattern: '[0-9A-Z]{4}' },
  { field: 'function', width: 4, pattern: '[0-9A-Z]{4}' },
  { field: 'object', width: 4, pattern: '[0-9A-Z]{4}' },
] as const;

export type AccountField = (typeof ACCOUNT_PARTS)[number]['field'];
export const ACCOUNT_LENGTH = ACCOUNT_PARTS.reduce((n, p) => n + p.width, 0);

/** Code-list dimensions and the state's file names for them. */
export const CODE_LISTS = {
  fund: 'ref_fund_codes.csv',
  resource: 'ref_resource_codes.csv',
  goal: 'ref_goal_codes.csv',
  function: 'ref_function_codes.csv',
  object: 'ref_object_codes.csv',
} as const;
export type CodeDimension = keyof typeof CODE_LISTS;

/** Width and format of each code-list dimension's codes (the account-string parts of the same name). */
export const CODE_FORMATS: Record<CodeDimension, { width: number; pattern: string }> = {
  fund: ACCOUNT_PARTS[0],
  resource: ACCOUNT_PARTS[1],
  goal: ACCOUNT_PARTS[3],
  function: ACCOUNT_PARTS[4],
  object: ACCOUNT_PARTS[5],
};

/** The dimension a state code-list file name is for (`ref_fund_codes.csv` → fund), else undefined. */
export function codeListDimension(fileName: string): CodeDimension | undefined {
  const base = fileName.replace(/^.*[\\/]/, '').toLowerCase();
  return (Object.keys(CODE_LISTS) as CodeDimension[]).find((d) => CODE_LISTS[d] === base);
}

const CLEAN_CODE = /^[0-9A-Z]+$/;

/** Trim, upper-case, and left-pad an all-digit code to its width (`"1 "` → `01`). */
export function normaliseCode(raw: string, width: number): string {
  // As in the SQL: a code already of its width in digits and capitals is left as it is (nearly all).
  if (raw.length === width && CLEAN_CODE.test(raw)) return raw;
  const s = sqlUpper(sqlTrim(raw));
  return /^[0-9]+$/.test(s) && s.length < width ? s.padStart(width, '0') : s;
}

/** SQL twin of normaliseCode. */
export function normaliseCodeSql(col: string, width: number): string {
  const t = `upper(trim(${col}))`;
  // Nearly every code is already clean: one cheap regex, and the trimming and padding only for the rest.
  return `CASE WHEN regexp_full_match(${col}, '[0-9A-Z]{${width}}') THEN ${col}
    WHEN length(${t}) >= ${width} THEN ${t} WHEN regexp_full_match(${t}, '[0-9]+') THEN lpad(${t}, ${width}, '0') ELSE ${t} END`;
}

/** Column codes of the SACS exports, with their Fiscal Data Package phase and our plain phase. */
export const COLUMN_CODES = {
  BB: { title: 'Budget', phase: 'adopted', fdp: 'approved' },
  IO: { title: 'Original budget', phase: 'adopted', fdp: 'approved' },
  IB: { title: 'Board-approved operating budget', phase: 'revised', fdp: 'adjusted' },
  IP: { title: 'Projected totals', phase: 'projected', fdp: 'adjusted' },
  BE: { title: 'Estimated actuals', phase: 'estimated', fdp: 'executed' },
  IA: { title: 'Actuals to date', phase: 'actual_to_date', fdp: 'executed' },
  BA: { title: 'Unaudited actuals', phase: 'actual', fdp: 'executed' },
} as const;
export type ColumnCode = keyof typeof COLUMN_CODES;

/**
 * Reporting periods in the order a year's submissions are made, with the month (counted from July of the
 * fiscal year's first calendar year = 0) when each is due. Used to find the latest submission.
 */
export const REPORTING_PERIODS = {
  BS1: { title: 'Adopted budget', month: -1 },
  BS2: { title: 'Revised budget (45-day revise)', month: 1 },
  I1: { title: 'First interim', month: 5 },
  I2: { title: 'Second interim', month: 8 },
  A: { title: 'Unaudited actuals', month: 14 },
} as const;
export type ReportingPeriod = keyof typeof REPORTING_PERIODS;

/** Periods and the column codes a submission of that period may carry. */
export const PERIOD_COLUMNS: Record<ReportingPeriod, readonly ColumnCode[]> = {
  BS1: ['BB', 'BE'],
  BS2: ['BB', 'BE'],
  I1: ['IO', 'IB', 'IA', 'IP'],
  I2: ['IO', 'IB', 'IA', 'IP'],
  A: ['BA', 'BB'],
};

/** The column code whose fiscal year is the submission's own year, for each period. */
export const OWN_COLUMN: Record<ReportingPeriod, readonly ColumnCode[]> = {
  BS1: ['BB'],
  BS2: ['BB'],
  I1: ['IO', 'IB', 'IA', 'IP'],
  I2: ['IO', 'IB', 'IA', 'IP'],
  A: ['BA'],
};

/**
 * Object classes and groups by code range (SACS manual, procedure 330). `lo`/`hi` are inclusive numeric
 * ranges; non-numeric codes are matched exactly. The first matching row wins.
 */
export const OBJECT_GROUPS = [
  { group: 'certificated_salaries', cls: 'expenditure', lo: 1000, hi: 1999, title: 'Certificated salaries' },
  { group: 'classified_salaries', cls: 'expenditure', lo: 2000, hi: 2999, title: 'Classified salaries' },
  { group: 'employee_benefits', cls: 'expenditure', lo: 3000, hi: 3999, title: 'Employee benefits' },
  { group: 'books_supplies', cls: 'expenditure', lo: 4000, hi: 4999, title: 'Books and supplies' },
  { group: 'services_operating', cls: 'expenditure', lo: 5000, hi: 5999, title: 'Services and other operating expenditures' },
  { group: 'capital_outlay', cls: 'expenditure', lo: 6000, hi: 6999, title: 'Capital outlay' },
  { group: 'other_outgo', cls: 'other_outgo', lo: 7000, hi: 7499, title: 'Other outgo (tuition, pass-through, indirect costs, debt service)' },
  { group: 'transfers_out', cls: 'other_financing', lo: 7600, hi: 7699, title: 'Interfund transfers out and other uses' },
  { group: 'lcff', cls: 'revenue', lo: 8010, hi: 8099, title: 'LCFF sources' },
  { group: 'federal', cls: 'revenue', lo: 8100, hi: 8299, title: 'Federal revenue' },
  { group: 'other_state', cls: 'revenue', lo: 8300, hi: 8599, title: 'Other state revenue' },
  { group: 'other_local', cls: 'revenue', lo: 8600, hi: 8799, title: 'Other local revenue' },
  { group: 'transfers_in', cls: 'other_financing', lo: 8900, hi: 8999, title: 'Interfund transfers in and other sources' },
  { group: 'balance_sheet', cls: 'balance_sheet', lo: 9000, hi: 9999, title: 'Balance sheet (assets, liabilities, fund balance)' },
  { group: 'balance_sheet', cls: 'balance_sheet', code: '979Z', title: 'Balance sheet (assets, liabilities, fund balance)' },
] as const;

export const OBJECT_CLASSES = ['expenditure', 'other_outgo', 'other_financing', 'revenue', 'balance_sheet', 'calculated'] as const;
export type ObjectClass = (typeof OBJECT_CLASSES)[number];

/**
 * Class and group of an object code. Codes outside every range (e.g. `PCRA`, the system-calculated
 * program cost report allocation lines) are `calculated`: kept, but never added into spending.
 */
export function classifyObject(object: string): { cls: ObjectClass; group: string } {
  const n = /^[0-9]{4}$/.test(object) ? Number(object) : NaN;
  for (const g of OBJECT_GROUPS) {
    if ('code' in g ? g.code === object : n >= g.lo && n <= g.hi) return { cls: g.cls, group: g.group };
  }
  return { cls: 'calculated', group: 'calculated' };
}

/**
 * SQL twin of classifyObject. `num` is an SQL expression for the code as an integer (NULL when it is not
 * four digits), computed once by the caller, e.g. objectNumberSql(col).
 */
export function classifyObjectSql(col: string, num = objectNumberSql(col)): { cls: string; group: string } {
  const arms = (pick: 'cls' | 'group') =>
    OBJECT_GROUPS.map((g) => `WHEN ${'code' in g ? `${col} = '${g.code}'` : `${num} BETWEEN ${g.lo} AND ${g.hi}`} THEN '${g[pick]}'`).join(' ');
  return { cls: `CASE ${arms('cls')} ELSE 'calculated' END`, group: `CASE ${arms('group')} ELSE 'calculated' END` };
}

/** SQL: a four-digit object code as an integer, else NULL. */
export function objectNumberSql(col: string): string {
  return `CASE WHEN length(${col}) = 4 THEN TRY_CAST(${col} AS SMALLINT) END`;
}

/** SACS convention: resources 0000–1999 are unrestricted, 2000–9999 restricted. */
export function isRestricted(resource: string): boolean {
  return /^[0-9]{4}$/.test(resource) && Number(resource) >= 2000;
}
export function isRestrictedSql(col: string): string {
  return `coalesce(CASE WHEN length(${col}) = 4 AND regexp_full_match(${col}, '[0-9]{4}') THEN CAST(${col} AS SMALLINT) END >= 2000, false)`;
}

/** SQL CASE mapping a column code to our phase (adopted, revised, …). */
export function phaseSql(col: string): string {
  return `CASE ${Object.entries(COLUMN_CODES).map(([k, v]) => `WHEN ${col} = '${k}' THEN '${v.phase}'`).join(' ')} END`;
}

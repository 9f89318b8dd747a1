/**
 * The optional tables (school directory, allocations, enrollment, outcomes), the state's FRPM file and the
 * SACS code lists: columns, types, keys and cross-field rules, each rule with its SQL (the pipeline) and
 * its JS twin (the staff file checker). Described once here; src/pipeline/tables.ts and code-lists.ts run
 * the SQL, src/checker/ the JS, and src/rules/twins.test.ts requires both to agree.
 */
import { classifyObjectSql, CODE_FORMATS, isRestrictedSql, normaliseCode, normaliseCodeSql, phaseSql, type CodeDimension } from './codes.ts';
import { GRADES, T, type FieldType } from './fields.ts';
import {
  ALLOCATION_BASES, ALLOCATION_COLUMNS, ALLOCATIONS, CDE_FRPM, CODE_LIST, DEMOGRAPHIC_COUNTS, ENROLLMENT, mapColumns, OUTCOME_MEASURES, OUTCOMES,
  SCHOOL_TYPES, SCHOOLS, type ColumnMap, type Layout,
} from './layouts.ts';
import { msg, msgSql, type RuleId } from './messages.ts';
import type { HeaderProblem, TwinRule } from './twin.ts';
import { ident, sqlTrim } from './sql.ts';

/** A row of a table as read: field → raw text, null when empty or absent (DuckDB's NULL). */
export type RawRow = Record<string, string | null>;

/** A rule over several fields of a raw row, in SQL and JS. */
export type CrossRule = TwinRule<RawRow> & { column: string };

export interface TableSpec {
  layout: Layout;
  /** Files, relative to the input folder: a file name or a folder of CSVs. */
  source: string;
  types: Record<string, FieldType>;
  key: string[];
  keyWhat: string;
  /** Extra rules over the raw row (cross-field checks). */
  rules?: CrossRule[];
  /** Extra typed columns (SQL over typed columns of the same row). */
  derived?: Record<string, string>;
  orderBy: string;
  refersToSchools: boolean;
}

const code = (w: number, what: string, pattern?: string) => T.code(w, pattern ?? `[0-9]{${w}}`, what);
const COUNT = /^[0-9]{1,9}$/;

/** A student-group count may not exceed the enrollment (both read as counts; other texts are type errors). */
function notOverEnrollment(c: string): CrossRule {
  const tc = `trim(${ident(c)})`;
  return {
    rule: 'countOverEnrollment', field: c, column: c, expected: msg('countOverEnrollment.expected'),
    bad: `CASE WHEN regexp_full_match(${tc}, '[0-9]{1,9}') AND regexp_full_match(trim(enrollment), '[0-9]{1,9}') THEN CAST(${tc} AS BIGINT) > CAST(trim(enrollment) AS BIGINT) END`,
    found: msgSql('countOverEnrollment.found', { count: tc, enrollment: 'trim(enrollment)' }),
    foundIsPhrase: true,
    check: (row) => {
      const v = row[c] === null || row[c] === undefined ? null : sqlTrim(row[c]);
      const e = row.enrollment === null || row.enrollment === undefined ? null : sqlTrim(row.enrollment);
      if (v === null || e === null || !COUNT.test(v) || !COUNT.test(e) || Number(v) <= Number(e)) return undefined;
      return { found: msg('countOverEnrollment.found', { count: v, enrollment: e }) };
    },
  };
}

export const TABLES: Record<'schools' | 'allocations' | 'enrollment' | 'outcomes', TableSpec> = {
  schools: {
    layout: SCHOOLS,
    source: 'schools.csv',
    types: {
      school_code: code(7, msg('type.schoolCodeCds')),
      cds_code: code(14, msg('type.cdsCode')),
      name: T.text(200),
      type: T.oneOf(SCHOOL_TYPES),
      low_grade: T.oneOf(GRADES, false),
      high_grade: T.oneOf(GRADES, false),
      region: T.text(100),
      address: T.text(200),
      city: T.text(100),
      zip: T.code(5, '[0-9]{5}(-[0-9]{4})?', msg('type.zip')),
      latitude: T.coordinate(-90, 90),
      longitude: T.coordinate(-180, 180),
      opened: T.fiscalYear(),
      closed: T.fiscalYear(),
      charter: T.oneOf(['Y', 'N'], false),
    },
    key: ['school_code'],
    keyWhat: 'school code',
    orderBy: 'school_code',
    refersToSchools: false,
  },
  allocations: {
    layout: ALLOCATIONS,
    source: 'allocations',
    types: {
      fiscal_year: T.fiscalYear(),
      column_code: T.oneOf(ALLOCATION_COLUMNS, false),
      school_code: code(7, msg('type.schoolCode')),
      fund: code(2, msg('sacsCode.expected', { width: 2, what: 'fund' }), '[0-9A-Z]{2}'),
      resource: code(4, msg('sacsCode.expected', { width: 4, what: 'resource' }), '[0-9A-Z]{4}'),
      goal: code(4, msg('sacsCode.expected', { width: 4, what: 'goal' }), '[0-9A-Z]{4}'),
      function: code(4, msg('sacsCode.expected', { width: 4, what: 'function' }), '[0-9A-Z]{4}'),
      object: code(4, msg('sacsCode.expected', { width: 4, what: 'object' }), '[0-9A-Z]{4}'),
      amount: T.amount(),
      fte: T.decimal(10, 4, 0, 100000, msg('type.fte')),
      basis: T.oneOf(ALLOCATION_BASES),
    },
    key: ['fiscal_year', 'column_code', 'school_code', 'fund', 'resource', 'goal', 'function', 'object', 'basis'],
    keyWhat: 'school, fiscal year, column code, account and basis',
    derived: {
      phase: phaseSql('column_code'),
      object_class: classifyObjectSql('object').cls,
      object_group: classifyObjectSql('object').group,
      restricted: isRestrictedSql('resource'),
    },
    orderBy: 'fiscal_year, column_code, school_code, fund, resource, goal, "function", object, basis',
    refersToSchools: true,
  },
  enrollment: {
    layout: ENROLLMENT,
    source: 'enrollment.csv',
    types: {
      fiscal_year: T.fiscalYear(),
      school_code: code(7, msg('type.schoolCode')),
      enrollment: T.count(),
      ...Object.fromEntries(DEMOGRAPHIC_COUNTS.map((c) => [c, T.count()])),
      need_index: T.decimal(5, 2, 0, 100, msg('type.needIndex')),
    },
    key: ['fiscal_year', 'school_code'],
    keyWhat: 'school and fiscal year',
    rules: DEMOGRAPHIC_COUNTS.map(notOverEnrollment),
    orderBy: 'fiscal_year, school_code',
    refersToSchools: true,
  },
  outcomes: {
    layout: OUTCOMES,
    source: 'outcomes.csv',
    types: {
      fiscal_year: T.fiscalYear(),
      school_code: code(7, msg('type.schoolCode')),
      measure: T.oneOf(OUTCOME_MEASURES),
      value: T.decimal(5, 2, 0, 100, msg('type.percentage')),
      students: T.count(),
    },
    key: ['fiscal_year', 'school_code', 'measure'],
    keyWhat: 'school, fiscal year and measure',
    orderBy: 'measure, fiscal_year, school_code',
    refersToSchools: true,
  },
};

export type TableId = keyof typeof TABLES;

/** Errors for missing required columns (the file is then not read), a warning for extra columns. */
export function tableHeader(spec: TableSpec, header: string[]): { map: ColumnMap; problems: HeaderProblem[] } {
  const map = mapColumns(spec.layout, header);
  const problems: HeaderProblem[] = map.missing.map((m) => ({
    severity: 'error', rule: 'missingColumn', column: m.field, expected: msg('missingColumn.table', { column: m.field, layout: spec.layout.title }), found: msg('missingColumn.found'),
  }));
  if (!map.missing.length && map.extra.length) {
    problems.push({ severity: 'warning', rule: 'extraColumns', expected: msg('extraColumns.expected', { layout: spec.layout.title }), found: msg('extraColumns.found', { columns: map.extra.join(', ') }) });
  }
  return { map, problems };
}

/** The one problem of a `state/` file that is not in a layout the portal reads. */
export function frpmHeader(header: string[]): { map: ColumnMap; problems: HeaderProblem[] } {
  const map = mapColumns(CDE_FRPM, header);
  if (!map.missing.length) return { map, problems: [] };
  return {
    map,
    problems: [{
      severity: 'error', rule: 'frpmHeader',
      expected: msg('frpmHeader.expected', { layout: CDE_FRPM.title, columns: CDE_FRPM.fields.filter((f) => f.required).map((f) => f.headers[0]).join(', ') }),
      found: msg('frpmHeader.found', { missing: map.missing.map((m) => m.headers[0]).join(', ') }),
    }],
  };
}

/** How the FRPM file's columns are read as the enrollment table (the rest of enrollment is empty). */
export const FRPM_AS_ENROLLMENT: Record<string, string> = {
  fiscal_year: 'academic_year',
  school_code: 'school_code',
  enrollment: 'k12_enrollment',
  low_income: 'frpm_count',
};

/** The field rules of a table: a required value that is empty, a present value of the wrong type. */
export interface FieldRule {
  rule: RuleId;
  field: string;
  /** True: the rule is "required and empty"; false: "present and invalid". */
  empty: boolean;
  type: FieldType;
}

/**
 * The field rules of a table in the order they are listed for a line; fiscal years (checked once per
 * distinct value) come last, after the cross-field rules (see tableRuleOrder).
 */
export function fieldRules(spec: TableSpec): { perLine: FieldRule[]; perValue: FieldRule[] } {
  const perLine: FieldRule[] = [];
  const perValue: FieldRule[] = [];
  for (const f of spec.layout.fields) {
    const type = spec.types[f.field]!;
    if (f.required) perLine.push({ rule: 'emptyValue', field: f.field, empty: true, type });
    if (type.dictionary) perValue.push({ rule: 'invalidValue', field: f.field, empty: false, type });
    else perLine.push({ rule: 'invalidValue', field: f.field, empty: false, type });
  }
  return { perLine, perValue };
}

/** SQL of a field rule, over a raw scan (the pipeline). */
export function fieldRuleSql(r: FieldRule): { rule: RuleId; column: string; expected: string; bad: string; found: string } {
  const t = `trim(${ident(r.field)})`;
  const empty = `(${t} IS NULL OR ${t} = '')`;
  if (r.empty) return { rule: r.rule, column: r.field, expected: r.type.expected, bad: empty, found: "''" };
  return { rule: r.rule, column: r.field, expected: r.type.expected, bad: `(NOT ${empty} AND NOT coalesce(${r.type.valid(t)}, false))`, found: ident(r.field) };
}

/** JS twin of fieldRuleSql: what was found when the raw value (null = empty) breaks the rule. */
export function checkField(r: FieldRule, raw: string | null | undefined): { found: string | null } | undefined {
  const t = raw === null || raw === undefined ? '' : sqlTrim(raw);
  if (r.empty) return t === '' ? { found: '' } : undefined;
  return t !== '' && !r.type.check(t) ? { found: raw ?? null } : undefined;
}

// ── code lists ───────────────────────────────────────────────────────────────────────────────────────

/** A code-list row after staging: the code normalised for its dimension, the title trimmed. */
export interface CodeListRow {
  dimension: CodeDimension;
  code: string | null;
  title: string | null;
}

/** SQL: a code-list scan's code normalised for its dimension (the scan has a `dimension` constant). */
export const CODE_LIST_CODE_SQL = `CASE dimension ${Object.entries(CODE_FORMATS).map(([d, f]) => `WHEN '${d}' THEN ${normaliseCodeSql('code', f.width)}`).join(' ')} END`;

export function stageCodeListRow(dimension: CodeDimension, get: (field: string) => string | undefined): CodeListRow {
  const c = get('code');
  const title = get('title');
  return {
    dimension,
    code: c === undefined || c === '' ? null : normaliseCode(c, CODE_FORMATS[dimension].width),
    title: title === undefined || title === '' ? null : sqlTrim(title),
  };
}

/** The rules of every code-list line. */
export const CODE_LIST_RULES: (TwinRule<CodeListRow> & { column: string })[] = [
  {
    rule: 'codeListCode', field: 'code', column: 'Code', expected: msg('codeListCode.expected'),
    bad: `NOT regexp_full_match(coalesce(code, ''), CASE dimension ${Object.entries(CODE_FORMATS).map(([d, f]) => `WHEN '${d}' THEN '${f.pattern}'`).join(' ')} END)`,
    found: 'code',
    check: (row) => (new RegExp(`^(?:${CODE_FORMATS[row.dimension].pattern})$`).test(row.code ?? '') ? undefined : { found: row.code }),
  },
  {
    rule: 'codeListTitle', field: 'title', column: 'Title', expected: msg('codeListTitle.expected'), bad: `coalesce(title, '') = ''`, found: 'title',
    check: (row) => ((row.title ?? '') === '' ? { found: row.title } : undefined),
  },
];

/** Errors for a code list without its Code and Title columns. */
export function codeListHeader(header: string[]): { map: ColumnMap; problems: HeaderProblem[] } {
  const map = mapColumns(CODE_LIST, header);
  return {
    map,
    problems: map.missing.map((m) => ({ severity: 'error', rule: 'missingColumn', column: m.headers[0]!, expected: msg('missingColumn.codeList', { column: m.headers[0]! }), found: msg('missingColumn.found') })),
  };
}

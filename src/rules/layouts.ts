/**
 * The input layouts the portal reads: which columns each published file has, found by header name.
 * Shared by the pipeline and the browser's file checker, so both accept and refuse the same files.
 */

/** One column of a layout: our field name, the header names that mean it, whether it must be there. */
export interface FieldSpec {
  field: string;
  headers: string[];
  required: boolean;
}

export interface Layout {
  id: string;
  title: string;
  fields: FieldSpec[];
}

const f = (field: string, headers: string[], required = true): FieldSpec => ({ field, headers, required });

/** SACS web system export, sheet UserGL (2022-23 on). */
export const USERGL: Layout = {
  id: 'usergl',
  title: 'SACS web system UserGL export',
  fields: [
    f('submission_id', ['SubmissionNumber']),
    f('cds_code', ['CDSCode']),
    f('fiscal_year', ['FullFiscalYear']),
    f('reporting_period', ['ReportingPeriod']),
    f('column_code', ['ColumnCode']),
    f('account_string', ['AccountString']),
    f('fund', ['FundCode']),
    f('resource', ['ResourceCode']),
    f('project_year', ['ProjectYear']),
    f('goal', ['GoalCode']),
    f('function', ['FunctionCode']),
    f('object', ['ObjectCode']),
    f('amount', ['Amount']),
    f('import_flag', ['ImportFlag'], false),
  ],
};

/** CDE annual financial database export (older years): quoted, space-padded values. */
export const LEGACY: Layout = {
  id: 'legacy',
  title: 'CDE annual database export (older layout)',
  fields: [
    f('ccode', ['Ccode']),
    f('dcode', ['Dcode']),
    f('school_code', ['SchoolCode']),
    f('fiscal_year', ['Fiscalyear']),
    f('reporting_period', ['Period']),
    f('column_code', ['Colcode']),
    f('account_string', ['Account']),
    f('fund', ['Fund']),
    f('resource', ['Resource']),
    f('project_year', ['Projectyear']),
    f('goal', ['Goal']),
    f('function', ['Function']),
    f('object', ['Object']),
    f('amount', ['Value']),
  ],
};

export const SACS_LAYOUTS = [USERGL, LEGACY] as const;

export const CODE_LIST: Layout = {
  id: 'code_list',
  title: 'SACS code list',
  fields: [f('code', ['Code']), f('title', ['Title'])],
};

export const SCHOOLS: Layout = {
  id: 'schools',
  title: 'school directory',
  fields: [
    f('school_code', ['school_code']),
    f('cds_code', ['cds_code'], false),
    f('name', ['name', 'school_name']),
    f('type', ['type', 'school_type']),
    f('low_grade', ['low_grade'], false),
    f('high_grade', ['high_grade'], false),
    f('region', ['region'], false),
    f('address', ['address'], false),
    f('city', ['city'], false),
    f('zip', ['zip'], false),
    f('latitude', ['latitude'], false),
    f('longitude', ['longitude'], false),
    f('opened', ['opened'], false),
    f('closed', ['closed'], false),
    f('charter', ['charter'], false),
  ],
};

export const ALLOCATIONS: Layout = {
  id: 'allocations',
  title: 'school allocations',
  fields: [
    f('fiscal_year', ['fiscal_year']),
    f('column_code', ['column_code']),
    f('school_code', ['school_code']),
    f('fund', ['fund']),
    f('resource', ['resource']),
    f('goal', ['goal']),
    f('function', ['function']),
    f('object', ['object']),
    f('amount', ['amount']),
    f('fte', ['fte'], false),
    f('basis', ['basis'], false),
  ],
};

export const DEMOGRAPHIC_COUNTS = [
  'low_income', 'english_learners', 'students_with_disabilities', 'foster_youth', 'homeless',
  'hispanic', 'black', 'white', 'asian', 'filipino', 'pacific_islander', 'american_indian', 'two_or_more',
] as const;

export const ENROLLMENT: Layout = {
  id: 'enrollment',
  title: 'enrollment and demographics',
  fields: [
    f('fiscal_year', ['fiscal_year']),
    f('school_code', ['school_code']),
    f('enrollment', ['enrollment']),
    ...DEMOGRAPHIC_COUNTS.map((c) => f(c, [c], false)),
    f('need_index', ['need_index'], false),
  ],
};

export const OUTCOME_MEASURES = ['ela_proficiency', 'math_proficiency', 'chronic_absenteeism', 'graduation_rate'] as const;

export const OUTCOMES: Layout = {
  id: 'outcomes',
  title: 'student outcomes',
  fields: [
    f('fiscal_year', ['fiscal_year']),
    f('school_code', ['school_code']),
    f('measure', ['measure']),
    f('value', ['value']),
    f('students', ['students'], false),
  ],
};

/**
 * CDE "Free or Reduced Price Meals" school-level file (the state's annual FRPM export), as published:
 * one row per school with its CDS parts, K-12 enrollment and FRPM count. Read as enrollment and
 * low-income counts when the district publishes no enrollment.csv.
 */
export const CDE_FRPM: Layout = {
  id: 'cde_frpm',
  title: 'CDE Free or Reduced Price Meals school-level file',
  fields: [
    f('academic_year', ['Academic Year']),
    f('county_code', ['County Code']),
    f('district_code', ['District Code']),
    f('school_code', ['School Code']),
    f('school_name', ['School Name'], false),
    f('k12_enrollment', ['Enrollment (K-12)']),
    f('frpm_count', ['FRPM Count (K-12)']),
  ],
};

export const SCHOOL_TYPES = ['elementary', 'middle', 'high', 'span', 'option', 'early_education', 'adult'] as const;
export const ALLOCATION_COLUMNS = ['BB', 'IB', 'BA'] as const;
export const ALLOCATION_BASES = ['base', 'need_weight', 'categorical', 'central'] as const;

function key(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Which SACS layout a header is: the one sharing the most column names (at least 3), or null. */
export function detectSacsLayout(header: string[]): Layout | null {
  const keys = new Set(header.map(key));
  let best: Layout | null = null;
  let bestScore = 2;
  for (const l of SACS_LAYOUTS) {
    const score = l.fields.filter((fs) => fs.headers.some((h) => keys.has(key(h)))).length;
    if (score > bestScore) { best = l; bestScore = score; }
  }
  return best;
}

export interface ColumnMap {
  /** field → index of its column in the header. */
  index: Map<string, number>;
  missing: FieldSpec[];
  extra: string[];
}

/** Finds each field's column by header name; reports required fields that are missing and unknown columns. */
export function mapColumns(layout: Layout, header: string[]): ColumnMap {
  const index = new Map<string, number>();
  const used = new Set<number>();
  const keys = header.map(key);
  const missing: FieldSpec[] = [];
  for (const fs of layout.fields) {
    const i = keys.findIndex((k) => fs.headers.some((h) => key(h) === k));
    if (i >= 0) { index.set(fs.field, i); used.add(i); } else if (fs.required) missing.push(fs);
  }
  const extra = header.filter((h, i) => !used.has(i) && key(h) !== '');
  return { index, missing, extra };
}

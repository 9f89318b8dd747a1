/**
 * The rules of a SACS export, each written once with its SQL (what the pipeline runs in DuckDB over every
 * line) and its JS twin (what the staff file checker runs in the browser), side by side;
 * src/rules/twins.test.ts runs both on the same lines and requires the same problems.
 *
 * A line is first "staged" (trimmed, upper-cased, codes padded), then checked: per-line rules (code
 * formats, exact amount, account string = its codes) and per-value rules (submission, CDS code, fiscal
 * year, reporting period, column code), which the pipeline evaluates once per distinct value.
 */
import { AMOUNT_EXPECTED, amountExpectedSql, amountValidSql, isAmount, parseAmount } from './amount.ts';
import { ACCOUNT_LENGTH, ACCOUNT_PARTS, COLUMN_CODES, normaliseCode, normaliseCodeSql, PERIOD_COLUMNS, REPORTING_PERIODS, type ColumnCode, type ReportingPeriod } from './codes.ts';
import { FY_EXPECTED, FY_OR_START_EXPECTED, parseFiscalYear } from './fiscal-year.ts';
import { detectSacsLayout, LEGACY, mapColumns, USERGL, type ColumnMap, type Layout } from './layouts.ts';
import { msg, msgSql, shown, type RuleId } from './messages.ts';
import type { HeaderProblem, TwinRule } from './twin.ts';
import { ident, lit, sqlTrim, sqlUpper } from './sql.ts';

export type SacsLayoutId = 'usergl' | 'legacy';

/** A SACS line after staging; null where DuckDB has NULL (an empty or missing field). */
export interface SacsLine {
  layout: SacsLayoutId;
  submission_id: string | null;
  cds_code: string | null;
  import_flag: string | null;
  reporting_period: string | null;
  column_code: string | null;
  fiscal_year_text: string | null;
  account_string: string | null;
  fund: string | null;
  resource: string | null;
  project_year: string | null;
  goal: string | null;
  function: string | null;
  object: string | null;
  amount_text: string | null;
}

/** The column header of a field in a layout (its first accepted name), as messages name it. */
export function headerOf(layout: Layout, field: string): string {
  return layout.fields.find((f) => f.field === field)?.headers[0] ?? field;
}

/** SQL: the header of a field in the line's layout (a staged row has `layout`). */
export function columnSql(field: string): string {
  return `CASE layout WHEN 'usergl' THEN ${lit(headerOf(USERGL, field))} ELSE ${lit(headerOf(LEGACY, field))} END`;
}

/** The submission id of an older-layout file: its name without folder and extension. */
export function legacySubmissionId(file: string): string {
  return file.replace(/^.*\/|\.[^.]*$/g, '');
}

// ── staging ─────────────────────────────────────────────────────────────────────────────────────────

const t = (c: string) => `trim(${ident(c)})`;
if (ACCOUNT_PARTS.map((p) => `${p.field}:${p.width}`).join(' ') !== 'fund:2 resource:4 project_year:1 goal:4 function:4 object:4') {
  throw new Error('stageSacsLine spells out the account parts: update it with ACCOUNT_PARTS');
}
const PARTS_SQL = ACCOUNT_PARTS.map((p) => `${normaliseCodeSql(ident(p.field), p.width)} AS ${ident(p.field)}`).join(', ');

/** SQL: the low-cardinality staged columns (grouped on when checking). */
export const SACS_GROUPED_SQL = `source_file, source_row, upper(${t('reporting_period')}) AS reporting_period, upper(${t('column_code')}) AS column_code, ${t('fiscal_year')} AS fiscal_year_text`;
/** SQL: every staged column but layout, submission, CDS code and import flag (see sacsLayoutSql). */
export const SACS_STAGE_SQL = `${SACS_GROUPED_SQL}, upper(${t('account_string')}) AS account_string, ${PARTS_SQL}, ${t('amount')} AS amount_text`;

/** SQL: the layout-specific staged columns (layout, submission_id, cds_code, import_flag). */
export function sacsLayoutSql(layout: SacsLayoutId): string {
  if (layout === 'usergl') return `'usergl' AS layout, ${t('submission_id')} AS submission_id, ${t('cds_code')} AS cds_code, ${t('import_flag')} AS import_flag`;
  // The older layout has no submission id: the file is the submission.
  return `'legacy' AS layout, regexp_replace(source_file, '^.*/|\\.[^.]*$', '', 'g') AS submission_id,
        ${t('ccode')} || ${t('dcode')} || ${t('school_code')} AS cds_code, CAST(NULL AS VARCHAR) AS import_flag`;
}

/** DuckDB reads an empty field as NULL. */
const nul = (v: string | undefined | null): string | null => (v === undefined || v === null || v === '' ? null : v);
const trimmed = (v: string | undefined | null) => { const x = nul(v); return x === null ? null : sqlTrim(x); };
const upperTrimmed = (v: string | undefined | null) => { const x = trimmed(v); return x === null ? null : sqlUpper(x); };

/** JS twin of the staging SQL: `get(field)` is the raw text of a layout field ('' or undefined when empty). */
export function stageSacsLine(layout: SacsLayoutId, get: (field: string) => string | undefined, file: string): SacsLine {
  const code = (f: string, w: number) => { const x = nul(get(f)); return x === null ? null : normaliseCode(x, w); };
  let cds: string | null;
  if (layout === 'usergl') cds = trimmed(get('cds_code'));
  else {
    const c = trimmed(get('ccode'));
    const d = trimmed(get('dcode'));
    const s = trimmed(get('school_code'));
    cds = c === null || d === null || s === null ? null : c + d + s;
  }
  return {
    layout,
    submission_id: layout === 'usergl' ? trimmed(get('submission_id')) : legacySubmissionId(file),
    cds_code: cds,
    import_flag: layout === 'usergl' ? trimmed(get('import_flag')) : null,
    reporting_period: upperTrimmed(get('reporting_period')),
    column_code: upperTrimmed(get('column_code')),
    fiscal_year_text: trimmed(get('fiscal_year')),
    account_string: upperTrimmed(get('account_string')),
    // The widths of ACCOUNT_PARTS (fund 2, resource 4, project year 1, goal 4, function 4, object 4).
    fund: code('fund', 2),
    resource: code('resource', 4),
    project_year: code('project_year', 1),
    goal: code('goal', 4),
    function: code('function', 4),
    object: code('object', 4),
    amount_text: trimmed(get('amount')),
  };
}

// ── rules on every line ───────────────────────────────────────────────────────────────────────────────

const ACCOUNT_RE = new RegExp(`^[0-9A-Z]{${ACCOUNT_LENGTH}}$`);
const concatPartsSql = ACCOUNT_PARTS.map((p) => `coalesce(${ident(p.field)}, '')`).join(' || ');
const startOf = (i: number) => ACCOUNT_PARTS.slice(0, i).reduce((n, q) => n + q.width, 0);

/** Rules checked on every line: the six code formats, the exact amount, the account string. */
export const SACS_LINE_RULES: TwinRule<SacsLine>[] = [
  ...ACCOUNT_PARTS.map((p): TwinRule<SacsLine> => {
    const re = new RegExp(`^(?:${p.pattern})$`);
    return {
      rule: 'sacsCode', field: p.field, expected: msg('sacsCode.expected', { width: p.width, what: p.field.replace('_', ' ') }),
      bad: `NOT regexp_full_match(coalesce(${ident(p.field)}, ''), '${p.pattern}')`, found: ident(p.field),
      check: (row) => (re.test(row[p.field] ?? '') ? undefined : { found: row[p.field] }),
    };
  }),
  {
    rule: 'amount', field: 'amount', expected: AMOUNT_EXPECTED,
    bad: `NOT coalesce(${amountValidSql('amount_text')}, false)`, found: 'amount_text', expectedSql: amountExpectedSql('amount_text'),
    check: (row) => {
      if (row.amount_text !== null && isAmount(row.amount_text)) return undefined;
      const r = parseAmount(row.amount_text ?? '');
      return r.ok ? undefined : { found: row.amount_text, expected: r.expected };
    },
  },
  {
    rule: 'accountString', field: 'account_string', expected: msg('accountString.expected', { length: ACCOUNT_LENGTH }),
    // Compare piece by piece: no string is built for the million lines that agree.
    bad: `NOT (length(coalesce(account_string, '')) = ${ACCOUNT_LENGTH} AND ${ACCOUNT_PARTS.map((p, i) => `substr(coalesce(account_string, ''), ${1 + startOf(i)}, ${p.width}) = coalesce(${ident(p.field)}, '')`).join(' AND ')})`,
    found: msgSql('accountString.found', { account: `coalesce(account_string, '')`, codes: concatPartsSql }),
    foundIsPhrase: true,
    check: (row) => {
      const a = row.account_string;
      if (a !== null && ACCOUNT_RE.test(a)) {
        // Plain ASCII (nearly every line): compare slices directly.
        let at = 0;
        const same = ACCOUNT_PARTS.every((p) => { const ok = a.slice(at, at + p.width) === row[p.field]; at += p.width; return ok; });
        if (same) return undefined;
      }
      const account = [...(row.account_string ?? '')];
      const ok = account.length === ACCOUNT_LENGTH && ACCOUNT_PARTS.every((p, i) => account.slice(startOf(i), startOf(i) + p.width).join('') === (row[p.field] ?? ''));
      if (ok) return undefined;
      return { found: msg('accountString.found', { account: row.account_string ?? '', codes: ACCOUNT_PARTS.map((p) => row[p.field] ?? '').join('') }) };
    },
  },
];

// ── rules on each distinct value ──────────────────────────────────────────────────────────────────────

/** The staged values a SACS value rule looks at (as DuckDB groups them: NULL shown as null). */
export type SacsValues = Pick<SacsLine, 'layout' | 'submission_id' | 'cds_code' | 'fiscal_year_text' | 'reporting_period' | 'column_code'>;

export interface ValueRule {
  rule: RuleId;
  field: string;
  /** SQL over staged columns giving the value this rule judges, and its JS twin. */
  keySql: string;
  key: (v: SacsValues) => string;
  isBad: (v: SacsValues) => boolean;
  expected: (layout: SacsLayoutId) => string;
  /** SQL giving the expected text per row when it depends on the layout. */
  expectedSql?: string;
  found: string;
  foundIsPhrase?: boolean;
  foundOf: (v: SacsValues) => string | null;
}

const has = (o: object, k: string | null): boolean => k !== null && Object.hasOwn(o, k);
const article = (period: string) => (/^[AEIOU]/.test(period) ? 'an' : 'a');
const pairsText = (() => {
  const groups = new Map<string, string[]>();
  for (const [p, cols] of Object.entries(PERIOD_COLUMNS)) groups.set(cols.join(', '), [...(groups.get(cols.join(', ')) ?? []), p]);
  return [...groups].map(([cols, ps]) => `${ps.join('/')}: ${cols}`).join('; ');
})();

/** Rules on the few distinct values of a file's low-cardinality columns, in the order they are listed. */
export const SACS_VALUE_RULES: ValueRule[] = [
  {
    rule: 'submissionId', field: 'submission_id', keySql: `layout || ' ' || coalesce(submission_id, '')`, key: (v) => `${v.layout} ${v.submission_id ?? ''}`,
    isBad: (v) => v.layout === 'usergl' && (v.submission_id ?? '') === '', expected: () => msg('submissionId.expected'), found: 'submission_id', foundOf: (v) => v.submission_id,
  },
  {
    rule: 'cdsCode', field: 'cds_code', keySql: `coalesce(cds_code, '')`, key: (v) => v.cds_code ?? '',
    isBad: (v) => !/^[0-9]{14}$/.test(v.cds_code ?? ''), expected: () => msg('cdsCode.expected'), found: 'cds_code', foundOf: (v) => v.cds_code,
  },
  {
    rule: 'fiscalYear', field: 'fiscal_year', keySql: `layout || ' ' || coalesce(fiscal_year_text, '')`, key: (v) => `${v.layout} ${v.fiscal_year_text ?? ''}`,
    isBad: (v) => !parseFiscalYear(v.fiscal_year_text ?? '', v.layout === 'legacy').ok,
    expected: (layout) => (layout === 'legacy' ? FY_OR_START_EXPECTED : FY_EXPECTED),
    expectedSql: `CASE layout WHEN 'legacy' THEN ${lit(FY_OR_START_EXPECTED)} ELSE ${lit(FY_EXPECTED)} END`,
    found: 'fiscal_year_text', foundOf: (v) => v.fiscal_year_text,
  },
  {
    rule: 'reportingPeriod', field: 'reporting_period', keySql: `coalesce(reporting_period, '')`, key: (v) => v.reporting_period ?? '',
    isBad: (v) => !has(REPORTING_PERIODS, v.reporting_period), expected: () => msg('reportingPeriod.expected', { periods: Object.keys(REPORTING_PERIODS).join(', ') }),
    found: 'reporting_period', foundOf: (v) => v.reporting_period,
  },
  {
    rule: 'columnCode', field: 'column_code', keySql: `coalesce(column_code, '')`, key: (v) => v.column_code ?? '',
    isBad: (v) => !has(COLUMN_CODES, v.column_code), expected: () => msg('columnCode.expected', { codes: Object.keys(COLUMN_CODES).join(', ') }),
    found: 'column_code', foundOf: (v) => v.column_code,
  },
  {
    rule: 'periodColumn', field: 'column_code', keySql: `coalesce(reporting_period, '') || ' ' || coalesce(column_code, '')`, key: (v) => `${v.reporting_period ?? ''} ${v.column_code ?? ''}`,
    isBad: (v) => has(REPORTING_PERIODS, v.reporting_period) && has(COLUMN_CODES, v.column_code)
      && !PERIOD_COLUMNS[v.reporting_period as ReportingPeriod].includes(v.column_code as ColumnCode),
    expected: () => msg('periodColumn.expected', { pairs: pairsText }),
    found: msgSql('periodColumn.found', { column: 'column_code', article: `CASE WHEN regexp_matches(reporting_period, '^[AEIOU]') THEN 'an' ELSE 'a' END`, period: 'reporting_period' }),
    foundIsPhrase: true,
    foundOf: (v) => msg('periodColumn.found', { column: v.column_code ?? '', article: article(v.reporting_period ?? ''), period: v.reporting_period ?? '' }),
  },
];

/** The key of a SACS line: unique within a submission. */
export const SACS_KEY = ['submission_id', 'fiscal_year', 'column_code', 'fund', 'resource', 'project_year', 'goal', 'function', 'object'] as const;
export const SACS_KEY_WHAT = 'submission, fiscal year, column code and account string';

// ── header ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Which SACS layout a header is, with its column map; errors when it is neither layout or lacks a
 * required column (the file is then not read), a warning for extra columns.
 */
export function sacsHeader(header: string[]): { layout?: Layout; map?: ColumnMap; problems: HeaderProblem[] } {
  const layout = detectSacsLayout(header);
  if (!layout) {
    const first = (l: Layout) => l.fields.map((f) => f.headers[0]).slice(0, 5).join(', ');
    return { problems: [{ severity: 'error', rule: 'sacsHeader', expected: msg('sacsHeader.expected', { usergl: first(USERGL), legacy: first(LEGACY) }), found: shown(header.join(',')) }] };
  }
  const map = mapColumns(layout, header);
  const problems: HeaderProblem[] = map.missing.map((m) => ({
    severity: 'error', rule: 'missingColumn', column: m.headers[0]!, expected: msg('missingColumn.sacs', { column: m.headers[0]!, layout: layout.title }), found: msg('missingColumn.found'),
  }));
  if (!map.missing.length && map.extra.length) {
    problems.push({ severity: 'warning', rule: 'extraColumns', expected: msg('extraColumns.expected', { layout: layout.title }), found: msg('extraColumns.found', { columns: map.extra.join(', ') }) });
  }
  return { layout, map, problems };
}

/**
 * SACS line items: both real export layouts into one normalised table, every line kept and tagged with
 * its submission, with `is_latest` marking the most recent submission for each year and column code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCsv, type CsvFile } from './csv-file.ts';
import { ident, lit, type Db, type Row } from './db.ts';
import { FY_EXPECTED } from './fields.ts';
import type { RowProblem, Scan } from './load.ts';
import { shown, type Report } from './report.ts';
import { checkParts, findDuplicates, listProblems, stagedFileSql, stagedSql, type Part, type Rule } from './typed.ts';
import { amountSql, amountValidSql, AMOUNT_EXPECTED, AMOUNT_PATTERN, MAX_INTEGER_DIGITS } from '../rules/amount.ts';
import {
  ACCOUNT_LENGTH, ACCOUNT_PARTS, classifyObjectSql, COLUMN_CODES, isRestrictedSql, normaliseCodeSql, objectNumberSql, OWN_COLUMN,
  phaseSql, REPORTING_PERIODS, type ColumnCode, type ReportingPeriod,
} from '../rules/codes.ts';
import { fiscalYearStart, parseFiscalYear } from '../rules/fiscal-year.ts';
import { detectSacsLayout, LEGACY, mapColumns, USERGL, type Layout } from '../rules/layouts.ts';

/** Periods and the column codes a submission of that period may carry. */
const PERIOD_COLUMNS: Record<ReportingPeriod, ColumnCode[]> = {
  BS1: ['BB', 'BE'],
  BS2: ['BB', 'BE'],
  I1: ['IO', 'IB', 'IA', 'IP'],
  I2: ['IO', 'IB', 'IA', 'IP'],
  A: ['BA', 'BB'],
};

/** Opens every file of `sacs/`, detects its layout by header and returns the scans of the readable ones. */
export function openSacsFiles(input: string, files: string[], report: Report, tmpDir: string, csvs: Map<string, CsvFile>): Scan[] {
  const scans: Scan[] = [];
  for (const rel of files) {
    const csv = openCsv(path.join(input, rel), rel, report, tmpDir);
    if (!csv) continue;
    csvs.set(rel, csv);
    const layout = detectSacsLayout(csv.header);
    if (!layout) {
      report.error({ file: rel, line: 1, expected: `the header of a SACS export (UserGL: ${USERGL.fields.map((f) => f.headers[0]).slice(0, 5).join(', ')}, … or the older layout: ${LEGACY.fields.map((f) => f.headers[0]).slice(0, 5).join(', ')}, …)`, found: shown(csv.header.join(',')) });
      continue;
    }
    const map = mapColumns(layout, csv.header);
    for (const m of map.missing) report.error({ file: rel, line: 1, column: m.headers[0], expected: `a column ${m.headers[0]} (${layout.title})`, found: 'no such column' });
    if (map.missing.length) continue;
    if (map.extra.length) report.warn({ file: rel, line: 1, expected: `only the columns of the ${layout.title}`, found: `extra columns, ignored: ${map.extra.join(', ')}` });
    scans.push({ csv, layout, map });
  }
  return scans;
}

const t = (c: string) => `trim(${ident(c)})`;
const PARTS_SQL = ACCOUNT_PARTS.map((p) => `${normaliseCodeSql(ident(p.field), p.width)} AS ${ident(p.field)}`).join(', ');
const GROUPED = `source_file, source_row, upper(${t('reporting_period')}) AS reporting_period, upper(${t('column_code')}) AS column_code, ${t('fiscal_year')} AS fiscal_year_text`;
const COMMON = `${GROUPED}, upper(${t('account_string')}) AS account_string, ${PARTS_SQL}, ${t('amount')} AS amount_text, ${amountSql(t('amount'))} AS amount`;
/**
 * A clean line needs no normalising and meets every row rule: each code has its exact width, the
 * account string is 19 letters or digits and is exactly its codes, the amount is a plain decimal.
 * (Then every code is 19-character-alphanumeric by construction.) Nearly every published line is clean.
 */
const CLEAN = `(${ACCOUNT_PARTS.map((p) => `length(${ident(p.field)}) = ${p.width}`).join(' AND ')}
  AND regexp_full_match(account_string, '[0-9A-Z]{${ACCOUNT_LENGTH}}')
  AND account_string = ${ACCOUNT_PARTS.map((p) => ident(p.field)).join(' || ')}
  AND regexp_full_match(amount, '-?[0-9]{1,16}(\\.[0-9]{1,2})?'))`;
const QUICK = `${GROUPED}, account_string, ${ACCOUNT_PARTS.map((p) => ident(p.field)).join(', ')}, amount AS amount_text,
  TRY_CAST(amount AS DECIMAL(18,2)) AS amount, coalesce(${CLEAN}, false) AS _clean`;

/** The two layouts as parts: each normalises its own columns into the same staged columns. */
export function sacsParts(scans: Scan[]): Part[] {
  const usergl = (body: string) => (from: string) => `SELECT 'usergl' AS layout, ${t('submission_id')} AS submission_id, ${t('cds_code')} AS cds_code,
        ${t('import_flag')} AS import_flag, ${body} FROM ${from}`;
  // The older layout has no submission id: the file is the submission. Fiscalyear is the first year.
  const legacy = (body: string) => (from: string) => `SELECT 'legacy' AS layout, regexp_replace(source_file, '^.*/|\\.[^.]*$', '', 'g') AS submission_id,
        ${t('ccode')} || ${t('dcode')} || ${t('school_code')} AS cds_code, CAST(NULL AS VARCHAR) AS import_flag, ${body} FROM ${from}`;
  return [
    { scans: scans.filter((s) => s.layout === USERGL), stage: usergl(COMMON), quick: usergl(QUICK) },
    { scans: scans.filter((s) => s.layout === LEGACY), stage: legacy(COMMON), quick: legacy(QUICK) },
  ];
}

function headerOf(layout: Layout, field: string): string {
  return layout.fields.find((f) => f.field === field)?.headers[0] ?? field;
}
const col = (field: string) => `CASE layout WHEN 'usergl' THEN '${headerOf(USERGL, field)}' ELSE '${headerOf(LEGACY, field)}' END`;
const concatParts = ACCOUNT_PARTS.map((p) => `coalesce(${ident(p.field)}, '')`).join(' || ');

/**
 * Rules checked on every line. The low-cardinality columns (submission, CDS code, fiscal year, period,
 * column code) are checked once per distinct value instead, in groupProblems().
 */
export const SACS_ROW_RULES: Rule[] = [
  ...ACCOUNT_PARTS.map((p) => ({
    column: '', columnSql: col(p.field), expected: `a ${p.width}-character ${p.field.replace('_', ' ')} code`,
    bad: `NOT regexp_full_match(coalesce(${ident(p.field)}, ''), '${p.pattern}')`, found: ident(p.field),
  })),
  {
    column: '', columnSql: col('amount'), expected: AMOUNT_EXPECTED, bad: `NOT coalesce(${amountValidSql('amount_text')}, false)`, found: 'amount_text',
    expectedSql: `CASE WHEN regexp_full_match(coalesce(amount_text, ''), '${AMOUNT_PATTERN}') THEN ${lit(`an amount below 10^${MAX_INTEGER_DIGITS} dollars`)} ELSE ${lit(AMOUNT_EXPECTED)} END`,
  },
  {
    column: '', columnSql: col('account_string'),
    expected: `the ${ACCOUNT_LENGTH}-character account string made of its codes (fund, resource, project year, goal, function, object)`,
    // Compare piece by piece: no string is built for the million lines that agree.
    bad: `NOT (length(account_string) = ${ACCOUNT_LENGTH} AND ${ACCOUNT_PARTS.map((p, i) => `substr(account_string, ${1 + ACCOUNT_PARTS.slice(0, i).reduce((n, q) => n + q.width, 0)}, ${p.width}) = ${ident(p.field)}`).join(' AND ')})`,
    found: `'"' || coalesce(account_string, '') || '", but its codes make ' || ${concatParts}`,
    foundIsPhrase: true,
  },
];

/** The per-value checks, as rules naming the bad values (used to list the lines that have them). */
function groupRules(groups: Row[]): { rules: Rule[]; fy: Map<string, string> } {
  const bad = { submission: new Set<string>(), cds: new Set<string>(), fy: new Set<string>(), period: new Set<string>(), column: new Set<string>(), combo: new Set<string>() };
  const fy = new Map<string, string>();
  for (const g of groups) {
    const layout = String(g.layout);
    const v = (k: string) => (g[k] === null ? '' : String(g[k]));
    if (layout === 'usergl' && v('submission_id') === '') bad.submission.add('');
    if (!/^[0-9]{14}$/.test(v('cds_code'))) bad.cds.add(v('cds_code'));
    const parsed = parseFiscalYear(v('fiscal_year_text'), layout === 'legacy');
    if (parsed.ok) fy.set(`${layout} ${v('fiscal_year_text')}`, parsed.value);
    else bad.fy.add(`${layout} ${v('fiscal_year_text')}`);
    const period = v('reporting_period');
    const column = v('column_code');
    if (!(period in REPORTING_PERIODS)) bad.period.add(period);
    if (!(column in COLUMN_CODES)) bad.column.add(column);
    if (period in REPORTING_PERIODS && column in COLUMN_CODES && !PERIOD_COLUMNS[period as ReportingPeriod].includes(column as ColumnCode)) bad.combo.add(`${period} ${column}`);
  }
  const inList = (expr: string, values: Set<string>) => `coalesce(${expr}, '') IN (${[...values].map(lit).join(', ')})`;
  const rules: Rule[] = [];
  if (bad.submission.size) rules.push({ column: 'SubmissionNumber', expected: 'a submission id', bad: `layout = 'usergl' AND coalesce(submission_id, '') = ''`, found: 'submission_id' });
  if (bad.cds.size) rules.push({ column: '', columnSql: col('cds_code'), expected: 'a 14-digit CDS code', bad: inList('cds_code', bad.cds), found: 'cds_code' });
  if (bad.fy.size) {
    rules.push({
      column: '', columnSql: col('fiscal_year'), expected: FY_EXPECTED, bad: inList(`layout || ' ' || coalesce(fiscal_year_text, '')`, bad.fy), found: 'fiscal_year_text',
      expectedSql: `CASE layout WHEN 'legacy' THEN ${lit(`${FY_EXPECTED}, or its first year (2023)`)} ELSE ${lit(FY_EXPECTED)} END`,
    });
  }
  if (bad.period.size) rules.push({ column: '', columnSql: col('reporting_period'), expected: `a reporting period: ${Object.keys(REPORTING_PERIODS).join(', ')}`, bad: inList('reporting_period', bad.period), found: 'reporting_period' });
  if (bad.column.size) rules.push({ column: '', columnSql: col('column_code'), expected: `a column code: ${Object.keys(COLUMN_CODES).join(', ')}`, bad: inList('column_code', bad.column), found: 'column_code' });
  if (bad.combo.size) {
    rules.push({
      column: '', columnSql: col('column_code'), expected: 'a column code that the reporting period carries (BS1/BS2: BB, BE; I1/I2: IO, IB, IA, IP; A: BA, BB)',
      bad: inList(`reporting_period || ' ' || column_code`, bad.combo),
      found: `'"' || column_code || '" in ' || CASE WHEN reporting_period IN ('A', 'I1', 'I2') THEN 'an ' ELSE 'a ' END || reporting_period || ' submission'`,
      foundIsPhrase: true,
    });
  }
  return { rules, fy };
}

export interface Submission {
  submission_id: string;
  reporting_period: string;
  /** The fiscal year the submission is about (e.g. the actuals year of an A submission). */
  own_year: string;
  /** Order of submission: months since July 0 AD of the own year, plus the period's due month. */
  seq: number;
  fiscal_years: string[];
  column_codes: string[];
  /** `fiscal_year column_code` pairs the submission carries. */
  pairs: string[];
  files: string[];
  /** The district's CDS code as the submission gives it. */
  cds: string;
}

/**
 * Checks every line (one scan), then the submissions: one period each, one district, no two submissions
 * for the same period and year. Returns the submissions (for is_latest) and row problems.
 */
export async function checkSacs(db: Db, parts: Part[], report: Report): Promise<{ submissions: Submission[]; problems: RowProblem[]; rows: Map<string, number>; fy: Map<string, string>; clean: Set<string> }> {
  const { groups, problems, clean } = await checkParts(db, parts, SACS_ROW_RULES, report, ['layout', 'submission_id', 'reporting_period', 'column_code', 'fiscal_year_text', 'cds_code']);
  const rows = new Map<string, number>();
  for (const g of groups) rows.set(String(g.source_file), (rows.get(String(g.source_file)) ?? 0) + Number(g.n));
  const { rules, fy } = groupRules(groups);
  if (rules.length) {
    const files = new Set(groups.map((g) => String(g.source_file)));
    for (const f of files) problems.push(...(await listProblems(db, stagedFileSql(parts, f), rules, 200)));
  }
  if (problems.length || !report.ok) return { submissions: [], problems, rows, fy, clean };
  for (const g of groups) g.fiscal_year = fy.get(`${g.layout} ${g.fiscal_year_text}`) ?? null;
  return { submissions: submissionsOf(groups, report), problems, rows, fy, clean };
}

function submissionsOf(groups: Row[], report: Report): Submission[] {
  const by = new Map<string, { periods: Set<string>; own: string | null; years: Set<string>; cols: Set<string>; pairs: Set<string>; files: Set<string>; cds: Set<string> }>();
  for (const g of groups) {
    const id = String(g.submission_id);
    const s = by.get(id) ?? { periods: new Set(), own: null, years: new Set(), cols: new Set(), pairs: new Set(), files: new Set(), cds: new Set() };
    s.pairs.add(`${g.fiscal_year} ${g.column_code}`);
    s.periods.add(String(g.reporting_period));
    s.years.add(String(g.fiscal_year));
    s.cols.add(String(g.column_code));
    s.files.add(String(g.source_file));
    s.cds.add(String(g.cds_code));
    if ((OWN_COLUMN[g.reporting_period as ReportingPeriod] as readonly string[]).includes(String(g.column_code))) s.own = String(g.fiscal_year);
    by.set(id, s);
  }
  const out: Submission[] = [];
  const districts = new Map<string, string>();
  const seen = new Map<string, Submission>();
  for (const [id, s] of by) {
    const files = [...s.files].sort();
    if (s.periods.size > 1) {
      report.error({ file: files[0]!, column: 'ReportingPeriod', expected: `one reporting period per submission (${id})`, found: [...s.periods].sort().join(' and ') });
      continue;
    }
    for (const c of s.cds) districts.set(c.slice(0, 7), files[0]!);
    const period = [...s.periods][0] as ReportingPeriod;
    const years = [...s.years].sort();
    // Without its own column (rare), a budget is about its later year and actuals about the earlier one.
    const own = s.own ?? (period === 'A' ? years[0]! : years[years.length - 1]!);
    const sub: Submission = {
      submission_id: id, reporting_period: period, own_year: own, seq: fiscalYearStart(own) * 12 + REPORTING_PERIODS[period].month,
      fiscal_years: years, column_codes: [...s.cols].sort(), pairs: [...s.pairs].sort(), files, cds: [...s.cds].sort()[0] ?? '',
    };
    const k = `${period} ${own}`;
    const other = seen.get(k);
    if (other) {
      report.error({ file: files[0]!, expected: `one submission per reporting period and year (${period} ${own})`, found: `submissions ${other.submission_id} (${other.files.join(', ')}) and ${id} (${files.join(', ')}); remove the superseded one` });
    }
    seen.set(k, sub);
    out.push(sub);
  }
  if (districts.size > 1) {
    report.error({ file: 'sacs/', expected: "one district's SACS exports", found: `files from ${districts.size} districts: ${[...districts].map(([d, f]) => `${d} (${f})`).join(', ')}` });
  }
  return out.sort((a, b) => a.seq - b.seq || a.submission_id.localeCompare(b.submission_id));
}

/**
 * The parts with the canonical fiscal_year added. There are few distinct spellings of the year, each
 * checked once in JS (checkSacs), so lines are mapped by equality instead of being parsed one by one.
 */
export function withFiscalYear(parts: Part[], fy: Map<string, string>): Part[] {
  const fySql = `CASE layout || ' ' || fiscal_year_text ${[...fy].map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`).join(' ')} END`;
  const add = (stage: (from: string) => string) => (from: string) => `SELECT *, ${fySql} AS fiscal_year FROM (${stage(from)})`;
  return parts.map((p) => ({ scans: p.scans, stage: add(p.stage), ...(p.quick ? { quick: add(p.quick) } : {}) }));
}

/** Column order of line_items, and its sort order (which also makes duplicate keys adjacent). */
export const LINE_ITEM_ORDER = ['fiscal_year', 'column_code', 'submission_id', 'fund', 'resource', 'goal', 'function', 'object', 'project_year'];

/**
 * Writes line_items as Parquet, one file per fiscal year, into `dir/line_items/fiscal_year=…/`, then
 * creates the view line_items over them and checks duplicate keys.
 */
export async function writeLineItems(db: Db, parts: Part[], submissions: Submission[], dir: string): Promise<RowProblem[]> {
  // Latest submission per (year, column code), among those that carry that pair.
  const latest = new Map<string, Submission>();
  for (const s of submissions) {
    for (const pair of s.pairs) if (!latest.has(pair) || latest.get(pair)!.seq < s.seq) latest.set(pair, s);
  }
  await db.run('CREATE OR REPLACE TABLE latest (fiscal_year VARCHAR, column_code VARCHAR, latest_submission VARCHAR)');
  await db.run(`INSERT INTO latest VALUES ${[...latest].map(([pair, s]) => `(${pair.split(' ').map(lit).join(', ')}, ${lit(s.submission_id)})`).join(', ')}`);
  const cls = classifyObjectSql('s.object', 's.object_num');
  const staged = `SELECT *, ${objectNumberSql('object')} AS object_num FROM (${stagedSql(parts)})`;
  const out = path.join(dir, 'line_items');
  fs.mkdirSync(out, { recursive: true });
  await db.run(`COPY (
    SELECT s.fiscal_year, s.column_code, ${phaseSql('s.column_code')} AS phase, s.reporting_period, s.submission_id,
      s.submission_id = l.latest_submission AS is_latest,
      s.fund, s.resource, s.project_year, s.goal, s."function", s.object,
      ${cls.cls} AS object_class, ${cls.group} AS object_group, ${isRestrictedSql('s.resource')} AS restricted,
      s.amount, s.import_flag, s.cds_code, s.source_file
    FROM (${staged}) s JOIN latest l USING (fiscal_year, column_code)
    ORDER BY ${LINE_ITEM_ORDER.map((c) => `s.${ident(c)}`).join(', ')}
  ) TO ${lit(out)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (fiscal_year), WRITE_PARTITION_COLUMNS true, OVERWRITE_OR_IGNORE true)`);
  await db.run(`CREATE OR REPLACE VIEW line_items AS SELECT * FROM read_parquet(${lit(path.join(out, '*/*.parquet'))}, hive_partitioning = false)`);
  return findDuplicates(db, 'line_items', ['submission_id', 'fiscal_year', 'column_code', 'fund', 'resource', 'project_year', 'goal', 'function', 'object'], 'submission, fiscal year, column code and account string', parts);
}

/**
 * SACS line items: both real export layouts into one normalised table, every line kept and tagged with
 * its submission, with `is_latest` marking the most recent submission for each year and column code.
 */
import path from 'node:path';
import { openCsv, type CsvFile } from './csv-file.ts';
import { ident, lit, type Db } from './db.ts';
import { FY_EXPECTED, fiscalYearSql } from './fields.ts';
import { createStaging, loadCsv, type RowProblem } from './load.ts';
import { shown, type Report } from './report.ts';
import { findDuplicates, findProblems, type Rule } from './typed.ts';
import { amountSql, amountValidSql, AMOUNT_EXPECTED } from '../rules/amount.ts';
import {
  ACCOUNT_LENGTH, ACCOUNT_PARTS, classifyObjectSql, COLUMN_CODES, isRestrictedSql, normaliseCodeSql, OWN_COLUMN,
  phaseSql, REPORTING_PERIODS, type ColumnCode, type ReportingPeriod,
} from '../rules/codes.ts';
import { fiscalYearStart, formatFiscalYear } from '../rules/fiscal-year.ts';
import { detectSacsLayout, LEGACY, mapColumns, USERGL, type Layout } from '../rules/layouts.ts';

/** Header name of each field in each layout, for messages. */
function headerOf(layout: Layout, field: string): string {
  return layout.fields.find((f) => f.field === field)?.headers[0] ?? field;
}

/** Periods and the column codes a submission of that period may carry. */
const PERIOD_COLUMNS: Record<ReportingPeriod, ColumnCode[]> = {
  BS1: ['BB', 'BE'],
  BS2: ['BB', 'BE'],
  I1: ['IO', 'IB', 'IA', 'IP'],
  I2: ['IO', 'IB', 'IA', 'IP'],
  A: ['BA', 'BB'],
};

/** Reads every file of `sacs/` into the staging tables raw_usergl / raw_legacy. */
export async function loadSacsFiles(db: Db, input: string, files: string[], report: Report, tmpDir: string, csvs: Map<string, CsvFile>): Promise<void> {
  await createStaging(db, 'raw_usergl', USERGL);
  await createStaging(db, 'raw_legacy', LEGACY);
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
    for (const m of map.missing) {
      report.error({ file: rel, line: 1, column: m.headers[0], expected: `a column ${m.headers[0]} (${layout.title})`, found: 'no such column' });
    }
    if (map.missing.length) continue;
    if (map.extra.length) report.warn({ file: rel, line: 1, expected: `only the columns of the ${layout.title}`, found: `extra columns, ignored: ${map.extra.join(', ')}` });
    const rows = await loadCsv(db, csv, layout, map, `raw_${layout.id}`, report);
    if (rows === 0 && report.ok) report.error({ file: rel, line: 2, expected: 'at least one account line after the header', found: 'no data rows' });
    report.files.push({ file: rel, kind: 'sacs', layout: layout.id, encoding: csv.encoding, rows, bytes: csv.bytes, sha256: csv.sha256 });
  }
}

/** Unifies both layouts into sacs_stage (still text, codes normalised) and checks every line. */
export async function checkSacs(db: Db): Promise<RowProblem[]> {
  const t = (c: string) => `trim(${ident(c)})`;
  const parts = ACCOUNT_PARTS.map((p) => `${normaliseCodeSql(ident(p.field), p.width)} AS ${ident(p.field)}`).join(', ');
  const common = `source_file, source_row, upper(${t('reporting_period')}) AS reporting_period, upper(${t('column_code')}) AS column_code,
    upper(${t('account_string')}) AS account_string, ${parts}, ${t('amount')} AS amount_text, ${t('fiscal_year')} AS fiscal_year_text`;
  await db.run(`CREATE OR REPLACE TABLE sacs_stage AS
    SELECT 'usergl' AS layout, ${t('submission_id')} AS submission_id, ${t('cds_code')} AS cds_code, ${fiscalYearSql(t('fiscal_year'))} AS fiscal_year,
      ${t('import_flag')} AS import_flag, ${common} FROM raw_usergl
    UNION ALL BY NAME
    SELECT 'legacy' AS layout, regexp_replace(source_file, '^.*/|\\.[^.]*$', '', 'g') AS submission_id,
      ${t('ccode')} || ${t('dcode')} || ${t('school_code')} AS cds_code, ${fiscalYearSql(t('fiscal_year'), true)} AS fiscal_year,
      NULL AS import_flag, ${common} FROM raw_legacy`);
  const col = (field: string) => `CASE layout WHEN 'usergl' THEN '${headerOf(USERGL, field)}' ELSE '${headerOf(LEGACY, field)}' END`;
  const rules: Rule[] = [
    { column: 'SubmissionNumber', expected: 'a submission id', bad: `layout = 'usergl' AND coalesce(submission_id, '') = ''`, found: 'submission_id' },
    { column: '', columnSql: col('cds_code'), expected: 'a 14-digit CDS code', bad: `NOT regexp_full_match(coalesce(cds_code, ''), '[0-9]{14}')`, found: 'cds_code' },
    { column: '', columnSql: col('fiscal_year'), expected: FY_EXPECTED, bad: 'fiscal_year IS NULL', found: 'fiscal_year_text' },
    { column: '', columnSql: col('reporting_period'), expected: `a reporting period: ${Object.keys(REPORTING_PERIODS).join(', ')}`, bad: `coalesce(reporting_period, '') NOT IN (${Object.keys(REPORTING_PERIODS).map(lit).join(', ')})`, found: 'reporting_period' },
    { column: '', columnSql: col('column_code'), expected: `a column code: ${Object.keys(COLUMN_CODES).join(', ')}`, bad: `coalesce(column_code, '') NOT IN (${Object.keys(COLUMN_CODES).map(lit).join(', ')})`, found: 'column_code' },
    ...ACCOUNT_PARTS.map((p) => ({
      column: '', columnSql: col(p.field), expected: `a ${p.width}-character ${p.field.replace('_', ' ')} code`,
      bad: `NOT regexp_full_match(coalesce(${ident(p.field)}, ''), '${p.pattern}')`, found: ident(p.field),
    })),
    { column: '', columnSql: col('amount'), expected: AMOUNT_EXPECTED, bad: `NOT coalesce(${amountValidSql('amount_text')}, false)`, found: 'amount_text' },
    {
      column: '', columnSql: col('account_string'),
      expected: `the ${ACCOUNT_LENGTH}-character account string made of its codes (fund, resource, project year, goal, function, object)`,
      bad: `account_string IS DISTINCT FROM (${ACCOUNT_PARTS.map((p) => `coalesce(${ident(p.field)}, '')`).join(' || ')})`,
      found: `coalesce(account_string, '') || ' (the codes make ' || ${ACCOUNT_PARTS.map((p) => `coalesce(${ident(p.field)}, '')`).join(' || ')} || ')'`,
    },
    {
      column: '', columnSql: col('column_code'), expected: 'a column code that the reporting period carries (BS1/BS2: BB, BE; I1/I2: IO, IB, IA, IP; A: BA, BB)',
      bad: `NOT (${Object.entries(PERIOD_COLUMNS).map(([p, cs]) => `(reporting_period = '${p}' AND column_code IN (${cs.map(lit).join(', ')}))`).join(' OR ')})
        AND reporting_period IN (${Object.keys(REPORTING_PERIODS).map(lit).join(', ')}) AND column_code IN (${Object.keys(COLUMN_CODES).map(lit).join(', ')})`,
      found: `column_code || ' in a ' || reporting_period || ' submission'`,
    },
  ];
  const { problems, total } = await findProblems(db, 'sacs_stage', rules);
  if (total > problems.length) problems.push({ severity: 'error', file: problems[0]!.file, row: problems[0]!.row, expected: 'valid lines', found: `${total} lines with problems in all; the first ones are listed` });
  return problems;
}

interface SubmissionRow {
  submission_id: string;
  reporting_period: string;
  column_code: string;
  fiscal_year: string;
  cds_code: string;
  file: string;
  first_row: string;
}

/** Types the checked lines, finds each submission's own year and order, and builds line_items. */
export async function buildLineItems(db: Db, report: Report): Promise<RowProblem[]> {
  const problems: RowProblem[] = [];
  const cls = classifyObjectSql('l.object');
  await db.run(`CREATE OR REPLACE TABLE sacs_lines AS SELECT layout, submission_id, cds_code, fiscal_year, reporting_period, column_code,
      fund, resource, project_year, goal, "function", object, ${amountSql('amount_text')} AS amount, import_flag, source_file, source_row
    FROM sacs_stage`);
  problems.push(...(await findDuplicates(db, 'sacs_lines', ['submission_id', 'fiscal_year', 'column_code', 'fund', 'resource', 'project_year', 'goal', 'function', 'object'], 'submission, fiscal year, column code and account string')));

  const subs = await db.all<SubmissionRow>(`SELECT submission_id, reporting_period, column_code, fiscal_year, min(cds_code) AS cds_code,
      min(source_file) AS file, min(source_row) AS first_row FROM sacs_lines GROUP BY ALL ORDER BY ALL`);
  // Own year of each submission: the year of the column codes that period is about.
  const info = new Map<string, { period: string; own: string | null; file: string; cds: string; years: Set<string> }>();
  for (const s of subs) {
    const i = info.get(s.submission_id) ?? { period: s.reporting_period, own: null, file: s.file, cds: s.cds_code, years: new Set<string>() };
    if (i.period !== s.reporting_period) {
      report.error({ file: s.file, column: 'ReportingPeriod', expected: `one reporting period per submission (${s.submission_id})`, found: `${i.period} and ${s.reporting_period}` });
    }
    if ((OWN_COLUMN[s.reporting_period as ReportingPeriod] as readonly string[] | undefined)?.includes(s.column_code)) i.own = s.fiscal_year;
    i.years.add(s.fiscal_year);
    info.set(s.submission_id, i);
  }
  const districts = new Set<string>();
  const seq = new Map<string, number>();
  const byPeriodYear = new Map<string, string>();
  for (const [id, i] of info) {
    const years = [...i.years].sort();
    // A submission without its own column (rare): budgets are about the later year, actuals the earlier.
    const own = i.own ?? (i.period === 'A' ? years[0]! : years[years.length - 1]!);
    const month = REPORTING_PERIODS[i.period as ReportingPeriod]?.month ?? 0;
    seq.set(id, fiscalYearStart(own) * 12 + month);
    districts.add(i.cds.slice(0, 7));
    const k = `${i.period} ${own}`;
    const other = byPeriodYear.get(k);
    if (other !== undefined) {
      report.error({ file: i.file, expected: `one submission per reporting period and year (${i.period} ${own})`, found: `submissions ${other} (${info.get(other)!.file}) and ${id} (${i.file}); remove the superseded one` });
    }
    byPeriodYear.set(k, id);
  }
  if (districts.size > 1) {
    report.error({ file: 'sacs/', expected: "one district's SACS exports", found: `files from ${districts.size} districts (CDS ${[...districts].join(', ')})` });
  }
  await db.run('CREATE OR REPLACE TABLE submissions (submission_id VARCHAR, seq INTEGER)');
  if (seq.size) await db.run(`INSERT INTO submissions VALUES ${[...seq].map(([id, n]) => `(${lit(id)}, ${n})`).join(', ')}`);
  await db.run(`CREATE OR REPLACE TABLE line_items AS
    WITH latest AS (
      SELECT fiscal_year, column_code, arg_max(submission_id, seq) AS latest_submission
      FROM (SELECT DISTINCT fiscal_year, column_code, submission_id FROM sacs_lines) JOIN submissions USING (submission_id)
      GROUP BY ALL)
    SELECT l.fiscal_year, l.column_code, ${phaseSql('l.column_code')} AS phase, l.reporting_period, l.submission_id,
      l.submission_id = latest.latest_submission AS is_latest,
      l.fund, l.resource, l.project_year, l.goal, l."function", l.object,
      ${cls.cls} AS object_class, ${cls.group} AS object_group,
      ${isRestrictedSql('l.resource')} AS restricted,
      l.amount, l.import_flag, l.cds_code, l.source_file, CAST(l.source_row AS INTEGER) AS source_row
    FROM sacs_lines l JOIN latest USING (fiscal_year, column_code)
    ORDER BY l.fiscal_year, l.column_code, l.submission_id, l.fund, l.resource, l.goal, l."function", l.object, l.project_year`);
  return problems;
}

/** For a fiscal year, the start year printed (used by tests and messages). */
export const fyLabel = (start: number) => formatFiscalYear(start);

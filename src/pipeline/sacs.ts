/**
 * SACS line items: both real export layouts into one normalised table, every line kept and tagged with
 * its submission, with `is_latest` marking the most recent submission for each year and column code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCsv, type CsvFile } from './csv-file.ts';
import { ident, lit, type Db, type Row } from './db.ts';
import type { RowProblem, Scan } from './load.ts';
import type { Report } from './report.ts';
import { checkParts, findDuplicates, listProblems, stagedFileSql, stagedSql, type Part, type Rule } from './typed.ts';
import { amountSql } from '../rules/amount.ts';
import { ACCOUNT_LENGTH, ACCOUNT_PARTS, classifyObjectSql, isRestrictedSql, objectNumberSql, OWN_COLUMN, phaseSql, REPORTING_PERIODS, type ReportingPeriod } from '../rules/codes.ts';
import { fiscalYearStart, parseFiscalYear } from '../rules/fiscal-year.ts';
import { LEGACY, USERGL } from '../rules/layouts.ts';
import { msg } from '../rules/messages.ts';
import {
  columnSql, SACS_GROUPED_SQL, SACS_KEY, SACS_KEY_WHAT, SACS_LINE_RULES, SACS_STAGE_SQL, SACS_VALUE_RULES, sacsHeader, sacsLayoutSql, type SacsLayoutId, type SacsValues,
} from '../rules/sacs.ts';

/** Opens every file of `sacs/`, detects its layout by header and returns the scans of the readable ones. */
export function openSacsFiles(input: string, files: string[], report: Report, tmpDir: string, csvs: Map<string, CsvFile>): Scan[] {
  const scans: Scan[] = [];
  for (const rel of files) {
    const csv = openCsv(path.join(input, rel), rel, report, tmpDir);
    if (!csv) continue;
    csvs.set(rel, csv);
    const { layout, map, problems } = sacsHeader(csv.header);
    for (const { severity, ...p } of problems) (severity === 'error' ? report.error({ file: rel, line: 1, ...p }) : report.warn({ file: rel, line: 1, ...p }));
    if (!layout || !map || map.missing.length) continue;
    scans.push({ csv, layout, map });
  }
  return scans;
}

/**
 * A clean line needs no normalising and meets every row rule: each code has its exact width, the
 * account string is 19 letters or digits and is exactly its codes, the amount is a plain decimal.
 * (Then every code is 19-character-alphanumeric by construction.) Nearly every published line is clean.
 */
const CLEAN = `(${ACCOUNT_PARTS.map((p) => `length(${ident(p.field)}) = ${p.width}`).join(' AND ')}
  AND regexp_full_match(account_string, '[0-9A-Z]{${ACCOUNT_LENGTH}}')
  AND account_string = ${ACCOUNT_PARTS.map((p) => ident(p.field)).join(' || ')}
  AND regexp_full_match(amount, '-?[0-9]{1,16}(\\.[0-9]{1,2})?'))`;
const QUICK = `${SACS_GROUPED_SQL}, account_string, ${ACCOUNT_PARTS.map((p) => ident(p.field)).join(', ')}, amount AS amount_text,
  TRY_CAST(amount AS DECIMAL(18,2)) AS amount, coalesce(${CLEAN}, false) AS _clean`;
const t = (c: string) => `trim(${ident(c)})`;
const COMMON = `${SACS_STAGE_SQL}, ${amountSql(t('amount'))} AS amount`;

/** The two layouts as parts: each normalises its own columns into the same staged columns. */
export function sacsParts(scans: Scan[]): Part[] {
  const part = (layout: SacsLayoutId) => (body: string) => (from: string) => `SELECT ${sacsLayoutSql(layout)}, ${body} FROM ${from}`;
  return [
    { scans: scans.filter((s) => s.layout === USERGL), stage: part('usergl')(COMMON), quick: part('usergl')(QUICK) },
    { scans: scans.filter((s) => s.layout === LEGACY), stage: part('legacy')(COMMON), quick: part('legacy')(QUICK) },
  ];
}

/** The shared line rules (src/rules/sacs.ts) as the pipeline runs them. */
export const SACS_ROW_RULES: Rule[] = SACS_LINE_RULES.map((r) => ({
  rule: r.rule, column: '', columnSql: columnSql(r.field), expected: r.expected, bad: r.bad, found: r.found,
  ...(r.expectedSql ? { expectedSql: r.expectedSql } : {}), ...(r.foundIsPhrase ? { foundIsPhrase: true } : {}),
}));

/**
 * The per-value checks (src/rules/sacs.ts, in JS, once per distinct value of the groups), as rules naming
 * the bad values (used to list the lines that have them).
 */
function groupRules(groups: Row[]): { rules: Rule[]; fy: Map<string, string> } {
  const fy = new Map<string, string>();
  const values = groups.map((g): SacsValues => {
    const v = (k: string) => (g[k] === null || g[k] === undefined ? null : String(g[k]));
    return { layout: String(g.layout) as SacsLayoutId, submission_id: v('submission_id'), cds_code: v('cds_code'), fiscal_year_text: v('fiscal_year_text'), reporting_period: v('reporting_period'), column_code: v('column_code') };
  });
  for (const v of values) {
    const parsed = parseFiscalYear(v.fiscal_year_text ?? '', v.layout === 'legacy');
    if (parsed.ok) fy.set(`${v.layout} ${v.fiscal_year_text ?? ''}`, parsed.value);
  }
  const rules: Rule[] = [];
  for (const r of SACS_VALUE_RULES) {
    const bad = new Set(values.filter((v) => r.isBad(v)).map((v) => r.key(v)));
    if (!bad.size) continue;
    rules.push({
      rule: r.rule, column: '', columnSql: columnSql(r.field), expected: r.expected('usergl'), bad: `${r.keySql} IN (${[...bad].map(lit).join(', ')})`, found: r.found,
      ...(r.expectedSql ? { expectedSql: r.expectedSql } : {}), ...(r.foundIsPhrase ? { foundIsPhrase: true } : {}),
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
      report.error({ rule: 'onePeriodPerSubmission', file: files[0]!, column: 'ReportingPeriod', expected: msg('onePeriodPerSubmission.expected', { submission: id }), found: [...s.periods].sort().join(' and ') });
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
      report.error({
        rule: 'oneSubmissionPerPeriod', file: files[0]!, expected: msg('oneSubmissionPerPeriod.expected', { period, year: own }),
        found: msg('oneSubmissionPerPeriod.found', { first: other.submission_id, firstFiles: other.files.join(', '), second: id, secondFiles: files.join(', ') }),
      });
    }
    seen.set(k, sub);
    out.push(sub);
  }
  if (districts.size > 1) {
    report.error({ rule: 'oneDistrict', file: 'sacs/', expected: msg('oneDistrict.expected'), found: msg('oneDistrict.found', { count: districts.size, districts: [...districts].map(([d, f]) => `${d} (${f})`).join(', ') }) });
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
  return findDuplicates(db, 'line_items', [...SACS_KEY], SACS_KEY_WHAT, parts);
}

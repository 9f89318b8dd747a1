/**
 * Bad-input corpus for the data pipeline. Every case starts from the same tiny valid input folder
 * (test-helpers.ts: an invented district, CDS 19999990000000, two SACS submissions in the two real
 * layouts, the state's code-list format, schools, allocations, enrollment, outcomes), changes one file
 * (the mutations are in corpus-cases.ts, by test title, shared with the file checker's corpus test),
 * runs the whole pipeline, and asserts EITHER the exact refusal (formatted messages, nothing published)
 * OR the exact accepted result (values read back from the release's Parquet and rollups).
 *
 * Harmless variants (BOM, reordered columns, padded codes, CRLF, blank lines) are accepted and normalised;
 * a value that cannot be read exactly is refused, never guessed.
 *
 * Run: npm test -- src/pipeline/corpus.test.ts (about 15 s; the cases run concurrently,
 * each pipeline run on its own in-memory DuckDB and its own temp folders).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPipeline } from './run.ts';
import { formatProblem, type FileSummary } from './report.ts';
import { B_FILE, CORPUS_CASES, DUPLICATE_SCHOOL, L, text, U, type CaseTitle, type Mutation } from './corpus-cases.ts';
import { baseFiles, FIXED_NOW, hashTree, LEGACY_LINES, query, SCHOOLS_CSV, USERGL_LINES, writeFiles, type InputFiles } from './test-helpers.ts';

const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

interface Run {
  ok: boolean;
  errors: string[];
  warnings: string[];
  files: FileSummary[];
  input: string;
  out: string;
  /** The release folder when accepted. */
  dir: string;
  id: string;
}

async function runInput(input: string, out: string): Promise<Run> {
  const r = await runPipeline({ input, out, now: FIXED_NOW, log: () => {} });
  return {
    ok: r.ok,
    errors: r.report.errors.map(formatProblem),
    warnings: r.report.warnings.map(formatProblem),
    files: r.report.files,
    input,
    out,
    dir: r.release?.dir ?? '',
    id: r.release?.id ?? '',
  };
}

/** Base folder, changed by `mutate`, written to a fresh temp folder and run. */
async function run(mutate?: Mutation): Promise<Run> {
  const files = baseFiles();
  mutate?.(files);
  const dir = fs.mkdtempSync(path.join(ROOT, 'case-'));
  writeFiles(path.join(dir, 'input'), files);
  return runInput(path.join(dir, 'input'), path.join(dir, 'out'));
}

let basePromise: Promise<Run> | undefined;
const base = () => (basePromise ??= run());

// ── cases ────────────────────────────────────────────────────────────────────────────────────────────

const registered = new Set<string>();
/** A test of one corpus case: the pipeline's result on the base folder changed by the case's mutation. */
function corpusCase(title: CaseTitle, check: (r: Run) => Promise<void> | void): void {
  registered.add(title);
  it(title, async () => {
    await check(await run(CORPUS_CASES[title]));
  });
}

// ── assertions ──────────────────────────────────────────────────────────────────────────────────────

function expectRefused(r: Run, errors: string[], warnings: string[] = []): void {
  expect({ ok: r.ok, errors: r.errors, warnings: r.warnings }).toEqual({ ok: false, errors, warnings });
  const releases = path.join(r.out, 'releases');
  expect(fs.existsSync(releases) ? fs.readdirSync(releases) : []).toEqual([]);
  expect(fs.existsSync(path.join(r.out, 'current.json'))).toBe(false);
  expect(fs.readdirSync(r.out).filter((n) => n.startsWith('.staging'))).toEqual([]);
}

function expectAccepted(r: Run, warnings: string[] = []): void {
  expect({ ok: r.ok, errors: r.errors, warnings: r.warnings }).toEqual({ ok: true, errors: [], warnings });
  const current = JSON.parse(fs.readFileSync(path.join(r.out, 'current.json'), 'utf8')) as { release: string };
  expect(current.release).toBe(r.id);
}

const parquet = (r: Run, base: string) => `read_parquet('${path.join(r.dir, `${base}*.parquet`).replaceAll("'", "''")}')`;

/** The normalised SACS lines of a release, in a stable order. */
const LINE_COLS = `fiscal_year, column_code, reporting_period, submission_id, is_latest, fund, resource, project_year, goal, "function", object,
  object_class, CAST(amount AS VARCHAR) AS amount, source_file`;
const lineItems = (r: Run) => query(`SELECT ${LINE_COLS} FROM ${parquet(r, 'line_items-')} ORDER BY ALL`);

function rollup(r: Run, name: string): unknown[] {
  return (JSON.parse(fs.readFileSync(path.join(r.dir, 'rollups', `${name}.json`), 'utf8')) as { rows: unknown[] }).rows;
}

/** The funds rollup of the unmodified base folder (latest submission's totals by year, column, fund, class). */
const BASE_FUNDS = [
  { fiscal_year: '2021-22', column_code: 'BA', fund: '01', object_class: 'expenditure', amount: '1099749.50', lines: 2 },
  { fiscal_year: '2021-22', column_code: 'BA', fund: '01', object_class: 'revenue', amount: '4800000.00', lines: 1 },
  { fiscal_year: '2022-23', column_code: 'BE', fund: '01', object_class: 'expenditure', amount: '1150000.10', lines: 1 },
  { fiscal_year: '2022-23', column_code: 'BE', fund: '01', object_class: 'revenue', amount: '4900000.00', lines: 1 },
  { fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'expenditure', amount: '1375001.00', lines: 3 },
  { fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'other_outgo', amount: '-12000.00', lines: 1 },
  { fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'revenue', amount: '5000000.00', lines: 1 },
];

/** Accepted, no warnings beyond `warnings`, and the same lines and totals as the unmodified folder. */
async function expectSameAsBase(r: Run, warnings: string[] = []): Promise<void> {
  expectAccepted(r, warnings);
  expect(rollup(r, 'funds')).toEqual(BASE_FUNDS);
  expect(await lineItems(r)).toEqual(await lineItems(await base()));
}

const AMOUNT = 'expected an amount in dollars such as 1234.56, -1,234.56 or (1,234.56), exact to the cent';
const FY = 'expected a fiscal year like 2023-24 (first year 1990–2100, second year the next one)';
const COMMA_SEPARATED = 'expected comma-separated values (re-export the file as CSV)';

describe.concurrent('bad-input corpus', () => {
  it('base folder: accepted without warnings, exact totals', async () => {
    const r = await base();
    expectAccepted(r);
    expect(rollup(r, 'funds')).toEqual(BASE_FUNDS);
    expect((await lineItems(r)).length).toBe(USERGL_LINES.length + LEGACY_LINES.length);
    expect(r.files.map((f) => [f.file, f.layout ?? f.kind, f.encoding, f.rows])).toContainEqual([U, 'usergl', 'utf-8', 7]);
    expect(r.files.map((f) => [f.file, f.layout ?? f.kind, f.encoding, f.rows])).toContainEqual([L, 'legacy', 'utf-8', 3]);
  });

  // ── separators, encodings, headers ─────────────────────────────────────────────────────────────────

  describe('separators and encodings', () => {
    corpusCase('semicolon-separated SACS export: refused, naming the separator', async (r) => {
      expectRefused(r, [`${U}, line 1: ${COMMA_SEPARATED}, found a header separated by semicolons (13 of them)`]);
    });

    corpusCase('tab-separated enrollment: refused, naming the separator', async (r) => {
      expectRefused(r, [`enrollment.csv, line 1: ${COMMA_SEPARATED}, found a header separated by tabs (16 of them)`]);
    });

    corpusCase('pipe-separated outcomes: refused, naming the separator', async (r) => {
      expectRefused(r, [`outcomes.csv, line 1: ${COMMA_SEPARATED}, found a header separated by pipes (4 of them)`]);
    });

    corpusCase('UTF-8 with a byte-order mark: accepted silently, same lines and totals', async (r) => {
      await expectSameAsBase(r);
      expect(r.files.find((x) => x.file === U)?.encoding).toBe('utf-8 with BOM');
    });

    corpusCase('Windows-1252 school names (Niño, Doña): accepted, decoded correctly, with a warning', async (r) => {
      expectAccepted(r, ['schools.csv: expected UTF-8 text, found bytes that are not UTF-8; read as Windows-1252 (check accented names)']);
      expect(await query(`SELECT school_code, name FROM ${parquet(r, 'schools.')} ORDER BY 1`)).toEqual([
        { school_code: '1999901', name: 'Escuela Niño Dios' },
        { school_code: '1999902', name: 'Doña Ana Middle' },
        { school_code: '1999903', name: 'Cedar High' },
      ]);
      expect(r.files.find((x) => x.file === 'schools.csv')?.encoding).toBe('windows-1252');
    });
  });

  describe('columns', () => {
    corpusCase('missing required column (Amount): refused', async (r) => {
      expectRefused(r, [`${U}, line 1, column Amount: expected a column Amount (SACS web system UserGL export), found no such column`]);
    });

    corpusCase('extra column: accepted, ignored, with a warning', async (r) => {
      await expectSameAsBase(r, [`${U}, line 1: expected only the columns of the SACS web system UserGL export, found extra columns, ignored: Comment`]);
    });

    corpusCase('reordered columns: accepted, same lines and totals', async (r) => {
      await expectSameAsBase(r);
    });

    corpusCase('the same column twice: refused', async (r) => {
      expectRefused(r, ['outcomes.csv, line 1, column Value: expected each column name once, found "Value" twice']);
    });

    corpusCase('a SACS file whose header is neither layout: refused', async (r) => {
      expectRefused(r, [`${U}, line 1: expected the header of a SACS export (UserGL: SubmissionNumber, CDSCode, FullFiscalYear, ReportingPeriod, ColumnCode, … or the older layout: Ccode, Dcode, SchoolCode, Fiscalyear, Period, …), found "Fund,Object,Amount"`]);
    });
  });

  // ── lines and records ──────────────────────────────────────────────────────────────────────────────

  describe('lines and records', () => {
    corpusCase('CRLF line endings and blank lines between rows: accepted, same lines and totals', async (r) => {
      await expectSameAsBase(r);
    });

    corpusCase('CRLF + blank lines: a later bad amount is reported on its physical line', async (r) => {
      // data row 5 → physical line 2 * 5 + 1 = 11 (header on 1, a blank line after every row)
      expectRefused(r, [`${U}, line 11, column Amount: ${AMOUNT}, found "abc"`]);
    });

    corpusCase('CRLF + blank lines: a structural error (too many fields) is reported on its physical line', async (r) => {
      expectRefused(r, [`${U}, line 7: expected 14 fields, as in the header, found 15 fields (an unquoted comma in a value, or another separator)`]);
    });

    corpusCase('lines of only commas: ignored, same lines and totals', async (r) => {
      await expectSameAsBase(r);
    });

    corpusCase('lines of only commas still count as physical lines for a later error', async (r) => {
      expectRefused(r, [`${U}, line 8, column Amount: ${AMOUNT}, found "abc"`]);
    });

    corpusCase('a quoted field spanning two lines counts as two physical lines for a later error', async (r) => {
      expectRefused(r, ['schools.csv, line 6: expected one line per school code, found a duplicate (1999901) of line 2']);
    });

    corpusCase('a quoted field spanning two lines counts as two physical lines for a later structural error', async (r) => {
      expectRefused(r, ['schools.csv, line 5: expected 13 fields, as in the header, found 14 fields (an unquoted comma in a value, or another separator)']);
    });

    corpusCase('empty file: refused', async (r) => {
      expectRefused(r, [`${U}, line 1: expected a header row followed by data rows, found an empty file`]);
    });

    corpusCase('header only (SACS export): refused', async (r) => {
      expectRefused(r, [`${U}, line 2: expected at least one account line after the header, found no data rows`]);
    });

    corpusCase('header only (optional enrollment): accepted with a warning', async (r) => {
      expectAccepted(r, ['enrollment.csv, line 1: expected data rows after the header, found none; nothing read from this file']);
      // Nothing published from it: no enrollment rows (whether or not an empty table is written).
      const parts = fs.readdirSync(r.dir).filter((n) => n.startsWith('enrollment.'));
      if (parts.length) expect(await query(`SELECT count(*)::INTEGER AS n FROM ${parquet(r, 'enrollment.')}`)).toEqual([{ n: 0 }]);
      if (fs.existsSync(path.join(r.dir, 'rollups', 'enrollment.json'))) expect(rollup(r, 'enrollment')).toEqual([]);
    });

    corpusCase('truncated last line (missing fields, no final newline): one error naming the line', async (r) => {
      expectRefused(r, [`${U}, line 8: expected 14 fields, as in the header, found 12 fields (a truncated or short line)`]);
    });

    corpusCase('unterminated quote: refused, naming the line and column', async (r) => {
      expectRefused(r, [`${U}, line 5, column Amount: expected a quoted value closed by a double quote, found a quote that is never closed, or text after the closing quote: "TST0BS1001,19999990000000,2023-24,BS1,BB,0130100111010004…"`]);
    });

    corpusCase('a 10 MB single field: refused with the line-too-long message', async (r) => {
      expectRefused(r, ['outcomes.csv, line 5: expected lines shorter than 2,000,000 bytes, found a longer line']);
    });

    corpusCase('a blank line before the header: accepted with a warning', async (r) => {
      expectAccepted(r, ['outcomes.csv, line 2: expected the header on line 1, found 1 blank line(s) before it']);
      expect(await query(`SELECT count(*)::INTEGER AS n FROM ${parquet(r, 'outcomes.')}`)).toEqual([{ n: 3 }]);
    });

    corpusCase('text after a closing quote, then a bad value on the next line: both reported on their lines', async (r) => {
      expectRefused(r, [
        'outcomes.csv, line 5, column measure: expected a quoted value closed by a double quote, found a quote that is never closed, or text after the closing quote: "2023-24,1999901,\\"math\\"x,12,1"',
        'outcomes.csv, line 6, column measure: expected one of ela_proficiency, math_proficiency, chronic_absenteeism, graduation_rate, found "x"',
      ]);
    });

    corpusCase('a quote inside an unquoted value: read as part of the value', async (r) => {
      expectRefused(r, ['outcomes.csv, line 3, column measure: expected one of ela_proficiency, math_proficiency, chronic_absenteeism, graduation_rate, found "math_pro\\"ficiency"']);
    });

    corpusCase('empty fields after the last column (a trailing comma on every line): accepted, same lines and totals', async (r) => {
      await expectSameAsBase(r);
    });
  });

  // ── amounts ────────────────────────────────────────────────────────────────────────────────────────

  describe('amounts', () => {
    corpusCase('text in an amount: refused', async (r) => {
      expectRefused(r, [`${U}, line 4, column Amount: ${AMOUNT}, found "about 150k"`]);
    });

    corpusCase('accounting forms 1,234.00 / (1,234) / $1,234.56 / -$1,234.56 / 12.3400: accepted, exact cents', async (r) => {
      expectAccepted(r);
      const amounts = await query(`SELECT source_file, fiscal_year, resource, object, CAST(amount AS VARCHAR) AS amount FROM ${parquet(r, 'line_items-')} ORDER BY ALL`);
      expect(amounts.map((a) => Object.values(a))).toEqual([
        [U, '2022-23', '0000', '1100', '12.34'], // 12.3400
        [U, '2022-23', '0000', '8011', '4900000.00'],
        [U, '2023-24', '0000', '1100', '1200000.00'],
        [U, '2023-24', '0000', '3101', '1234.00'], // "1,234.00"
        [U, '2023-24', '0000', '7310', '1234.56'], // "$1,234.56"
        [U, '2023-24', '0000', '8011', '5000000.00'],
        [U, '2023-24', '3010', '4300', '-1234.00'], // "(1,234)"
        [L, '2021-22', '0000', '1100', '1100000.00'],
        [L, '2021-22', '0000', '8011', '4800000.00'],
        [L, '2021-22', '3010', '4300', '-1234.56'], // "-$1,234.56"
      ]);
      expect(rollup(r, 'funds')).toEqual([
        { fiscal_year: '2021-22', column_code: 'BA', fund: '01', object_class: 'expenditure', amount: '1098765.44', lines: 2 },
        { fiscal_year: '2021-22', column_code: 'BA', fund: '01', object_class: 'revenue', amount: '4800000.00', lines: 1 },
        { fiscal_year: '2022-23', column_code: 'BE', fund: '01', object_class: 'expenditure', amount: '12.34', lines: 1 },
        { fiscal_year: '2022-23', column_code: 'BE', fund: '01', object_class: 'revenue', amount: '4900000.00', lines: 1 },
        { fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'expenditure', amount: '1200000.00', lines: 3 },
        { fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'other_outgo', amount: '1234.56', lines: 1 },
        { fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'revenue', amount: '5000000.00', lines: 1 },
      ]);
    });

    corpusCase('1,234.00 without quotes (the comma splits the field): refused as too many fields', async (r) => {
      expectRefused(r, [`${U}, line 4: expected 14 fields, as in the header, found 15 fields (an unquoted comma in a value, or another separator)`]);
    });

    corpusCase('1.234 (a fraction of a cent): refused', async (r) => {
      expectRefused(r, [`${U}, line 4, column Amount: ${AMOUNT}, found "1.234"`]);
    });

    corpusCase('1e6: refused', async (r) => {
      expectRefused(r, [`${U}, line 4, column Amount: ${AMOUNT}, found "1e6"`]);
    });

    corpusCase('empty amount: refused', async (r) => {
      expectRefused(r, [`${U}, line 4, column Amount: ${AMOUNT}, found nothing (empty)`]);
    });

    corpusCase('12.34.5 in the older layout: refused', async (r) => {
      expectRefused(r, [`${L}, line 3, column Value: ${AMOUNT}, found "12.34.5"`]);
    });

    corpusCase('an amount too large for DECIMAL(18,2): refused, saying it is too large', async (r) => {
      expectRefused(r, [`${U}, line 4, column Amount: expected an amount below 10^16 dollars, found "10000000000000000"`]);
    });

    corpusCase('the largest DECIMAL(18,2) amount: accepted exactly, totals do not overflow', async (r) => {
      expectAccepted(r);
      expect((await lineItems(r)).find((l) => l.fiscal_year === '2023-24' && l.object === '3101')?.amount).toBe('9999999999999999.99');
      expect(rollup(r, 'funds')).toContainEqual({ fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'expenditure', amount: '10000000001225000.74', lines: 3 });
    });
  });

  // ── codes and code lists ───────────────────────────────────────────────────────────────────────────

  describe('codes and code lists', () => {
    corpusCase('quoted, space-padded and short codes: accepted, trimmed, upper-cased and zero-padded', async (r) => {
      await expectSameAsBase(r);
    });

    corpusCase('an empty account string: refused', async (r) => {
      expectRefused(r, [`${U}, line 4, column AccountString: expected the 19-character account string made of its codes (fund, resource, project year, goal, function, object), found "", but its codes make 0100000111010003101`]);
    });

    corpusCase('account string disagreeing with its codes: refused', async (r) => {
      expectRefused(r, [`${U}, line 4, column AccountString: expected the 19-character account string made of its codes (fund, resource, project year, goal, function, object), found "0100000111010003102", but its codes make 0100000111010003101`]);
    });

    corpusCase('an unknown code in allocations written with a long fiscal year and a short code: warned on its line', async (r) => {
      expectAccepted(r, ['allocations/2023-24.csv, line 4, column object: expected an object code in the 2023-24 code list, found "5800", kept and labelled "unknown code"']);
      expect(await query(`SELECT fiscal_year, fund, object FROM ${parquet(r, 'allocations-')} WHERE object = '5800'`)).toEqual([{ fiscal_year: '2023-24', fund: '01', object: '5800' }]);
    });

    corpusCase('codes missing from the code list: kept, titled "unknown code", warned once per code, year and file', async (r) => {
      expectAccepted(r, [
        `${U}, line 4, column ObjectCode: expected an object code in the 2023-24 code list, found "5800", kept and labelled "unknown code" (2 lines)`,
        `${U}, line 8, column ObjectCode: expected an object code in the 2023-24 (nearest to 2022-23) code list, found "1150", kept and labelled "unknown code"`,
      ]);
      expect(await query(`SELECT fiscal_year, code, title, list_year, in_list FROM ${parquet(r, 'codes.')} WHERE dimension = 'object' AND NOT in_list ORDER BY ALL`)).toEqual([
        { fiscal_year: '2022-23', code: '1150', title: 'unknown code', list_year: '2023-24', in_list: false },
        { fiscal_year: '2023-24', code: '5800', title: 'unknown code', list_year: '2023-24', in_list: false },
      ]);
      expect(await query(`SELECT object, CAST(amount AS VARCHAR) AS amount FROM ${parquet(r, 'line_items-')} WHERE object IN ('5800', '1150') ORDER BY ALL`)).toEqual([
        { object: '1150', amount: '1150000.10' }, { object: '5800', amount: '150000.25' }, { object: '5800', amount: '25000.75' },
      ]);
      expect(rollup(r, 'funds')).toEqual(BASE_FUNDS);
    });

    corpusCase('a year without its own code list uses the nearest year (2021-22 → 2020-21, 2022-23 → 2023-24)', async (r) => {
      expectAccepted(r);
      expect(await query(`SELECT fiscal_year, title, list_year FROM ${parquet(r, 'codes.')} WHERE dimension = 'fund' ORDER BY ALL`)).toEqual([
        { fiscal_year: '2021-22', title: 'General Fund (2020-21 list)', list_year: '2020-21' },
        { fiscal_year: '2022-23', title: 'General Fund/County School Service Fund', list_year: '2023-24' },
        { fiscal_year: '2023-24', title: 'General Fund/County School Service Fund', list_year: '2023-24' },
      ]);
    });

    corpusCase('equally near code lists: the earlier year is used (2022-23 → 2021-22 rather than 2023-24)', async (r) => {
      expectAccepted(r);
      expect(await query(`SELECT fiscal_year, title, list_year FROM ${parquet(r, 'codes.')} WHERE dimension = 'fund' ORDER BY ALL`)).toEqual([
        { fiscal_year: '2021-22', title: 'General Fund (2021-22 list)', list_year: '2021-22' },
        { fiscal_year: '2022-23', title: 'General Fund (2021-22 list)', list_year: '2021-22' },
        { fiscal_year: '2023-24', title: 'General Fund/County School Service Fund', list_year: '2023-24' },
      ]);
    });

    corpusCase('a code-list folder not named as a fiscal year: refused', async (r) => {
      expectRefused(r, ['code-lists/FY2023-24/: expected a folder named by fiscal year, such as 2023-24, found "FY2023-24"']);
    });

    corpusCase('a missing code-list file: refused', async (r) => {
      expectRefused(r, ["code-lists/2023-24/ref_goal_codes.csv: expected the state's goal code list ref_goal_codes.csv in code-lists/2023-24/, found no such file"]);
    });

    corpusCase('no code lists at all: refused', async (r) => {
      expectRefused(r, ["code-lists/: expected at least one fiscal year's SACS code lists (code-lists/2023-24/ref_fund_codes.csv, …), found no code lists"]);
    });

    corpusCase('a code of the wrong width in a code list: refused', async (r) => {
      expectRefused(r, ['code-lists/2023-24/ref_fund_codes.csv, line 4, column Code: expected a SACS code of the right width for this list, found "123"']);
    });
  });

  // ── fiscal years, periods, submissions ─────────────────────────────────────────────────────────────

  describe('fiscal years, periods and submissions', () => {
    corpusCase('2023-25: refused', async (r) => {
      expectRefused(r, [`${U}, line 3, column FullFiscalYear: ${FY}, found "2023-25"`]);
    });

    corpusCase('1850-51: refused', async (r) => {
      expectRefused(r, [`${U}, line 7, column FullFiscalYear: ${FY}, found "1850-51"`, `${U}, line 8, column FullFiscalYear: ${FY}, found "1850-51"`]);
    });

    corpusCase('a start year (2022) in the UserGL layout: refused (only the older layout uses it)', async (r) => {
      expectRefused(r, [`${U}, line 8, column FullFiscalYear: ${FY}, found "2022"`]);
    });

    corpusCase('2023-2024 in the UserGL layout: accepted as 2023-24', async (r) => {
      await expectSameAsBase(r);
    });

    corpusCase('2021-22 in the legacy Fiscalyear column (which normally holds 2021): accepted as 2021-22', async (r) => {
      await expectSameAsBase(r);
    });

    corpusCase('1850 in the legacy Fiscalyear column: refused, mentioning the start-year form', async (r) => {
      expectRefused(r, [`${L}, line 2, column Fiscalyear: ${FY}, or its first year (2023), found "1850"`]);
    });

    corpusCase('unknown reporting period (BS3): refused', async (r) => {
      expectRefused(r, [`${U}, line 3, column ReportingPeriod: expected a reporting period: BS1, BS2, I1, I2, A, found "BS3"`]);
    });

    corpusCase('unknown reporting period in the older layout ("X   "): refused', async (r) => {
      expectRefused(r, [`${L}, line 2, column Period: expected a reporting period: BS1, BS2, I1, I2, A, found "X"`]);
    });

    corpusCase('column code not carried by the period (IO in an A submission): refused', async (r) => {
      expectRefused(r, [`${L}, line 3, column Colcode: expected a column code that the reporting period carries (BS1/BS2: BB, BE; I1/I2: IO, IB, IA, IP; A: BA, BB), found "IO" in an A submission`]);
    });

    corpusCase('duplicate key within a submission: refused, naming the earlier line', async (r) => {
      expectRefused(r, [`${U}, line 7: expected one line per submission, fiscal year, column code and account string, found a duplicate (TST0BS1001 / 2023-24 / BB / 01 / 0000 / 0 / 1110 / 1000 / 3101) of line 4`]);
    });

    corpusCase('the same account in two submissions: accepted, both kept, is_latest on the later submission', async (r) => {
      expectAccepted(r);
      // 2022-23 unaudited actuals (due autumn 2023) come after the 2023-24 adopted budget (June 2023), so
      // the 2023-24 budget they carry is the latest one.
      expect(await query(`SELECT fiscal_year, column_code, submission_id, is_latest, object, CAST(amount AS VARCHAR) AS amount
        FROM ${parquet(r, 'line_items-')} WHERE fiscal_year = '2023-24' AND object = '1100' ORDER BY ALL`)).toEqual([
        { fiscal_year: '2023-24', column_code: 'BB', submission_id: 'TST0A00001', is_latest: true, object: '1100', amount: '1210000.00' },
        { fiscal_year: '2023-24', column_code: 'BB', submission_id: 'TST0BS1001', is_latest: false, object: '1100', amount: '1200000.00' },
      ]);
      expect(await query(`SELECT submission_id, is_latest, count(*)::INTEGER AS n FROM ${parquet(r, 'line_items-')} GROUP BY ALL ORDER BY ALL`)).toEqual([
        { submission_id: 'TST0A00001', is_latest: true, n: 2 },
        { submission_id: 'TST0BS1001', is_latest: false, n: 5 },
        { submission_id: 'TST0BS1001', is_latest: true, n: 2 },
        { submission_id: 'fictional_a_2021', is_latest: true, n: 3 },
      ]);
      expect(rollup(r, 'funds')).toContainEqual({ fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'expenditure', amount: '1210000.00', lines: 1 });
    });

    corpusCase('two submissions for the same period and year: refused', async (r) => {
      expectRefused(r, [`${B_FILE}: expected one submission per reporting period and year (BS1 2023-24), found submissions TST0BS1001 (${U}) and TST0BS1002 (${B_FILE}); remove the superseded one`]);
    });

    corpusCase('exports from two districts: refused', async (r) => {
      expectRefused(r, [`sacs/: expected one district's SACS exports, found files from 2 districts: 1988888 (${U}), 1999999 (${L})`]);
    });

    corpusCase('a reporting period spelled like a built-in name ("constructor"): refused', async (r) => {
      expectRefused(r, [`${U}, line 3, column ReportingPeriod: expected a reporting period: BS1, BS2, I1, I2, A, found "CONSTRUCTOR"`]);
    });

    corpusCase('a 13-digit CDS code: refused', async (r) => {
      expectRefused(r, [`${U}, line 3, column CDSCode: expected a 14-digit CDS code, found "1999999000000"`]);
    });

    corpusCase('a header-only export is reported even after another file was refused', async (r) => {
      expectRefused(r, [
        `${U}, line 1: ${COMMA_SEPARATED}, found a header separated by semicolons (13 of them)`,
        `${L}, line 2: expected at least one account line after the header, found no data rows`,
      ]);
    });
  });

  // ── schools, allocations, enrollment, outcomes ─────────────────────────────────────────────────────

  describe('schools, allocations, enrollment and outcomes', () => {
    // (Accepted by the pipeline before 2c1c589: its NOT EXISTS subquery compared schools with itself.)
    corpusCase('unknown school in allocations: refused', async (r) => {
      expectRefused(r, ['allocations/2023-24.csv, line 3, column school_code: expected a school in schools.csv, found "1999909"']);
    });

    corpusCase('unknown school in enrollment: refused', async (r) => {
      expectRefused(r, ['enrollment.csv, line 3, column school_code: expected a school in schools.csv, found "1999908"']);
    });

    corpusCase('unknown school in outcomes: refused', async (r) => {
      expectRefused(r, ['outcomes.csv, line 4, column school_code: expected a school in schools.csv, found "2999903"']);
    });

    // (Threw "Table with name allocations does not exist!" before 2c1c589.)
    corpusCase('allocations (and enrollment, outcomes) without schools.csv: refused', async (r) => {
      expectRefused(r, [
        'allocations/2023-24.csv: expected schools.csv, the directory its school codes refer to, found no schools.csv in the input folder',
        'enrollment.csv: expected schools.csv, the directory its school codes refer to, found no schools.csv in the input folder',
        'outcomes.csv: expected schools.csv, the directory its school codes refer to, found no schools.csv in the input folder',
      ], []);
    });

    corpusCase('a school type not in the list: refused with that one error', async (r) => {
      expectRefused(r, ['schools.csv, line 3, column type: expected one of elementary, middle, high, span, option, early_education, adult, found "junior_high"'], []);
    });

    corpusCase('an error in another file does not make schools.csv unusable', async (r) => {
      expectRefused(r, [`${U}, line 1: ${COMMA_SEPARATED}, found a header separated by semicolons (13 of them)`], []);
    });

    corpusCase('a duplicate school code: refused, naming the earlier line', async (r) => {
      expectRefused(r, ['schools.csv, line 5: expected one line per school code, found a duplicate (1999901) of line 2']);
    });

    corpusCase('a demographic count larger than enrollment: refused', async (r) => {
      expectRefused(r, ['enrollment.csv, line 2, column low_income: expected a count no larger than enrollment, found "430", more than the enrollment of 420']);
    });

    corpusCase('a need_index above 100: refused', async (r) => {
      expectRefused(r, ['enrollment.csv, line 2, column need_index: expected a need index (a number from 0 to 100, at most 2 decimal places), found "100.5"']);
    });

    corpusCase('an enrollment with a thousands separator: refused', async (r) => {
      expectRefused(r, ['enrollment.csv, line 4, column enrollment: expected a whole number of students (0 or more), found "1,980"']);
    });

    corpusCase('an allocation column code that is not BB, IB or BA: refused', async (r) => {
      expectRefused(r, ['allocations/2023-24.csv, line 2, column column_code: expected one of BB, IB, BA, found "BE"']);
    });

    corpusCase('an outcome above 100 percent, after a quoted line break: refused on its physical line', async (r) => {
      expectRefused(r, [
        'outcomes.csv, line 2, column students: expected a whole number of students (0 or more), found "210\\n"',
        'outcomes.csv, line 5, column value: expected a percentage (a number from 0 to 100, at most 2 decimal places), found "101"',
      ]);
    });

    corpusCase('district.json that is not JSON: refused', async (r) => {
      expectRefused(r, ['district.json: expected valid JSON such as {"name": "…"}, found Expected double-quoted property name in JSON at position 25 (line 1 column 26)']);
    });
  });
});

it('every case of corpus-cases.ts is asserted here', () => {
  expect([...registered].sort()).toEqual(Object.keys(CORPUS_CASES).sort());
});

describe('a refused run leaves the last good release exactly as it was', () => {
  it('byte-identical release folder and current.json, no staging folder left', async () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'atomic-'));
    const out = path.join(dir, 'out');
    const write = (name: string, mutate?: (f: InputFiles) => void) => {
      const files = baseFiles();
      mutate?.(files);
      writeFiles(path.join(dir, name), files);
      return path.join(dir, name);
    };
    const good = await runInput(write('good'), out);
    expect(good.ok).toBe(true);
    const published = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).filter(([f]) => !f.startsWith('last-run.')));
    const before = published(hashTree(out));
    expect(Object.keys(before)).toContain('current.json');
    expect(Object.keys(before).filter((f) => f.startsWith(`releases/${good.id}/`)).length).toBeGreaterThan(10);

    // Refused early (the file cannot be read as CSV) and late (after every line was read and typed).
    const early = await runInput(write('bad-early', (f) => { f[U] = text(f, U).replaceAll(',', ';'); }), out);
    const late = await runInput(write('bad-late', (f) => { f['schools.csv'] = `${SCHOOLS_CSV}${DUPLICATE_SCHOOL}\n`; }), out);
    expect([early.ok, late.ok]).toEqual([false, false]);
    expect(late.errors).toEqual(['schools.csv, line 5: expected one line per school code, found a duplicate (1999901) of line 2']);

    expect(published(hashTree(out))).toEqual(before);
    expect(fs.readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'last-run.txt'), 'utf8')).toMatch(/^Pipeline run: REFUSED/);
  });
});

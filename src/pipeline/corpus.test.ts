/**
 * Bad-input corpus for the data pipeline. Every case starts from the same tiny valid input folder
 * (test-helpers.ts: an invented district, CDS 19999990000000, two SACS submissions in the two real
 * layouts, the state's code-list format, schools, allocations, enrollment, outcomes), changes one file,
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
import {
  ALLOCATIONS_CSV, baseFiles, CODE_LIST_ROWS, codeLists, ENROLLMENT_CSV, ENROLLMENT_HEADER, FIXED_NOW, hashTree, LEGACY_FILE,
  LEGACY_LINES, legacyCsv, OUTCOMES_CSV, query, SCHOOLS_CSV, USERGL_FILE, USERGL_HEADER, USERGL_LINES, userglCsv, writeFiles,
  type InputFiles, type SacsLine,
} from './test-helpers.ts';

const U = USERGL_FILE;
const L = LEGACY_FILE;
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
async function run(mutate?: (f: InputFiles) => void): Promise<Run> {
  const files = baseFiles();
  mutate?.(files);
  const dir = fs.mkdtempSync(path.join(ROOT, 'case-'));
  writeFiles(path.join(dir, 'input'), files);
  return runInput(path.join(dir, 'input'), path.join(dir, 'out'));
}

let basePromise: Promise<Run> | undefined;
const base = () => (basePromise ??= run());

// ── mutation helpers ────────────────────────────────────────────────────────────────────────────────

const text = (f: InputFiles, file: string) => String(f[file]);
/** Regenerates the UserGL file with line `i` (0 = first data row = physical line 2) changed. */
const usergl = (f: InputFiles, changes: Record<number, Partial<SacsLine>>) => {
  f[U] = userglCsv(USERGL_LINES.map((l, i) => ({ ...l, ...changes[i] })));
};
const legacy = (f: InputFiles, changes: Record<number, Partial<SacsLine>>) => {
  f[L] = legacyCsv(LEGACY_LINES.map((l, i) => ({ ...l, ...changes[i] })));
};
/** Replaces exactly one occurrence of `from` in a file. */
const replaceOnce = (f: InputFiles, file: string, from: string, to: string) => {
  const s = text(f, file);
  if (s.split(from).length !== 2) throw new Error(`fixture: ${JSON.stringify(from)} is not in ${file} exactly once`);
  f[file] = s.replace(from, to);
};

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

/** A fourth school row reusing the first school's code. */
const DUPLICATE_SCHOOL = '1999901,19999991999904,Alder Annex,elementary,K,2,North,Fictionville,90001,34.05,-118.25,2010-11,N';

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
    it('semicolon-separated SACS export: refused, naming the separator', async () => {
      const r = await run((f) => { f[U] = text(f, U).replaceAll(',', ';'); });
      expectRefused(r, [`${U}, line 1: ${COMMA_SEPARATED}, found a header separated by semicolons (13 of them)`]);
    });

    it('tab-separated enrollment: refused, naming the separator', async () => {
      const r = await run((f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replaceAll(',', '\t'); });
      expectRefused(r, [`enrollment.csv, line 1: ${COMMA_SEPARATED}, found a header separated by tabs (16 of them)`]);
    });

    it('pipe-separated outcomes: refused, naming the separator', async () => {
      const r = await run((f) => { f['outcomes.csv'] = OUTCOMES_CSV.replaceAll(',', '|'); });
      expectRefused(r, [`outcomes.csv, line 1: ${COMMA_SEPARATED}, found a header separated by pipes (4 of them)`]);
    });

    it('UTF-8 with a byte-order mark: accepted silently, same lines and totals', async () => {
      const r = await run((f) => { f[U] = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(f, U))]); });
      await expectSameAsBase(r);
      expect(r.files.find((x) => x.file === U)?.encoding).toBe('utf-8 with BOM');
    });

    it('Windows-1252 school names (Niño, Doña): accepted, decoded correctly, with a warning', async () => {
      const r = await run((f) => {
        f['schools.csv'] = Buffer.from(SCHOOLS_CSV.replace('Alder Elementary', 'Escuela Niño Dios').replace('Birch Middle', 'Doña Ana Middle'), 'latin1');
      });
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
    it('missing required column (Amount): refused', async () => {
      const r = await run((f) => { f[U] = text(f, U).split('\n').map((l) => (l ? l.split(',').filter((_, i) => i !== 12).join(',') : l)).join('\n'); });
      expectRefused(r, [`${U}, line 1, column Amount: expected a column Amount (SACS web system UserGL export), found no such column`]);
    });

    it('extra column: accepted, ignored, with a warning', async () => {
      const r = await run((f) => { f[U] = text(f, U).split('\n').map((l, i) => (l ? `${l},${i === 0 ? 'Comment' : 'checked by AB'}` : l)).join('\n'); });
      await expectSameAsBase(r, [`${U}, line 1: expected only the columns of the SACS web system UserGL export, found extra columns, ignored: Comment`]);
    });

    it('reordered columns: accepted, same lines and totals', async () => {
      const order = [12, 5, 0, 13, 11, 10, 9, 8, 7, 6, 4, 3, 2, 1];
      const r = await run((f) => {
        f[U] = text(f, U).split('\n').filter(Boolean).map((l) => { const c = l.split(','); return order.map((i) => c[i]).join(','); }).join('\n') + '\n';
      });
      await expectSameAsBase(r);
    });

    it('the same column twice: refused', async () => {
      const r = await run((f) => { f['outcomes.csv'] = OUTCOMES_CSV.replace('students', 'Value'); });
      expectRefused(r, ['outcomes.csv, line 1, column Value: expected each column name once, found "Value" twice']);
    });

    it('a SACS file whose header is neither layout: refused', async () => {
      const r = await run((f) => { f[U] = 'Fund,Object,Amount\n01,1100,5\n'; });
      expectRefused(r, [`${U}, line 1: expected the header of a SACS export (UserGL: SubmissionNumber, CDSCode, FullFiscalYear, ReportingPeriod, ColumnCode, … or the older layout: Ccode, Dcode, SchoolCode, Fiscalyear, Period, …), found "Fund,Object,Amount"`]);
    });
  });

  // ── lines and records ──────────────────────────────────────────────────────────────────────────────

  describe('lines and records', () => {
    it('CRLF line endings and blank lines between rows: accepted, same lines and totals', async () => {
      const r = await run((f) => { f[U] = text(f, U).split('\n').join('\r\n\r\n'); });
      await expectSameAsBase(r);
    });

    it('CRLF + blank lines: a later bad amount is reported on its physical line', async () => {
      const r = await run((f) => { usergl(f, { 4: { amount: 'abc' } }); f[U] = text(f, U).split('\n').join('\r\n\r\n'); });
      // data row 5 → physical line 2 * 5 + 1 = 11 (header on 1, a blank line after every row)
      expectRefused(r, [`${U}, line 11, column Amount: ${AMOUNT}, found "abc"`]);
    });

    it('CRLF + blank lines: a structural error (too many fields) is reported on its physical line', async () => {
      const r = await run((f) => { usergl(f, { 2: { amount: '150,000.25' } }); f[U] = text(f, U).split('\n').join('\r\n\r\n'); });
      expectRefused(r, [`${U}, line 7: expected 14 fields, as in the header, found 15 fields (an unquoted comma in a value, or another separator)`]);
    });

    it('lines of only commas: ignored, same lines and totals', async () => {
      const r = await run((f) => { const ls = text(f, U).split('\n'); ls.splice(3, 0, ',,,,,,,,,,,,,', ',,,,,,,,,,,,,'); f[U] = ls.join('\n'); });
      await expectSameAsBase(r);
    });

    it('lines of only commas still count as physical lines for a later error', async () => {
      const r = await run((f) => { usergl(f, { 4: { amount: 'abc' } }); const ls = text(f, U).split('\n'); ls.splice(3, 0, ',,,,,,,,,,,,,', ',,,,,,,,,,,,,'); f[U] = ls.join('\n'); });
      expectRefused(r, [`${U}, line 8, column Amount: ${AMOUNT}, found "abc"`]);
    });

    it('a quoted field spanning two lines counts as two physical lines for a later error', async () => {
      const r = await run((f) => {
        f['schools.csv'] = `${SCHOOLS_CSV.replace('Alder Elementary', '"Alder\nElementary"')}${DUPLICATE_SCHOOL}\n`;
      });
      expectRefused(r, ['schools.csv, line 6: expected one line per school code, found a duplicate (1999901) of line 2']);
    });

    it('a quoted field spanning two lines counts as two physical lines for a later structural error', async () => {
      const r = await run((f) => {
        f['schools.csv'] = SCHOOLS_CSV.replace('Alder Elementary', '"Alder\nElementary"').replace(',1995-96,N', ',1995-96,N,extra');
      });
      expectRefused(r, ['schools.csv, line 5: expected 13 fields, as in the header, found 14 fields (an unquoted comma in a value, or another separator)']);
    });

    it('empty file: refused', async () => {
      const r = await run((f) => { f[U] = ''; });
      expectRefused(r, [`${U}, line 1: expected a header row followed by data rows, found an empty file`]);
    });

    it('header only (SACS export): refused', async () => {
      const r = await run((f) => { f[U] = `${USERGL_HEADER.join(',')}\n`; });
      expectRefused(r, [`${U}, line 2: expected at least one account line after the header, found no data rows`]);
    });

    it('header only (optional enrollment): accepted with a warning', async () => {
      const r = await run((f) => { f['enrollment.csv'] = `${ENROLLMENT_HEADER}\n`; });
      expectAccepted(r, ['enrollment.csv, line 1: expected data rows after the header, found none; nothing read from this file']);
      // Nothing published from it: no enrollment rows (whether or not an empty table is written).
      const parts = fs.readdirSync(r.dir).filter((n) => n.startsWith('enrollment.'));
      if (parts.length) expect(await query(`SELECT count(*)::INTEGER AS n FROM ${parquet(r, 'enrollment.')}`)).toEqual([{ n: 0 }]);
      if (fs.existsSync(path.join(r.dir, 'rollups', 'enrollment.json'))) expect(rollup(r, 'enrollment')).toEqual([]);
    });

    it('truncated last line (missing fields, no final newline): one error naming the line', async () => {
      const r = await run((f) => { f[U] = text(f, U).replace(/,1150000\.10,I\n$/, ''); });
      expectRefused(r, [`${U}, line 8: expected 14 fields, as in the header, found 12 fields (a truncated or short line)`]);
    });

    it('unterminated quote: refused, naming the line and column', async () => {
      const r = await run((f) => { replaceOnce(f, U, ',25000.75,E', ',"25000.75,E'); });
      expectRefused(r, [`${U}, line 5, column Amount: expected a quoted value closed by a double quote, found a quote that is never closed, or text after the closing quote: "TST0BS1001,19999990000000,2023-24,BS1,BB,0130100111010004…"`]);
    });

    it('a 10 MB single field: refused with the line-too-long message', async () => {
      const r = await run((f) => { f['outcomes.csv'] = `${OUTCOMES_CSV}2023-24,1999901,math_proficiency,"${'9'.repeat(10_000_000)}",1\n`; });
      expectRefused(r, ['outcomes.csv, line 5: expected lines shorter than 2,000,000 bytes, found a longer line']);
    });

    it('a blank line before the header: accepted with a warning', async () => {
      const r = await run((f) => { f['outcomes.csv'] = `\n${OUTCOMES_CSV}`; });
      expectAccepted(r, ['outcomes.csv, line 2: expected the header on line 1, found 1 blank line(s) before it']);
      expect(await query(`SELECT count(*)::INTEGER AS n FROM ${parquet(r, 'outcomes.')}`)).toEqual([{ n: 3 }]);
    });
  });

  // ── amounts ────────────────────────────────────────────────────────────────────────────────────────

  describe('amounts', () => {
    it('text in an amount: refused', async () => {
      const r = await run((f) => usergl(f, { 2: { amount: 'about 150k' } }));
      expectRefused(r, [`${U}, line 4, column Amount: ${AMOUNT}, found "about 150k"`]);
    });

    it('accounting forms 1,234.00 / (1,234) / $1,234.56 / -$1,234.56 / 12.3400: accepted, exact cents', async () => {
      const r = await run((f) => {
        usergl(f, { 2: { amount: '"1,234.00"' }, 3: { amount: '"(1,234)"' }, 4: { amount: '"$1,234.56"' }, 6: { amount: '12.3400' } });
        legacy(f, { 2: { amount: '"-$1,234.56"' } });
      });
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

    it('1,234.00 without quotes (the comma splits the field): refused as too many fields', async () => {
      const r = await run((f) => usergl(f, { 2: { amount: '1,234.00' } }));
      expectRefused(r, [`${U}, line 4: expected 14 fields, as in the header, found 15 fields (an unquoted comma in a value, or another separator)`]);
    });

    it('1.234 (a fraction of a cent): refused', async () => {
      const r = await run((f) => usergl(f, { 2: { amount: '1.234' } }));
      expectRefused(r, [`${U}, line 4, column Amount: ${AMOUNT}, found "1.234"`]);
    });

    it('1e6: refused', async () => {
      const r = await run((f) => usergl(f, { 2: { amount: '1e6' } }));
      expectRefused(r, [`${U}, line 4, column Amount: ${AMOUNT}, found "1e6"`]);
    });

    it('empty amount: refused', async () => {
      const r = await run((f) => usergl(f, { 2: { amount: '' } }));
      expectRefused(r, [`${U}, line 4, column Amount: ${AMOUNT}, found nothing (empty)`]);
    });

    it('12.34.5 in the older layout: refused', async () => {
      const r = await run((f) => legacy(f, { 1: { amount: '12.34.5' } }));
      expectRefused(r, [`${L}, line 3, column Value: ${AMOUNT}, found "12.34.5"`]);
    });

    it('an amount too large for DECIMAL(18,2): refused, saying it is too large', async () => {
      const r = await run((f) => usergl(f, { 2: { amount: '10000000000000000' } }));
      expectRefused(r, [`${U}, line 4, column Amount: expected an amount below 10^16 dollars, found "10000000000000000"`]);
    });

    it('the largest DECIMAL(18,2) amount: accepted exactly, totals do not overflow', async () => {
      const r = await run((f) => usergl(f, { 2: { amount: '9999999999999999.99' } }));
      expectAccepted(r);
      expect((await lineItems(r)).find((l) => l.fiscal_year === '2023-24' && l.object === '3101')?.amount).toBe('9999999999999999.99');
      expect(rollup(r, 'funds')).toContainEqual({ fiscal_year: '2023-24', column_code: 'BB', fund: '01', object_class: 'expenditure', amount: '10000000001225000.74', lines: 3 });
    });
  });

  // ── codes and code lists ───────────────────────────────────────────────────────────────────────────

  describe('codes and code lists', () => {
    it('quoted, space-padded and short codes: accepted, trimmed, upper-cased and zero-padded', async () => {
      const r = await run((f) => {
        replaceOnce(f, U, '0100000111010003101,01,0000,0,1110,1000,3101', '"0100000111010003101 ","1 ","0"," 0 ","1110  ","1000","3101"');
        replaceOnce(f, U, ',BS1,BB,0130100111010004300,', ',"bs1 "," bb",0130100111010004300,');
      });
      await expectSameAsBase(r);
    });

    it('account string disagreeing with its codes: refused', async () => {
      const r = await run((f) => usergl(f, { 2: { account: '0100000111010003102' } }));
      expectRefused(r, [`${U}, line 4, column AccountString: expected the 19-character account string made of its codes (fund, resource, project year, goal, function, object), found "0100000111010003102", but its codes make 0100000111010003101`]);
    });

    it('an unknown code in allocations written with a long fiscal year and a short code: warned on its line', async () => {
      const r = await run((f) => { f['allocations/2023-24.csv'] = String(f['allocations/2023-24.csv']).replace('2023-24,BB,1999901,01,3010,1110,1000,4300', '2023-2024,BB,1999901,1,3010,1110,1000,5800'); });
      expectAccepted(r, ['allocations/2023-24.csv, line 4, column object: expected an object code in the 2023-24 code list, found "5800", kept and labelled "unknown code"']);
      expect(await query(`SELECT fiscal_year, fund, object FROM ${parquet(r, 'allocations-')} WHERE object = '5800'`)).toEqual([{ fiscal_year: '2023-24', fund: '01', object: '5800' }]);
    });

    it('codes missing from the code list: kept, titled "unknown code", warned once per code, year and file', async () => {
      const r = await run((f) => usergl(f, { 2: { object: '5800' }, 3: { object: '5800' }, 6: { object: '1150' } }));
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

    it('a year without its own code list uses the nearest year (2021-22 → 2020-21, 2022-23 → 2023-24)', async () => {
      const r = await run((f) => Object.assign(f, codeLists('2020-21', { ...CODE_LIST_ROWS, fund: [['01', 'General Fund (2020-21 list)']] })));
      expectAccepted(r);
      expect(await query(`SELECT fiscal_year, title, list_year FROM ${parquet(r, 'codes.')} WHERE dimension = 'fund' ORDER BY ALL`)).toEqual([
        { fiscal_year: '2021-22', title: 'General Fund (2020-21 list)', list_year: '2020-21' },
        { fiscal_year: '2022-23', title: 'General Fund/County School Service Fund', list_year: '2023-24' },
        { fiscal_year: '2023-24', title: 'General Fund/County School Service Fund', list_year: '2023-24' },
      ]);
    });

    it('equally near code lists: the earlier year is used (2022-23 → 2021-22 rather than 2023-24)', async () => {
      const r = await run((f) => Object.assign(f, codeLists('2021-22', { ...CODE_LIST_ROWS, fund: [['01', 'General Fund (2021-22 list)']] })));
      expectAccepted(r);
      expect(await query(`SELECT fiscal_year, title, list_year FROM ${parquet(r, 'codes.')} WHERE dimension = 'fund' ORDER BY ALL`)).toEqual([
        { fiscal_year: '2021-22', title: 'General Fund (2021-22 list)', list_year: '2021-22' },
        { fiscal_year: '2022-23', title: 'General Fund (2021-22 list)', list_year: '2021-22' },
        { fiscal_year: '2023-24', title: 'General Fund/County School Service Fund', list_year: '2023-24' },
      ]);
    });

    it('a code-list folder not named as a fiscal year: refused', async () => {
      const r = await run((f) => {
        for (const k of Object.keys(f)) if (k.startsWith('code-lists/2023-24/')) { f[k.replace('2023-24', 'FY2023-24')] = f[k]!; delete f[k]; }
      });
      expectRefused(r, ['code-lists/FY2023-24/: expected a folder named by fiscal year, such as 2023-24, found "FY2023-24"']);
    });

    it('a missing code-list file: refused', async () => {
      const r = await run((f) => { delete f['code-lists/2023-24/ref_goal_codes.csv']; });
      expectRefused(r, ["code-lists/2023-24/ref_goal_codes.csv: expected the state's goal code list ref_goal_codes.csv in code-lists/2023-24/, found no such file"]);
    });

    it('no code lists at all: refused', async () => {
      const r = await run((f) => { for (const k of Object.keys(f)) if (k.startsWith('code-lists/')) delete f[k]; });
      expectRefused(r, ["code-lists/: expected at least one fiscal year's SACS code lists (code-lists/2023-24/ref_fund_codes.csv, …), found no code lists"]);
    });

    it('a code of the wrong width in a code list: refused', async () => {
      const r = await run((f) => { f['code-lists/2023-24/ref_fund_codes.csv'] = `${text(f, 'code-lists/2023-24/ref_fund_codes.csv')}"123 ","Not a fund"\n`; });
      expectRefused(r, ['code-lists/2023-24/ref_fund_codes.csv, line 4, column Code: expected a SACS code of the right width for this list, found "123"']);
    });
  });

  // ── fiscal years, periods, submissions ─────────────────────────────────────────────────────────────

  describe('fiscal years, periods and submissions', () => {
    it('2023-25: refused', async () => {
      const r = await run((f) => usergl(f, { 1: { fy: '2023-25' } }));
      expectRefused(r, [`${U}, line 3, column FullFiscalYear: ${FY}, found "2023-25"`]);
    });

    it('1850-51: refused', async () => {
      const r = await run((f) => usergl(f, { 5: { fy: '1850-51' }, 6: { fy: '1850-51' } }));
      expectRefused(r, [`${U}, line 7, column FullFiscalYear: ${FY}, found "1850-51"`, `${U}, line 8, column FullFiscalYear: ${FY}, found "1850-51"`]);
    });

    it('a start year (2022) in the UserGL layout: refused (only the older layout uses it)', async () => {
      const r = await run((f) => usergl(f, { 6: { fy: '2022' } }));
      expectRefused(r, [`${U}, line 8, column FullFiscalYear: ${FY}, found "2022"`]);
    });

    it('2023-2024 in the UserGL layout: accepted as 2023-24', async () => {
      const r = await run((f) => usergl(f, { 0: { fy: '2023-2024' }, 1: { fy: '2023-2024' }, 2: { fy: '2023-2024' }, 3: { fy: '2023-2024' }, 4: { fy: '2023-2024' } }));
      await expectSameAsBase(r);
    });

    it('2021-22 in the legacy Fiscalyear column (which normally holds 2021): accepted as 2021-22', async () => {
      const r = await run((f) => legacy(f, { 0: { fy: '2021-22' }, 1: { fy: '2021-22' }, 2: { fy: '2021-22' } }));
      await expectSameAsBase(r);
    });

    it('1850 in the legacy Fiscalyear column: refused, mentioning the start-year form', async () => {
      const r = await run((f) => legacy(f, { 0: { fy: '1850' } }));
      expectRefused(r, [`${L}, line 2, column Fiscalyear: ${FY}, or its first year (2023), found "1850"`]);
    });

    it('unknown reporting period (BS3): refused', async () => {
      const r = await run((f) => usergl(f, { 1: { period: 'BS3' } }));
      expectRefused(r, [`${U}, line 3, column ReportingPeriod: expected a reporting period: BS1, BS2, I1, I2, A, found "BS3"`]);
    });

    it('unknown reporting period in the older layout ("X   "): refused', async () => {
      const r = await run((f) => legacy(f, { 0: { period: 'X' } }));
      expectRefused(r, [`${L}, line 2, column Period: expected a reporting period: BS1, BS2, I1, I2, A, found "X"`]);
    });

    it('column code not carried by the period (IO in an A submission): refused', async () => {
      const r = await run((f) => legacy(f, { 1: { col: 'IO' } }));
      expectRefused(r, [`${L}, line 3, column Colcode: expected a column code that the reporting period carries (BS1/BS2: BB, BE; I1/I2: IO, IB, IA, IP; A: BA, BB), found "IO" in an A submission`]);
    });

    it('duplicate key within a submission: refused, naming the earlier line', async () => {
      const r = await run((f) => { const ls = text(f, U).split('\n'); ls.splice(6, 0, ls[3]!.replace(',150000.25,', ',99,')); f[U] = ls.join('\n'); });
      expectRefused(r, [`${U}, line 7: expected one line per submission, fiscal year, column code and account string, found a duplicate (TST0BS1001 / 2023-24 / BB / 01 / 0000 / 0 / 1110 / 1000 / 3101) of line 4`]);
    });

    it('the same account in two submissions: accepted, both kept, is_latest on the later submission', async () => {
      const A_FILE = 'sacs/19-99999-0000000_A_2022-23_TST0A00001_UserGL.csv';
      const r = await run((f) => {
        f[A_FILE] = userglCsv([
          { fy: '2022-23', period: 'A', col: 'BA', fund: '01', resource: '0000', py: '0', goal: '1110', fn: '1000', object: '1100', amount: '1149000.00', flag: 'I', submission: 'TST0A00001' },
          { fy: '2023-24', period: 'A', col: 'BB', fund: '01', resource: '0000', py: '0', goal: '1110', fn: '1000', object: '1100', amount: '1210000.00', flag: 'I', submission: 'TST0A00001' },
        ]);
      });
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

    it('two submissions for the same period and year: refused', async () => {
      const B_FILE = 'sacs/19-99999-0000000_BS1_2023-24_TST0BS1002_UserGL.csv';
      const r = await run((f) => {
        f[B_FILE] = userglCsv([{ ...USERGL_LINES[1]!, amount: '1210000.00', submission: 'TST0BS1002' }]);
      });
      expectRefused(r, [`${B_FILE}: expected one submission per reporting period and year (BS1 2023-24), found submissions TST0BS1001 (${U}) and TST0BS1002 (${B_FILE}); remove the superseded one`]);
    });

    it('exports from two districts: refused', async () => {
      const r = await run((f) => { f[U] = text(f, U).replaceAll('19999990000000', '19888880000000'); });
      expectRefused(r, [`sacs/: expected one district's SACS exports, found files from 2 districts: 1988888 (${U}), 1999999 (${L})`]);
    });

    it('a 13-digit CDS code: refused', async () => {
      const r = await run((f) => usergl(f, { 1: { cds: '1999999000000' } }));
      expectRefused(r, [`${U}, line 3, column CDSCode: expected a 14-digit CDS code, found "1999999000000"`]);
    });

    it('a header-only export is reported even after another file was refused', async () => {
      const r = await run((f) => { f[U] = text(f, U).replaceAll(',', ';'); f[L] = `${text(f, L).split('\n')[0]}\n`; });
      expectRefused(r, [
        `${U}, line 1: ${COMMA_SEPARATED}, found a header separated by semicolons (13 of them)`,
        `${L}, line 2: expected at least one account line after the header, found no data rows`,
      ]);
    });
  });

  // ── schools, allocations, enrollment, outcomes ─────────────────────────────────────────────────────

  describe('schools, allocations, enrollment and outcomes', () => {
    // (Accepted by the pipeline before 2c1c589: its NOT EXISTS subquery compared schools with itself.)
    it('unknown school in allocations: refused', async () => {
      const r = await run((f) => { f['allocations/2023-24.csv'] = ALLOCATIONS_CSV.replace('2023-24,BB,1999902', '2023-24,BB,1999909'); });
      expectRefused(r, ['allocations/2023-24.csv, line 3, column school_code: expected a school in schools.csv, found "1999909"']);
    });

    it('unknown school in enrollment: refused', async () => {
      const r = await run((f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replace('2023-24,1999902', '2023-24,1999908'); });
      expectRefused(r, ['enrollment.csv, line 3, column school_code: expected a school in schools.csv, found "1999908"']);
    });

    it('unknown school in outcomes: refused', async () => {
      const r = await run((f) => { f['outcomes.csv'] = OUTCOMES_CSV.replace('2023-24,1999903', '2023-24,2999903'); });
      expectRefused(r, ['outcomes.csv, line 4, column school_code: expected a school in schools.csv, found "2999903"']);
    });

    // (Threw "Table with name allocations does not exist!" before 2c1c589.)
    it('allocations (and enrollment, outcomes) without schools.csv: refused', async () => {
      const r = await run((f) => { delete f['schools.csv']; });
      expectRefused(r, [
        'allocations/2023-24.csv: expected schools.csv, the directory its school codes refer to, found no schools.csv in the input folder',
        'enrollment.csv: expected schools.csv, the directory its school codes refer to, found no schools.csv in the input folder',
        'outcomes.csv: expected schools.csv, the directory its school codes refer to, found no schools.csv in the input folder',
      ], []);
    });

    it('a school type not in the list: refused with that one error', async () => {
      const r = await run((f) => { f['schools.csv'] = SCHOOLS_CSV.replace(',middle,', ',junior_high,'); });
      expectRefused(r, ['schools.csv, line 3, column type: expected one of elementary, middle, high, span, option, early_education, adult, found "junior_high"'], []);
    });

    it('an error in another file does not make schools.csv unusable', async () => {
      const r = await run((f) => { f[U] = text(f, U).replaceAll(',', ';'); });
      expectRefused(r, [`${U}, line 1: ${COMMA_SEPARATED}, found a header separated by semicolons (13 of them)`], []);
    });

    it('a duplicate school code: refused, naming the earlier line', async () => {
      const r = await run((f) => { f['schools.csv'] = `${SCHOOLS_CSV}${DUPLICATE_SCHOOL}\n`; });
      expectRefused(r, ['schools.csv, line 5: expected one line per school code, found a duplicate (1999901) of line 2']);
    });

    it('a demographic count larger than enrollment: refused', async () => {
      const r = await run((f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replace('2023-24,1999901,420,300,', '2023-24,1999901,420,430,'); });
      expectRefused(r, ['enrollment.csv, line 2, column low_income: expected a count no larger than enrollment, found "430", more than the enrollment of 420']);
    });

    it('a need_index above 100: refused', async () => {
      const r = await run((f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replace(',72.5\n', ',100.5\n'); });
      expectRefused(r, ['enrollment.csv, line 2, column need_index: expected a need index (a number from 0 to 100, at most 2 decimal places), found "100.5"']);
    });

    it('an enrollment with a thousands separator: refused', async () => {
      const r = await run((f) => { f['enrollment.csv'] = ENROLLMENT_CSV.replace('2023-24,1999903,980,', '2023-24,1999903,"1,980",'); });
      expectRefused(r, ['enrollment.csv, line 4, column enrollment: expected a whole number of students (0 or more), found "1,980"']);
    });

    it('an allocation column code that is not BB, IB or BA: refused', async () => {
      const r = await run((f) => { f['allocations/2023-24.csv'] = ALLOCATIONS_CSV.replace('2023-24,BB,1999901,01,0000', '2023-24,BE,1999901,01,0000'); });
      expectRefused(r, ['allocations/2023-24.csv, line 2, column column_code: expected one of BB, IB, BA, found "BE"']);
    });

    it('an outcome above 100 percent, after a quoted line break: refused on its physical line', async () => {
      const r = await run((f) => { f['outcomes.csv'] = OUTCOMES_CSV.replace('41.5,210', '41.5,"210\n"').replace('91.2,240', '101,240'); });
      expectRefused(r, [
        'outcomes.csv, line 2, column students: expected a whole number of students (0 or more), found "210\\n"',
        'outcomes.csv, line 5, column value: expected a percentage (a number from 0 to 100, at most 2 decimal places), found "101"',
      ]);
    });

    it('district.json that is not JSON: refused', async () => {
      const r = await run((f) => { f['district.json'] = '{"name": "Fictional USD",}'; });
      expectRefused(r, ['district.json: expected valid JSON such as {"name": "…"}, found Expected double-quoted property name in JSON at position 25 (line 1 column 26)']);
    });
  });
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

/**
 * End to end on a small sample district: the generator writes the published formats, the pipeline
 * accepts them with no warning, the release reconciles with the source CSVs to the cent, and the built
 * home page shows the release's numbers.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { generate } from './sample/generate.ts';
import { runPipeline, type PipelineResult } from './pipeline/run.ts';
import { formatProblem } from './pipeline/report.ts';
import { centsToDecimal, parseAmount } from './rules/amount.ts';
import { records } from './pipeline/csv-file.ts';

const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

describe('sample district → release → home page', () => {
  let tmp: string;
  let result: PipelineResult;
  let conn: DuckDBConnection;
  let html: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
    generate(path.join(tmp, 'in'), { schools: 24, firstYear: 2021, lastYear: 2024 });
    result = await runPipeline({ input: path.join(tmp, 'in'), out: path.join(tmp, 'out'), now: new Date('2026-03-01T00:00:00Z') });
    conn = await (await DuckDBInstance.create(':memory:')).connect();
    if (result.ok) {
      await run(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', path.join(tmp, 'dist')], {
        cwd: root,
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', RELEASE_DIR: path.join(tmp, 'out') },
      });
      html = fs.readFileSync(path.join(tmp, 'dist/index.html'), 'utf8');
    }
  }, 300_000);
  afterAll(() => {
    conn?.closeSync();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const q = async <T,>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  const glob = (table: string) => path.join(result.release!.dir, `${table}-*.parquet`);

  it('is accepted with no errors and no warnings', () => {
    expect(result.report.errors.map(formatProblem)).toEqual([]);
    expect(result.report.warnings.map(formatProblem)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('keeps every source line: release rows and amounts equal the CSVs, file by file', async () => {
    const rows = await q<{ source_file: string; n: number; amount: string }>(`SELECT source_file, CAST(count(*) AS INTEGER) AS n, CAST(sum(amount) AS VARCHAR) AS amount
      FROM read_parquet('${glob('line_items')}') GROUP BY 1 ORDER BY 1`);
    const sacs = fs.readdirSync(path.join(tmp, 'in/sacs')).sort();
    expect(rows.map((r) => r.source_file)).toEqual(sacs.map((f) => `sacs/${f}`));
    for (const r of rows) {
      const it = records(fs.readFileSync(path.join(tmp, 'in', r.source_file), 'utf8'));
      const header = (it.next().value as { fields: string[] }).fields;
      const col = header.findIndex((h) => h === 'Amount' || h === 'Value');
      let n = 0;
      let cents = 0n;
      for (const rec of it) {
        const a = parseAmount(rec.fields[col]!);
        if (!a.ok) throw new Error(`bad amount in ${r.source_file}`);
        cents += a.cents;
        n++;
      }
      expect({ file: r.source_file, n: r.n, amount: r.amount }).toEqual({ file: r.source_file, n, amount: centsToDecimal(cents) });
    }
  });

  it('marks exactly one submission latest for each year and column code', async () => {
    const rows = await q<{ n: number }>(`SELECT CAST(count(DISTINCT submission_id) AS INTEGER) AS n FROM read_parquet('${glob('line_items')}') WHERE is_latest GROUP BY fiscal_year, column_code`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('classifies every line into a known object class', async () => {
    const rows = await q<{ object_class: string }>(`SELECT DISTINCT object_class FROM read_parquet('${glob('line_items')}') ORDER BY 1`);
    for (const r of rows) expect(['balance_sheet', 'calculated', 'expenditure', 'other_financing', 'other_outgo', 'revenue']).toContain(r.object_class);
  });

  it('shows the release figures on the home page', async () => {
    const [latest] = await q<{ fiscal_year: string }>(`SELECT max(fiscal_year) AS fiscal_year FROM read_parquet('${glob('line_items')}') WHERE column_code = 'BA'`);
    const [spent] = await q<{ amount: string }>(`SELECT CAST(sum(amount) AS VARCHAR) AS amount FROM read_parquet('${glob('line_items')}')
      WHERE is_latest AND column_code = 'BA' AND fiscal_year = '${latest!.fiscal_year}' AND object_class IN ('expenditure', 'other_outgo')`);
    const amount = parseAmount(spent!.amount);
    if (!amount.ok) throw new Error(`not an amount: ${spent!.amount}`);
    const dollars = (amount.cents + 50n) / 100n; // whole dollars, as the page shows them
    expect(html).toContain(`$${dollars.toLocaleString('en-US')}`);
    expect(html).toContain('Sample data');
    expect(html).toContain(result.release!.id);
  });
});

/**
 * The real published files in ../shared/realdata ingest exactly: for each file, totals by (fiscal year,
 * column code, fund, object) in the release equal the sums of its source rows to the cent, and codes
 * missing from the 2021-22 lists are warnings, not errors and not dropped rows. The files are read from
 * the shared folder at test time and never copied into the project.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { runPipeline, type PipelineResult } from './run.ts';
import { records } from './csv-file.ts';
import { parseAmount, centsToDecimal } from '../rules/amount.ts';
import { formatProblem } from './report.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/realdata/sacs');
const have = fs.existsSync(SHARED);
if (!have) console.warn(`skipping real-data tests: ${SHARED} is absent`);

describe.skipIf(!have)('real SACS exports', () => {
  let dir: string;
  let result: PipelineResult;
  let rows: { source_file: string; fiscal_year: string; column_code: string; fund: string; object: string; amount: string; lines: number }[];
  const files = have ? fs.readdirSync(path.join(SHARED, 'usergl')).filter((f) => f.endsWith('.csv')) : [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realdata-'));
    const input = path.join(dir, 'in');
    fs.mkdirSync(path.join(input, 'sacs'), { recursive: true });
    fs.mkdirSync(path.join(input, 'code-lists/2021-22'), { recursive: true });
    for (const f of files) fs.symlinkSync(path.join(SHARED, 'usergl', f), path.join(input, 'sacs', f));
    for (const f of fs.readdirSync(path.join(SHARED, 'code_lists_fy2021-22'))) {
      fs.symlinkSync(path.join(SHARED, 'code_lists_fy2021-22', f), path.join(input, 'code-lists/2021-22', f));
    }
    result = await runPipeline({ input, out: path.join(dir, 'out'), now: new Date('2026-01-01T00:00:00Z') });
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const glob = path.join(result.release!.dir, 'line_items-*.parquet');
    rows = (await conn.runAndReadAll(`SELECT source_file, fiscal_year, column_code, fund, object, CAST(sum(amount) AS VARCHAR) AS amount, CAST(count(*) AS INTEGER) AS lines
      FROM read_parquet('${glob}') GROUP BY ALL`)).getRowObjectsJson() as never;
    conn.closeSync();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is accepted, with warnings only', () => {
    expect(result.report.errors.map(formatProblem)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(files)('%s: totals by year, column, fund and object equal the source rows to the cent', (file) => {
    const text = fs.readFileSync(path.join(SHARED, 'usergl', file), 'utf8');
    const it = records(text);
    const header = (it.next().value as { fields: string[] }).fields.map((h) => h.trim().toLowerCase());
    const legacy = header.includes('ccode');
    const col = (name: string) => header.indexOf(name);
    const expected = new Map<string, { cents: bigint; lines: number }>();
    let n = 0;
    for (const rec of it) {
      const f = rec.fields.map((v) => v.trim());
      const fy = legacy ? `${f[col('fiscalyear')]}-${String((Number(f[col('fiscalyear')]) + 1) % 100).padStart(2, '0')}` : f[col('fullfiscalyear')]!;
      const key = [fy, f[col(legacy ? 'colcode' : 'columncode')], f[col(legacy ? 'fund' : 'fundcode')], f[col(legacy ? 'object' : 'objectcode')]].join('|');
      const amount = parseAmount(f[col(legacy ? 'value' : 'amount')]!);
      if (!amount.ok) throw new Error(`unreadable amount in ${file}`);
      const e = expected.get(key) ?? { cents: 0n, lines: 0 };
      e.cents += amount.cents;
      e.lines++;
      expected.set(key, e);
      n++;
    }
    const got = new Map(rows.filter((r) => r.source_file === `sacs/${file}`).map((r) => [[r.fiscal_year, r.column_code, r.fund, r.object].join('|'), { cents: parseAmount(r.amount).ok ? (parseAmount(r.amount) as { cents: bigint }).cents : -1n, lines: r.lines }]));
    expect(got.size).toBe(expected.size);
    for (const [k, e] of expected) {
      expect({ k, amount: centsToDecimal(got.get(k)?.cents ?? 0n), lines: got.get(k)?.lines }).toEqual({ k, amount: centsToDecimal(e.cents), lines: e.lines });
    }
    expect([...got.values()].reduce((s, g) => s + g.lines, 0)).toBe(n);
  });

  it('reports codes missing from the 2021-22 lists as warnings and keeps their rows', () => {
    const w = result.report.warnings.map(formatProblem);
    const a = `sacs/${files.find((f) => f.includes('_A_2022-23_'))}`;
    for (const [column, code] of [['ResourceCode', '6211'], ['ResourceCode', '7032'], ['ObjectCode', '9782'], ['ObjectCode', 'PCRA']]) {
      expect(w.some((m) => m.startsWith(a) && m.includes(`column ${column}:`) && m.includes(`found "${code}", kept and labelled "unknown code"`))).toBe(true);
    }
    const pcra = rows.filter((r) => r.object === 'PCRA').reduce((s, r) => s + r.lines, 0);
    expect(pcra).toBeGreaterThan(0);
  });

  it('keeps both submissions of overlapping years and marks the later one latest', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const r = (await conn.runAndReadAll(`SELECT fiscal_year, column_code, reporting_period, bool_and(is_latest) AS latest, CAST(count(*) AS INTEGER) AS n
      FROM read_parquet('${path.join(result.release!.dir, 'line_items-*.parquet')}') GROUP BY ALL ORDER BY ALL`)).getRowObjectsJson();
    conn.closeSync();
    expect(r).toEqual([
      { fiscal_year: '2020-21', column_code: 'BA', reporting_period: 'A', latest: true, n: 4177 },
      { fiscal_year: '2022-23', column_code: 'BA', reporting_period: 'A', latest: true, n: 5634 },
      { fiscal_year: '2022-23', column_code: 'BE', reporting_period: 'BS1', latest: true, n: 4943 },
      // The 2023-24 budget arrives twice: in June's budget submission and September's actuals submission.
      { fiscal_year: '2023-24', column_code: 'BB', reporting_period: 'A', latest: true, n: 3807 },
      { fiscal_year: '2023-24', column_code: 'BB', reporting_period: 'BS1', latest: false, n: 3905 },
    ]);
  });
});

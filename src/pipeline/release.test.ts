/**
 * Build snapshot of a tiny fixture release (hashes and sizes normalised), plus the release's promises:
 * same sources → same id and nothing rewritten; amounts exact; the previous release untouched by a refusal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { runPipeline, type PipelineResult } from './run.ts';
import { formatProblem } from './report.ts';

const FIXTURE = path.join(import.meta.dirname, '__fixtures__/tiny');
const NOW = new Date('2026-01-02T03:04:05Z');

/** Replace content hashes and byte counts, which change with the Parquet writer's version. */
function normalise(text: string): string {
  return text
    .replace(/\.[0-9a-f]{12}\.parquet/g, '.<hash>.parquet')
    .replace(/"sha256": "[0-9a-f]{64}"/g, '"sha256": "<sha256>"')
    .replace(/"bytes": \d+/g, '"bytes": "<bytes>"');
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = path.join(e.parentPath, e.name);
    out[path.relative(dir, p)] = fs.readFileSync(p).toString('base64');
  }
  return out;
}

describe('tiny fixture release', () => {
  let tmp: string;
  let out: string;
  let result: PipelineResult;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'));
    out = path.join(tmp, 'out');
    result = await runPipeline({ input: FIXTURE, out, now: NOW });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is accepted with one warning', () => {
    expect(result.report.errors.map(formatProblem)).toEqual([]);
    expect(result.report.warnings.map(formatProblem)).toEqual([
      'sacs/19-99999-0000000_BS1_2023-24_TESTSUB001_UserGL.csv, line 9, column ObjectCode: expected an object code in the 2023-24 code list, found "PCRA", kept and labelled "unknown code"',
    ]);
    expect(result.release?.id).toMatch(/^2026-01-02-[0-9a-f]{8}$/);
  });

  it('matches the snapshot: file list, manifest, datapackage, rollups, report', async () => {
    const dir = result.release!.dir;
    const files = fs.readdirSync(dir, { recursive: true }).map(String).sort();
    expect(normalise(JSON.stringify(files, null, 1))).toMatchSnapshot('files');
    for (const f of ['manifest.json', 'datapackage.json', 'rollups/object_groups.json', 'rollups/funds.json', 'rollups/enrollment.json', 'rollups/allocations.json', 'validation.txt']) {
      expect(normalise(fs.readFileSync(path.join(dir, f), 'utf8').replaceAll(result.release!.id, '<release>'))).toMatchSnapshot(f);
    }
  });

  it('writes every table to Parquet exactly', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const dir = result.release!.dir;
    const q = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
    const items = await q(`SELECT fiscal_year, column_code, phase, reporting_period, submission_id, is_latest, fund, resource, goal, "function", object,
      object_class, object_group, restricted, CAST(amount AS VARCHAR) AS amount, source_file FROM read_parquet('${dir}/line_items-*.parquet') ORDER BY ALL`);
    expect(items).toMatchSnapshot('line_items');
    const types = await q(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${dir}/line_items-*.parquet'))`);
    expect(types).toContainEqual({ column_name: 'amount', column_type: 'DECIMAL(18,2)' });
    expect(await q(`SELECT * FROM read_parquet('${dir}/schools.*.parquet')`)).toMatchSnapshot('schools');
    expect(await q(`SELECT school_code, basis, CAST(amount AS VARCHAR) AS amount, CAST(fte AS VARCHAR) AS fte FROM read_parquet('${dir}/allocations-*.parquet') ORDER BY ALL`)).toEqual([
      { school_code: '1000001', basis: 'base', amount: '300000.00', fte: '3.5000' },
      { school_code: '1000001', basis: 'categorical', amount: '60000.25', fte: '0.5000' },
      { school_code: '1000002', basis: 'base', amount: '350000.00', fte: '4.0000' },
    ]);
    expect(await q(`SELECT dimension, code, title, list_year, in_list FROM read_parquet('${dir}/codes.*.parquet') WHERE dimension = 'object' ORDER BY ALL`)).toMatchSnapshot('codes');
    conn.closeSync();
  });

  it('gives the same sources the same id and never rewrites a published release', async () => {
    const before = hashTree(out);
    const again = await runPipeline({ input: FIXTURE, out, now: NOW });
    expect(again.release).toMatchObject({ id: result.release!.id, reused: true });
    const after = hashTree(out);
    for (const [f, h] of Object.entries(before)) if (f.startsWith('releases/')) expect(after[f]).toBe(h);
  });

  it('leaves the last good release byte-identical when a run is refused', async () => {
    const bad = path.join(tmp, 'bad');
    fs.cpSync(FIXTURE, bad, { recursive: true });
    fs.appendFileSync(path.join(bad, 'sacs/tiny_usergl_fy2022-23_A.csv'), '"19","99999","0000000","2022","A   ","BA  ","0100000000000008012","01","0000","0","0000","0000","8012",12.345\n');
    const before = hashTree(out);
    const refused = await runPipeline({ input: bad, out, now: new Date('2026-02-01T00:00:00Z') });
    expect(refused.ok).toBe(false);
    expect(refused.report.errors.map(formatProblem)).toEqual([
      'sacs/tiny_usergl_fy2022-23_A.csv, line 5, column Value: expected an amount in dollars such as 1234.56, -1,234.56 or (1,234.56), exact to the cent, found "12.345"',
    ]);
    const after = hashTree(out);
    for (const f of Object.keys(before).filter((f) => f.startsWith('releases/') || f === 'current.json')) expect(after[f], f).toBe(before[f]);
    expect(Object.keys(after).filter((f) => f.startsWith('releases/'))).toEqual(Object.keys(before).filter((f) => f.startsWith('releases/')));
    expect(fs.readdirSync(out).filter((f) => f.startsWith('.staging'))).toEqual([]);
  });
});

/**
 * Parity: the same compiled specs on native DuckDB (build time) and DuckDB-WASM 1.28's Node blocking build
 * (the browser's engine, v0.9.1) give exactly the same rows. Runs on the tiny fixture release; set
 * QUERY_PARITY_RELEASE=<release dir> to run it on a bigger release too (e.g. public/data/releases/<id>).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runPipeline } from '../pipeline/run.ts';
import { Db } from '../pipeline/db.ts';
import { compileRowCount, compileRows, compileSpec } from './compile.ts';
import { defaultSpec, parseSpec, type ViewSpec } from './spec.ts';

type WasmModule = typeof import('@duckdb/duckdb-wasm/blocking');
/** Stands for the school compared with similar schools: replaced by a school of each release that has peers. */
const SCHOOL = '0000000';
const require = createRequire(import.meta.url);
const DIST = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

const SPECS: Record<string, unknown>[] = [
  {},
  { measure: 'amount', by: ['fund', 'object_group'] },
  { measure: 'amount', by: ['column_code'], latestOnly: false },
  { measure: 'share', by: ['fiscal_year', 'object_class'], chart: 'stacked_bar' },
  { measure: 'share', by: ['resource'] },
  { measure: 'change', by: ['fiscal_year', 'fund'] },
  { measure: 'per_pupil', by: ['fiscal_year'], filters: { object_class: ['expenditure'] } },
  { measure: 'per_pupil', by: ['fund'], filters: { fiscal_year: ['2023-24'] } },
  { compare: 'budget_vs_actual', by: ['object_group'] },
  { compare: 'year_vs_year', by: ['fund'], filters: { fiscal_year: ['2023-24'] } },
  { measure: 'amount', by: ['restricted', 'function'], filters: { restricted: ['true', 'false'], fund: ['01', '99'] } },
  { table: 'allocations', measure: 'amount', by: ['school_code', 'basis'] },
  { table: 'allocations', measure: 'amount', by: ['region', 'school_type'], filters: { region: ['Region North', 'Region South'] } },
  { table: 'allocations', measure: 'per_pupil', by: ['fiscal_year', 'region'] },
  { table: 'allocations', measure: 'per_pupil', by: ['school_code'], filters: { fiscal_year: ['2023-24'] } },
  // School bands (need index and demographic quarters) and school vs. similar schools.
  { table: 'allocations', measure: 'amount', by: ['need_band', 'basis'] },
  { table: 'allocations', measure: 'per_pupil', by: ['fiscal_year', 'need_band'] },
  { table: 'allocations', measure: 'per_pupil', by: ['low_income_band'], filters: { fiscal_year: ['2023-24'], english_learners_band: ['1', '2', '3', '4'] } },
  { table: 'allocations', measure: 'share', by: ['disabilities_band', 'object_group'], chart: 'stacked_bar' },
  { table: 'allocations', compare: 'budget_vs_actual', by: ['need_band'] },
  { table: 'allocations', measure: 'per_pupil', compare: 'similar_schools', by: ['fiscal_year', 'basis'], filters: { school_code: [SCHOOL] } },
  { table: 'allocations', measure: 'per_pupil', compare: 'similar_schools', by: ['object_group'], filters: { school_code: [SCHOOL], fiscal_year: ['2023-24'] } },
];
/** Underlying rows of these views are compared too (every column, in order). */
const ROW_SPECS: Record<string, unknown>[] = [
  { measure: 'amount', by: ['fund'], filters: { fiscal_year: ['2023-24'], fund: ['01'] } },
  { compare: 'year_vs_year', by: ['fund'], filters: { fiscal_year: ['2023-24'], object_group: ['certificated_salaries', 'books_supplies'] } },
  { table: 'allocations', measure: 'amount', by: ['need_band'], filters: { fiscal_year: ['2023-24'], need_band: ['4'] } },
  { table: 'allocations', measure: 'per_pupil', compare: 'similar_schools', by: ['fiscal_year'], filters: { school_code: [SCHOOL], object_group: ['certificated_salaries'] } },
];

function specs(list = SPECS): [string, ViewSpec][] {
  return list.map((raw) => {
    const r = parseSpec(raw);
    if (!r.ok) throw new Error(`${JSON.stringify(raw)}: ${r.errors.join('; ')}`);
    return [JSON.stringify(raw), r.spec];
  });
}

/** Every table's files by table name, from the release's manifest. */
function releaseFiles(dir: string): Map<string, string[]> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { table: string; path: string }[] };
  const out = new Map<string, string[]>();
  for (const f of manifest.files) if (f.path.endsWith('.parquet')) out.set(f.table, [...(out.get(f.table) ?? []), f.path]);
  return out;
}
const list = (files: string[], prefix: string) => files.map((f) => `'${(prefix + f).replaceAll("'", "''")}'`).join(', ');

interface Engines {
  native: (sql: string, params: unknown[]) => Promise<unknown[]>;
  wasm: (sql: string, params: unknown[]) => unknown[];
  close: () => void;
}

async function openEngines(dir: string): Promise<Engines> {
  const files = releaseFiles(dir);
  const db = await Db.open();
  for (const [table, fs_] of files) await db.run(`CREATE VIEW "${table}" AS SELECT * FROM read_parquet([${list(fs_, dir + '/')}])`);

  const duck = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as WasmModule;
  const wdb = await duck.createDuckDB(
    {
      mvp: { mainModule: path.join(DIST, 'duckdb-mvp.wasm'), mainWorker: path.join(DIST, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: path.join(DIST, 'duckdb-eh.wasm'), mainWorker: path.join(DIST, 'duckdb-node-eh.worker.cjs') },
    },
    new duck.VoidLogger(),
    duck.NODE_RUNTIME,
  );
  await wdb.instantiate();
  wdb.open({});
  const conn = wdb.connect();
  for (const [table, fs_] of files) {
    for (const f of fs_) wdb.registerFileBuffer(f, new Uint8Array(fs.readFileSync(path.join(dir, f))));
    conn.query(`CREATE VIEW "${table}" AS SELECT * FROM read_parquet([${list(fs_, '')}])`);
  }
  return {
    native: (sql, params) => db.all(sql, params),
    wasm: (sql, params) => {
      const stmt = conn.prepare(sql);
      try {
        return stmt.query(...params).toArray().map((r: { toJSON(): Record<string, unknown> }) => ({ ...r.toJSON() }));
      } finally {
        stmt.close();
      }
    },
    close: () => { conn.close(); db.close(); },
  };
}

function parityFor(name: string, getDir: () => string) {
  describe(`parity: native DuckDB vs DuckDB-WASM (${name})`, () => {
    let engines: Engines;
    beforeAll(async () => { engines = await openEngines(getDir()); });
    afterAll(() => engines?.close());
    let school = SCHOOL;
    beforeAll(async () => {
      // A school that has similar schools (same type and need band), else any school.
      const peers = compileSpec({ ...defaultSpec(), table: 'allocations', measure: 'per_pupil', compare: 'similar_schools', by: ['fiscal_year'], filters: { school_code: [SCHOOL] } });
      const cte = peers.sql.slice(0, peers.sql.indexOf('target AS '));
      const rows = (await engines.native(`${cte}x AS (SELECT 1) SELECT s.school_code FROM schools AS s JOIN band_need AS a USING (school_code)
        WHERE EXISTS (SELECT 1 FROM schools AS o JOIN band_need AS b USING (school_code) WHERE o."type" = s."type" AND b.band = a.band AND o.school_code <> s.school_code)
        ORDER BY 1 LIMIT 1`, [])) as { school_code: string }[];
      school = rows[0]?.school_code ?? '1000001';
    });
    const withSchool = (spec: ViewSpec): ViewSpec =>
      spec.filters.school_code?.[0] === SCHOOL ? { ...spec, filters: { ...spec.filters, school_code: [school] } } : spec;
    it.each(specs())('%s', async (_label, raw) => {
      const spec = withSchool(raw);
      const { sql, params } = compileSpec(spec);
      const native = await engines.native(sql, params);
      const wasm = engines.wasm(sql, params);
      expect(wasm).toEqual(native);
      if (name === 'tiny fixture' && spec.compare !== 'similar_schools') expect(native.length).toBeGreaterThan(0);
      if (name === 'sample district') expect(native.length).toBeGreaterThan(0);
    });
    it.each(specs(ROW_SPECS))('underlying rows: %s', async (_label, raw) => {
      const spec = withSchool(raw);
      const { sql, params } = compileRows(spec, 2000);
      const native = await engines.native(sql, params);
      expect(engines.wasm(sql, params)).toEqual(native);
      const count = compileRowCount(spec);
      const [n] = (await engines.native(count.sql, count.params)) as { n: string }[];
      expect(native.length).toBe(Math.min(Number(n!.n), 2001));
    });
  });
}

let tmp = '';
let tinyDir = '';
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'query-parity-'));
  const result = await runPipeline({ input: path.join(import.meta.dirname, '../pipeline/__fixtures__/tiny'), out: path.join(tmp, 'out'), now: new Date('2026-01-02T03:04:05Z') });
  if (!result.release) throw new Error('the tiny fixture release was refused');
  tinyDir = result.release.dir;
});
afterAll(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

parityFor('tiny fixture', () => tinyDir);
const extra = process.env.QUERY_PARITY_RELEASE;
if (extra) parityFor(extra, () => path.resolve(extra));
// The shared sample district (24 schools, four years: src/test-support/sample-site.ts) has need bands and
// similar schools; its school 0100012 … is taken from its schools file by the spec list above.
const sample = inject('sampleSite');
if (sample.releaseDir) parityFor('sample district', () => sample.releaseDir);

it('the default spec compiles to a query both engines accept (covered above)', () => {
  expect(compileSpec(defaultSpec()).sql).toContain('t.is_latest');
});

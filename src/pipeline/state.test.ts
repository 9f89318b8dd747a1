/**
 * The state's FRPM school file (CDE, real, in ../shared/realdata/cde) read as enrollment: this district's
 * rows for the schools of schools.csv become enrollment and low-income counts, equal to the file's
 * values; the other rows are counted in a warning. The file is read from the shared folder at test
 * time; schools.csv is made at test time from a few of its schools (nothing of it is kept).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { runPipeline, type PipelineResult } from './run.ts';
import { records } from './csv-file.ts';
import { formatProblem } from './report.ts';

const FILE = path.resolve(import.meta.dirname, '../../../shared/realdata/cde/cde_frpm_school_level_2018-19_lausd.csv');
const have = fs.existsSync(FILE);
if (!have) console.warn(`skipping the state FRPM test: ${FILE} is absent`);
const FIXTURE = path.join(import.meta.dirname, '__fixtures__/tiny');

describe.skipIf(!have)('CDE FRPM school file as enrollment', () => {
  let tmp: string;
  let result: PipelineResult;
  let rows: string[][] = [];
  let header: string[] = [];
  const col = (name: string) => header.indexOf(name);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frpm-'));
    const input = path.join(tmp, 'in');
    fs.cpSync(FIXTURE, input, { recursive: true });
    fs.rmSync(path.join(input, 'enrollment.csv'));
    fs.rmSync(path.join(input, 'allocations'), { recursive: true });
    fs.rmSync(path.join(input, 'outcomes.csv'));
    const it = records(fs.readFileSync(FILE, 'utf8'));
    header = (it.next().value as { fields: string[] }).fields;
    rows = [...it].map((r) => r.fields);
    const district = `${rows[0]![col('County Code')]}${rows[0]![col('District Code')]}0000000`;
    fs.writeFileSync(path.join(input, 'district.json'), JSON.stringify({ name: 'Test district', cds_code: district }));
    // 40 schools with enrollment, taken from the file itself.
    const picked = rows.filter((r) => r[col('School Code')] !== '0000001' && r[col('Enrollment (K-12)')] !== '').slice(0, 40);
    fs.writeFileSync(path.join(input, 'schools.csv'), `school_code,name,type\n${picked.map((r) => `${r[col('School Code')]},"${r[col('School Name')]!.replaceAll('"', '""')}",elementary`).join('\n')}\n`);
    fs.mkdirSync(path.join(input, 'state'));
    fs.symlinkSync(FILE, path.join(input, 'state/frpm-2018-19.csv'));
    result = await runPipeline({ input, out: path.join(tmp, 'out'), now: new Date('2026-01-01T00:00:00Z') });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is accepted, and the rows of other schools are one warning', () => {
    expect(result.report.errors.map(formatProblem)).toEqual([]);
    const others = rows.length - 40;
    expect(result.report.warnings.map(formatProblem)).toContain(
      `state/frpm-2018-19.csv: expected rows for this district's schools in schools.csv (CDS ${rows[0]![col('County Code')]}${rows[0]![col('District Code')]}), found ${others} rows for other schools or districts (charters, closed schools); not used`,
    );
  });

  it("reads each school's K-12 enrollment and FRPM count exactly, for 2018-19", async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const got = (await conn.runAndReadAll(`SELECT fiscal_year, school_code, enrollment, low_income FROM read_parquet('${result.release!.dir}/enrollment.*.parquet') ORDER BY school_code`)).getRowObjectsJson();
    conn.closeSync();
    const schools = fs.readFileSync(path.join(tmp, 'in/schools.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.slice(0, 7));
    const want = rows
      .filter((r) => schools.includes(r[col('School Code')]!))
      .map((r) => ({ fiscal_year: '2018-19', school_code: r[col('School Code')], enrollment: Number(r[col('Enrollment (K-12)')]), low_income: Number(r[col('FRPM Count (K-12)')]) }))
      .sort((a, b) => a.school_code!.localeCompare(b.school_code!));
    expect(got).toEqual(want);
    expect(got).toHaveLength(40);
  });
});

/**
 * The diff between two releases, exact to the cent: two releases of the tiny fixture district, the second
 * with a few amounts changed, a code and a school added and a code and a school removed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffReleases, formatDiffMarkdown, listReleases, percentChange, previousRelease, type DiffRow, type ReleaseDiff } from './diff.ts';
import { runPipeline } from './run.ts';
import { tempDir } from './test-helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TINY = path.join(import.meta.dirname, '__fixtures__/tiny');
const SACS = 'sacs/19-99999-0000000_BS1_2023-24_TESTSUB001_UserGL.csv';
const OBJECTS = 'code-lists/2023-24/ref_object_codes.csv';

/** Replaces one exact piece of text in a file of the input folder (fails loudly if it is not there once). */
function edit(dir: string, file: string, from: string, to: string): void {
  const abs = path.join(dir, file);
  const text = fs.readFileSync(abs, 'utf8');
  if (text.split(from).length !== 2) throw new Error(`${file}: expected exactly one ${JSON.stringify(from)}`);
  fs.writeFileSync(abs, text.replace(from, to));
}

/**
 * The second budget cycle of the tiny district: three amounts changed, object 4300 added (in the code list and
 * on a new line), object 3101 removed (its only line), school 1000003 added and school 1000002 removed.
 */
function secondCycle(dir: string): void {
  const B = 'TESTSUB001,19999990000000';
  edit(dir, SACS, `${B},2022-23,BS1,BE,0100000111010001100,01,0000,0,1110,1000,1100,600000.5,I`, `${B},2022-23,BS1,BE,0100000111010001100,01,0000,0,1110,1000,1100,660000.55,I`);
  edit(dir, SACS, `${B},2023-24,BS1,BB,0100000000000008011,01,0000,0,0000,0000,8011,1100000,I`, `${B},2023-24,BS1,BB,0100000000000008011,01,0000,0,0000,0000,8011,1150000,I`);
  edit(dir, SACS, `${B},2023-24,BS1,BB,0130100111010001100,01,3010,0,1110,1000,1100,120000.25,I`, `${B},2023-24,BS1,BB,0130100111010001100,01,3010,0,1110,1000,1100,125000.75,I`);
  edit(dir, SACS, `${B},2023-24,BS1,BB,0100000111010003101,01,0000,0,1110,1000,3101,130000,I\n`, `${B},2023-24,BS1,BB,0100000111010004300,01,0000,0,1110,1000,4300,4500.50,I\n`);
  edit(dir, OBJECTS, '"8011"', `"4300","${'Materials and Supplies'.padEnd(250)}"\n"8011"`);
  edit(dir, 'schools.csv', '1000002,19999991000002,"Niños Unidos Middle, Campus A",middle,6,8,Region South,33.95,-118.30,2019-20,,N', '1000003,19999991000003,Olive High,high,9,12,Region South,33.96,-118.31,2024-25,,N');
  edit(dir, 'allocations/allocations-2023-24.csv', '2023-24,BB,1000001,01,3010,1110,1000,1100,60000.25,0.5,categorical', '2023-24,BB,1000001,01,3010,1110,1000,1100,60000.00,0.5,categorical');
  edit(dir, 'allocations/allocations-2023-24.csv', '2023-24,BB,1000002,01,0000,1110,1000,1100,350000.00,4,base', '2023-24,BB,1000003,01,0000,1110,1000,1100,200000.00,2,base');
  edit(dir, 'enrollment.csv', '2023-24,1000002,', '2023-24,1000003,');
  edit(dir, 'outcomes.csv', '2023-24,1000002,', '2023-24,1000003,');
}

const FIRST_NOW = new Date('2026-11-26T12:00:00.000Z');
const SECOND_NOW = new Date('2026-12-03T12:00:00.000Z');

const GF = 'General Fund/County School Service Fund';
const UNR = 'Unrestricted';
const T1 = 'ESSA: Title I, Part A, Basic Grants Low-Income and Neglected';
const row = (kind: DiffRow['kind'], fiscal_year: string, column_code: string, code: string, title: string | null, object_class: string | null, old: string | null, nw: string | null, change: string, percent: string | null): DiffRow =>
  ({ kind, fiscal_year, column_code, code, title, object_class, old, new: nw, change, percent });

let work: string;
let out: string;
let firstDir: string;
let secondDir: string;
let diff: ReleaseDiff;

beforeAll(async () => {
  work = tempDir('diff-test');
  const input = path.join(work, 'input');
  out = path.join(work, 'out');
  fs.cpSync(TINY, input, { recursive: true });
  const first = await runPipeline({ input, out, now: FIRST_NOW });
  expect(first.ok).toBe(true);
  secondCycle(input);
  const second = await runPipeline({ input, out, now: SECOND_NOW });
  expect(second.report.errors).toEqual([]);
  firstDir = first.release!.dir;
  secondDir = second.release!.dir;
  diff = await diffReleases(firstDir, secondDir);
}, 60_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('diffReleases on two releases of the tiny district', () => {
  it('names both releases', () => {
    expect(diff.old).toEqual({ id: path.basename(firstDir), created: FIRST_NOW.toISOString(), district: 'Tiny Test Unified', fiscal_years: ['2022-23', '2023-24'] });
    expect(diff.new).toEqual({ id: path.basename(secondDir), created: SECOND_NOW.toISOString(), district: 'Tiny Test Unified', fiscal_years: ['2022-23', '2023-24'] });
    expect(diff.old.id).not.toBe(diff.new.id);
  });

  it('totals by fund and object class, latest submissions, to the cent', () => {
    expect(diff.funds).toEqual([
      row('fund', '2022-23', 'BA', '01', GF, 'expenditure', '590000.10', '590000.10', '0.00', '0.0'),
      row('fund', '2022-23', 'BA', '01', GF, 'revenue', '1010000.00', '1010000.00', '0.00', '0.0'),
      row('fund', '2022-23', 'BB', '01', GF, 'revenue', '1150000.00', '1150000.00', '0.00', '0.0'),
      row('fund', '2022-23', 'BE', '01', GF, 'expenditure', '600000.50', '660000.55', '60000.05', '10.0'),
      row('fund', '2022-23', 'BE', '01', GF, 'revenue', '1000000.00', '1000000.00', '0.00', '0.0'),
      row('fund', '2023-24', 'BB', '01', GF, 'balance_sheet', '50000.00', '50000.00', '0.00', '0.0'),
      row('fund', '2023-24', 'BB', '01', GF, 'calculated', '-1000.00', '-1000.00', '0.00', '0.0'),
      // 125000.75 + 650000 + 4500.50 (new object 4300), against 120000.25 + 650000 + 130000 (object 3101, removed)
      row('fund', '2023-24', 'BB', '01', GF, 'expenditure', '900000.25', '779501.25', '-120499.00', '-13.4'),
      row('fund', '2023-24', 'BB', '01', GF, 'revenue', '1100000.00', '1150000.00', '50000.00', '4.5'),
    ]);
  });

  it('totals by program (resource) and object class', () => {
    expect(diff.programs).toEqual([
      row('program', '2022-23', 'BA', '0000', UNR, 'expenditure', '590000.10', '590000.10', '0.00', '0.0'),
      row('program', '2022-23', 'BA', '0000', UNR, 'revenue', '1010000.00', '1010000.00', '0.00', '0.0'),
      row('program', '2022-23', 'BB', '0000', UNR, 'revenue', '1150000.00', '1150000.00', '0.00', '0.0'),
      row('program', '2022-23', 'BE', '0000', UNR, 'expenditure', '600000.50', '660000.55', '60000.05', '10.0'),
      row('program', '2022-23', 'BE', '0000', UNR, 'revenue', '1000000.00', '1000000.00', '0.00', '0.0'),
      row('program', '2023-24', 'BB', '0000', UNR, 'balance_sheet', '50000.00', '50000.00', '0.00', '0.0'),
      row('program', '2023-24', 'BB', '0000', UNR, 'calculated', '-1000.00', '-1000.00', '0.00', '0.0'),
      row('program', '2023-24', 'BB', '0000', UNR, 'expenditure', '780000.00', '654500.50', '-125499.50', '-16.1'),
      row('program', '2023-24', 'BB', '0000', UNR, 'revenue', '1100000.00', '1150000.00', '50000.00', '4.5'),
      row('program', '2023-24', 'BB', '3010', T1, 'expenditure', '120000.25', '125000.75', '5000.50', '4.2'),
    ]);
  });

  it('totals by school (allocations), with schools present in one release only', () => {
    expect(diff.schools).toEqual([
      row('school', '2023-24', 'BB', '1000001', 'Jacaranda Elementary', null, '360000.25', '360000.00', '-0.25', '0.0'),
      row('school', '2023-24', 'BB', '1000002', 'Niños Unidos Middle, Campus A', null, '350000.00', null, '-350000.00', '-100.0'),
      row('school', '2023-24', 'BB', '1000003', 'Olive High', null, null, '200000.00', '200000.00', null),
    ]);
  });

  it('codes and schools added and removed', () => {
    expect(diff.codes).toEqual({
      added: [{ fiscal_year: '2023-24', dimension: 'object', code: '4300', title: 'Materials and Supplies' }],
      removed: [{ fiscal_year: '2023-24', dimension: 'object', code: '3101', title: 'STRS, certificated positions' }],
    });
    expect(diff.schoolList).toEqual({
      added: [{ school_code: '1000003', name: 'Olive High' }],
      removed: [{ school_code: '1000002', name: 'Niños Unidos Middle, Campus A' }],
    });
  });

  it('the largest changes: program and school totals by absolute change', () => {
    expect(diff.largest.map((r) => [r.kind, r.fiscal_year, r.column_code, r.code, r.object_class, r.change])).toEqual([
      ['school', '2023-24', 'BB', '1000002', null, '-350000.00'],
      ['school', '2023-24', 'BB', '1000003', null, '200000.00'],
      ['program', '2023-24', 'BB', '0000', 'expenditure', '-125499.50'],
      ['program', '2022-23', 'BE', '0000', 'expenditure', '60000.05'],
      ['program', '2023-24', 'BB', '0000', 'revenue', '50000.00'],
      ['program', '2023-24', 'BB', '3010', 'expenditure', '5000.50'],
      ['school', '2023-24', 'BB', '1000001', null, '-0.25'],
    ]);
    expect(diff.changed).toEqual({ fund: 3, program: 4, school: 3 });
  });

  it('a release compared with itself has no change', async () => {
    const same = await diffReleases(secondDir, secondDir);
    expect(same.changed).toEqual({ fund: 0, program: 0, school: 0 });
    expect(same.largest).toEqual([]);
    expect(same.codes).toEqual({ added: [], removed: [] });
    expect(same.schoolList).toEqual({ added: [], removed: [] });
  });

  it('lists releases by created date and finds the previous one', () => {
    expect(listReleases(out).map((r) => r.id)).toEqual([diff.old.id, diff.new.id]);
    expect(previousRelease(out, diff.new.id)?.id).toBe(diff.old.id);
    expect(previousRelease(out, diff.old.id)).toBeNull();
  });

  it('formats the markdown for the pull-request comment', () => {
    const md = formatDiffMarkdown(diff);
    expect(md).toContain(`## What changed: release \`${diff.old.id}\` → \`${diff.new.id}\``);
    expect(md).toContain('- totals changed: 3 by fund, 4 by program, 3 by school');
    expect(md).toContain('- codes: 1 added, 1 removed');
    expect(md).toContain('- schools: 1 added, 1 removed');
    expect(md).toContain('| school | 2023-24 | BB | `1000002` | Niños Unidos Middle, Campus A | — | $350,000.00 | — | -$350,000.00 | -100.0% |');
    expect(md).toContain('| 2023-24 | BB | `01` | General Fund/County School Service Fund | expenditure | $900,000.25 | $779,501.25 | -$120,499.00 | -13.4% |');
    expect(md).toContain('| 2022-23 | BE | `0000` | Unrestricted | expenditure | $600,000.50 | $660,000.55 | +$60,000.05 | +10.0% |');
    expect(md).toContain('| 2023-24 | BB | `1000003` | Olive High | — | $200,000.00 | +$200,000.00 | — |');
    expect(md).toContain('| 2023-24 | BB | `1000002` | Niños Unidos Middle, Campus A | $350,000.00 | — | -$350,000.00 | -100.0% |');
    expect(md).toContain('- 2023-24 object `4300` Materials and Supplies');
    expect(md).toContain('- 2023-24 object `3101` STRS, certificated positions');
    expect(md).toContain('- `1000003` Olive High');
    expect(md).toContain('3 of 9 totals changed.');
  });

  it('the CLI diffs the two latest releases of a data folder', () => {
    const md = path.join(work, 'changes.md');
    const json = path.join(work, 'changes.json');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/diff-releases.ts'), '--data', out, '--markdown', md, '--json', json], { stdio: 'pipe' });
    expect(fs.readFileSync(md, 'utf8')).toBe(formatDiffMarkdown(diff));
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toEqual(diff);
  });
});

describe('percentChange', () => {
  it('rounds half away from zero to one decimal; null without a base', () => {
    expect(percentChange(1000n, 5n)).toBe('0.5');
    expect(percentChange(1000n, -5n)).toBe('-0.5');
    expect(percentChange(2000n, 1n)).toBe('0.1'); // 0.05% → 0.1
    expect(percentChange(-1000n, 500n)).toBe('50.0');
    expect(percentChange(1000n, -1000n)).toBe('-100.0');
    expect(percentChange(1000000n, -1n)).toBe('0.0');
    expect(percentChange(0n, 5n)).toBeNull();
    expect(percentChange(null, 5n)).toBeNull();
  });
});

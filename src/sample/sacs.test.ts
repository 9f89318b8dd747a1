import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OLD_HEADER, USERGL_HEADER, submissionFileName, submissionNumber, writeSubmission } from './sacs.ts';
import type { Submission } from './sacs.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-sacs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const values = new Map([
  ['0100000000000008011', 29642026300],
  ['0100000000000008019', -75734902],
  ['010000000002100PCRA', -1312191330],
  ['010000000000000979Z', 42748670],
]);

describe('SACS submissions', () => {
  it('have deterministic 10-character submission numbers', () => {
    const id = submissionNumber(1, 'A', 2022);
    expect(id).toMatch(/^[A-Z0-9]{10}$/);
    expect(submissionNumber(1, 'A', 2022)).toBe(id);
    expect(submissionNumber(1, 'BS1', 2022)).not.toBe(id);
    expect(submissionNumber(2, 'A', 2022)).not.toBe(id);
  });

  it('are named like the real exports', () => {
    expect(submissionFileName(1, { period: 'A', fy: 2020, columns: [] })).toBe('sample_usergl_fy2020-21_A.csv');
    expect(submissionFileName(1, { period: 'BS1', fy: 2023, columns: [] })).toMatch(/^19-99999-0000000_BS1_2023-24_[A-Z0-9]{10}_UserGL\.csv$/);
  });

  it('write the older database layout', () => {
    const sub: Submission = { period: 'A', fy: 2020, columns: [{ code: 'BA', fy: 2020, values }, { code: 'BB', fy: 2021, values: new Map([['0100000000000008011', 100]]) }] };
    const stats = writeSubmission(dir, 1, sub);
    const lines = fs.readFileSync(stats.path, 'utf8').split('\n');
    expect(lines[0]).toBe(OLD_HEADER);
    expect(lines[1]).toBe('"19","99999","0000000","2020","A   ","BA  ","0100000000000008011","01","0000","0","0000","0000","8011",296420263.00');
    expect(lines[2]).toBe('"19","99999","0000000","2020","A   ","BA  ","0100000000000008019","01","0000","0","0000","0000","8019",-757349.02');
    expect(lines[5]).toBe('"19","99999","0000000","2021","A   ","BB  ","0100000000000008011","01","0000","0","0000","0000","8011",1.00');
    expect(stats.rows).toBe(5);
  });

  it('write the SACS web system UserGL layout', () => {
    const sub: Submission = { period: 'A', fy: 2022, columns: [{ code: 'BA', fy: 2022, values }] };
    const stats = writeSubmission(dir, 1, sub);
    const id = submissionNumber(1, 'A', 2022);
    const lines = fs.readFileSync(stats.path, 'utf8').split('\n');
    expect(lines[0]).toBe(USERGL_HEADER);
    expect(lines).toContain(`${id},19999990000000,2022-23,A,BA,0100000000000008011,01,0000,0,0000,0000,8011,296420263,I`);
    expect(lines).toContain(`${id},19999990000000,2022-23,A,BA,0100000000000008019,01,0000,0,0000,0000,8019,-757349.02,I`);
    expect(lines).toContain(`${id},19999990000000,2022-23,A,BA,010000000000000979Z,01,0000,0,0000,0000,979Z,427486.7,C`);
    expect(lines).toContain(`${id},19999990000000,2022-23,A,BA,010000000002100PCRA,01,0000,0,0000,2100,PCRA,-13121913.3,C`);
  });
});

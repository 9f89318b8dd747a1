/**
 * SACS submissions written in the two real export layouts.
 *
 * For each fiscal year Y of the range the district files:
 * - BS1 (adopted budget): BE estimated actuals of Y-1 (when Y-1 is in range) and BB budget of Y
 * - I1 and I2 (first and second interim): IO original budget, IB board-approved operating budget, IA actuals to
 *   date and IP projected totals of Y — for every year but the last
 * - A (unaudited actuals): BA of Y and BB of Y+1 (when in range) — for every year but the last
 *
 * Submissions for fiscal years up to 2021-22 use the older annual-database layout (every value quoted except
 * Value, period and column codes space-padded to 4, Fiscalyear = first calendar year, Value with two decimals);
 * from 2022-23 the SACS web system UserGL layout (unquoted, minimal decimals, submission number, import flag,
 * plus the system-calculated PCRA lines in unaudited actuals).
 */
import path from 'node:path';
import { hash53 } from './random.ts';
import { formatFixed2, formatMinimal } from './money.ts';
import { CsvWriter } from './csv.ts';
import type { FileStats } from './csv.ts';
import { fyLabel } from './years.ts';
import { DISTRICT } from './schools.ts';

export type Period = 'BS1' | 'I1' | 'I2' | 'A';
export type ColumnCode = 'BB' | 'BE' | 'BA' | 'IO' | 'IB' | 'IA' | 'IP';

export interface SubmissionColumn {
  code: ColumnCode;
  fy: number;
  values: ReadonlyMap<string, number>;
}

export interface Submission {
  period: Period;
  fy: number;
  columns: SubmissionColumn[];
}

/** First fiscal year written in the SACS web system layout. */
export const USERGL_FROM = 2022;

export const OLD_HEADER = 'Ccode,Dcode,SchoolCode,Fiscalyear,Period,Colcode,Account,Fund,Resource,Projectyear,Goal,Function,Object,Value';
export const USERGL_HEADER =
  'SubmissionNumber,CDSCode,FullFiscalYear,ReportingPeriod,ColumnCode,AccountString,FundCode,ResourceCode,ProjectYear,GoalCode,FunctionCode,ObjectCode,Amount,ImportFlag';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Deterministic 10-character submission number, like the SACS web system's. */
export function submissionNumber(seed: number, period: Period, fy: number): string {
  let out = '';
  for (let i = 0; out.length < 10; i++) {
    let h = hash53(`submission:${period}:${fy}:${i}`, seed >>> 0);
    for (let j = 0; j < 5 && out.length < 10; j++) {
      out += ALPHABET[h % 36];
      h = Math.floor(h / 36);
    }
  }
  return out;
}

export function submissionFileName(seed: number, sub: Submission): string {
  const fy = fyLabel(sub.fy);
  if (sub.fy < USERGL_FROM) return `sample_usergl_fy${fy}_${sub.period}.csv`;
  return `${DISTRICT.countyCode}-${DISTRICT.districtCode}-0000000_${sub.period}_${fy}_${submissionNumber(seed, sub.period, sub.fy)}_UserGL.csv`;
}

function importFlag(code: ColumnCode, key: string): string {
  const obj = key.slice(15);
  if (obj === '979Z' || obj === 'PCRA') return 'C';
  if ((code === 'BB' || code === 'BE') && key.startsWith('010000') && (obj === '9780' || obj === '9789')) return 'E';
  return 'I';
}

const sortedKeys = (m: ReadonlyMap<string, number>): string[] => [...m.keys()].sort();

export function writeSubmission(dir: string, seed: number, sub: Submission): FileStats {
  const file = path.join(dir, submissionFileName(seed, sub));
  if (sub.fy < USERGL_FROM) {
    const w = new CsvWriter(file, OLD_HEADER);
    const period = `"${sub.period.padEnd(4, ' ')}"`;
    const lead = `"${DISTRICT.countyCode}","${DISTRICT.districtCode}","0000000",`;
    for (const col of sub.columns) {
      const colcode = `"${col.code.padEnd(4, ' ')}"`;
      const year = `"${col.fy}"`;
      for (const key of sortedKeys(col.values)) {
        const v = col.values.get(key) as number;
        w.line(
          `${lead}${year},${period},${colcode},"${key}","${key.slice(0, 2)}","${key.slice(2, 6)}","${key.slice(6, 7)}","${key.slice(7, 11)}","${key.slice(11, 15)}","${key.slice(15)}",${formatFixed2(v)}\n`,
        );
      }
    }
    return w.close();
  }
  const w = new CsvWriter(file, USERGL_HEADER);
  const id = submissionNumber(seed, sub.period, sub.fy);
  for (const col of sub.columns) {
    const lead = `${id},${DISTRICT.cdsCode},${fyLabel(col.fy)},${sub.period},${col.code},`;
    for (const key of sortedKeys(col.values)) {
      const v = col.values.get(key) as number;
      w.line(
        `${lead}${key},${key.slice(0, 2)},${key.slice(2, 6)},${key.slice(6, 7)},${key.slice(7, 11)},${key.slice(11, 15)},${key.slice(15)},${formatMinimal(v)},${importFlag(col.code, key)}\n`,
      );
    }
  }
  return w.close();
}

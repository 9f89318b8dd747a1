/**
 * Test fixtures for the pipeline: a tiny, fully invented input folder (fictional district CDS
 * 19999990000000, invented schools and submissions; real SACS code meanings only), built in code so each
 * test can mutate one file and run the pipeline on the result. Nothing here is copied from a real
 * published file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Relative path → file contents; `null` in a mutation deletes the file. */
export type InputFiles = Record<string, string | Buffer>;

export const CDS = '19999990000000';
export const FIXED_NOW = new Date('2026-11-26T12:00:00.000Z');

export const USERGL_HEADER = ['SubmissionNumber', 'CDSCode', 'FullFiscalYear', 'ReportingPeriod', 'ColumnCode', 'AccountString', 'FundCode', 'ResourceCode', 'ProjectYear', 'GoalCode', 'FunctionCode', 'ObjectCode', 'Amount', 'ImportFlag'];
export const LEGACY_HEADER = ['Ccode', 'Dcode', 'SchoolCode', 'Fiscalyear', 'Period', 'Colcode', 'Account', 'Fund', 'Resource', 'Projectyear', 'Goal', 'Function', 'Object', 'Value'];

/** One SACS account line (codes as they should come out after normalisation). */
export interface SacsLine {
  fy: string;
  period: string;
  col: string;
  fund: string;
  resource: string;
  py: string;
  goal: string;
  fn: string;
  object: string;
  amount: string;
  flag?: string;
  submission?: string;
  cds?: string;
  account?: string;
}

export const account = (l: Pick<SacsLine, 'fund' | 'resource' | 'py' | 'goal' | 'fn' | 'object'>) => `${l.fund}${l.resource}${l.py}${l.goal}${l.fn}${l.object}`;

export const USERGL_FILE = 'sacs/19-99999-0000000_BS1_2023-24_TST0BS1001_UserGL.csv';
export const USERGL_SUBMISSION = 'TST0BS1001';
export const LEGACY_FILE = 'sacs/fictional_a_2021.csv';

/** The UserGL submission: 2023-24 adopted budget (BB) plus 2022-23 estimated actuals (BE). */
export const USERGL_LINES: SacsLine[] = [
  { fy: '2023-24', period: 'BS1', col: 'BB', fund: '01', resource: '0000', py: '0', goal: '0000', fn: '0000', object: '8011', amount: '5000000.00', flag: 'I' },
  { fy: '2023-24', period: 'BS1', col: 'BB', fund: '01', resource: '0000', py: '0', goal: '1110', fn: '1000', object: '1100', amount: '1200000.00', flag: 'I' },
  { fy: '2023-24', period: 'BS1', col: 'BB', fund: '01', resource: '0000', py: '0', goal: '1110', fn: '1000', object: '3101', amount: '150000.25', flag: 'I' },
  { fy: '2023-24', period: 'BS1', col: 'BB', fund: '01', resource: '3010', py: '0', goal: '1110', fn: '1000', object: '4300', amount: '25000.75', flag: 'E' },
  { fy: '2023-24', period: 'BS1', col: 'BB', fund: '01', resource: '0000', py: '0', goal: '0000', fn: '7200', object: '7310', amount: '-12000', flag: 'C' },
  { fy: '2022-23', period: 'BS1', col: 'BE', fund: '01', resource: '0000', py: '0', goal: '0000', fn: '0000', object: '8011', amount: '4900000', flag: 'I' },
  { fy: '2022-23', period: 'BS1', col: 'BE', fund: '01', resource: '0000', py: '0', goal: '1110', fn: '1000', object: '1100', amount: '1150000.10', flag: 'I' },
];

/** The older-layout submission (file name = submission id): 2021-22 unaudited actuals. */
export const LEGACY_LINES: SacsLine[] = [
  { fy: '2021', period: 'A', col: 'BA', fund: '01', resource: '0000', py: '0', goal: '0000', fn: '0000', object: '8011', amount: '4800000.00' },
  { fy: '2021', period: 'A', col: 'BA', fund: '01', resource: '0000', py: '0', goal: '1110', fn: '1000', object: '1100', amount: '1100000.00' },
  { fy: '2021', period: 'A', col: 'BA', fund: '01', resource: '3010', py: '0', goal: '1110', fn: '1000', object: '4300', amount: '-250.50' },
];

/** A UserGL data row as CSV cells (unquoted, like the SACS web system writes). */
export function userglCells(l: SacsLine): string[] {
  return [l.submission ?? USERGL_SUBMISSION, l.cds ?? CDS, l.fy, l.period, l.col, l.account ?? account(l), l.fund, l.resource, l.py, l.goal, l.fn, l.object, l.amount, l.flag ?? ''];
}

export function userglCsv(lines: SacsLine[], eol = '\n'): string {
  return [USERGL_HEADER.join(','), ...lines.map((l) => userglCells(l).join(','))].join(eol) + eol;
}

const q = (s: string) => `"${s}"`;

/** An older-layout row: every code quoted, period and column code space-padded to 4, amount bare. */
export function legacyRow(l: SacsLine): string {
  const cds = l.cds ?? CDS;
  return [q(cds.slice(0, 2)), q(cds.slice(2, 7)), q(cds.slice(7)), q(l.fy), q(l.period.padEnd(4)), q(l.col.padEnd(4)), q(l.account ?? account(l)),
    q(l.fund), q(l.resource), q(l.py), q(l.goal), q(l.fn), q(l.object), l.amount].join(',');
}

export function legacyCsv(lines: SacsLine[], eol = '\n'): string {
  return [LEGACY_HEADER.join(','), ...lines.map(legacyRow)].join(eol) + eol;
}

/** The state's code-list format: `Code,Title`, quoted rows, codes and titles right-padded with spaces. */
export function codeListCsv(rows: [string, string][]): string {
  return ['Code,Title', ...rows.map(([c, t]) => `"${c.padEnd(4)}","${t.padEnd(120)}"`)].join('\n') + '\n';
}

export const CODE_LIST_ROWS: Record<'fund' | 'resource' | 'goal' | 'function' | 'object', [string, string][]> = {
  fund: [['01', 'General Fund/County School Service Fund'], ['13', 'Cafeteria Special Revenue Fund']],
  resource: [['0000', 'Unrestricted'], ['3010', 'ESSA: Title I, Part A, Basic Grants Low-Income and Neglected']],
  goal: [['0000', 'Undistributed'], ['1110', 'Regular Education, K-12']],
  function: [['0000', 'Not Applicable'], ['1000', 'Instruction'], ['7200', 'Other General Administration']],
  object: [['1100', "Certificated Teachers' Salaries"], ['3101', 'STRS, certificated positions'], ['4300', 'Materials and Supplies'],
    ['7310', 'Transfers of Indirect Costs'], ['8011', 'LCFF State Aid - Current Year']],
};

export function codeLists(year: string, rows = CODE_LIST_ROWS): InputFiles {
  const out: InputFiles = {};
  for (const [dim, list] of Object.entries(rows)) out[`code-lists/${year}/ref_${dim}_codes.csv`] = codeListCsv(list);
  return out;
}

export const SCHOOLS_CSV = [
  'school_code,cds_code,name,type,low_grade,high_grade,region,city,zip,latitude,longitude,opened,charter',
  '1999901,19999991999901,Alder Elementary,elementary,TK,5,North,Fictionville,90001,34.05,-118.25,1990-91,N',
  '1999902,19999991999902,Birch Middle,middle,6,8,North,Fictionville,90002,34.06,-118.26,2001-02,N',
  '1999903,19999991999903,Cedar High,high,9,12,South,Fictionville,90003,34.07,-118.27,1995-96,N',
].join('\n') + '\n';

export const ALLOCATIONS_CSV = [
  'fiscal_year,column_code,school_code,fund,resource,goal,function,object,amount,fte,basis',
  '2023-24,BB,1999901,01,0000,1110,1000,1100,400000.00,4.5,base',
  '2023-24,BB,1999902,01,0000,1110,1000,1100,350000.00,4,base',
  '2023-24,BB,1999901,01,3010,1110,1000,4300,12000.50,,categorical',
].join('\n') + '\n';

export const ENROLLMENT_HEADER = 'fiscal_year,school_code,enrollment,low_income,english_learners,students_with_disabilities,foster_youth,homeless,hispanic,black,white,asian,filipino,pacific_islander,american_indian,two_or_more,need_index';
export const ENROLLMENT_CSV = [
  ENROLLMENT_HEADER,
  '2023-24,1999901,420,300,120,50,3,10,250,40,60,40,10,5,5,10,72.5',
  '2023-24,1999902,610,350,90,70,4,12,300,80,120,60,20,5,5,20,55',
  '2023-24,1999903,980,400,80,110,6,15,450,120,220,110,30,10,10,30,41.25',
].join('\n') + '\n';

export const OUTCOMES_CSV = [
  'fiscal_year,school_code,measure,value,students',
  '2023-24,1999901,ela_proficiency,41.5,210',
  '2023-24,1999902,math_proficiency,33,600',
  '2023-24,1999903,graduation_rate,91.2,240',
].join('\n') + '\n';

/** The valid base folder every corpus case mutates. */
export function baseFiles(): InputFiles {
  return {
    'district.json': `${JSON.stringify({ name: 'Fictional Unified School District', cds_code: CDS, sample: true })}\n`,
    [USERGL_FILE]: userglCsv(USERGL_LINES),
    [LEGACY_FILE]: legacyCsv(LEGACY_LINES),
    ...codeLists('2023-24'),
    'schools.csv': SCHOOLS_CSV,
    'allocations/2023-24.csv': ALLOCATIONS_CSV,
    'enrollment.csv': ENROLLMENT_CSV,
    'outcomes.csv': OUTCOMES_CSV,
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** Writes files under dir (creating folders). */
export function writeFiles(dir: string, files: InputFiles): void {
  for (const [rel, body] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, body);
  }
}

/** sha256 of every file under dir, by relative path (hidden files included). */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(dir, abs).split(path.sep).join('/')] = createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Runs SQL (e.g. over a release's Parquet files) on a fresh in-memory DuckDB; rows as JSON values (DECIMAL as exact strings). */
export async function query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

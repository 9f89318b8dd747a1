/**
 * A large, valid SACS UserGL export for the benchmark: `rows` distinct account lines in one submission,
 * with matching code lists. Deterministic.
 */
import fs from 'node:fs';
import path from 'node:path';

const OBJECTS = ['1100', '1200', '1300', '1900', '2100', '2200', '2400', '2900', '3101', '3202', '3301', '3401', '3501', '3601', '4300', '4400', '5800', '5900'];

export function writeBigSacs(dir: string, rows: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'sacs'), { recursive: true });
  const lists = path.join(dir, 'code-lists/2024-25');
  fs.mkdirSync(lists, { recursive: true });
  const resources = new Set<string>();
  const goals = new Set<string>();
  const functions = new Set<string>();
  const fd = fs.openSync(path.join(dir, 'sacs/19-99999-0000000_A_2024-25_BENCH00001_UserGL.csv'), 'w');
  let chunk = 'SubmissionNumber,CDSCode,FullFiscalYear,ReportingPeriod,ColumnCode,AccountString,FundCode,ResourceCode,ProjectYear,GoalCode,FunctionCode,ObjectCode,Amount,ImportFlag\n';
  let seed = 42;
  for (let i = 0; i < rows; i++) {
    // Enumerate distinct accounts: object fastest, then function, goal, resource.
    const object = OBJECTS[i % OBJECTS.length]!;
    let k = Math.floor(i / OBJECTS.length);
    const fn = String(1000 + (k % 100) * 10).padStart(4, '0');
    k = Math.floor(k / 100);
    const goal = String(1000 + (k % 300) * 10).padStart(4, '0');
    k = Math.floor(k / 300);
    const resource = String(k % 10000).padStart(4, '0');
    resources.add(resource); goals.add(goal); functions.add(fn);
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const cents = seed % 100000000;
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    chunk += `BENCH00001,19999990000000,2024-25,A,BA,01${resource}0${goal}${fn}${object},01,${resource},0,${goal},${fn},${object},${amount},I\n`;
    if (chunk.length > 1 << 20) { fs.writeSync(fd, chunk); chunk = ''; }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  const list = (name: string, codes: Iterable<string>) =>
    fs.writeFileSync(path.join(lists, name), `Code,Title\n${[...codes].sort().map((c) => `"${c}","Benchmark code ${c}"`).join('\n')}\n`);
  list('ref_fund_codes.csv', ['01']);
  list('ref_resource_codes.csv', resources);
  list('ref_goal_codes.csv', goals);
  list('ref_function_codes.csv', functions);
  list('ref_object_codes.csv', OBJECTS);
}

/**
 * Re-reads a generated sample folder and checks it against the data contract and the accounting identities the
 * generator promises. Returns a list of problems (empty = clean). Used by the tests; also handy by hand:
 *
 *   node -e "import('./src/sample/check.ts').then(m => console.log(m.checkSample('data/sample')))"
 */
import fs from 'node:fs';
import path from 'node:path';
import { DIMENSIONS, TITLE_WIDTH, isListed } from './codes.ts';
import type { Dimension } from './codes.ts';
import { OLD_HEADER, USERGL_HEADER } from './sacs.ts';
import { ALLOCATIONS_HEADER } from './allocations.ts';
import { ENROLLMENT_HEADER, RACES } from './demographics.ts';
import { OUTCOMES_HEADER } from './outcomes.ts';
import { SCHOOL_HEADER } from './schools.ts';
import { parseFy } from './years.ts';

/** Minimal RFC 4180 parser (quoted fields may contain commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Amount text → cents (exact), or undefined if not a plain decimal with at most two places. */
export function cents(text: string): number | undefined {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[3] ?? '').padEnd(2, '0');
  const c = Number(m[2]) * 100 + Number(frac);
  return m[1] === '-' ? -c : c;
}

const objNum = (o: string): number => (/^\d{4}$/.test(o) ? Number(o) : Number.NaN);

interface SacsRow {
  fy: number;
  column: string;
  account: string;
  value: number;
}

function sumBy(rows: readonly SacsRow[], pred: (r: SacsRow) => boolean): number {
  let s = 0;
  for (const r of rows) if (pred(r)) s += r.value;
  return s;
}

export interface CheckResult {
  problems: string[];
  sacsRows: number;
  allocationRows: number;
}

export function checkSample(dir: string): CheckResult {
  const problems: string[] = [];
  const problem = (msg: string): void => {
    if (problems.length < 200) problems.push(msg);
  };
  const read = (rel: string): string => fs.readFileSync(path.join(dir, rel), 'utf8');

  // ---- district.json
  const district = JSON.parse(read('district.json')) as Record<string, unknown>;
  if (district['sample'] !== true || district['cds_code'] !== '19999990000000') problem('district.json: not the sample district');

  // ---- code lists
  const fys = fs.readdirSync(path.join(dir, 'code-lists')).map(parseFy).sort();
  for (const fy of fys) {
    for (const dim of DIMENSIONS) {
      const rel = `code-lists/${fy}-${String((fy + 1) % 100).padStart(2, '0')}/ref_${dim}_codes.csv`;
      const text = read(rel);
      if (!text.startsWith('Code,Title\n')) problem(`${rel}: header`);
      const rows = parseCsv(text).slice(1);
      for (const r of rows) {
        if (r.length !== 2) problem(`${rel}: ${r.length} fields`);
        const [code = '', title = ''] = r;
        if (title.length !== TITLE_WIDTH) problem(`${rel}: title of ${code} is ${title.length} characters`);
        if (dim === 'fund' && !/^\d\d {2}$/.test(code)) problem(`${rel}: fund code "${code}" not padded to 4`);
        if (!isListed(dim, code.trim(), fy)) problem(`${rel}: ${code} not in the table`);
      }
      for (const line of text.split('\n').slice(1)) {
        if (line !== '' && !line.startsWith('"') && !/^ *"$/.test(line)) problem(`${rel}: unquoted line ${line.slice(0, 20)}`);
      }
    }
  }
  const listed = (dim: Dimension, code: string, fy: number): boolean => isListed(dim, code, fy);

  // ---- schools
  const schools = parseCsv(read('schools.csv'));
  if ((schools[0] ?? []).join(',') !== SCHOOL_HEADER) problem('schools.csv: header');
  const schoolCodes = new Set<string>();
  const names = new Set<string>();
  for (const r of schools.slice(1)) {
    const [code = '', cds = '', name = ''] = r;
    if (!/^\d{7}$/.test(code)) problem(`schools.csv: code ${code}`);
    if (cds !== `1999999${code}`) problem(`schools.csv: cds ${cds}`);
    if (schoolCodes.has(code)) problem(`schools.csv: duplicate code ${code}`);
    if (names.has(name)) problem(`schools.csv: duplicate name ${name}`);
    schoolCodes.add(code);
    names.add(name);
  }
  if (![...names].some((n) => n.includes(','))) problem('schools.csv: no name with a comma');
  if (![...names].some((n) => /[^\x00-\x7f]/.test(n))) problem('schools.csv: no non-ASCII name');

  // ---- enrollment
  const enrollment = parseCsv(read('enrollment.csv'));
  if ((enrollment[0] ?? []).join(',') !== ENROLLMENT_HEADER) problem('enrollment.csv: header');
  const enrolled = new Map<string, number>();
  for (const r of enrollment.slice(1)) {
    const [fy = '', code = '', e = ''] = r;
    const n = Number(e);
    enrolled.set(`${fy}|${code}`, n);
    if (!schoolCodes.has(code)) problem(`enrollment.csv: unknown school ${code}`);
    const counts = r.slice(3, 8).map(Number);
    if (counts.some((c) => !Number.isInteger(c) || c < 0 || c > n)) problem(`enrollment.csv: group counts ${fy} ${code}`);
    const race = r.slice(8, 8 + RACES.length).map(Number);
    if (race.reduce((a, b) => a + b, 0) !== n) problem(`enrollment.csv: race does not add up ${fy} ${code}`);
    const need = r[8 + RACES.length] ?? '';
    if (!/^\d{1,3}\.\d\d$/.test(need) || Number(need) > 100) problem(`enrollment.csv: need_index ${need}`);
  }

  // ---- outcomes
  const outcomes = parseCsv(read('outcomes.csv'));
  if ((outcomes[0] ?? []).join(',') !== OUTCOMES_HEADER) problem('outcomes.csv: header');
  for (const r of outcomes.slice(1)) {
    const [fy = '', code = '', measure = '', value = ''] = r;
    if (!enrolled.has(`${fy}|${code}`)) problem(`outcomes.csv: ${fy} ${code} has no enrollment`);
    if (!/^\d{1,3}\.\d$/.test(value) || Number(value) > 100) problem(`outcomes.csv: value ${value}`);
    if (fy === '2019-20' && (measure === 'ela_proficiency' || measure === 'math_proficiency')) problem('outcomes.csv: state tests in 2019-20');
  }

  // ---- allocations
  let allocationRows = 0;
  const allocationTotals = new Map<string, number>();
  for (const file of fs.readdirSync(path.join(dir, 'allocations')).sort()) {
    const rows = parseCsv(read(`allocations/${file}`));
    if ((rows[0] ?? []).join(',') !== ALLOCATIONS_HEADER) problem(`${file}: header`);
    const keys = new Set<string>();
    for (const r of rows.slice(1)) {
      allocationRows++;
      const [fyText = '', column = '', school = '', fund = '', resource = '', goal = '', fn = '', object = '', amount = '', fte = '', basis = ''] = r;
      const fy = parseFy(fyText);
      const key = [fyText, column, school, fund, resource, goal, fn, object, basis].join('|');
      if (keys.has(key)) problem(`${file}: duplicate key ${key}`);
      keys.add(key);
      if (!enrolled.has(`${fyText}|${school}`)) problem(`${file}: school ${school} not open in ${fyText}`);
      if (!listed('fund', fund, fy) || !listed('resource', resource, fy) || !listed('goal', goal, fy) || !listed('function', fn, fy) || !listed('object', object, fy)) {
        problem(`${file}: unlisted code in ${fund}-${resource}-${goal}-${fn}-${object}`);
      }
      const c = cents(amount);
      if (c === undefined || !/\.\d\d$/.test(amount)) problem(`${file}: amount ${amount}`);
      if (fte !== '' && !/^\d+(\.\d{1,4})?$/.test(fte)) problem(`${file}: fte ${fte}`);
      if (!['base', 'need_weight', 'categorical', 'central'].includes(basis)) problem(`${file}: basis ${basis}`);
      if (column !== 'BB' && column !== 'BA') problem(`${file}: column ${column}`);
      allocationTotals.set(`${fy}|${column}`, (allocationTotals.get(`${fy}|${column}`) ?? 0) + (c ?? 0));
    }
  }

  // ---- SACS
  let sacsRows = 0;
  const balances = new Map<string, number>(); // "file-kind|fy|col|group|obj" → value for continuity checks
  const gfExpenditure = new Map<string, number>();
  for (const file of fs.readdirSync(path.join(dir, 'sacs')).sort()) {
    const text = read(`sacs/${file}`);
    const lines = text.split('\n');
    const header = lines[0] ?? '';
    const old = header === OLD_HEADER;
    if (!old && header !== USERGL_HEADER) {
      problem(`${file}: unknown header`);
      continue;
    }
    const period = old ? /_(BS1|I1|I2|A)\.csv$/.exec(file)?.[1] : /_(BS1|I1|I2|A)_\d{4}-\d\d_[A-Z0-9]{10}_UserGL\.csv$/.exec(file)?.[1];
    if (!period) problem(`${file}: file name`);
    const rows: SacsRow[] = [];
    const seen = new Set<string>();
    for (const line of lines.slice(1)) {
      if (line === '') continue;
      sacsRows++;
      let fy: number;
      let column: string;
      let account: string;
      let parts: string[];
      let amount: string;
      if (old) {
        const m = /^"19","99999","0000000","(\d{4})","(BS1 |I1  |I2  |A   )","(BB|BE|BA|IO|IB|IA|IP)  ","([0-9A-Z]{19})","(\d\d)","(\d{4})","(\d)","(\d{4})","(\d{4})","([0-9A-Z]{4})",(-?\d+\.\d\d)$/.exec(line);
        if (!m) {
          problem(`${file}: malformed line ${line.slice(0, 80)}`);
          continue;
        }
        fy = Number(m[1]);
        column = m[3] as string;
        account = m[4] as string;
        parts = [m[5], m[6], m[7], m[8], m[9], m[10]] as string[];
        amount = m[11] as string;
        if ((m[2] as string).trim() !== period) problem(`${file}: period ${m[2]}`);
      } else {
        const f = line.split(',');
        if (f.length !== 14) {
          problem(`${file}: ${f.length} fields`);
          continue;
        }
        fy = parseFy(f[2] as string);
        column = f[4] as string;
        account = f[5] as string;
        parts = f.slice(6, 12);
        amount = f[12] as string;
        if (!/^[A-Z0-9]{10}$/.test(f[0] as string) || f[1] !== '19999990000000' || f[3] !== period) problem(`${file}: lead fields ${line.slice(0, 60)}`);
        if (!/^-?\d+(\.\d{1,2})?$/.test(amount) || /\.\d?0$/.test(amount)) problem(`${file}: amount not minimal ${amount}`);
        if (!['I', 'E', 'C'].includes(f[13] as string)) problem(`${file}: import flag ${f[13]}`);
      }
      if (parts.join('') !== account) problem(`${file}: account ${account} vs parts ${parts.join('-')}`);
      const [fund = '', resource = '', , goal = '', fn = '', object = ''] = parts;
      if (!listed('fund', fund, fy) || !listed('resource', resource, fy) || !listed('goal', goal, fy) || !listed('function', fn, fy) || !listed('object', object, fy)) {
        problem(`${file}: unlisted code in ${account} for ${fy}`);
      }
      const key = `${fy}|${column}|${account}`;
      if (seen.has(key)) problem(`${file}: duplicate ${key}`);
      seen.add(key);
      const value = cents(amount);
      if (value === undefined) problem(`${file}: amount ${amount}`);
      rows.push({ fy, column, account, value: value ?? 0 });
    }
    // identities per column
    const columns = new Set(rows.map((r) => `${r.fy}|${r.column}`));
    for (const fc of columns) {
      const [fyText, column] = fc.split('|') as [string, string];
      const cr = rows.filter((r) => `${r.fy}|${r.column}` === fc);
      const obj = (r: SacsRow): string => r.account.slice(15);
      const t7619 = sumBy(cr, (r) => obj(r) === '7619');
      const t8919 = sumBy(cr, (r) => obj(r) === '8919');
      if (t7619 !== t8919) problem(`${file} ${fc}: transfers out ${t7619} ≠ in ${t8919}`);
      if (sumBy(cr, (r) => obj(r) === '7310' && r.account.startsWith('01')) !== 0) problem(`${file} ${fc}: 7310 does not net to zero`);
      if (sumBy(cr, (r) => obj(r) === '7350') !== 0) problem(`${file} ${fc}: 7350 does not net to zero`);
      if (sumBy(cr, (r) => obj(r) === '8980' && r.account.startsWith('01')) !== 0) problem(`${file} ${fc}: 8980 does not net to zero`);
      if (sumBy(cr, (r) => obj(r) === 'PCRA') !== 0) problem(`${file} ${fc}: PCRA does not net to zero`);
      if (column === 'BB' || column === 'BA') {
        gfExpenditure.set(`${fyText}|${column}`, sumBy(cr, (r) => r.account.startsWith('01') && objNum(obj(r)) >= 1000 && objNum(obj(r)) <= 7499));
      }
      // fund balance roll-forward per fund/resource
      const groups = new Map<string, SacsRow[]>();
      for (const r of cr) {
        const g = r.account.slice(0, 6);
        const list = groups.get(g);
        if (list) list.push(r);
        else groups.set(g, [r]);
      }
      for (const [g, gr] of groups) {
        const ending = gr.find((r) => obj(r) === '979Z');
        if (column === 'IA') {
          if (ending) problem(`${file} ${fc}: balance lines in actuals to date`);
          continue;
        }
        const begin = sumBy(gr, (r) => obj(r) === '9791');
        const inflow = sumBy(gr, (r) => objNum(obj(r)) >= 8000 && objNum(obj(r)) <= 8999);
        const outflow = sumBy(gr, (r) => objNum(obj(r)) >= 1000 && objNum(obj(r)) <= 7999);
        const expected = begin + inflow - outflow;
        const actual = ending?.value ?? 0;
        if (expected !== actual) problem(`${file} ${fc} ${g}: 979Z ${actual} but 9791 + revenue − spending = ${expected}`);
        const components = sumBy(gr, (r) => objNum(obj(r)) >= 9711 && objNum(obj(r)) <= 9790);
        if (components !== actual) problem(`${file} ${fc} ${g}: components ${components} ≠ ending ${actual}`);
        if (column === 'BA') {
          const assets = sumBy(gr, (r) => objNum(obj(r)) >= 9100 && objNum(obj(r)) <= 9499);
          const liabilities = sumBy(gr, (r) => objNum(obj(r)) >= 9500 && objNum(obj(r)) <= 9699);
          if (assets - liabilities !== actual) problem(`${file} ${fc} ${g}: assets − liabilities ${assets - liabilities} ≠ ending ${actual}`);
        }
        balances.set(`${period}|${fyText}|${column}|${g}|begin`, begin);
        balances.set(`${period}|${fyText}|${column}|${g}|end`, actual);
      }
    }
  }
  // roll-forward across years: actual ending → next actual beginning; estimated ending → next budget beginning
  for (const [key, v] of balances) {
    const [period, fyText, column, g, which] = key.split('|') as [string, string, string, string, string];
    if (which !== 'end') continue;
    const next = Number(fyText) + 1;
    if (period === 'A' && column === 'BA') {
      const b = balances.get(`A|${next}|BA|${g}|begin`);
      if (b !== undefined && b !== v) problem(`${g}: BA ${fyText} ending ${v} ≠ BA ${next} beginning ${b}`);
    }
    if (period === 'BS1' && column === 'BE') {
      const b = balances.get(`BS1|${next}|BB|${g}|begin`);
      if (b !== undefined && b !== v) problem(`${g}: BE ${fyText} ending ${v} ≠ BB ${next} beginning ${b}`);
    }
  }
  // allocations are a share of general fund spending
  for (const [key, total] of allocationTotals) {
    const gf = gfExpenditure.get(key);
    if (gf === undefined) {
      problem(`allocations ${key}: no SACS ${key.split('|')[1]} column for that year`);
      continue;
    }
    const share = total / gf;
    if (share < 0.45 || share > 0.7) problem(`allocations ${key}: ${(share * 100).toFixed(1)}% of general fund spending`);
  }
  return { problems, sacsRows, allocationRows };
}

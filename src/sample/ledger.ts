/**
 * The district's SACS ledger, one fiscal year at a time.
 *
 * `buildYear` turns the program specifications plus the summed school allocations into account lines, each with
 * an adopted budget (bb) and an actual (ba) amount in cents. `buildColumn` then produces any SACS column code
 * for the year — BB, BA, BE, and the interim IB/IA/IP of the first and second interim — by deriving each line
 * from (bb, ba), recomputing the linked lines so they stay consistent in every column:
 * - indirect cost charges (7310 within the general fund, 7350 from other funds) and their offsets net to zero,
 * - interfund transfers out (7619) equal transfers in (8919),
 * - contributions from unrestricted revenues (8980) net to zero within the general fund,
 * - revenue closes each fund/resource by its rule, and
 * - the fund balance roll-forward (9791 beginning, components, 979Z ending) adds up; actuals carry assets
 *   and liabilities (cash, receivables, payables, unearned revenue) that balance to the fund balance.
 */
import { Keyed } from './random.ts';
import { roundDollars, splitCents, toCents } from './money.ts';
import { isListed } from './codes.ts';
import { priceIndex, salaryIndex, strsRate, persRate, suiRate } from './rates.ts';
import { GROUPS, INDIRECT, PROGRAMS, REVENUE_LINES, TRANSFERS, gfRevenueShares, mixFor, scheduleValue } from './programs.ts';
import type { Group, Growth, Program, Schedule, Shares } from './programs.ts';
import type { SiteTotals } from './allocations.ts';

export type Kind = 'BB' | 'BA' | 'BE' | 'IB1' | 'IP1' | 'IA1' | 'IB2' | 'IP2' | 'IA2';

export interface Line {
  bb: number;
  ba: number;
}

export interface YearModel {
  fy: number;
  scale: number;
  lines: Map<string, Line>;
  transfers: { id: string; from: string; to: string; toResource: string; bb: number; ba: number }[];
  /** unrestricted general fund revenue adopted in the budget (set when BB is built) */
  anchorBB: number | undefined;
}

export interface ColumnResult {
  values: Map<string, number>;
  /** ending fund balance by group (fund+resource) */
  ending: Map<string, number>;
  /** keys recomputed from other lines (not derived independently) */
  composed: Set<string>;
}

export const acct = (fund: string, resource: string, goal: string, fn: string, object: string): string => `${fund}${resource}0${goal}${fn}${object}`;
export const groupOf = (key: string): string => key.slice(0, 6);
export const objectOf = (key: string): string => key.slice(15, 19);
export const functionOf = (key: string): string => key.slice(11, 15);
export const goalOf = (key: string): string => key.slice(7, 11);

const GROUP_BY_KEY = new Map<string, Group>(GROUPS.map((g) => [`${g.fund}${g.resource}`, g]));

const staffIndex = (fy: number): number => salaryIndex(fy) * 0.975 ** (fy - 2018);
const INDEX = { sal: staffIndex, price: priceIndex };

function amountFor(s: Schedule, growth: Growth | undefined, fy: number): number {
  return scheduleValue(s, fy, growth ?? 'sal', INDEX);
}

/** Numeric object code, or NaN for calculated codes (979Z, PCRA). */
const objNum = (obj: string): number => (/^\d{4}$/.test(obj) ? Number(obj) : Number.NaN);

export function isOutflow(obj: string): boolean {
  const n = objNum(obj);
  return n >= 1000 && n <= 7999;
}
export function isInflow(obj: string): boolean {
  const n = objNum(obj);
  return n >= 8000 && n <= 8999;
}
const isDirect = (obj: string): boolean => {
  const n = objNum(obj);
  return n >= 1000 && n <= 5999;
};

const CERT_BENEFITS: readonly (readonly [string, number, (fy: number) => number])[] = [
  ['3101', 1, strsRate],
  ['3301', 1, () => 0.016],
  ['3401', 1, (fy) => 0.21 * (1 + 0.05 * (fy - 2018))],
  ['3501', 0.8, suiRate],
  ['3601', 0.9, () => 0.018],
  ['3701', 0.6, () => 0.03],
  ['3751', 0.2, () => 0.01],
  ['3901', 0.35, () => 0.004],
  ['3201', 0.05, persRate],
];
const CLASS_BENEFITS: readonly (readonly [string, number, (fy: number) => number])[] = [
  ['3202', 1, persRate],
  ['3302', 1, () => 0.0765],
  ['3402', 1, (fy) => 0.32 * (1 + 0.05 * (fy - 2018))],
  ['3502', 0.8, suiRate],
  ['3602', 0.9, () => 0.021],
  ['3702', 0.6, () => 0.03],
  ['3752', 0.2, () => 0.01],
  ['3902', 0.35, () => 0.004],
  ['3102', 0.08, strsRate],
];

function checkListed(key: string, fy: number): void {
  const fund = key.slice(0, 2);
  const resource = key.slice(2, 6);
  if (!isListed('fund', fund, fy) || !isListed('resource', resource, fy) || !isListed('goal', goalOf(key), fy) || !isListed('function', functionOf(key), fy)) {
    throw new Error(`account ${key} uses a code not listed in ${fy}`);
  }
}

function addLine(lines: Map<string, Line>, key: string, bb: number, ba: number): void {
  if (bb === 0 && ba === 0) return;
  const line = lines.get(key);
  if (line) {
    line.bb += bb;
    line.ba += ba;
  } else lines.set(key, { bb, ba });
}

interface Raw {
  key: string;
  w: number;
  salary: boolean;
  optional: boolean;
}

function programAmount(p: Program, fy: number): number {
  return p.from !== undefined && fy < p.from ? 0 : amountFor(p.amount, p.growth, fy);
}

function programLines(p: Program, fy: number, scale: number, k: Keyed, lines: Map<string, Line>): void {
  const millions = programAmount(p, fy);
  if (millions <= 0) return;
  const totalCents = toCents(millions * 1e6 * scale);
  if (totalCents === 0) return;
  const density = p.density ?? 0.55;
  const raws: Raw[] = [];
  let firstPair = true;
  for (const cell of p.cells) {
    const pairs = cell.goals.length * cell.fns.length;
    for (const goal of cell.goals) {
      for (const fn of cell.fns) {
        const pairKey = `${p.id}:${goal}:${fn}`;
        if (!firstPair && pairs > 1 && k.unit(`pairin:${pairKey}`) > 0.92) continue;
        firstPair = false;
        const pw = (cell.w / pairs) * k.lognormal(`pair:${pairKey}`, 0.7);
        const mix = cell.mix ?? mixFor(fn);
        let cert = 0;
        let classified = 0;
        for (const [obj, w] of Object.entries(mix)) {
          if (!isListed('object', obj, fy)) continue;
          const key = `${p.fund}${p.resource}0${goal}${fn}${obj}`;
          const optional = w < 8;
          if (optional && k.unit(`obj:${key}`) > Math.min(1, density * (0.45 + w / 6))) continue;
          if (optional && k.unit(`churn:${key}:${fy}`) < 0.02) continue;
          const rw = pw * w * k.lognormal(`line:${key}`, 0.35) * k.lognormal(`yr:${key}:${fy}`, 0.06);
          const salary = obj.startsWith('1') || obj.startsWith('2');
          raws.push({ key, w: rw, salary, optional });
          if (obj.startsWith('1')) cert += rw;
          else if (obj.startsWith('2')) classified += rw;
        }
        const benefits = (base: number, table: typeof CERT_BENEFITS): void => {
          if (base <= 0) return;
          for (const [obj, p0, rate] of table) {
            const key = `${p.fund}${p.resource}0${goal}${fn}${obj}`;
            if (p0 < 1 && k.unit(`ben:${key}`) > p0) continue;
            raws.push({ key, w: base * rate(fy), salary: true, optional: false });
          }
        };
        benefits(cert, CERT_BENEFITS);
        benefits(classified, CLASS_BENEFITS);
      }
    }
  }
  if (raws.length === 0) return;
  const parts = splitCents(totalCents, raws.map((r) => r.w));
  const restricted = p.resource !== '0000' && p.resource !== '1100';
  const [lo, hi] = p.actual ?? (restricted ? [0.8, 0.95] : [0.88, 1.0]);
  const programRatio = k.range(`pa:${p.id}:${fy}`, lo, hi);
  const salaryProgram = p.actual?.[0] === 1 ? 1 : restricted ? k.range(`ps:${p.id}:${fy}`, 0.9, 1.0) : 1;
  raws.forEach((r, i) => {
    checkListed(r.key, fy);
    let bb = parts[i] ?? 0;
    if (k.unit(`round:${r.key}`) < 0.6) bb = roundDollars(bb);
    let ratio: number;
    if (p.actual && p.actual[0] === p.actual[1]) ratio = p.actual[0];
    else if (r.salary) ratio = salaryProgram * Math.min(1.04, Math.max(0.9, k.normal(`sr:${r.key}:${fy}`, 0.985, 0.015)));
    else ratio = programRatio * k.lognormal(`or:${r.key}:${fy}`, 0.08);
    let ba = Math.round(bb * ratio);
    if (r.optional && !r.salary) {
      const u = k.unit(`only:${r.key}:${fy}`);
      if (u < 0.03) ba = 0; // budgeted, never spent
      else if (u < 0.06) bb = 0; // spent without a budget line
    }
    addLine(lines, r.key, bb, ba);
  });
}

/** Build the bb/ba account lines of one fiscal year. */
export function buildYear(fy: number, scale: number, site: SiteTotals | undefined, seed: number): YearModel {
  const k = new Keyed(`${seed}:ledger`);
  const lines = new Map<string, Line>();
  for (const p of PROGRAMS) {
    if (!isListed('fund', p.fund, fy) || !isListed('resource', p.resource, fy)) {
      if (programAmount(p, fy) > 0) throw new Error(`program ${p.id} runs in ${fy} but its fund or resource is not listed then`);
      continue;
    }
    programLines(p, fy, scale, k, lines);
  }
  if (site) {
    for (const [key, v] of site.byAccount) {
      checkListed(key, fy);
      addLine(lines, key, v.bb, v.ba);
    }
  }
  for (const r of REVENUE_LINES) {
    const millions = amountFor(r.amount, r.growth, fy);
    if (millions <= 0) continue;
    const bb = roundDollars(toCents(millions * 1e6 * scale));
    const ba = r.object === '8951' ? bb : Math.round(bb * k.range(`rev:${r.fund}${r.object}:${fy}`, 0.85, 1.3));
    addLine(lines, acct(r.fund, r.resource, '0000', '0000', r.object), bb, ba);
  }
  const transfers = TRANSFERS.map((t) => {
    const bb = roundDollars(toCents(amountFor(t.amount, t.growth, fy) * 1e6 * scale));
    const ba = Math.round(bb * k.range(`tr:${t.id}:${fy}`, 0.9, 1.1));
    return { id: t.id, from: t.from, to: t.to, toResource: t.toResource ?? '0000', bb, ba };
  }).filter((t) => t.bb !== 0 || t.ba !== 0);
  return { fy, scale, lines, transfers, anchorBB: undefined };
}

// ---------------------------------------------------------------- columns

const BUDGET_KINDS = new Set<Kind>(['BB', 'IB1', 'IP1', 'IB2', 'IP2']);

function derive(kind: Kind, line: Line, key: string, fy: number, k: Keyed): number {
  const { bb, ba } = line;
  const noise = (sd: number): number => k.normal(`${kind}:${fy}:${key}`, 0, sd);
  let v: number;
  switch (kind) {
    case 'BB':
      return bb;
    case 'BA':
      return ba;
    case 'BE':
      v = bb === 0 ? ba * 0.92 : ba + 0.3 * (bb - ba) + noise(0.012) * Math.abs(bb);
      break;
    case 'IB1':
      v = bb + 0.35 * (ba - bb) + noise(0.01) * Math.abs(bb);
      break;
    case 'IP1': {
      const ib = derive('IB1', line, key, fy, k);
      v = ib + 0.3 * (ba - ib) + noise(0.008) * Math.abs(ib);
      break;
    }
    case 'IB2':
      v = bb + 0.7 * (ba - bb) + noise(0.008) * Math.abs(bb);
      break;
    case 'IP2': {
      const ib = derive('IB2', line, key, fy, k);
      v = ib + 0.5 * (ba - ib) + noise(0.006) * Math.abs(ib);
      break;
    }
    default:
      throw new Error(`derive ${kind}`);
  }
  let c = Math.round(v);
  const roundShare = kind === 'BE' ? 0.35 : 0.65;
  if (BUDGET_KINDS.has(kind) || kind === 'BE') if (k.unit(`rd:${kind}:${key}`) < roundShare) c = roundDollars(c);
  return c === 0 ? 0 : c;
}

/** Share of the year's actuals booked by the first (Oct 31) and second (Jan 31) interim. */
function interimFraction(obj: string, period: 1 | 2, transfer: boolean): number {
  const n = objNum(obj);
  const pick = (a: number, b: number): number => (period === 1 ? a : b);
  if (transfer) return pick(0, 0.3);
  if (n < 4000) return pick(0.32, 0.57);
  if (n < 6000) return pick(0.22, 0.48);
  if (n < 7000) return pick(0.12, 0.35);
  if (n < 8000) return pick(0.15, 0.4);
  if (n <= 8019) return pick(0.34, 0.58);
  if (n < 8100) return pick(0.03, 0.42);
  if (n < 8300) return pick(0.12, 0.38);
  if (n < 8600) return pick(0.25, 0.52);
  if (n < 8900) return pick(0.22, 0.5);
  return pick(0, 0.5);
}

/** Planned use of unrestricted reserves in the adopted budget, and how actuals and revisions compare with it. */
const GF_PLANNED_DEFICIT = 0.012;
function anchorFactor(kind: Kind, fy: number): number {
  const boost = fy === 2021 || fy === 2022 ? 0.012 : 0;
  switch (kind) {
    case 'BE':
      return 0.009 + boost * 0.8;
    case 'BA':
      return 0.014 + boost;
    case 'IB1':
      return 0.002;
    case 'IP1':
      return 0.004 + boost * 0.3;
    case 'IB2':
      return 0.006 + boost * 0.5;
    case 'IP2':
      return 0.009 + boost * 0.7;
    default:
      return 0;
  }
}

function targetDelta(kind: Kind, delta: number): number {
  if (kind === 'BB') return 0;
  if (kind === 'BA') return delta;
  if (kind === 'BE') return delta * 0.7;
  return delta * 0.3;
}

/** First fiscal year a group's programs spend money (−∞ for ongoing ones). */
const groupStart = new Map<string, number>();
for (const p of PROGRAMS) {
  const g = `${p.fund}${p.resource}`;
  const start = typeof p.amount === 'number' ? (p.from ?? -Infinity) : Math.min(...Object.keys(p.amount).map(Number));
  groupStart.set(g, Math.min(groupStart.get(g) ?? Infinity, start));
}

function carryValue(g: string, carry: readonly number[], fy: number): number {
  const start = groupStart.get(g) ?? -Infinity;
  const idx = start === -Infinity ? carry.length - 1 : fy - start;
  if (idx < 0) return carry[0] ?? 0;
  return carry[Math.min(idx, carry.length - 1)] ?? 0;
}

function sharesOf(s: Shares | ((fy: number) => Shares), fy: number): [string, number][] {
  return Object.entries(typeof s === 'function' ? s(fy) : s);
}

interface Flows {
  out: Map<string, number>;
  in: Map<string, number>;
  direct: Map<string, number>;
}

function flowsOf(values: Map<string, number>): Flows {
  const out = new Map<string, number>();
  const inn = new Map<string, number>();
  const direct = new Map<string, number>();
  for (const [key, v] of values) {
    const g = groupOf(key);
    const obj = objectOf(key);
    if (isOutflow(obj)) out.set(g, (out.get(g) ?? 0) + v);
    else if (isInflow(obj)) inn.set(g, (inn.get(g) ?? 0) + v);
    if (isDirect(obj)) direct.set(g, (direct.get(g) ?? 0) + v);
  }
  return { out, in: inn, direct };
}

function setValue(values: Map<string, number>, key: string, v: number): void {
  if (v === 0) values.delete(key);
  else values.set(key, v);
}

function addValue(values: Map<string, number>, key: string, v: number): void {
  setValue(values, key, (values.get(key) ?? 0) + v);
}

const K_7350_OFFSET = acct('01', '0000', '0000', '7210', '7350');
const K_7310_OFFSET = acct('01', '0000', '0000', '7210', '7310');
const K_8980_OFFSET = acct('01', '0000', '0000', '0000', '8980');

/** Indirect charges, transfers and offsets: the lines that must agree with other lines. */
function composeLinked(values: Map<string, number>, model: YearModel, kind: Kind, composed: Set<string>, transferAmount: (t: YearModel['transfers'][number]) => number): void {
  // indirect cost charges on direct costs
  const direct = flowsOf(values).direct;
  let charged7350 = 0;
  for (const ind of INDIRECT) {
    const g = `${ind.fund}${ind.resource}`;
    const base = direct.get(g) ?? 0;
    let charge = Math.round(base * ind.rate);
    if (BUDGET_KINDS.has(kind)) charge = roundDollars(charge);
    const key = acct(ind.fund, ind.resource, '0000', '7210', ind.fund === '01' ? '7310' : '7350');
    setValue(values, key, charge);
    composed.add(key);
    if (ind.fund !== '01') charged7350 += charge;
  }
  setValue(values, K_7350_OFFSET, -charged7350);
  composed.add(K_7350_OFFSET);
  // interfund transfers
  const outBy = new Map<string, number>();
  const inBy = new Map<string, number>();
  for (const t of model.transfers) {
    const amt = transferAmount(t);
    outBy.set(t.from, (outBy.get(t.from) ?? 0) + amt);
    inBy.set(`${t.to}${t.toResource}`, (inBy.get(`${t.to}${t.toResource}`) ?? 0) + amt);
  }
  for (const [fund, v] of outBy) {
    const key = acct(fund, '0000', '0000', '9300', '7619');
    setValue(values, key, v);
    composed.add(key);
  }
  for (const [group, v] of inBy) {
    const key = acct(group.slice(0, 2), group.slice(2), '0000', '9300', '8919');
    setValue(values, key, v);
    composed.add(key);
  }
}

function composeOffsets(values: Map<string, number>, composed: Set<string>): void {
  let s7310 = 0;
  let s8980 = 0;
  for (const [key, v] of values) {
    if (key === K_7310_OFFSET || key === K_8980_OFFSET || !key.startsWith('01')) continue;
    const obj = objectOf(key);
    if (obj === '7310') s7310 += v;
    else if (obj === '8980') s8980 += v;
  }
  setValue(values, K_7310_OFFSET, -s7310);
  setValue(values, K_8980_OFFSET, -s8980);
  composed.add(K_7310_OFFSET);
  composed.add(K_8980_OFFSET);
}

function splitInto(values: Map<string, number>, composed: Set<string>, fund: string, resource: string, total: number, shares: [string, number][], fy: number, jitter: ((obj: string) => number) | undefined): void {
  const listed = shares.filter(([obj]) => isListed('object', obj, fy));
  const parts = splitCents(total, listed.map(([obj, w]) => w * (jitter ? jitter(obj) : 1)));
  listed.forEach(([obj], i) => {
    const key = acct(fund, resource, '0000', '0000', obj);
    setValue(values, key, parts[i] ?? 0);
    composed.add(key);
  });
}

/** Close every group's revenue by its rule (all groups except the unrestricted general fund). */
function closeGroups(values: Map<string, number>, composed: Set<string>, kind: Kind, fy: number, begin: Map<string, number>): void {
  const flows = flowsOf(values);
  for (const g of GROUPS) {
    const gk = `${g.fund}${g.resource}`;
    const rule = g.rule;
    if (rule.kind === 'anchor' || rule.kind === 'none') continue;
    const out = flows.out.get(gk) ?? 0;
    const inn = flows.in.get(gk) ?? 0;
    const b = begin.get(gk) ?? 0;
    if (out === 0 && inn === 0 && b === 0) continue;
    const need = out - inn;
    if (rule.kind === 'reimburse') {
      splitInto(values, composed, g.fund, g.resource, need, sharesOf(rule.objects, fy), fy, undefined);
    } else if (rule.kind === 'contribution') {
      const natural = sharesOf(rule.natural, fy);
      let naturalTotal = 0;
      for (const [obj, share] of natural) {
        const v = Math.round(out * share);
        const key = acct(g.fund, g.resource, '0000', '0000', obj);
        setValue(values, key, v);
        composed.add(key);
        naturalTotal += v;
      }
      const key = acct(g.fund, g.resource, '0000', '0000', '8980');
      setValue(values, key, need - naturalTotal);
      composed.add(key);
    } else if (rule.kind === 'carry') {
      const c = carryValue(gk, rule.carry, fy);
      const revenue = Math.max(0, Math.round(need * (1 + c)), need - b);
      splitInto(values, composed, g.fund, g.resource, revenue, sharesOf(rule.objects, fy), fy, undefined);
    } else if (rule.kind === 'target') {
      const revenue = Math.max(0, need + Math.round(targetDelta(kind, rule.delta) * out));
      splitInto(values, composed, g.fund, g.resource, revenue, sharesOf(rule.objects, fy), fy, undefined);
    }
  }
}

/** Balance-sheet lines of one group: 9791 beginning, components, 979Z ending; assets and liabilities for actuals. */
function balanceLines(values: Map<string, number>, g: Group, kind: Kind, b: number, ending: number, out: number, inn: number, scale: number, fy: number): void {
  const gk = `${g.fund}${g.resource}`;
  if (b === 0 && ending === 0) return;
  const put = (obj: string, v: number): void => {
    if (v !== 0) values.set(acct(g.fund, g.resource, '0000', '0000', obj), v);
  };
  put('9791', b);
  put('979Z', ending);
  let revolving = 0;
  let stores = 0;
  let prepaid = 0;
  switch (g.balance) {
    case 'gf': {
      revolving = roundDollars(toCents(500_000 * scale));
      stores = roundDollars(Math.round(out * 0.0012));
      prepaid = Math.round(out * 0.0004);
      const reserve = roundDollars(Math.round(out * 0.01));
      const rest = ending - revolving - stores - prepaid - reserve;
      const assigned = rest > 0 ? roundDollars(Math.round(rest * 0.4)) : 0;
      put('9711', revolving);
      put('9712', stores);
      put('9713', prepaid);
      put('9789', reserve);
      put('9780', assigned);
      put('9790', rest - assigned);
      break;
    }
    case 'cafeteria':
      stores = Math.max(0, Math.min(ending, Math.round(out * 0.02)));
      put('9712', stores);
      put('9740', ending - stores);
      break;
    case 'assigned':
      put('9780', ending);
      break;
    case 'net':
      put('9790', ending);
      break;
    default:
      put('9740', ending);
  }
  if (kind !== 'BA') return;
  // assets and liabilities at year end
  const rule = g.rule;
  const federal = rule.kind === 'reimburse' && Object.keys(typeof rule.objects === 'function' ? {} : rule.objects).some((o) => o.startsWith('81') || o.startsWith('82') || o === '8545');
  const dueFromGrantor = federal ? Math.round(inn * 0.1) : 0;
  const receivable = federal ? 0 : Math.round(Math.max(0, inn) * (rule.kind === 'reimburse' ? 0.05 : 0.015));
  const payable = Math.round(Math.max(0, out) * 0.035);
  const unearned = rule.kind === 'carry' ? Math.round(Math.max(0, ending) * 0.25) : 0;
  const banks = gk === '010000' ? roundDollars(toCents(2_000_000 * scale)) : 0;
  const trustee = g.fund === '51' ? Math.round(Math.max(0, ending) * 0.03) : 0;
  const big = gk === '010000' || g.fund === '21' || g.fund === '51' || g.fund === '67';
  const fairValue = big ? Math.round(Math.max(0, ending) * (fy === 2021 || fy === 2022 ? -0.004 : 0.001)) : 0;
  const cash = ending + payable + unearned - (dueFromGrantor + receivable + revolving + stores + prepaid + banks + trustee + fairValue);
  put('9110', cash);
  put('9111', fairValue);
  put('9120', banks);
  put('9130', revolving);
  put('9135', trustee);
  put('9200', receivable);
  put('9290', dueFromGrantor);
  put('9320', stores);
  put('9330', prepaid);
  put('9500', payable);
  put('9650', unearned);
}

function addBalances(values: Map<string, number>, kind: Kind, fy: number, begin: Map<string, number>, scale: number): Map<string, number> {
  const flows = flowsOf(values);
  const ending = new Map<string, number>();
  for (const g of GROUPS) {
    const gk = `${g.fund}${g.resource}`;
    const b = begin.get(gk) ?? 0;
    const out = flows.out.get(gk) ?? 0;
    const inn = flows.in.get(gk) ?? 0;
    const e = b + inn - out;
    ending.set(gk, e);
    if (e !== 0 || b !== 0) {
      if (!isListed('fund', g.fund, fy) || !isListed('resource', g.resource, fy)) throw new Error(`balance of ${gk} in ${fy}, but it is not listed that year`);
    }
    balanceLines(values, g, kind, b, e, out, inn, scale, fy);
  }
  // every line must belong to a known group
  for (const key of [...flows.out.keys(), ...flows.in.keys()]) if (!GROUP_BY_KEY.has(key)) throw new Error(`no financing rule for ${key}`);
  return ending;
}

export interface ColumnContext {
  seed: number;
  /** ending balances of the column this one starts from */
  begin: Map<string, number>;
  /** the year's BA column (needed for interim actuals-to-date) */
  ba?: ColumnResult;
}

/** Build one column code of one year. */
export function buildColumn(model: YearModel, kind: Kind, ctx: ColumnContext): ColumnResult {
  const k = new Keyed(`${ctx.seed}:columns`);
  const fy = model.fy;
  const values = new Map<string, number>();
  const composed = new Set<string>();

  if (kind === 'IA1' || kind === 'IA2') {
    const period = kind === 'IA1' ? 1 : 2;
    const ba = ctx.ba;
    if (!ba) throw new Error('interim actuals need the BA column');
    for (const [key, v] of ba.values) {
      const obj = objectOf(key);
      if (ba.composed.has(key) && !isInflow(obj)) continue;
      if (key === K_8980_OFFSET || obj === '8919' || !/^\d{4}$/.test(obj) || Number(obj) >= 9000) continue;
      const f = interimFraction(obj, period, false);
      setValue(values, key, Math.round(v * f * k.lognormal(`${kind}:${fy}:${key}`, 0.05)));
    }
    composeLinked(values, model, kind, composed, (t) => Math.round(t.ba * interimFraction('7619', period, true)));
    composeOffsets(values, composed);
    return { values, ending: new Map(), composed };
  }

  for (const [key, line] of model.lines) setValue(values, key, derive(kind, line, key, fy, k));
  composeLinked(values, model, kind, composed, (t) => derive(kind, t, `transfer:${t.id}`, fy, k));
  closeGroups(values, composed, kind, fy, ctx.begin);
  composeOffsets(values, composed);

  // the unrestricted general fund: LCFF and taxes
  const flows = flowsOf(values);
  const out = flows.out.get('010000') ?? 0;
  const need = out - (flows.in.get('010000') ?? 0);
  let revenue: number;
  if (kind === 'BB') {
    revenue = roundDollars(need - Math.round(GF_PLANNED_DEFICIT * out));
    model.anchorBB = revenue;
  } else {
    if (model.anchorBB === undefined) throw new Error('build BB before other columns');
    revenue = Math.round(model.anchorBB * (1 + anchorFactor(kind, fy)));
  }
  const jitter = kind === 'BB' ? undefined : (obj: string): number => k.lognormal(`gfrev:${kind}:${fy}:${obj}`, obj === '8011' ? 0.002 : 0.03);
  splitInto(values, composed, '01', '0000', revenue, Object.entries(gfRevenueShares(fy)), fy, jitter);

  const ending = addBalances(values, kind, fy, ctx.begin, model.scale);
  return { values, ending, composed };
}

/** Opening balances for the first generated year (cents), from the group specs and the first year's spending. */
export function openingBalances(model: YearModel): Map<string, number> {
  const out = new Map<string, number>();
  const spend = new Map<string, number>();
  for (const [key, line] of model.lines) {
    if (isOutflow(objectOf(key))) spend.set(groupOf(key), (spend.get(groupOf(key)) ?? 0) + line.bb);
  }
  for (const g of GROUPS) {
    const gk = `${g.fund}${g.resource}`;
    if (g.rule.kind === 'anchor') out.set(gk, roundDollars(Math.round((spend.get(gk) ?? 0) * 0.12)));
    else if (g.opening !== undefined && isListed('resource', g.resource, model.fy) && isListed('fund', g.fund, model.fy)) out.set(gk, roundDollars(toCents(g.opening * 1e6 * model.scale)));
  }
  return out;
}

/** PCRA: program cost report allocations the SACS system calculates into unaudited actuals. */
const PCRA_FUNCTIONS = ['2100', '2140', '2420', '2495', '2700', '3110', '3120', '3130', '3140', '3160', '3600'];
const PCRA_GOALS: readonly (readonly [string, number])[] = [
  ['1110', 70],
  ['0001', 6],
  ['3800', 8],
  ['4760', 5],
  ['5001', 8],
  ['3200', 3],
];

export function pcraLines(ba: ColumnResult): Map<string, number> {
  const base = new Map<string, number>();
  for (const [key, v] of ba.values) {
    if (!key.startsWith('010000')) continue;
    const fn = functionOf(key);
    if (!PCRA_FUNCTIONS.includes(fn) || !isDirect(objectOf(key))) continue;
    base.set(fn, (base.get(fn) ?? 0) + v);
  }
  const out = new Map<string, number>();
  for (const fn of PCRA_FUNCTIONS) {
    const total = Math.round((base.get(fn) ?? 0) * 0.3);
    if (total <= 0) continue;
    out.set(acct('01', '0000', '0000', fn, 'PCRA'), -total);
    const parts = splitCents(total, PCRA_GOALS.map(([, w]) => w));
    PCRA_GOALS.forEach(([goal], i) => {
      if ((parts[i] ?? 0) !== 0) out.set(acct('01', '0000', goal, fn, 'PCRA'), parts[i] ?? 0);
    });
  }
  return out;
}

/**
 * School-level allocations: what each school receives, by SACS account, with FTE for positions, and why
 * (`basis`):
 * - `base`: per-pupil staffing and supplies by school type (teachers by class-size ratio, principal and assistant
 *   principals, office staff, custodians, counselors in secondary schools, textbooks and supplies); part of the
 *   teaching staff is paid from the Education Protection Account (1400).
 * - `need_weight`: extra dollars that rise steeply with the school's need index (class-size reduction teachers,
 *   social workers or counselors, community representatives, teacher assistants, supplies and services), plus the
 *   LCFF supplemental amount for English learners.
 * - `categorical`: restricted programs — Title I (3010) for schools with at least 40% low-income students,
 *   special education (6500/3310) in proportion to students with disabilities, Title III (4203) for English
 *   learners, Perkins CTE (3550) in high schools, after-school programs (6010, 2600), pandemic relief (3210,
 *   3212, 3213), and the post-pandemic block grants (7435, 6762, 6770, 6266, 7399) in the years they exist.
 * - `central`: centrally funded positions placed at schools (nurses, psychologists, speech therapists, library
 *   aides, plant managers, campus aides).
 *
 * Adopted allocations (BB) exist for every year; actual spending (BA) for every year that has closed. Salaries
 * come in close to budget (vacancies), restricted programs underspend by 5–20%.
 */
import { Keyed } from './random.ts';
import { formatFixed2, formatFte, fteUnits, roundDollars, toCents } from './money.ts';
import { fyLabel } from './years.ts';
import { HEALTH_PER_FTE, healthIndex, persRate, priceIndex, salaryIndex, strsRate } from './rates.ts';
import { programGoal } from './schools.ts';
import type { SchoolYear } from './demographics.ts';

export type Basis = 'base' | 'need_weight' | 'categorical' | 'central';

export interface AllocLine {
  fund: string;
  resource: string;
  goal: string;
  fn: string;
  object: string;
  basis: Basis;
  /** adopted amount, cents */
  bb: number;
  /** actual amount, cents */
  ba: number;
  /** FTE in ten-thousandths (0 when not a position line) */
  fteBB: number;
  fteBA: number;
}

/** 19-character SACS account string: fund(2) resource(4) project year(1) goal(4) function(4) object(4). */
export function accountString(fund: string, resource: string, goal: string, fn: string, object: string): string {
  return `${fund}${resource}0${goal}${fn}${object}`;
}

/** Annual salary per FTE in 2018-19 dollars. */
const SALARY = {
  teacher: 88000,
  principal: 142000,
  assistantPrincipal: 119000,
  counselor: 97000,
  socialWorker: 99000,
  nurse: 101000,
  psychologist: 106000,
  speech: 98000,
  clerical: 52000,
  custodian: 46000,
  plantManager: 64000,
  teacherAssistant: 34000,
  specialEdAssistant: 41000,
  communityRep: 36000,
  libraryAide: 39000,
  campusAide: 27000,
  expandedLearning: 31000,
} as const;

const CLASS_SIZE = { elementary: 21, middle: 24, high: 25, span: 23, option: 14 } as const;

/** Restricted resources underspend; these unrestricted ones do not. */
const UNRESTRICTED = new Set(['0000', '1100', '1400']);

class SchoolBuilder {
  lines = new Map<string, AllocLine>();
  fy: number;
  code: string;
  k: Keyed;

  constructor(fy: number, code: string, k: Keyed) {
    this.fy = fy;
    this.code = code;
    this.k = k;
  }

  /** Actual/budget ratio for salaries of one program at this school this year. */
  salaryRatio(resource: string, basis: Basis): number {
    const r = this.k.normal(`sal:${this.code}:${this.fy}:${resource}:${basis}`, 0.985, 0.02);
    const under = UNRESTRICTED.has(resource) ? 1 : this.k.range(`salu:${this.code}:${this.fy}:${resource}`, 0.88, 1.0);
    return Math.min(1.04, Math.max(0.85, r)) * under;
  }

  /** Actual/budget ratio for non-salary spending. */
  otherRatio(resource: string, basis: Basis, object: string): number {
    const program = UNRESTRICTED.has(resource)
      ? this.k.range(`oth:${this.code}:${this.fy}:${resource}:${basis}`, 0.86, 1.04)
      : this.k.range(`othr:${this.code}:${this.fy}:${resource}`, 0.8, 0.95);
    return program * this.k.lognormal(`othl:${this.code}:${this.fy}:${resource}:${basis}:${object}`, 0.04);
  }

  add(fund: string, resource: string, goal: string, fn: string, object: string, basis: Basis, bb: number, ba: number, fteBB: number, fteBA: number): void {
    if (bb === 0 && ba === 0) return;
    const key = `${accountString(fund, resource, goal, fn, object)}|${basis}`;
    const line = this.lines.get(key);
    if (line) {
      line.bb += bb;
      line.ba += ba;
      line.fteBB += fteBB;
      line.fteBA += fteBA;
    } else {
      this.lines.set(key, { fund, resource, goal, fn, object, basis, bb, ba, fteBB, fteBA });
    }
  }

  /**
   * A position (or part of one): salary line with FTE, plus employer retirement and health benefits.
   * `fte` 0 with `amount` set means extra pay (stipends, hourly) without a position.
   */
  position(resource: string, goal: string, fn: string, object: string, basis: Basis, fte: number, salary2018: number, stipend = 0, health = true): void {
    const fy = this.fy;
    const units = fteUnits(fte);
    const salaryDollars = stipend > 0 ? stipend : (units / 10000) * salary2018 * salaryIndex(fy) * this.k.lognormal(`pay:${this.code}:${object}`, 0.04);
    const bb = roundDollars(toCents(salaryDollars));
    if (bb <= 0) return;
    const ratio = this.salaryRatio(resource, basis);
    const ba = Math.round(bb * ratio);
    const fteBA = Math.round(units * Math.min(1, ratio + 0.01));
    this.add('01', resource, goal, fn, object, basis, bb, ba, units, fteBA);
    const certificated = object.startsWith('1');
    const pension = certificated ? strsRate(fy) : persRate(fy);
    const pensionBB = roundDollars(Math.round(bb * pension));
    this.add('01', resource, goal, fn, certificated ? '3101' : '3202', basis, pensionBB, Math.round(pensionBB * ratio), 0, 0);
    if (units > 0 && health) {
      const perFte = (certificated ? HEALTH_PER_FTE.certificated : HEALTH_PER_FTE.classified) * healthIndex(fy);
      const hwBB = roundDollars(toCents((units / 10000) * perFte));
      this.add('01', resource, goal, fn, certificated ? '3401' : '3402', basis, hwBB, Math.round(hwBB * Math.min(1, ratio + 0.01)), 0, 0);
    }
  }

  /** Spend a dollar pool on a position: FTE is what the pool buys including benefits. */
  positionFromPool(resource: string, goal: string, fn: string, object: string, basis: Basis, dollars: number, salary2018: number): void {
    const salary = salary2018 * salaryIndex(this.fy);
    const certificated = object.startsWith('1');
    const load = (certificated ? strsRate(this.fy) : persRate(this.fy)) + ((certificated ? HEALTH_PER_FTE.certificated : HEALTH_PER_FTE.classified) * healthIndex(this.fy)) / salary;
    const fte = dollars / (salary * (1 + load));
    if (fte >= 0.05) this.position(resource, goal, fn, object, basis, fte, salary2018);
  }

  other(resource: string, goal: string, fn: string, object: string, basis: Basis, dollars: number): void {
    const bb = roundDollars(toCents(dollars));
    if (bb <= 0) return;
    const ba = Math.round(bb * this.otherRatio(resource, basis, object));
    this.add('01', resource, goal, fn, object, basis, bb, ba, 0, 0);
  }
}

const half = (x: number): number => Math.max(0.5, Math.round(x * 2) / 2);
const tenth = (x: number): number => Math.round(x * 10) / 10;

/** Per-pupil (or per-student-in-group) rates of the time-limited programs, by fiscal year, in dollars. */
const PROGRAM_RATES: Record<string, Readonly<Record<number, number>>> = {
  '3210': { 2020: 120 },
  '3212': { 2020: 200, 2021: 560, 2022: 320 },
  '3213': { 2021: 220, 2022: 700, 2023: 760, 2024: 280 },
  '7435': { 2022: 95, 2023: 380, 2024: 420, 2025: 400 },
  '6762': { 2022: 110, 2023: 160, 2024: 70 },
  '6770': { 2023: 150, 2024: 165, 2025: 170 },
  '6266': { 2021: 18, 2022: 75, 2023: 85, 2024: 55, 2025: 28 },
  '2600': { 2021: 600, 2022: 1800, 2023: 1950, 2024: 2000, 2025: 2050 },
  '7399': { 2023: 330, 2024: 340, 2025: 350 },
};

const rate = (resource: string, fy: number): number => PROGRAM_RATES[resource]?.[fy] ?? 0;

/** All allocation lines of one school for one fiscal year. */
export function allocateSchool(sy: SchoolYear, seed: number): AllocLine[] {
  const s = sy.school;
  const fy = sy.fy;
  const k = new Keyed(`${seed}:allocations`);
  const b = new SchoolBuilder(fy, s.code, k);
  const E = sy.enrollment;
  const goal = programGoal(s);
  const secondary = s.type === 'middle' || s.type === 'high' || (s.type === 'span' && s.lowGrade === '6') || s.type === 'option';
  const hasElementaryGrades = s.type === 'elementary' || (s.type === 'span' && s.lowGrade !== '6');
  const price = priceIndex(fy);
  const need = sy.need / 10000; // 0..1
  const liShare = sy.lowIncome / E;

  // ---- base: per-pupil staffing by school type
  const teachers = Math.max(1, half(E / CLASS_SIZE[s.type]));
  const epaShare = fteUnits(teachers * 0.14) / 10000;
  b.position('0000', goal, '1000', '1100', 'base', teachers - epaShare, SALARY.teacher);
  b.position('1400', goal, '1000', '1100', 'base', epaShare, SALARY.teacher, 0, false);
  const aps =
    s.type === 'high' ? 1 + Math.floor(E / 700) : s.type === 'middle' ? (E > 1000 ? 2 : 1) : s.type === 'option' ? 0 : E > 700 ? 1 : E > 450 ? 0.5 : 0;
  const adminFte = (s.type === 'option' && E < 120 ? 0.5 : 1) + aps;
  const adminPay = (SALARY.principal + aps * SALARY.assistantPrincipal) / adminFte;
  b.position('0000', goal, '2700', '1300', 'base', adminFte, adminPay);
  b.position('0000', goal, '2700', '2400', 'base', half(1 + E / 450), SALARY.clerical);
  b.position('0000', '0000', '8200', '2200', 'base', half(1 + E / 300), SALARY.custodian);
  if (secondary) b.position('0000', goal, '3110', '1200', 'base', half(E / 500), SALARY.counselor);
  b.other('0000', goal, '1000', '4300', 'base', (3000 + 95 * E) * price);
  b.other('6300', goal, '1000', '4100', 'base', 34 * E * price);

  // ---- need_weight: dollars that rise steeply with the need index
  const weight = Math.max(0, (need - 0.35) / 0.5) ** 1.3;
  const pool = 1800 * E * weight * salaryIndex(fy);
  if (pool > 0) {
    b.positionFromPool('0000', goal, '1000', '1100', 'need_weight', pool * 0.45, SALARY.teacher);
    if (secondary) b.positionFromPool('0000', goal, '3130', '1200', 'need_weight', pool * 0.25, SALARY.socialWorker);
    else b.positionFromPool('0000', goal, '3110', '1200', 'need_weight', pool * 0.25, SALARY.counselor);
    b.other('0000', goal, '1000', '4300', 'need_weight', pool * 0.12);
    b.other('0000', goal, '1000', '5800', 'need_weight', pool * 0.18);
  }
  // LCFF supplemental for English learners (materials and services)
  if (sy.englishLearners > 0) {
    const elPool = 150 * sy.englishLearners * price;
    b.other('0000', goal, '1000', '4300', 'need_weight', elPool * 0.5);
    b.other('0000', goal, '1000', '5800', 'need_weight', elPool * 0.5);
  }

  // ---- categorical programs
  if (liShare >= 0.4) {
    const t1 = 900 * sy.lowIncome * (1 + 0.02 * (fy - 2018));
    b.positionFromPool('3010', goal, '1000', '1100', 'categorical', t1 * 0.65, SALARY.teacher);
    b.other('3010', goal, '2495', '4300', 'categorical', t1 * 0.05);
    b.other('3010', goal, '1000', '4300', 'categorical', t1 * 0.12);
    b.other('3010', goal, '1000', '5800', 'categorical', t1 * 0.18);
  }
  const swd = sy.disabilities;
  if (swd > 0) {
    const severe = swd * 0.22;
    const mild = swd - severe;
    if (severe >= 4) b.position('6500', '5760', '1110', '1100', 'categorical', tenth(severe / 8), SALARY.teacher);
    b.position('6500', '5760', '1120', '1100', 'categorical', Math.max(0.2, tenth(mild / 20)), SALARY.teacher);
    b.position('6500', '5760', '1130', '2100', 'categorical', Math.max(0.2, tenth(severe / 2 + mild / 20)), SALARY.specialEdAssistant);
  }
  if (sy.englishLearners >= 20) {
    b.other('4203', goal, '1000', '4300', 'categorical', 52 * sy.englishLearners * price);
  }
  if (s.type === 'high') {
    b.other('3550', '3800', '1000', '4300', 'categorical', 5 * E * price);
    b.other('3550', '3800', '1000', '4400', 'categorical', 3 * E * price);
  }
  if ((hasElementaryGrades || s.type === 'middle') && liShare >= 0.6) {
    b.other('6010', goal, '1000', '5800', 'categorical', 1836 * Math.min(0.2 * E, 100) * (fy >= 2022 ? 1.24 : 1));
  }
  if (hasElementaryGrades && rate('2600', fy) > 0) {
    b.other('2600', goal, '1000', '5800', 'categorical', rate('2600', fy) * sy.lowIncome * 0.8);
  }
  const needFactor = 0.5 + need;
  if (rate('3210', fy) > 0) b.other('3210', goal, '1000', '4400', 'categorical', rate('3210', fy) * E);
  if (rate('3212', fy) > 0) b.other('3212', goal, '1000', '5800', 'categorical', rate('3212', fy) * E * needFactor);
  if (rate('3213', fy) > 0) {
    const esser = rate('3213', fy) * E * needFactor;
    b.positionFromPool('3213', goal, '1000', '1100', 'categorical', esser * 0.6, SALARY.teacher);
    b.other('3213', goal, '1000', '4300', 'categorical', esser * 0.15);
    b.other('3213', goal, '1000', '5800', 'categorical', esser * 0.25);
  }
  if (rate('7435', fy) > 0) b.other('7435', goal, '1000', '5800', 'categorical', rate('7435', fy) * E * needFactor);
  if (rate('6762', fy) > 0) b.other('6762', goal, '1000', '4300', 'categorical', rate('6762', fy) * E);
  if (rate('6770', fy) > 0) {
    const arts = rate('6770', fy) * E * (1 + 0.2 * liShare);
    b.positionFromPool('6770', goal, '1000', '1100', 'categorical', arts * 0.8, SALARY.teacher);
    b.other('6770', goal, '1000', '4300', 'categorical', arts * 0.2);
  }
  if (rate('6266', fy) > 0) b.position('6266', goal, '2140', '1900', 'categorical', 0, 0, rate('6266', fy) * E);
  if (rate('7399', fy) > 0 && sy.need >= 8000) {
    const em = rate('7399', fy) * E;
    b.positionFromPool('7399', goal, '1000', '1100', 'categorical', em * 0.7, SALARY.teacher);
    b.other('7399', goal, '1000', '5800', 'categorical', em * 0.3);
  }

  // ---- central: centrally funded positions placed at the school
  b.position('0000', goal, '3140', '1200', 'central', Math.min(1, tenth(0.2 + E / 1500)), SALARY.nurse);
  b.position('6500', '5760', '3120', '1200', 'central', Math.min(1.5, tenth(0.1 + swd / 100)), SALARY.psychologist);
  if (secondary && s.type !== 'option') b.position('0000', '0000', '8300', '2900', 'central', half(E / 450), SALARY.campusAide);
  else b.position('0000', '0000', '8200', '2300', 'central', E >= 400 ? 1 : 0.5, SALARY.plantManager);

  return [...b.lines.values()];
}

export interface SiteTotals {
  /** account string → adopted and actual cents summed over schools */
  byAccount: Map<string, { bb: number; ba: number }>;
  bb: number;
  ba: number;
}

export function sumByAccount(all: readonly AllocLine[][]): SiteTotals {
  const byAccount = new Map<string, { bb: number; ba: number }>();
  let bb = 0;
  let ba = 0;
  for (const lines of all) {
    for (const l of lines) {
      const key = accountString(l.fund, l.resource, l.goal, l.fn, l.object);
      const acc = byAccount.get(key);
      if (acc) {
        acc.bb += l.bb;
        acc.ba += l.ba;
      } else byAccount.set(key, { bb: l.bb, ba: l.ba });
      bb += l.bb;
      ba += l.ba;
    }
  }
  return { byAccount, bb, ba };
}

export const ALLOCATIONS_HEADER = 'fiscal_year,column_code,school_code,fund,resource,goal,function,object,amount,fte,basis';

const BASIS_ORDER: Record<Basis, number> = { base: 0, need_weight: 1, categorical: 2, central: 3 };

export function sortLines(lines: AllocLine[]): AllocLine[] {
  return lines.sort((a, b) => {
    const ka = accountString(a.fund, a.resource, a.goal, a.fn, a.object);
    const kb = accountString(b.fund, b.resource, b.goal, b.fn, b.object);
    return ka < kb ? -1 : ka > kb ? 1 : BASIS_ORDER[a.basis] - BASIS_ORDER[b.basis];
  });
}

export function allocationRow(fy: number, column: 'BB' | 'BA', school: string, l: AllocLine): string | undefined {
  const amount = column === 'BB' ? l.bb : l.ba;
  if (amount === 0) return undefined;
  const fte = column === 'BB' ? l.fteBB : l.fteBA;
  return `${fyLabel(fy)},${column},${school},${l.fund},${l.resource},${l.goal},${l.fn},${l.object},${formatFixed2(amount)},${fte > 0 ? formatFte(fte) : ''},${l.basis}\n`;
}

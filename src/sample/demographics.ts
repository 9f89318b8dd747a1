/**
 * Enrollment, student groups, race/ethnicity and the need index for every open school and fiscal year.
 *
 * District enrollment starts near 470,000 per 1,000 schools in 2018-19 and declines 2–4% a year (steepest in
 * the pandemic years), passing ~430,000 mid-period. About 84% of students are low-income on average, with
 * real spread between neighbourhoods; ~20% are English learners, ~14% students with disabilities, ~1% foster
 * youth and ~3% homeless. Race/ethnicity counts always add up exactly to enrollment.
 */
import { Keyed } from './random.ts';
import { splitCents } from './money.ts';
import { csvLine } from './csv.ts';
import { fyLabel } from './years.ts';
import { BASE_ENROLLMENT_PER_1000_SCHOOLS, enrollmentIndex } from './rates.ts';
import { isOpen, REGIONS } from './schools.ts';
import type { School, SchoolType } from './schools.ts';

export const RACES = ['hispanic', 'black', 'white', 'asian', 'filipino', 'pacific_islander', 'american_indian', 'two_or_more'] as const;

export interface SchoolYear {
  school: School;
  fy: number;
  enrollment: number;
  lowIncome: number;
  englishLearners: number;
  disabilities: number;
  foster: number;
  homeless: number;
  /** counts in the order of RACES; they sum to enrollment */
  race: number[];
  /** need index in hundredths (0–10000) */
  need: number;
}

/**
 * Student need index, 0–100 (higher = more need). A weighted sum of the shares of enrollment in each group,
 * each capped so one group cannot dominate:
 *
 *   need = 100 × ( 0.50 × low_income/enrollment
 *                + 0.20 × min(1, (english_learners/enrollment) / 0.50)
 *                + 0.10 × min(1, (students_with_disabilities/enrollment) / 0.25)
 *                + 0.10 × min(1, (homeless/enrollment) / 0.10)
 *                + 0.10 × min(1, (foster_youth/enrollment) / 0.03) )
 *
 * rounded to two decimals. A school where every student is low-income, half are English learners, a quarter
 * have disabilities, 10% are homeless and 3% are in foster care scores 100.
 */
export function needIndex(enrollment: number, lowIncome: number, el: number, swd: number, homeless: number, foster: number): number {
  if (enrollment <= 0) return 0;
  const share = (n: number): number => n / enrollment;
  const raw =
    0.5 * share(lowIncome) +
    0.2 * Math.min(1, share(el) / 0.5) +
    0.1 * Math.min(1, share(swd) / 0.25) +
    0.1 * Math.min(1, share(homeless) / 0.1) +
    0.1 * Math.min(1, share(foster) / 0.03);
  return Math.max(0, Math.min(10000, Math.round(raw * 10000)));
}

const TYPE_SIZE: Record<SchoolType, number> = { elementary: 380, middle: 840, high: 1350, span: 640, option: 110 };
const TYPE_EL: Record<SchoolType, number> = { elementary: 1.3, middle: 0.8, high: 0.7, span: 1.0, option: 0.95 };

/** Region race/ethnicity mix (shares in RACES order) before school-level variation. */
const REGION_RACE: Record<string, readonly number[]> = {
  'Region North': [76, 4, 12, 5, 2.5, 0.3, 0.2, 2],
  'Region East': [93, 1, 1.5, 3.5, 0.5, 0.1, 0.1, 0.3],
  'Region West': [50, 10, 25, 9, 2, 0.3, 0.2, 3.5],
  'Region South': [82, 16, 0.8, 0.4, 0.3, 0.2, 0.1, 0.7],
  'Region Central': [84, 4, 4, 5, 2.5, 0.2, 0.1, 0.6],
  'Region Harbor': [83, 6, 4, 2, 3.5, 0.8, 0.2, 1.5],
};

interface Latent {
  base: number;
  trend: number;
  liLogit: number;
  el: number;
  swd: number;
  foster: number;
  homeless: number;
  race: number[];
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Find a scalar so the weighted mean of f(x) hits the target (f increasing in x). */
function calibrate(target: number, lo: number, hi: number, mean: (x: number) => number): number {
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function generateDemographics(schools: readonly School[], years: readonly number[], seed: number): Map<number, SchoolYear[]> {
  const k = new Keyed(`${seed}:demographics`);
  const n = schools.length;

  // Latent school characteristics, calibrated to district-wide targets.
  const size = schools.map((s) => TYPE_SIZE[s.type] * s.size);
  const sizeTotal = size.reduce((a, b) => a + b, 0);
  const enrollmentScale = (BASE_ENROLLMENT_PER_1000_SCHOOLS * (n / 1000)) / sizeTotal;
  const liNoise = schools.map((s) => k.normal(`li:${s.code}`, 0, 0.45));
  const liOffset = calibrate(0.84, -5, 10, (c) => {
    let w = 0;
    for (let i = 0; i < n; i++) w += size[i]! * sigmoid(c - 1.25 * schools[i]!.affluence + liNoise[i]!);
    return w / sizeTotal;
  });
  const li = schools.map((s, i) => sigmoid(liOffset - 1.25 * s.affluence + liNoise[i]!));
  const elRaw = schools.map((s, i) => (0.04 + 0.32 * Math.max(0, li[i]! - 0.25)) * TYPE_EL[s.type] * k.lognormal(`el:${s.code}`, 0.3));
  const elScale = calibrate(0.2, 0, 5, (c) => {
    let w = 0;
    for (let i = 0; i < n; i++) w += size[i]! * Math.min(0.75, c * elRaw[i]!);
    return w / sizeTotal;
  });
  const fosterRaw = schools.map((s, i) => (0.3 + li[i]!) * k.lognormal(`foster:${s.code}`, 0.5));
  const homelessRaw = schools.map((s, i) => (li[i]! / 0.84) ** 3 * k.lognormal(`homeless:${s.code}`, 0.6));
  const meanOf = (raw: number[]): number => raw.reduce((a, x, i) => a + x * size[i]!, 0) / sizeTotal;
  const fosterScale = 0.01 / meanOf(fosterRaw);
  const homelessScale = 0.029 / meanOf(homelessRaw);
  const latent: Latent[] = schools.map((s, i) => {
    const regionMix = REGION_RACE[s.region] ?? (REGION_RACE['Region Central'] as readonly number[]);
    const z = s.affluence - (REGIONS.find((r) => r.name === s.region)?.affluence ?? 0);
    const race = regionMix.map((share, j) => {
      const tilt = j === 2 ? Math.exp(0.6 * z) : j === 3 ? Math.exp(0.3 * z) : j === 0 ? Math.exp(-0.25 * z) : 1;
      return share * tilt * k.lognormal(`race:${s.code}:${j}`, 0.45);
    });
    return {
      base: size[i]! * enrollmentScale,
      trend: k.normal(`trend:${s.code}`, 0, 0.012),
      liLogit: logit(Math.min(0.995, Math.max(0.05, li[i]!))),
      el: Math.min(0.75, elScale * elRaw[i]!),
      swd: Math.min(0.4, Math.max(0.05, 0.138 * (s.type === 'option' ? 1.3 : 1) * k.lognormal(`swd:${s.code}`, 0.22))),
      foster: Math.min(0.08, fosterScale * fosterRaw[i]!),
      homeless: Math.min(0.25, homelessScale * homelessRaw[i]!),
      race,
    };
  });

  const out = new Map<number, SchoolYear[]>();
  for (const fy of years) {
    const rows: SchoolYear[] = [];
    const t = fy - 2018;
    for (let i = 0; i < n; i++) {
      const s = schools[i]!;
      if (!isOpen(s, fy)) continue;
      const L = latent[i]!;
      let e = L.base * enrollmentIndex(fy) * Math.exp(L.trend * t) * k.lognormal(`e:${s.code}:${fy}`, 0.02);
      if (s.opened !== undefined) {
        const age = fy - s.opened;
        if (age === 0) e *= 0.45;
        else if (age === 1) e *= 0.75;
      }
      if (s.closed !== undefined && fy === s.closed) e *= 0.7;
      const enrollment = Math.max(12, Math.round(e));
      const liShare = sigmoid(L.liLogit + 0.03 * (fy - 2021.5) + k.normal(`li:${s.code}:${fy}`, 0, 0.08));
      const elShare = Math.min(0.8, L.el * 0.985 ** t * k.lognormal(`el:${s.code}:${fy}`, 0.05));
      const swdShare = Math.min(0.45, L.swd * (1 + 0.006 * t) * k.lognormal(`swd:${s.code}:${fy}`, 0.04));
      const fosterShare = L.foster * k.lognormal(`foster:${s.code}:${fy}`, 0.15) / 1.011;
      const homelessShare = (L.homeless * (fy >= 2022 ? 1.1 : 1) * k.lognormal(`homeless:${s.code}:${fy}`, 0.15)) / 1.011;
      const count = (share: number): number => Math.min(enrollment, Math.max(0, Math.round(enrollment * share)));
      const lowIncome = count(liShare);
      const englishLearners = count(elShare);
      const disabilities = count(swdShare);
      const foster = count(fosterShare);
      const homeless = count(homelessShare);
      const raceWeights = L.race.map((w, j) => w * k.lognormal(`race:${s.code}:${fy}:${j}`, 0.03));
      const race = splitCents(enrollment, raceWeights);
      rows.push({
        school: s,
        fy,
        enrollment,
        lowIncome,
        englishLearners,
        disabilities,
        foster,
        homeless,
        race,
        need: needIndex(enrollment, lowIncome, englishLearners, disabilities, homeless, foster),
      });
    }
    out.set(fy, rows);
  }
  return out;
}

export const ENROLLMENT_HEADER = [
  'fiscal_year',
  'school_code',
  'enrollment',
  'low_income',
  'english_learners',
  'students_with_disabilities',
  'foster_youth',
  'homeless',
  ...RACES,
  'need_index',
].join(',');

export function formatHundredths(v: number): string {
  const whole = Math.floor(v / 100);
  return `${whole}.${String(v - whole * 100).padStart(2, '0')}`;
}

export function enrollmentRow(r: SchoolYear): string {
  return csvLine([
    fyLabel(r.fy),
    r.school.code,
    String(r.enrollment),
    String(r.lowIncome),
    String(r.englishLearners),
    String(r.disabilities),
    String(r.foster),
    String(r.homeless),
    ...r.race.map(String),
    formatHundredths(r.need),
  ]);
}

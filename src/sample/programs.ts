/**
 * What the sample district spends centrally (beyond the school allocations) and how each fund and resource is
 * financed. Amounts are in millions of dollars for a district of 470,000 students in 2018-19 (about 1,000
 * schools); they scale with the district's actual enrollment each year, so `--schools` changes them too.
 *
 * A program spreads its yearly amount over (goal, function) cells and, within each cell, over objects using a
 * mix typical of the function (instruction is mostly teachers, operations mostly custodians and utilities…);
 * employer benefits are derived from the salaries. Revenue rules close each fund/resource:
 * - `reimburse`: federal and state grants recognised as spent (ending balance unchanged)
 * - `contribution`: programs the unrestricted general fund subsidises (special education, routine maintenance)
 *   through object 8980
 * - `carry`: block grants received ahead of spending, building and then spending down a restricted balance
 * - `target`: self-financing funds (bond interest, self-insurance, cafeteria…) with a small surplus
 * - `anchor`: the unrestricted general fund — LCFF and property taxes set at adoption; actuals come in a bit higher
 * - `none`: revenue lines are given explicitly (bond proceeds, interest, transfers in)
 */

export type Growth = 'sal' | 'price' | 'flat';
/** Millions of dollars: a 2018-19 amount that grows, or an amount per fiscal year (absent = 0). */
export type Schedule = number | Readonly<Record<number, number>>;
export type Mix = Readonly<Record<string, number>>;

export interface Cell {
  goals: readonly string[];
  fns: readonly string[];
  w: number;
  mix?: Mix;
}

export interface Program {
  id: string;
  fund: string;
  resource: string;
  amount: Schedule;
  growth?: Growth;
  /** first fiscal year of an ongoing program (for schedules given as one growing amount) */
  from?: number;
  cells: readonly Cell[];
  /** share of optional (low-weight) objects kept, 0–1 */
  density?: number;
  /** actual/budget range for non-salary lines */
  actual?: readonly [number, number];
}

export type Shares = Readonly<Record<string, number>>;

export type Rule =
  | { kind: 'reimburse'; objects: Shares }
  | { kind: 'contribution'; natural: Shares }
  | { kind: 'carry'; objects: Shares; carry: readonly number[] }
  | { kind: 'target'; objects: Shares | ((fy: number) => Shares); delta: number }
  | { kind: 'none' }
  | { kind: 'anchor' };

export type BalanceKind = 'gf' | 'restricted' | 'assigned' | 'net' | 'cafeteria';

export interface Group {
  fund: string;
  resource: string;
  rule: Rule;
  balance: BalanceKind;
  /** opening fund balance in the first generated year, $M (default scale) */
  opening?: number;
}

export interface Transfer {
  id: string;
  from: string;
  to: string;
  /** resource receiving the transfer (default 0000) */
  toResource?: string;
  amount: Schedule;
  growth?: Growth;
}

export interface Indirect {
  fund: string;
  resource: string;
  rate: number;
}

/** Explicit revenue lines (goal/function 0000) for funds with rule `none`, and similar fixed receipts. */
export interface RevenueLine {
  fund: string;
  resource: string;
  object: string;
  amount: Schedule;
  growth?: Growth;
}

// ---------------------------------------------------------------- object mixes by function

const M = {
  instruction: { '1100': 45, '1900': 4, '2100': 7, '2900': 1.5, '4100': 4, '4200': 0.6, '4300': 8, '4400': 4, '5100': 0.5, '5200': 0.3, '5600': 0.5, '5800': 12, '5900': 0.3, '6400': 0.6 },
  specialEd: { '1100': 35, '1900': 2, '2100': 24, '2200': 1.5, '2900': 1, '4300': 2, '4400': 0.6, '5100': 8, '5200': 0.2, '5800': 16 },
  nonpublic: { '5100': 55, '5800': 40, '4300': 0.5, '5200': 0.1 },
  specialized: { '1200': 30, '1900': 10, '2100': 20, '2200': 5, '4300': 2, '5100': 5, '5800': 20 },
  support: { '1300': 25, '1100': 8, '1900': 18, '2300': 6, '2400': 12, '2900': 2, '2200': 3, '4300': 5, '4400': 2, '5200': 2, '5300': 0.3, '5800': 20, '5900': 0.6 },
  library: { '1200': 12, '2200': 25, '2400': 5, '4200': 8, '4300': 6, '4400': 14, '5600': 2, '5800': 12, '5900': 6, '6400': 1 },
  parent: { '2900': 30, '2400': 8, '1900': 5, '4300': 10, '4700': 2, '5200': 1, '5800': 18 },
  schoolAdmin: { '1300': 45, '2400': 28, '2300': 4, '2900': 2, '4300': 3, '4400': 1, '5200': 0.8, '5600': 1, '5800': 2.5, '5900': 2 },
  pupil: { '1200': 50, '1300': 3, '1900': 3, '2200': 8, '2400': 5, '2900': 1.5, '4300': 4, '4400': 0.5, '5200': 0.5, '5800': 14, '5900': 0.3 },
  transport: { '2200': 40, '2300': 3, '2400': 4, '4300': 9, '4400': 0.5, '5600': 4, '5800': 30, '5900': 1, '6500': 1 },
  food: { '2200': 40, '2300': 4, '2400': 3, '4300': 8, '4400': 1, '4700': 35, '5600': 2, '5800': 4, '6400': 1 },
  ancillary: { '1900': 25, '2900': 15, '2200': 5, '4300': 18, '4400': 2, '5200': 8, '5600': 3, '5800': 20 },
  community: { '2900': 30, '2200': 10, '1900': 5, '4300': 10, '5800': 30, '5600': 3 },
  admin: { '1300': 14, '2300': 20, '2400': 28, '2900': 3, '2200': 2, '4300': 3, '4400': 1.5, '5200': 1, '5300': 0.5, '5400': 4, '5600': 2, '5800': 32, '5900': 4, '6400': 0.5 },
  data: { '2300': 10, '2400': 22, '2200': 4, '4300': 1, '4400': 6, '5600': 5, '5800': 40, '5900': 10, '6400': 2, '6600': 1, '6700': 2 },
  maintenance: { '2200': 36, '2300': 6, '2400': 3, '2900': 2, '4300': 14, '4400': 1.5, '5600': 22, '5800': 12, '5900': 1, '6200': 4, '6400': 1 },
  operations: { '2200': 40, '2300': 5, '2400': 2, '4300': 7, '4400': 0.5, '5500': 45, '5600': 4, '5800': 4, '5900': 3 },
  security: { '2200': 45, '2300': 6, '2900': 5, '4300': 2, '4400': 1, '5600': 2, '5800': 8, '5900': 1 },
  facilities: { '2300': 3, '2400': 2, '2200': 2, '4400': 1, '5600': 2, '5800': 12, '6100': 3, '6170': 10, '6200': 60, '6400': 4, '6600': 1 },
  rents: { '5600': 100 },
  debt: { '7438': 40, '7439': 60 },
  outgo: { '7110': 2, '7130': 3, '7141': 15, '7142': 30, '7143': 3, '7211': 10, '7221': 25, '7281': 5, '7299': 9 },
} as const satisfies Record<string, Mix>;

/** The usual object mix of a function. */
export function mixFor(fn: string): Mix {
  if (fn === '1000') return M.instruction;
  if (fn === '1180') return M.nonpublic;
  if (fn === '1190') return M.specialized;
  if (fn.startsWith('11')) return M.specialEd;
  if (fn === '2420') return M.library;
  if (fn === '2490' || fn === '2495') return M.parent;
  if (fn === '2700') return M.schoolAdmin;
  if (fn.startsWith('2')) return M.support;
  if (fn === '3600') return M.transport;
  if (fn === '3700') return M.food;
  if (fn.startsWith('3')) return M.pupil;
  if (fn.startsWith('4')) return M.ancillary;
  if (fn.startsWith('5') || fn === '6000') return M.community;
  if (fn === '7700') return M.data;
  if (fn.startsWith('7')) return M.admin;
  if (fn === '8200') return M.operations;
  if (fn === '8300') return M.security;
  if (fn === '8500') return M.facilities;
  if (fn === '8700') return M.rents;
  if (fn.startsWith('8')) return M.maintenance;
  if (fn === '9100') return M.debt;
  return M.outgo;
}

// ---------------------------------------------------------------- goal and function sets

const ALT = ['3100', '3200', '3300', '3400', '3550'] as const;
const INSTR_SUPPORT = ['2100', '2110', '2120', '2130', '2140', '2150', '2420', '2490', '2495'] as const;
const PUPIL = ['3110', '3120', '3130', '3140', '3150', '3160', '3900'] as const;
const ADMIN = ['7100', '7110', '7150', '7180', '7190', '7191', '7200', '7300', '7400', '7500', '7510', '7530', '7540', '7550', '7600'] as const;
const PLANT = ['8100', '8110', '8200', '8300', '8400'] as const;
const SPED_INSTR = ['1110', '1120', '1130', '1180', '1190'] as const;
const BROAD_FNS = ['1000', '2100', '2140', '2420', '2700', '3110', '3130', '3140', '3900', '7200', '7700', '8100', '8200', '8500'] as const;

// ---------------------------------------------------------------- programs

const gf = (id: string, resource: string, amount: Schedule, cells: Cell[], extra: Partial<Program> = {}): Program => ({
  id,
  fund: '01',
  resource,
  amount,
  growth: 'sal',
  cells,
  ...extra,
});

export const PROGRAMS: readonly Program[] = [
  // Unrestricted general fund, centrally managed
  gf('instruction', '0000', 560, [
    { goals: ['1110'], fns: ['1000'], w: 60 },
    { goals: ALT, fns: ['1000'], w: 6 },
    { goals: ['3800', '6000'], fns: ['1000'], w: 5 },
    { goals: ['0001'], fns: ['1000'], w: 5 },
    { goals: ['4760', '4850'], fns: ['1000'], w: 1.5 },
    { goals: ['5001'], fns: ['1000'], w: 2 },
    { goals: ['7110', '7150'], fns: ['1000'], w: 0.5 },
  ]),
  gf('instruction-support', '0000', 280, [
    { goals: ['1110'], fns: INSTR_SUPPORT, w: 60 },
    { goals: [...ALT, '3800', '0001', '6000'], fns: ['2100', '2140', '2420', '2700'], w: 12 },
    { goals: ['4760', '4850', '5001'], fns: ['2100', '2140', '2495'], w: 3 },
  ]),
  gf('school-administration', '0000', 90, [
    { goals: ['1110'], fns: ['2700'], w: 10 },
    { goals: [...ALT, '3800', '0001', '6000'], fns: ['2700'], w: 2 },
  ]),
  gf('pupil-services', '0000', 160, [
    { goals: ['1110'], fns: PUPIL, w: 40 },
    { goals: [...ALT, '3800', '0001'], fns: ['3110', '3130', '3140', '3160', '3900'], w: 6 },
    { goals: ['5001'], fns: ['3120', '3140', '3150'], w: 2 },
  ]),
  gf('materials-technology', '0000', 175, [
    { goals: ['1110'], fns: ['1000', '2420'], w: 10, mix: { '4100': 20, '4200': 3, '4300': 30, '4400': 25, '5800': 15, '6400': 6, '5600': 1 } },
    { goals: ['0000'], fns: ['7700'], w: 3, mix: { '4400': 30, '5800': 50, '6400': 10, '6700': 10 } },
  ], { growth: 'price' }),
  gf('transportation', '0000', 90, [{ goals: ['1110', '3100', '3800'], fns: ['3600'], w: 10 }], { growth: 'price' }),
  gf('ancillary', '0000', 45, [
    { goals: ['1110'], fns: ['4100', '4200', '4900'], w: 10 },
    { goals: ['3800'], fns: ['4100'], w: 1 },
  ]),
  gf('community', '0000', 22, [
    { goals: ['8100'], fns: ['5000', '5100', '5400', '5900'], w: 5 },
    { goals: ['7110', '7150'], fns: ['5900', '6000'], w: 1 },
  ], { growth: 'price' }),
  gf('general-administration', '0000', 450, [{ goals: ['0000'], fns: ADMIN, w: 10 }]),
  gf('data-processing', '0000', 115, [{ goals: ['0000'], fns: ['7700'], w: 1 }], { growth: 'price', density: 0.9 }),
  gf('plant', '0000', 850, [{ goals: ['0000'], fns: PLANT, w: 10 }], { growth: 'price' }),
  gf('facilities', '0000', 45, [
    { goals: ['0000'], fns: ['8500'], w: 1 },
    { goals: ['0000'], fns: ['8700'], w: 0.2 },
  ], { growth: 'price', actual: [0.7, 0.95] }),
  gf('other-outgo', '0000', 95, [
    { goals: ['0000'], fns: ['9200'], w: 1 },
    { goals: ['5001'], fns: ['9200'], w: 0.6, mix: { '7142': 50, '7221': 30, '7141': 20 } },
  ], { growth: 'price', density: 1, actual: [0.95, 1.02] }),
  gf('gf-debt-service', '0000', 25, [{ goals: ['0000'], fns: ['9100'], w: 1 }], { growth: 'flat', density: 1, actual: [1, 1] }),

  // Special education
  gf('special-education', '6500', 700, [
    { goals: ['5760'], fns: SPED_INSTR, w: 50 },
    { goals: ['5730', '5710'], fns: ['1110', '1130', '1180', '1190'], w: 10 },
    { goals: ['5001'], fns: ['1180', '1190', '2100', '2110', '2140', '2150', '2200', '2700', '3110', '3120', '3130', '3140', '3150', '3160', '3600', '3900'], w: 25 },
    { goals: ['5760', '5730'], fns: ['3120', '3130', '3140', '3150', '3600'], w: 15 },
  ], { actual: [0.9, 1.0] }),
  gf('idea-611', '3310', 95, [{ goals: ['5760', '5730', '5001'], fns: ['1110', '1120', '1130', '1190', '2140', '3120', '3150'], w: 1 }], { growth: 'flat' }),
  gf('idea-preschool', '3315', 9, [{ goals: ['5730'], fns: ['1110', '1130', '3150'], w: 1 }], { growth: 'flat' }),
  gf('idea-preschool-local', '3320', 6, [{ goals: ['5730'], fns: ['1110', '1190'], w: 1 }], { growth: 'flat' }),
  gf('idea-mental-health', '3327', 8, [{ goals: ['5001', '5760'], fns: ['3120', '3130', '1190'], w: 1 }], { growth: 'flat' }),
  gf('idea-preschool-staff', '3345', 0.3, [{ goals: ['5730'], fns: ['2140'], w: 1 }], { growth: 'flat' }),
  gf('idea-infants', '3385', 2, [{ goals: ['5710'], fns: ['1190', '3150'], w: 1 }], { growth: 'flat' }),
  gf('sped-mental-health', '6512', 26, [{ goals: ['5001', '5760'], fns: ['3120', '3130', '1190', '1180'], w: 1 }]),
  gf('workability', '6520', 3, [{ goals: ['5760'], fns: ['1190', '3900'], w: 1 }]),
  gf('sped-early-intervention', '6547', { 2021: 18, 2022: 28, 2023: 30, 2024: 31, 2025: 32 }, [{ goals: ['5730'], fns: ['1110', '1130', '1190', '3150'], w: 1 }]),
  gf('medi-cal', '5640', 8, [{ goals: ['5001', '1110'], fns: ['3140', '3120', '3150'], w: 1 }], { growth: 'flat' }),

  // Federal categorical programs
  gf('title-i', '3010', 115, [
    { goals: ['1110'], fns: ['1000', '2100', '2110', '2140', '2150', '2495', '3110', '3130'], w: 1 },
    { goals: ['7110'], fns: ['1000'], w: 0.08, mix: { '5800': 80, '4300': 20 } },
  ], { growth: 'flat', actual: [0.8, 0.95] }),
  gf('title-i-delinquent', '3025', 1, [{ goals: ['1110'], fns: ['1000', '3110'], w: 1 }], { growth: 'flat' }),
  gf('migrant', '3060', 3, [{ goals: ['4850'], fns: ['1000', '2100', '2495'], w: 1 }], { growth: 'flat' }),
  gf('csi', '3182', 8, [{ goals: ['1110'], fns: ['1000', '2100', '2140'], w: 1 }], { growth: 'flat' }),
  gf('title-ii', '4035', 28, [{ goals: ['1110'], fns: ['2140', '2100', '1000'], w: 1 }], { growth: 'flat' }),
  gf('title-iv-a', '4127', 18, [{ goals: ['1110'], fns: ['1000', '2140', '3110', '3130', '2420'], w: 1 }], { growth: 'flat' }),
  gf('21st-century', '4124', 12, [{ goals: ['1110'], fns: ['1000', '2700', '4900'], w: 1 }], { growth: 'flat' }),
  gf('title-iii-immigrant', '4201', 1.5, [{ goals: ['1110'], fns: ['1000', '2495'], w: 1 }], { growth: 'flat' }),
  gf('title-iii', '4203', 12, [{ goals: ['1110', '4760'], fns: ['1000', '2100', '2140', '3160'], w: 1 }], { growth: 'flat' }),
  gf('perkins', '3550', 6, [{ goals: ['3800'], fns: ['1000', '2140', '2100'], w: 1 }], { growth: 'flat' }),
  gf('other-federal', '5810', 15, [
    { goals: ['1110'], fns: ['1000', '2100', '3140'], w: 1 },
    { goals: ['0000'], fns: ['7200', '8100'], w: 0.3 },
  ], { growth: 'flat' }),

  // State and local restricted programs
  gf('lottery', '1100', 58, [
    { goals: ['1110'], fns: ['1000', '2420', '2700'], w: 1 },
    { goals: ['0000'], fns: ['7700'], w: 0.2 },
  ], { growth: 'price' }),
  gf('lottery-materials', '6300', 12, [{ goals: ['1110', '3200', '3800'], fns: ['1000', '2420'], w: 1, mix: { '4100': 60, '4200': 15, '4300': 25 } }], { growth: 'price' }),
  gf('ases', '6010', 42, [{ goals: ['1110'], fns: ['1000', '2700', '3700', '4900'], w: 1 }], { growth: 'flat' }),
  gf('cte-incentive', '6387', 5, [{ goals: ['3800'], fns: ['1000', '2140'], w: 1 }], { growth: 'flat' }),
  gf('tobacco-prevention', '6690', 2, [{ goals: ['1110'], fns: ['1000', '3900'], w: 1 }], { growth: 'flat' }),
  gf('classified-pd', '7311', { 2018: 3, 2019: 2, 2020: 1 }, [{ goals: ['1110', '0000'], fns: ['2140', '7400'], w: 1 }]),
  gf('sb117', '7388', { 2019: 40, 2020: 55 }, [{ goals: ['1110', '0000'], fns: ['1000', '3140', '8200'], w: 1 }]),
  gf('clean-energy', '6230', { 2018: 12, 2019: 4, 2020: 1 }, [{ goals: ['0000'], fns: ['8500', '8110'], w: 1 }]),
  gf('strs-on-behalf', '7690', 290, [
    { goals: ['1110'], fns: ['1000', '2100', '2700', '3110'], w: 8, mix: { '3101': 100 } },
    { goals: ['5760', '5001'], fns: ['1110', '1120', '3120'], w: 2, mix: { '3101': 100 } },
    { goals: ['0000'], fns: ['7100', '7200'], w: 0.3, mix: { '3101': 100 } },
  ], { density: 1, actual: [0.98, 1.02] }),
  gf('other-state', '7810', 12, [{ goals: ['1110', '0000'], fns: ['1000', '2140', '7200'], w: 1 }], { growth: 'flat' }),
  gf('routine-maintenance', '8150', 300, [{ goals: ['0000'], fns: ['8110', '8100', '8400'], w: 1 }], { growth: 'price' }),
  gf('other-local', '9010', 55, [
    { goals: ['1110'], fns: ['1000', '2420', '2495', '4100', '4200'], w: 1 },
    { goals: ['0000'], fns: ['8100', '7200'], w: 0.2 },
  ], { growth: 'flat' }),

  // Post-pandemic state block grants
  gf('elop', '2600', { 2021: 40, 2022: 120, 2023: 150, 2024: 160, 2025: 165 }, [
    { goals: ['1110'], fns: ['1000', '2700', '3700', '4900', '3600'], w: 1 },
    { goals: ['0001'], fns: ['1000'], w: 0.2 },
  ]),
  gf('educator-effectiveness', '6266', { 2021: 8, 2022: 45, 2023: 55, 2024: 40, 2025: 20 }, [{ goals: ['1110'], fns: ['2140', '2100', '1000'], w: 1 }]),
  gf('elo-grant', '7425', { 2021: 110, 2022: 160, 2023: 110, 2024: 45, 2025: 8 }, [
    { goals: ['1110'], fns: ['1000', '2100', '3110', '3130', '3900', '2495', '3600'], w: 1 },
    { goals: ['5760'], fns: ['1110', '1130'], w: 0.2 },
  ]),
  gf('elo-paraprofessionals', '7426', { 2021: 20, 2022: 35, 2023: 20, 2024: 5 }, [{ goals: ['1110'], fns: ['1000'], w: 1, mix: { '2100': 90, '2900': 10 } }]),
  gf('in-person-instruction', '7422', { 2020: 60, 2021: 110, 2022: 25 }, [{ goals: ['1110'], fns: ['1000', '3140', '8200', '3110'], w: 1 }]),
  gf('learning-recovery', '7435', { 2022: 30, 2023: 80, 2024: 120, 2025: 130 }, [{ goals: ['1110', '5760'], fns: ['1000', '2100', '2140', '3110'], w: 1 }]),
  gf('arts-music-materials', '6762', { 2022: 50, 2023: 80, 2024: 40, 2025: 5 }, [{ goals: ['1110'], fns: ['1000', '2420'], w: 1 }]),
  gf('prop-28-arts', '6770', { 2023: 25, 2024: 45, 2025: 50 }, [{ goals: ['1110'], fns: ['1000', '2100'], w: 1 }]),
  gf('equity-multiplier', '7399', { 2023: 8, 2024: 12, 2025: 14 }, [{ goals: ['1110'], fns: ['1000', '3110', '2495'], w: 1 }]),
  gf('literacy-coaches', '6211', { 2022: 4, 2023: 12, 2024: 16, 2025: 10 }, [{ goals: ['1110'], fns: ['1000', '2140'], w: 1 }]),
  gf('a-g-access', '7412', { 2021: 5, 2022: 10, 2023: 10, 2024: 5, 2025: 1 }, [{ goals: ['1110'], fns: ['1000', '3110'], w: 1 }]),
  gf('a-g-learning-loss', '7413', { 2021: 3, 2022: 6, 2023: 5, 2024: 1 }, [{ goals: ['1110'], fns: ['1000'], w: 1 }]),

  // Federal pandemic relief
  gf('esser-i', '3210', { 2020: 180, 2021: 40 }, [
    { goals: ['1110'], fns: BROAD_FNS, w: 8 },
    { goals: ['5760'], fns: ['1110', '1130', '3120'], w: 1 },
    { goals: ['0000'], fns: ['8200', '7700'], w: 1 },
  ], { actual: [0.75, 0.95] }),
  gf('esser-ii', '3212', { 2020: 100, 2021: 420, 2022: 200 }, [
    { goals: ['1110'], fns: BROAD_FNS, w: 8 },
    { goals: ['5760', '5001'], fns: ['1110', '1130', '3120', '3150'], w: 1 },
    { goals: [...ALT], fns: ['1000'], w: 0.5 },
    { goals: ['0000'], fns: ['8200', '8110', '7700'], w: 1.5 },
  ], { actual: [0.75, 0.95] }),
  gf('esser-iii', '3213', { 2021: 100, 2022: 360, 2023: 350, 2024: 140 }, [
    { goals: ['1110'], fns: BROAD_FNS, w: 8 },
    { goals: ['5760', '5001'], fns: ['1110', '1130', '3120', '3150'], w: 1 },
    { goals: [...ALT, '3800'], fns: ['1000'], w: 0.6 },
    { goals: ['0000'], fns: ['8200', '8110', '8500', '7700'], w: 2 },
  ], { actual: [0.75, 0.95] }),
  gf('esser-iii-learning-loss', '3214', { 2021: 20, 2022: 110, 2023: 140, 2024: 40 }, [{ goals: ['1110'], fns: ['1000', '2100', '3110', '3130'], w: 1 }], { actual: [0.75, 0.95] }),
  gf('coronavirus-relief', '3220', { 2020: 240 }, [
    { goals: ['1110'], fns: ['1000', '2420', '3140', '3700', '7700'], w: 4 },
    { goals: ['0000'], fns: ['8200', '8100'], w: 1 },
  ], { actual: [0.9, 1.0] }),

  // Other funds
  { id: 'student-activity', fund: '08', resource: '8210', amount: 12, growth: 'price', from: 2020, cells: [{ goals: ['1110'], fns: ['4100', '4200', '4900'], w: 1, mix: { '4300': 40, '5800': 30, '5200': 15, '4400': 5, '4700': 10 } }], density: 1 },
  { id: 'adult-education', fund: '11', resource: '6391', amount: 120, growth: 'sal', cells: [{ goals: ['4110', '4610'], fns: ['1000', '2100', '2140', '2420', '2700', '3110', '3160', '7700', '8100', '8200'], w: 1 }] },
  { id: 'adult-education-local', fund: '11', resource: '0000', amount: 35, growth: 'sal', cells: [{ goals: ['4110', '4610'], fns: ['1000', '2700'], w: 1 }, { goals: ['0000'], fns: ['7200', '8200', '8100'], w: 0.5 }] },
  { id: 'adult-perkins', fund: '11', resource: '3555', amount: 8, growth: 'flat', cells: [{ goals: ['4610'], fns: ['1000', '2140'], w: 1 }] },
  { id: 'state-preschool', fund: '12', resource: '6105', amount: 170, growth: 'sal', cells: [{ goals: ['0001', '8500'], fns: ['1000', '2100', '2110', '2140', '2700', '3110', '3140', '3700', '8100', '8200'], w: 1 }] },
  { id: 'child-development-local', fund: '12', resource: '0000', amount: 40, growth: 'sal', cells: [{ goals: ['8500', '0001'], fns: ['1000', '2700', '3700'], w: 1 }, { goals: ['0000'], fns: ['7200', '8100', '8200'], w: 0.5 }] },
  { id: 'head-start', fund: '12', resource: '5210', amount: 25, growth: 'flat', cells: [{ goals: ['0001'], fns: ['1000', '2495', '3140'], w: 1 }] },
  { id: 'child-development-reserve', fund: '12', resource: '6130', amount: 3, growth: 'flat', cells: [{ goals: ['0001'], fns: ['1000', '8100'], w: 1 }] },
  { id: 'cafeteria', fund: '13', resource: '5310', amount: 400, growth: 'sal', cells: [{ goals: ['0000'], fns: ['3700'], w: 12 }, { goals: ['0000'], fns: ['8100', '8200', '7200', '7700'], w: 1 }] },
  { id: 'supply-chain', fund: '13', resource: '5466', amount: { 2021: 12, 2022: 18, 2023: 10 }, cells: [{ goals: ['0000'], fns: ['3700'], w: 1, mix: { '4700': 100 } }], density: 1 },
  { id: 'kitchen-infrastructure', fund: '13', resource: '7032', amount: { 2022: 3, 2023: 10, 2024: 6, 2025: 1 }, cells: [{ goals: ['0000'], fns: ['3700'], w: 1, mix: { '4400': 40, '6400': 40, '2200': 10, '5800': 10 } }], density: 1 },
  { id: 'deferred-maintenance', fund: '14', resource: '0000', amount: 38, growth: 'price', cells: [{ goals: ['0000'], fns: ['8110', '8500'], w: 1 }], actual: [0.7, 0.95] },
  { id: 'bond-program', fund: '21', resource: '0000', amount: { 2018: 1300, 2019: 1400, 2020: 1300, 2021: 1500, 2022: 1700, 2023: 1800, 2024: 1800, 2025: 1700 }, cells: [{ goals: ['0000'], fns: ['8500'], w: 30, mix: { '1300': 0.5, '2300': 1.5, '2400': 1.5, '2200': 1, '4300': 0.5, '4400': 2, '5600': 1, '5800': 14, '6100': 2, '6170': 10, '6200': 62, '6400': 4 } }, { goals: ['0000'], fns: ['8110', '7700', '7200'], w: 1 }], actual: [0.72, 0.92], density: 1 },
  { id: 'developer-fees', fund: '25', resource: '0000', amount: 70, growth: 'price', cells: [{ goals: ['0000'], fns: ['8500'], w: 1 }], actual: [0.6, 0.9] },
  { id: 'state-facilities', fund: '35', resource: '7710', amount: { 2018: 50, 2019: 80, 2020: 40, 2021: 60, 2022: 90, 2023: 70, 2024: 50, 2025: 60 }, cells: [{ goals: ['0000'], fns: ['8500'], w: 1 }], actual: [0.7, 0.95] },
  { id: 'capital-outlay-reserve', fund: '40', resource: '0000', amount: 80, growth: 'price', cells: [{ goals: ['0000'], fns: ['8500', '8110', '8700'], w: 1 }], actual: [0.7, 0.95] },
  { id: 'go-bond-debt', fund: '51', resource: '0000', amount: { 2018: 1050, 2019: 1080, 2020: 1120, 2021: 1150, 2022: 1190, 2023: 1230, 2024: 1260, 2025: 1290 }, cells: [{ goals: ['0000'], fns: ['9100'], w: 1 }], density: 1, actual: [1, 1] },
  { id: 'cop-debt', fund: '56', resource: '0000', amount: 36, growth: 'flat', cells: [{ goals: ['0000'], fns: ['9100'], w: 1 }], density: 1, actual: [1, 1] },
  { id: 'self-insurance', fund: '67', resource: '0000', amount: 1250, growth: 'sal', cells: [{ goals: ['0000'], fns: ['7400'], w: 90, mix: { '5400': 30, '5800': 60, '2300': 2, '2400': 3, '4300': 0.5, '5900': 0.2 } }, { goals: ['0000'], fns: ['7200', '7600'], w: 10 }], actual: [0.95, 1.04] },
];

// ---------------------------------------------------------------- how each fund/resource is financed

const fed = (objects: Shares = { '8290': 1 }): Rule => ({ kind: 'reimburse', objects });
const state: Rule = { kind: 'reimburse', objects: { '8590': 1 } };
const carry = (carry: number[], objects: Shares = { '8590': 1 }): Rule => ({ kind: 'carry', objects, carry });

export const GROUPS: readonly Group[] = [
  { fund: '01', resource: '0000', rule: { kind: 'anchor' }, balance: 'gf' },
  { fund: '01', resource: '1100', rule: carry([0.03], { '8560': 1 }), balance: 'assigned', opening: 12 },
  { fund: '01', resource: '1400', rule: fed({ '8012': 1 }), balance: 'restricted' },
  { fund: '01', resource: '6300', rule: carry([0.06], { '8560': 1 }), balance: 'restricted', opening: 8 },
  { fund: '01', resource: '3010', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3025', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3060', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3182', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3210', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3212', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3213', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3214', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3220', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '3310', rule: fed({ '8181': 1 }), balance: 'restricted' },
  { fund: '01', resource: '3315', rule: fed({ '8182': 1 }), balance: 'restricted' },
  { fund: '01', resource: '3320', rule: fed({ '8181': 1 }), balance: 'restricted' },
  { fund: '01', resource: '3327', rule: fed({ '8181': 1 }), balance: 'restricted' },
  { fund: '01', resource: '3345', rule: fed({ '8182': 1 }), balance: 'restricted' },
  { fund: '01', resource: '3385', rule: fed({ '8182': 1 }), balance: 'restricted' },
  { fund: '01', resource: '3550', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '4035', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '4124', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '4127', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '4201', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '4203', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '5640', rule: carry([0.12], { '8290': 1 }), balance: 'restricted', opening: 6 },
  { fund: '01', resource: '5810', rule: fed(), balance: 'restricted' },
  { fund: '01', resource: '6500', rule: { kind: 'contribution', natural: { '8311': 0.4, '8590': 0.03 } }, balance: 'restricted' },
  { fund: '01', resource: '8150', rule: { kind: 'contribution', natural: {} }, balance: 'restricted' },
  { fund: '01', resource: '7690', rule: state, balance: 'restricted' },
  { fund: '01', resource: '6010', rule: state, balance: 'restricted' },
  { fund: '01', resource: '6512', rule: state, balance: 'restricted' },
  { fund: '01', resource: '6520', rule: state, balance: 'restricted' },
  { fund: '01', resource: '6547', rule: carry([0.4, 0.1, 0]), balance: 'restricted' },
  { fund: '01', resource: '7388', rule: state, balance: 'restricted' },
  { fund: '01', resource: '7311', rule: state, balance: 'restricted' },
  { fund: '01', resource: '6230', rule: state, balance: 'restricted' },
  { fund: '01', resource: '7422', rule: state, balance: 'restricted' },
  { fund: '01', resource: '2600', rule: carry([0.45, 0.15, 0.05, 0]), balance: 'restricted' },
  { fund: '01', resource: '6266', rule: carry([4, 0.2, -0.2, -0.4, -0.6, -1]), balance: 'restricted' },
  { fund: '01', resource: '6762', rule: carry([1.2, -0.3, -0.8, -1]), balance: 'restricted' },
  { fund: '01', resource: '6770', rule: carry([0.3, 0.1, 0]), balance: 'restricted' },
  { fund: '01', resource: '7435', rule: carry([3, 0.3, -0.2, -0.3]), balance: 'restricted' },
  { fund: '01', resource: '7425', rule: carry([0.6, 0, -0.4, -0.8, -1]), balance: 'restricted' },
  { fund: '01', resource: '7426', rule: carry([0.5, 0, -0.5, -1]), balance: 'restricted' },
  { fund: '01', resource: '7399', rule: carry([0.2, 0, 0]), balance: 'restricted' },
  { fund: '01', resource: '6211', rule: carry([2, 0, -0.3, -0.5]), balance: 'restricted' },
  { fund: '01', resource: '7412', rule: carry([1, 0, -0.5, -1]), balance: 'restricted' },
  { fund: '01', resource: '7413', rule: carry([1, -0.3, -1]), balance: 'restricted' },
  { fund: '01', resource: '6387', rule: carry([0.1]), balance: 'restricted', opening: 1 },
  { fund: '01', resource: '6690', rule: carry([0.05]), balance: 'restricted' },
  { fund: '01', resource: '7810', rule: carry([0.05]), balance: 'restricted', opening: 3 },
  { fund: '01', resource: '9010', rule: carry([0.03], { '8699': 0.85, '8650': 0.15 }), balance: 'restricted', opening: 20 },

  { fund: '08', resource: '8210', rule: { kind: 'target', objects: { '8699': 1 }, delta: 0.02 }, balance: 'restricted' },
  { fund: '11', resource: '6391', rule: carry([0.1, 0.05]), balance: 'restricted', opening: 15 },
  { fund: '11', resource: '3555', rule: fed(), balance: 'restricted' },
  { fund: '11', resource: '0000', rule: { kind: 'target', objects: { '8671': 0.6, '8699': 0.3, '8660': 0.1 }, delta: 0.01 }, balance: 'restricted', opening: 8 },
  { fund: '12', resource: '6105', rule: state, balance: 'restricted' },
  { fund: '12', resource: '5210', rule: fed(), balance: 'restricted' },
  { fund: '12', resource: '6130', rule: carry([0.5, 0]), balance: 'restricted', opening: 4 },
  { fund: '12', resource: '0000', rule: { kind: 'target', objects: { '8673': 0.5, '8699': 0.3, '8660': 0.2 }, delta: 0.01 }, balance: 'restricted', opening: 10 },
  {
    fund: '13',
    resource: '5310',
    rule: {
      kind: 'target',
      objects: (fy) => (fy >= 2022 ? { '8220': 0.72, '8520': 0.22, '8634': 0.03, '8660': 0.03 } : { '8220': 0.82, '8520': 0.1, '8634': 0.06, '8660': 0.02 }),
      delta: 0.02,
    },
    balance: 'cafeteria',
    opening: 60,
  },
  { fund: '13', resource: '5466', rule: fed({ '8220': 1 }), balance: 'restricted' },
  { fund: '13', resource: '7032', rule: carry([2, -0.2, -1], { '8290': 1 }), balance: 'restricted' },
  { fund: '14', resource: '0000', rule: { kind: 'none' }, balance: 'restricted', opening: 30 },
  { fund: '21', resource: '0000', rule: { kind: 'none' }, balance: 'restricted', opening: 3000 },
  { fund: '25', resource: '0000', rule: { kind: 'target', objects: { '8681': 0.85, '8660': 0.15 }, delta: 0.05 }, balance: 'restricted', opening: 60 },
  { fund: '35', resource: '7710', rule: fed({ '8545': 1 }), balance: 'restricted' },
  { fund: '40', resource: '0000', rule: { kind: 'target', objects: { '8650': 0.5, '8660': 0.2, '8699': 0.3 }, delta: 0.02 }, balance: 'assigned', opening: 150 },
  { fund: '51', resource: '0000', rule: { kind: 'target', objects: { '8611': 0.88, '8612': 0.03, '8613': 0.015, '8614': 0.025, '8571': 0.01, '8660': 0.04 }, delta: 0.01 }, balance: 'restricted', opening: 900 },
  { fund: '56', resource: '0000', rule: { kind: 'none' }, balance: 'restricted', opening: 15 },
  { fund: '67', resource: '0000', rule: { kind: 'target', objects: { '8674': 0.97, '8660': 0.02, '8699': 0.01 }, delta: 0.015 }, balance: 'net', opening: 500 },
];

/** Revenue lines given explicitly (funds with rule `none`). */
export const REVENUE_LINES: readonly RevenueLine[] = [
  { fund: '21', resource: '0000', object: '8951', amount: { 2018: 1000, 2019: 1500, 2020: 500, 2021: 2000, 2022: 1000, 2023: 2000, 2024: 1500, 2025: 1500 } },
  { fund: '21', resource: '0000', object: '8660', amount: { 2018: 45, 2019: 50, 2020: 30, 2021: 15, 2022: 40, 2023: 75, 2024: 70, 2025: 55 } },
  { fund: '14', resource: '0000', object: '8660', amount: 0.8, growth: 'flat' },
  { fund: '56', resource: '0000', object: '8660', amount: 0.3, growth: 'flat' },
];

/** Interfund transfers: 7619 in the paying fund, 8919 in the receiving one, always equal. */
export const TRANSFERS: readonly Transfer[] = [
  { id: 'gf-to-adult', from: '01', to: '11', amount: 20, growth: 'flat' },
  { id: 'gf-to-child-development', from: '01', to: '12', amount: 22, growth: 'sal' },
  { id: 'gf-to-cafeteria', from: '01', to: '13', toResource: '5310', amount: { 2018: 5, 2019: 12, 2020: 30, 2021: 25, 2022: 5, 2023: 5, 2024: 8, 2025: 10 } },
  { id: 'gf-to-deferred-maintenance', from: '01', to: '14', amount: 36, growth: 'price' },
  { id: 'gf-to-debt-service', from: '01', to: '56', amount: 36, growth: 'flat' },
  { id: 'capital-reserve-to-building', from: '40', to: '21', amount: { 2019: 50, 2022: 40, 2024: 25 } },
];

/** Indirect cost charges: 7310 within the general fund, 7350 from other funds to the general fund. */
export const INDIRECT: readonly Indirect[] = [
  { fund: '01', resource: '3010', rate: 0.045 },
  { fund: '01', resource: '3310', rate: 0.03 },
  { fund: '01', resource: '4035', rate: 0.04 },
  { fund: '01', resource: '4127', rate: 0.04 },
  { fund: '01', resource: '4203', rate: 0.02 },
  { fund: '01', resource: '6500', rate: 0.025 },
  { fund: '01', resource: '3210', rate: 0.04 },
  { fund: '01', resource: '3212', rate: 0.04 },
  { fund: '01', resource: '3213', rate: 0.04 },
  { fund: '01', resource: '3214', rate: 0.04 },
  { fund: '01', resource: '6010', rate: 0.05 },
  { fund: '01', resource: '2600', rate: 0.045 },
  { fund: '01', resource: '7425', rate: 0.04 },
  { fund: '01', resource: '7435', rate: 0.04 },
  { fund: '01', resource: '6266', rate: 0.04 },
  { fund: '01', resource: '6762', rate: 0.03 },
  { fund: '01', resource: '6770', rate: 0.03 },
  { fund: '01', resource: '5810', rate: 0.04 },
  { fund: '01', resource: '3182', rate: 0.04 },
  { fund: '11', resource: '6391', rate: 0.05 },
  { fund: '11', resource: '0000', rate: 0.05 },
  { fund: '12', resource: '6105', rate: 0.045 },
  { fund: '12', resource: '0000', rate: 0.045 },
  { fund: '13', resource: '5310', rate: 0.045 },
];

/**
 * Unrestricted general fund revenue mix for a year (weights of total revenue). LCFF state aid (8011) takes
 * what the property taxes and other sources do not cover, so it is always the largest source.
 */
export function gfRevenueShares(fy: number): Shares {
  const interest = fy >= 2023 ? 0.02 : fy === 2022 ? 0.012 : 0.005;
  const fairValue = fy === 2021 ? -0.002 : fy === 2022 ? -0.003 : 0.0006;
  const other: Record<string, number> = {
    '8019': fy === 2020 ? -0.001 : 0.002,
    '8550': 0.004,
    '8590': 0.004,
    '8290': 0.003,
    '8650': 0.003,
    '8660': interest,
    '8662': fairValue,
    '8677': 0.0006,
    '8699': 0.006,
  };
  const nonLcff = Object.values(other).reduce((a, b) => a + b, 0);
  const lcff = 1 - nonLcff;
  const taxes: Record<string, number> = {
    '8021': 0.0025,
    '8041': 0.2,
    '8042': 0.008,
    '8043': 0.004,
    '8044': 0.006,
    '8045': 0.02,
    '8047': 0.013,
    '8048': 0.0005,
    '8096': -0.028,
  };
  const out: Record<string, number> = {};
  let taxShare = 0;
  for (const [obj, s] of Object.entries(taxes)) {
    out[obj] = s * lcff;
    taxShare += s;
  }
  out['8011'] = (1 - taxShare) * lcff;
  return { ...out, ...other };
}

export function scheduleValue(s: Schedule, fy: number, growth: Growth, index: { sal: (fy: number) => number; price: (fy: number) => number }): number {
  if (typeof s === 'number') {
    if (growth === 'flat') return s;
    return s * (growth === 'sal' ? index.sal(fy) : index.price(fy));
  }
  return s[fy] ?? 0;
}

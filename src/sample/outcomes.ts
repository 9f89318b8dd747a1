/**
 * Student outcomes by school and year, in long format. Values are percentages with one decimal, related to
 * the need index (proficiency and graduation fall as need rises; chronic absenteeism rises), with a lasting
 * school effect, yearly noise and district-wide year effects:
 * - ELA and math proficiency for schools serving tested grades (3–8, 11); none for 2019-20, when the state
 *   suspended testing; lower participation in 2020-21; a pandemic dip recovering afterwards.
 * - Chronic absenteeism for every school, spiking in 2021-22.
 * - Graduation rate for high schools.
 * The last fiscal year of the range has no outcomes yet (it only has an adopted budget).
 */
import { Keyed } from './random.ts';
import { csvLine } from './csv.ts';
import { fyLabel } from './years.ts';
import { testedShare } from './schools.ts';
import type { SchoolYear } from './demographics.ts';

export type Measure = 'ela_proficiency' | 'math_proficiency' | 'chronic_absenteeism' | 'graduation_rate';

export interface Outcome {
  fy: number;
  school: string;
  measure: Measure;
  /** tenths of a percent */
  value: number;
  students: number;
}

function table(t: Readonly<Record<number, number>>, fy: number, fallback: number): number {
  return t[fy] ?? fallback;
}

const ELA_YEAR: Record<number, number> = { 2018: 0, 2020: -5, 2021: -4, 2022: -3, 2023: -1.5, 2024: 0, 2025: 0.8 };
const MATH_YEAR: Record<number, number> = { 2018: 0, 2020: -7, 2021: -6, 2022: -4, 2023: -2, 2024: -0.5, 2025: 0.5 };
const ABSENT_YEAR: Record<number, number> = { 2018: 15, 2019: 11.5, 2020: 19, 2021: 45, 2022: 36, 2023: 30, 2024: 27, 2025: 25 };
const GRAD_YEAR: Record<number, number> = { 2018: 79, 2019: 82, 2020: 84, 2021: 86, 2022: 86, 2023: 87, 2024: 88, 2025: 88 };

const clampTenths = (v: number, lo: number, hi: number): number => Math.round(Math.min(hi, Math.max(lo, v)) * 10);

export function generateOutcomes(rows: readonly SchoolYear[], seed: number): Outcome[] {
  const k = new Keyed(`${seed}:outcomes`);
  const out: Outcome[] = [];
  for (const r of rows) {
    const s = r.school;
    const need = r.need / 100 - 65;
    const quality = k.normal(`q:${s.code}`, 0, 5);
    const mathQuality = k.normal(`qm:${s.code}`, 0, 3);
    const tested = testedShare(s);
    if (tested > 0 && r.fy !== 2019) {
      const participation = r.fy === 2020 ? 0.35 : 0.95;
      const students = Math.round(r.enrollment * tested * participation * k.range(`part:${s.code}:${r.fy}`, 0.97, 1.0));
      if (students > 0) {
        const high = s.type === 'high' || (s.type === 'option' && s.lowGrade !== 'K');
        const ela = 42 + table(ELA_YEAR, r.fy, 0) - 0.55 * need + quality + (high ? 8 : 0) + k.normal(`ela:${s.code}:${r.fy}`, 0, 2.5);
        const math =
          31 + table(MATH_YEAR, r.fy, 0) - 0.6 * need + 0.9 * quality + mathQuality + (high ? -6 : s.type === 'middle' ? -4 : 0) + k.normal(`math:${s.code}:${r.fy}`, 0, 2.5);
        out.push({ fy: r.fy, school: s.code, measure: 'ela_proficiency', value: clampTenths(ela, 2, 98), students });
        out.push({ fy: r.fy, school: s.code, measure: 'math_proficiency', value: clampTenths(math, 1, 97), students });
      }
    }
    const absentBump = s.type === 'high' || s.type === 'option' ? 5 : s.type === 'middle' ? 2 : 0;
    const absent = table(ABSENT_YEAR, r.fy, 25) + 0.35 * need - 0.4 * quality + absentBump + (s.type === 'option' ? 15 : 0) + k.normal(`abs:${s.code}:${r.fy}`, 0, 3);
    out.push({ fy: r.fy, school: s.code, measure: 'chronic_absenteeism', value: clampTenths(absent, 1, 95), students: r.enrollment });
    if (s.type === 'high') {
      const grad = table(GRAD_YEAR, r.fy, 88) - 0.3 * need + 0.5 * quality + k.normal(`grad:${s.code}:${r.fy}`, 0, 2.5);
      const cohort = Math.max(1, Math.round((r.enrollment / 4) * k.lognormal(`cohort:${s.code}:${r.fy}`, 0.05)));
      out.push({ fy: r.fy, school: s.code, measure: 'graduation_rate', value: clampTenths(grad, 40, 99.5), students: cohort });
    }
  }
  return out;
}

export const OUTCOMES_HEADER = 'fiscal_year,school_code,measure,value,students';

export function formatTenths(v: number): string {
  const whole = Math.floor(v / 10);
  return `${whole}.${v - whole * 10}`;
}

export function outcomeRow(o: Outcome): string {
  return csvLine([fyLabel(o.fy), o.school, o.measure, formatTenths(o.value), String(o.students)]);
}

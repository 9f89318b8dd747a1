import { describe, expect, it } from 'vitest';
import { allocateSchool, allocationRow, sortLines } from './allocations.ts';
import type { SchoolYear } from './demographics.ts';
import { needIndex } from './demographics.ts';
import type { School } from './schools.ts';

const school = (over: Partial<School> = {}): School => ({
  code: '6012345',
  cds: '19999996012345',
  name: 'Jacaranda Avenue Elementary',
  type: 'elementary',
  optionKind: undefined,
  lowGrade: 'TK',
  highGrade: '5',
  region: 'Region South',
  address: '100 Jacaranda Avenue',
  city: 'Los Angeles',
  zip: '90001',
  latE6: 33950000,
  lonE6: -118280000,
  opened: undefined,
  closed: undefined,
  size: 1,
  affluence: 0,
  ...over,
});

function year(fy: number, enrollment: number, liShare: number, s: School = school()): SchoolYear {
  const lowIncome = Math.round(enrollment * liShare);
  const el = Math.round(enrollment * 0.25);
  const swd = Math.round(enrollment * 0.14);
  return {
    school: s,
    fy,
    enrollment,
    lowIncome,
    englishLearners: el,
    disabilities: swd,
    foster: 3,
    homeless: 12,
    race: [enrollment, 0, 0, 0, 0, 0, 0, 0],
    need: needIndex(enrollment, lowIncome, el, swd, 12, 3),
  };
}

describe('school allocations', () => {
  it('funds a high-need school on every basis, with FTE on position lines only', () => {
    const lines = allocateSchool(year(2022, 450, 0.95), 1);
    const bases = new Set(lines.map((l) => l.basis));
    expect([...bases].sort()).toEqual(['base', 'categorical', 'central', 'need_weight']);
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(lines.length).toBeLessThanOrEqual(70);
    for (const l of lines) {
      if (l.fteBB > 0) expect(l.object).toMatch(/^[12]\d{3}$/);
      if (/^3\d{3}$/.test(l.object)) expect(l.fteBB).toBe(0);
      expect(Number.isSafeInteger(l.bb)).toBe(true);
    }
    const teachers = lines.find((l) => l.resource === '0000' && l.fn === '1000' && l.object === '1100' && l.basis === 'base');
    expect(teachers?.fteBB).toBeGreaterThan(15 * 10000);
    expect(lines.some((l) => l.resource === '3010')).toBe(true);
    expect(lines.some((l) => l.resource === '6500' && l.goal === '5760')).toBe(true);
    expect(lines.some((l) => l.resource === '3213')).toBe(true);
  });

  it('gives Title I only at 40% low-income and more need money to needier schools', () => {
    const low = allocateSchool(year(2022, 450, 0.3), 1);
    const high = allocateSchool(year(2022, 450, 0.97), 1);
    expect(low.some((l) => l.resource === '3010')).toBe(false);
    const needMoney = (ls: typeof low): number => ls.filter((l) => l.basis === 'need_weight').reduce((a, l) => a + l.bb, 0);
    expect(needMoney(high)).toBeGreaterThan(needMoney(low) * 3);
  });

  it('has restricted programs underspend and salaries land close to budget', () => {
    const lines = allocateSchool(year(2021, 600, 0.9), 2);
    const total = (pred: (l: (typeof lines)[number]) => boolean, col: 'bb' | 'ba'): number => lines.filter(pred).reduce((a, l) => a + l[col], 0);
    const restricted = (l: (typeof lines)[number]): boolean => !['0000', '1100', '1400'].includes(l.resource) && !/^[123]/.test(l.object);
    const ratio = total(restricted, 'ba') / total(restricted, 'bb');
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(0.97);
    const salaries = (l: (typeof lines)[number]): boolean => l.resource === '0000' && /^[12]/.test(l.object);
    expect(total(salaries, 'ba') / total(salaries, 'bb')).toBeGreaterThan(0.93);
  });

  it('uses the option-school goal and writes contract rows', () => {
    const option = school({ type: 'option', optionKind: 'continuation', lowGrade: '9', highGrade: '12', code: '6099999' });
    const lines = sortLines(allocateSchool(year(2019, 120, 0.9, option), 1));
    expect(lines.some((l) => l.goal === '3200')).toBe(true);
    const row = allocationRow(2019, 'BB', '6099999', lines[0]!);
    expect(row).toMatch(/^2019-20,BB,6099999,01,\d{4},\d{4},\d{4},\d{4},-?\d+\.\d\d,(\d+(\.\d{1,4})?)?,(base|need_weight|categorical|central)\n$/);
  });
});

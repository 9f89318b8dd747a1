import { describe, expect, it } from 'vitest';
import { generateDemographics, needIndex } from './demographics.ts';
import { generateSchools } from './schools.ts';

describe('needIndex', () => {
  it('follows the documented formula', () => {
    expect(needIndex(100, 100, 50, 25, 10, 3)).toBe(10000);
    expect(needIndex(100, 0, 0, 0, 0, 0)).toBe(0);
    // 0.5*0.9 + 0.2*(0.3/0.5) + 0.1*(0.12/0.25) + 0.1*(0.05/0.1) + 0.1*(0.01/0.03)
    expect(needIndex(1000, 900, 300, 120, 50, 10)).toBe(Math.round((0.45 + 0.12 + 0.048 + 0.05 + 0.1 / 3) * 10000));
    expect(needIndex(0, 0, 0, 0, 0, 0)).toBe(0);
  });
});

describe('demographics', () => {
  const years = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
  const schools = generateSchools({ seed: 5, schools: 200, firstYear: 2018, lastYear: 2025 });
  const demo = generateDemographics(schools, years, 5);

  it('hits the district targets', () => {
    const sum = (fy: number, f: (r: { enrollment: number; lowIncome: number; englishLearners: number; disabilities: number; foster: number; homeless: number }) => number): number =>
      (demo.get(fy) ?? []).reduce((a, r) => a + f(r), 0);
    const e2021 = sum(2021, (r) => r.enrollment);
    expect(e2021 / 200).toBeGreaterThan(400);
    expect(e2021 / 200).toBeLessThan(470);
    const decline = sum(2025, (r) => r.enrollment) / sum(2018, (r) => r.enrollment);
    expect(decline).toBeGreaterThan(0.75);
    expect(decline).toBeLessThan(0.9);
    const li = sum(2021, (r) => r.lowIncome) / e2021;
    expect(li).toBeGreaterThan(0.8);
    expect(li).toBeLessThan(0.88);
    expect(sum(2021, (r) => r.englishLearners) / e2021).toBeCloseTo(0.19, 1);
    expect(sum(2021, (r) => r.disabilities) / e2021).toBeCloseTo(0.14, 1);
    expect(sum(2021, (r) => r.foster) / e2021).toBeLessThan(0.02);
    expect(sum(2021, (r) => r.homeless) / e2021).toBeLessThan(0.05);
  });

  it('has real spread in low-income shares and exact race totals', () => {
    const shares = (demo.get(2021) ?? []).map((r) => r.lowIncome / r.enrollment);
    expect(Math.min(...shares)).toBeLessThan(0.45);
    expect(shares.filter((s) => s >= 0.9).length).toBeGreaterThan(shares.length * 0.3);
    for (const rows of demo.values()) for (const r of rows) expect(r.race.reduce((a, b) => a + b, 0)).toBe(r.enrollment);
  });
});

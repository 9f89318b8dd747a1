import { describe, expect, it } from 'vitest';
import { formatFixed2, formatFte, formatMinimal, roundDollars, splitCents, toCents } from './money.ts';

describe('amount formatting', () => {
  it('writes two decimals for the older SACS layout', () => {
    expect(formatFixed2(26527960000)).toBe('265279600.00');
    expect(formatFixed2(-13423200)).toBe('-134232.00');
    expect(formatFixed2(5)).toBe('0.05');
    expect(formatFixed2(-7)).toBe('-0.07');
    expect(formatFixed2(0)).toBe('0.00');
  });

  it('writes minimal decimals like the UserGL export', () => {
    expect(formatMinimal(29642026300)).toBe('296420263');
    expect(formatMinimal(-75734902)).toBe('-757349.02');
    expect(formatMinimal(42748670)).toBe('427486.7');
    expect(formatMinimal(2)).toBe('0.02');
    expect(formatMinimal(-10)).toBe('-0.1');
    expect(formatMinimal(0)).toBe('0');
  });

  it('refuses anything that is not whole cents', () => {
    expect(() => formatFixed2(1.5)).toThrow();
    expect(() => formatMinimal(Number.MAX_SAFE_INTEGER + 2)).toThrow();
  });

  it('rounds model dollars to cents and cents to dollars', () => {
    expect(toCents(1234.565)).toBe(123457);
    expect(toCents(-0.001)).toBe(0);
    expect(Object.is(toCents(-0.001), -0)).toBe(false);
    expect(roundDollars(12350)).toBe(12400);
    expect(roundDollars(-12350)).toBe(-12400);
    expect(roundDollars(12349)).toBe(12300);
  });
});

describe('splitCents', () => {
  it('splits exactly, including negative totals and weights', () => {
    for (const total of [100, 101, 99999, -12345, 0, 7]) {
      const parts = splitCents(total, [1, 2, 3, 0.5]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      for (const p of parts) expect(Number.isInteger(p)).toBe(true);
    }
    const withNegative = splitCents(100000, [0.8, 0.25, -0.05]);
    expect(withNegative.reduce((a, b) => a + b, 0)).toBe(100000);
    expect(withNegative[2]).toBeLessThan(0);
  });
});

describe('formatFte', () => {
  it('writes up to four decimals without trailing zeros', () => {
    expect(formatFte(10000)).toBe('1');
    expect(formatFte(15000)).toBe('1.5');
    expect(formatFte(7352)).toBe('0.7352');
    expect(formatFte(120)).toBe('0.012');
  });
});

import { describe, expect, it } from 'vitest';
import { Keyed, Rng, hash53, seed32 } from './random.ts';

describe('Rng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 20 }, () => a.next());
    const ys = Array.from({ length: 20 }, () => b.next());
    expect(xs).toEqual(ys);
    expect(new Rng(43).next()).not.toBe(xs[0]);
  });

  it('stays in range and looks uniform', () => {
    const r = new Rng('uniform');
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
  });

  it('picks by weight and shuffles without losing items', () => {
    const r = new Rng(1);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 5000; i++) counts[r.weighted([['a', 0.9], ['b', 0.1]] as const)]++;
    expect(counts.a / 5000).toBeGreaterThan(0.85);
    expect(r.shuffled([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('Keyed', () => {
  it('gives the same value for the same key whatever was asked before', () => {
    const a = new Keyed(7);
    const b = new Keyed(7);
    b.unit('something else');
    expect(a.unit('school:1:li')).toBe(b.unit('school:1:li'));
    expect(a.normal('x')).toBe(b.normal('x'));
    expect(new Keyed(8).unit('school:1:li')).not.toBe(a.unit('school:1:li'));
  });

  it('produces standard normals', () => {
    const k = new Keyed(3);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = k.normal(`n${i}`);
      sum += x;
      sq += x * x;
    }
    expect(sum / 20_000).toBeCloseTo(0, 1);
    expect(Math.sqrt(sq / 20_000)).toBeCloseTo(1, 1);
  });

  it('hashes deterministically', () => {
    expect(hash53('abc')).toBe(hash53('abc'));
    expect(hash53('abc', 1)).not.toBe(hash53('abc', 2));
    expect(seed32(20260101)).toBe(seed32('20260101'));
  });
});

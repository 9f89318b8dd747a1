/**
 * Seeded pseudo-random numbers and stable keyed hashing for the sample generator.
 *
 * Two tools, both deterministic (never Math.random, never the clock):
 * - `Rng`: a sequential generator (sfc32) for things drawn once in order, like the school directory.
 * - `Keyed`: randomness addressed by a string key (`"school:6012345:2021:li"`). The same key always gives the
 *   same value whatever else was generated, so changing the year range or adding a program does not reshuffle
 *   unrelated numbers.
 */

/** cyrb53: a fast, well-mixed 53-bit string hash. */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Reduce any integer seed (or string) to a 32-bit seed. */
export function seed32(seed: number | string): number {
  return hash53(String(seed), 0x9e3779b9) >>> 0;
}

function boxMuller(u1: number, u2: number): number {
  const u = u1 <= 0 ? Number.MIN_VALUE : u1;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * u2);
}

/** Sequential seeded generator (sfc32 seeded through splitmix32). */
export class Rng {
  a: number;
  b: number;
  c: number;
  d: number;

  constructor(seed: number | string) {
    let s = seed32(seed);
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(mean = 0, sd = 1): number {
    return mean + sd * boxMuller(this.next(), this.next());
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Pick by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** An independent generator derived from this one's seed material and a label. */
  fork(label: string): Rng {
    return new Rng(`${this.a}:${this.b}:${this.c}:${this.d}:${label}`);
  }
}

/** Randomness addressed by key: same seed + key → same value, always. */
export class Keyed {
  seed: number;

  constructor(seed: number | string) {
    this.seed = seed32(seed);
  }

  /** Uniform in [0, 1). */
  unit(key: string): number {
    return hash53(key, this.seed) / 9007199254740992;
  }

  range(key: string, lo: number, hi: number): number {
    return lo + (hi - lo) * this.unit(key);
  }

  normal(key: string, mean = 0, sd = 1): number {
    return mean + sd * boxMuller(this.unit(`${key}#n1`), this.unit(`${key}#n2`));
  }

  /** exp(N(0, sd)): a positive multiplicative factor with median 1. */
  lognormal(key: string, sd: number): number {
    return Math.exp(this.normal(key, 0, sd));
  }

  chance(key: string, p: number): boolean {
    return this.unit(key) < p;
  }
}

/**
 * Money as integer cents. Every amount the generator writes is a safe integer number of cents; formatting
 * to text uses integer arithmetic only (no floating-point dollars on the way out).
 */

export function assertCents(c: number): number {
  if (!Number.isSafeInteger(c)) throw new Error(`amount is not a whole number of cents: ${c}`);
  return c;
}

/** Dollars (a model value, possibly fractional) to whole cents. Only for turning model outputs into money. */
export function toCents(dollars: number): number {
  const c = Math.round(dollars * 100);
  return c === 0 ? 0 : c; // no negative zero
}

/** Round cents to whole dollars (half away from zero). */
export function roundDollars(c: number): number {
  assertCents(c);
  const sign = c < 0 ? -1 : 1;
  const r = sign * Math.round(Math.abs(c) / 100) * 100;
  return r === 0 ? 0 : r;
}

/** `-1234.50`: always two decimals (the older SACS database layout and the allocation files). */
export function formatFixed2(c: number): string {
  assertCents(c);
  const neg = c < 0;
  const abs = Math.abs(c);
  const whole = Math.floor(abs / 100);
  const frac = abs - whole * 100;
  return `${neg ? '-' : ''}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** `296420263`, `-757349.02`, `427486.7`: as few decimals as needed (the SACS web system UserGL export). */
export function formatMinimal(c: number): string {
  assertCents(c);
  const neg = c < 0;
  const abs = Math.abs(c);
  const whole = Math.floor(abs / 100);
  const frac = abs - whole * 100;
  const sign = neg ? '-' : '';
  if (frac === 0) return `${sign}${whole}`;
  if (frac % 10 === 0) return `${sign}${whole}.${frac / 10}`;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * Split a total (cents) by weights so that the parts sum exactly to the total (largest remainder).
 * Weights may be negative (a share that reduces the total, like transfers to charters); the total may be negative.
 */
export function splitCents(total: number, weights: readonly number[]): number[] {
  assertCents(total);
  const n = weights.length;
  if (n === 0) return [];
  let sum = 0;
  for (const w of weights) sum += w;
  if (sum === 0) {
    const out = new Array<number>(n).fill(0);
    out[0] = total;
    return out;
  }
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map((x) => Math.trunc(x));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw
    .map((x, i) => ({ i, frac: x - Math.trunc(x) }))
    .sort((p, q) => (rest >= 0 ? q.frac - p.frac : p.frac - q.frac) || p.i - q.i);
  const step = rest >= 0 ? 1 : -1;
  for (let k = 0; rest !== 0; k = (k + 1) % n) {
    const slot = order[k];
    if (!slot) break;
    out[slot.i] = (out[slot.i] ?? 0) + step;
    rest -= step;
  }
  return out.map((x) => (x === 0 ? 0 : x));
}

/** Full-time equivalents are kept as integer ten-thousandths; written with up to 4 decimals. */
export function formatFte(tenThousandths: number): string {
  if (!Number.isSafeInteger(tenThousandths) || tenThousandths < 0) throw new Error(`bad FTE ${tenThousandths}`);
  const whole = Math.floor(tenThousandths / 10000);
  let frac = String(tenThousandths - whole * 10000).padStart(4, '0');
  frac = frac.replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export function fteUnits(fte: number): number {
  return Math.max(0, Math.round(fte * 10000));
}

// Arithmetic on values kept as logarithms, so products of many small probabilities and sums
// of terms of very different sizes neither underflow nor overflow.

/** ln(e^a + e^b). */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(sum e^v_i); -Infinity for an empty list. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > max) max = v;
  }
  if (max === Number.NEGATIVE_INFINITY || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp((values[i] as number) - max);
  return max + Math.log(sum);
}

/**
 * ln(1 - e^x) for x <= 0, -Infinity at x = 0. Near 0 it uses expm1 (Maechler 2012); below -ln 2
 * log1p(-e^x) is accurate (1 - e^x is then in (1/2, 1)).
 */
export function log1mExp(x: number): number {
  if (x >= 0) return Number.NEGATIVE_INFINITY;
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** ln(e^a - e^b) for a >= b; -Infinity when they are equal (or b > a through rounding). */
export function logSubExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (!(a > b)) return Number.NEGATIVE_INFINITY;
  return a + log1mExp(b - a);
}

/** A value carried as sign and ln of its magnitude. */
export interface SignedLog {
  readonly sign: -1 | 0 | 1;
  readonly log: number;
}

export const SIGNED_ZERO: SignedLog = { sign: 0, log: Number.NEGATIVE_INFINITY };

/** Sum of two signed-log values. */
export function signedLogAdd(p: SignedLog, q: SignedLog): SignedLog {
  if (p.sign === 0) return q;
  if (q.sign === 0) return p;
  if (p.sign === q.sign) return { sign: p.sign, log: logAddExp(p.log, q.log) };
  if (p.log === q.log) return SIGNED_ZERO;
  return p.log > q.log ? { sign: p.sign, log: logSubExp(p.log, q.log) } : { sign: q.sign, log: logSubExp(q.log, p.log) };
}

/** The plain number for a signed-log value (may overflow to +-Infinity or underflow to 0). */
export function signedLogValue(v: SignedLog): number {
  return v.sign === 0 ? 0 : v.sign * Math.exp(v.log);
}

/** 1 / (1 + e^u) without overflow: the probability whose log-odds against is u. */
export function logistic(u: number): number {
  if (u >= 0) {
    const e = Math.exp(-u);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(u));
}

/** Clamp into [0, 1]; NaN becomes 0 so that no probability leaks a NaN. */
export function clampProbability(p: number): number {
  if (!(p > 0)) return 0;
  return p < 1 ? p : 1;
}

/** (1 - e^(-u L)) / u, continuous at u = 0 where it equals L (L >= 0). */
export function oneMinusExpOver(u: number, L: number): number {
  const v = u * L;
  if (Math.abs(v) < 1e-10) return L * (1 - v / 2);
  return -Math.expm1(-v) / u;
}

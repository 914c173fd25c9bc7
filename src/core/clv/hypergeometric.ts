// Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1, carried in
// log space (sign and ln |value|) so that the large and tiny values met in the Pareto/NBD and
// BG/NBD likelihoods neither overflow nor underflow.
//
// Methods (Abramowitz & Stegun, ch. 15):
// - the defining series 15.1.1, summed with rescaling and a rigorous tail bound;
// - Euler's transformation 15.3.3, 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a,c-b;c;z), used whenever its
//   series has smaller parameters (e.g. 2F1(a, b; a+1; z) with a large becomes 2F1(1, ...));
// - Pfaff's transformation 15.3.5 for z < 0;
// - the 1 - z transformation 15.3.6 when z is close to 1 (the series would need ~37/(1-z) terms);
//   where c - a - b is within NEAR_INTEGER of an integer, 15.3.6 cancels catastrophically, so
//   the value is interpolated (cubic, in that offset) from four points at +-h, +-2h.

import { logGammaRatio, logGammaSigned } from './log-gamma.js';
import { type SignedLog, signedLogAdd, SIGNED_ZERO } from './log-space.js';

const RELATIVE_TOLERANCE = 2.3e-16;
const MAX_TERMS = 200_000;
const RESCALE = 1e150;
const LOG_RESCALE = Math.log(RESCALE);
/** z above which the 1 - z transformation is considered. */
const NEAR_ONE = 0.9;
/** 15.3.6 is used only while max(|a|, |b|, |c-a|, |c-b|) (1 - z) stays below this (its series then stay small). */
const TRANSFORM_SIZE = 3;
/** distance of c - a - b from an integer under which 15.3.6 is replaced by interpolation. */
const NEAR_INTEGER = 5e-4;

interface SeriesResult extends SignedLog {
  readonly converged: boolean;
}

function finish(sum: number, logScale: number, converged: boolean): SeriesResult {
  if (sum === 0) return { sign: 0, log: Number.NEGATIVE_INFINITY, converged };
  return { sign: sum > 0 ? 1 : -1, log: Math.log(Math.abs(sum)) + logScale, converged };
}

/**
 * A&S 15.1.1: sum_n (a)_n (b)_n / ((c)_n n!) z^n for 0 <= z < 1. Stops when the tail is provably
 * below RELATIVE_TOLERANCE of the sum: once every factor a+m, b+m, c+m is positive, the ratio of
 * consecutive terms is z f(m) with f(m) - 1 = (L m + K) / ((c+m)(m+1)), L = a+b-c-1, K = ab-c,
 * which bounds all later ratios.
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number, maxTerms = MAX_TERMS): SeriesResult {
  let sum = 1;
  let term = 1;
  let logScale = 0;
  let ratio = 0;
  const positiveFrom = Math.max(0, -Math.min(a, b, c));
  const L = Math.max(a + b - c - 1, 0);
  const K = Math.max(a * b - c, 0);
  const az = Math.abs(z);
  for (let n = 0; n < maxTerms; n++) {
    ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    if (term === 0) return finish(sum, logScale, true);
    sum += term;
    if (Math.abs(sum) > RESCALE || Math.abs(term) > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
    const m = n + 1;
    if (m > positiveFrom) {
      const bound = az * (1 + (L * Math.max(1, m / (c + m)) + K / (c + m)) / (m + 1));
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
        return finish(sum, logScale, true);
      }
    }
  }
  // Budget exhausted: add a geometric estimate of the tail (documented as approximate).
  const r = Math.abs(ratio);
  if (r < 1) sum += (term * r) / (1 - r);
  return finish(sum, logScale, false);
}

function signedProduct(...parts: SignedLog[]): SignedLog {
  let sign = 1;
  let log = 0;
  for (const p of parts) {
    if (p.sign === 0) return SIGNED_ZERO;
    sign *= p.sign;
    log += p.log;
  }
  return { sign: sign > 0 ? 1 : -1, log };
}

function inverse(p: SignedLog): SignedLog {
  // 1/Gamma at a pole is zero: logGammaSigned reports poles with sign 0.
  return p.sign === 0 ? SIGNED_ZERO : { sign: p.sign, log: -p.log };
}

/** Gamma(x) / Gamma(y) as a signed log; a ratio of positive arguments avoids cancelling huge log-gammas. */
function gammaQuotient(x: number, y: number): SignedLog {
  if (x > 0 && y > 0) return { sign: 1, log: logGammaRatio(y, x - y) };
  return signedProduct(logGammaSigned(x), inverse(logGammaSigned(y)));
}

/**
 * A&S 15.3.6 (c - a - b = d not an integer), w = 1 - z:
 * 2F1(a,b;c;z) = G(c)G(d)/(G(c-a)G(c-b)) 2F1(a,b;1-d;w) + w^d G(c)G(-d)/(G(a)G(b)) 2F1(c-a,c-b;1+d;w).
 * G(c) is paired with the larger denominator argument so that large parameters keep their accuracy.
 */
function oneMinusZTransform(a: number, b: number, c: number, w: number): SignedLog {
  const d = c - a - b;
  const [big1, small1] = c - a >= c - b ? [c - a, c - b] : [c - b, c - a];
  const first = signedProduct(gammaQuotient(c, big1), logGammaSigned(d), inverse(logGammaSigned(small1)), hyp2f1Series(a, b, 1 - d, w));
  const [big2, small2] = a >= b ? [a, b] : [b, a];
  const second = signedProduct(
    { sign: 1, log: d * Math.log(w) },
    gammaQuotient(c, big2),
    logGammaSigned(-d),
    inverse(logGammaSigned(small2)),
    hyp2f1Series(c - a, c - b, 1 + d, w),
  );
  return signedLogAdd(first, second);
}

/** Cubic Lagrange interpolation of signed-log values at nodes xs, evaluated at x. */
function interpolate(xs: readonly number[], ys: readonly SignedLog[], x: number): SignedLog {
  const weights = xs.map((xi, i) => {
    let wgt = 1;
    xs.forEach((xj, j) => {
      if (j !== i) wgt *= (x - xj) / (xi - xj);
    });
    return wgt;
  });
  const first = ys[0] as SignedLog;
  if (ys.every((y) => y.sign === first.sign && y.sign !== 0)) {
    let log = 0;
    ys.forEach((y, i) => (log += (weights[i] as number) * y.log));
    return { sign: first.sign, log };
  }
  const maxLog = Math.max(...ys.map((y) => (y.sign === 0 ? Number.NEGATIVE_INFINITY : y.log)));
  if (maxLog === Number.NEGATIVE_INFINITY) return SIGNED_ZERO;
  let value = 0;
  ys.forEach((y, i) => (value += (weights[i] as number) * y.sign * Math.exp(y.log - maxLog)));
  if (value === 0) return SIGNED_ZERO;
  return { sign: value > 0 ? 1 : -1, log: Math.log(Math.abs(value)) + maxLog };
}

function nearOne(a: number, b: number, c: number, w: number): SignedLog {
  const d = c - a - b;
  const offset = d - Math.round(d);
  if (Math.abs(offset) >= NEAR_INTEGER) return oneMinusZTransform(a, b, c, w);
  // 2F1 is entire in a: move a so that c - a - b sits at round(d) + node, then interpolate.
  const h = NEAR_INTEGER;
  const nodes = [-2 * h, -h, h, 2 * h];
  const values = nodes.map((node) => oneMinusZTransform(a + offset - node, b, c, w));
  return interpolate(nodes, values, offset);
}

/** 2F1 for 0 < z < 1 (w = 1 - z) with the best of the direct series, Euler's form and the 1 - z transformation. */
function unitInterval(a: number, b: number, c: number, z: number, w: number): SignedLog {
  if (z > NEAR_ONE) {
    const size = Math.max(Math.abs(a), Math.abs(b), Math.abs(c - a), Math.abs(c - b)) * w;
    if (size <= TRANSFORM_SIZE) {
      const v = nearOne(a, b, c, w);
      if (Number.isFinite(v.log) || v.sign === 0) return v;
    }
  }
  const euler = Math.abs((c - a) * (c - b)) < Math.abs(a * b);
  if (euler) {
    const s = hyp2f1Series(c - a, c - b, c, z);
    return s.sign === 0 ? SIGNED_ZERO : { sign: s.sign, log: s.log + (c - a - b) * Math.log(w) };
  }
  const s = hyp2f1Series(a, b, c, z);
  return { sign: s.sign, log: s.log };
}

/**
 * 2F1(a, b; c; z) as sign and natural log of its absolute value, for real a, b, c (c not 0, -1,
 * -2, ...) and real z < 1. Pass w = 1 - z when it is known more accurately than 1 - z can be
 * computed (z may then round to 1 while w > 0 still carries the distance to the singularity).
 * Throws RangeError outside that domain.
 */
export function hyp2f1SignedLog(a: number, b: number, c: number, z: number, w = 1 - z): SignedLog {
  if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(z))) throw new RangeError(`hyp2f1: non-finite argument (${a}, ${b}, ${c}, ${z})`);
  if (!(w > 0) || !(z <= 1)) throw new RangeError(`hyp2f1: z must be < 1, got z = ${z}, 1 - z = ${w}`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1: c must not be 0, -1, -2, ..., got ${c}`);
  if (z === 0 || a === 0 || b === 0) return { sign: 1, log: 0 };
  if (z < 0) {
    // A&S 15.3.5 (Pfaff): 2F1(a,b;c;z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)), and z/(z-1) lies in (0, 1).
    const inner = unitInterval(a, c - b, c, z / (z - 1), 1 / (1 - z));
    return inner.sign === 0 ? SIGNED_ZERO : { sign: inner.sign, log: inner.log - a * Math.log1p(-z) };
  }
  return unitInterval(a, b, c, z, w);
}

/** ln 2F1(a, b; c; z) for parameters where the value is positive (e.g. a, b, c > 0, 0 <= z < 1). */
export function logHyp2f1(a: number, b: number, c: number, z: number, w = 1 - z): number {
  const v = hyp2f1SignedLog(a, b, c, z, w);
  if (v.sign <= 0) throw new RangeError(`logHyp2f1: 2F1(${a}, ${b}; ${c}; ${z}) is not positive`);
  return v.log;
}

/** 2F1(a, b; c; z) as a plain number (may overflow for extreme arguments: prefer the log forms). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const v = hyp2f1SignedLog(a, b, c, z);
  return v.sign === 0 ? 0 : v.sign * Math.exp(v.log);
}

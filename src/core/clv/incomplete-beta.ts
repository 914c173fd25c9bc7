// Regularized incomplete beta function I_x(a, b) and its logarithm, by the continued fraction
// of DLMF 8.17.22 evaluated with the modified Lentz method, using the symmetry
// I_x(a, b) = 1 - I_(1-x)(b, a) (DLMF 8.17.4) so that the fraction is always used where it
// converges quickly, x < (a + 1) / (a + b + 2).

import { logBeta } from './log-gamma.js';
import { log1mExp } from './log-space.js';

const TINY = 1e-300;
const TOLERANCE = 1e-15;
const MAX_ITERATIONS = 10_000;

/** DLMF 8.17.22: the continued fraction 1 / (1 + d1 / (1 + d2 / (1 + ...))). */
function continuedFraction(a: number, b: number, x: number): number {
  let f = 1;
  let C = 1;
  let D = 0;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const m = Math.floor(i / 2);
    const d =
      i % 2 === 0
        ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
        : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    // modified Lentz step for 1 + d1 / (1 + d2 / (1 + ...)): b_j = 1, a_j = d_j, f_0 = 1
    D = 1 + d * D;
    if (Math.abs(D) < TINY) D = TINY;
    C = 1 + d / C;
    if (Math.abs(C) < TINY) C = TINY;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < TOLERANCE) break;
  }
  return 1 / f;
}

/** ln I_x(a, b) by the fraction, assuming x is in its good region; y = 1 - x passed exactly. */
function logDirect(a: number, b: number, x: number, y: number): number {
  return a * Math.log(x) + b * Math.log(y) - Math.log(a) - logBeta(a, b) + Math.log(continuedFraction(a, b, x));
}

/**
 * ln I_x(a, b) for a, b > 0 and 0 <= x <= 1. Pass y = 1 - x when it is known more accurately
 * than 1 - x can be computed (e.g. x = t / (alpha + t), y = alpha / (alpha + t)).
 */
export function logRegularizedIncompleteBeta(a: number, b: number, x: number, y = 1 - x): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`incomplete beta: a and b must be > 0, got ${a}, ${b}`);
  if (!(x >= 0 && y >= 0)) throw new RangeError(`incomplete beta: x must be in [0, 1], got ${x}`);
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (y === 0) return 0;
  if (x < (a + 1) / (a + b + 2)) return logDirect(a, b, x, y);
  return log1mExp(Math.min(0, logDirect(b, a, y, x)));
}

/** I_x(a, b), the regularized incomplete beta function (CDF of Beta(a, b) at x). */
export function regularizedIncompleteBeta(a: number, b: number, x: number, y = 1 - x): number {
  return Math.exp(logRegularizedIncompleteBeta(a, b, x, y));
}

// Numeric Hessian of an objective by central differences, and standard errors of maximum-
// likelihood estimates from the inverse Hessian of the negative log-likelihood (the observed
// Fisher information).

import type { Objective } from './nelder-mead.js';

/** Central-difference Hessian at x with step h (default 1e-4, about eps^(1/4)). */
export function numericHessian(f: Objective, x: ArrayLike<number>, h = 1e-4): Float64Array[] {
  const n = x.length;
  const p = Float64Array.from(x);
  const f0 = f(p);
  const at = (i: number, di: number, j: number, dj: number): number => {
    p.set(Float64Array.from(x));
    p[i] = (p[i] as number) + di;
    p[j] = (p[j] as number) + dj;
    return f(p);
  };
  const H = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const hi = H[i] as Float64Array;
    hi[i] = (at(i, h, i, 0) - 2 * f0 + at(i, -h, i, 0)) / (h * h);
    for (let j = 0; j < i; j++) {
      const v = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
      hi[j] = v;
      (H[j] as Float64Array)[i] = v;
    }
  }
  return H;
}

/** Inverse of a symmetric positive-definite matrix by Cholesky, or undefined if it is not SPD. */
export function invertSymmetricPositiveDefinite(A: readonly Float64Array[]): Float64Array[] | undefined {
  const n = A.length;
  const L = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = (A[i] as Float64Array)[j] as number;
      for (let k = 0; k < j; k++) s -= ((L[i] as Float64Array)[k] as number) * ((L[j] as Float64Array)[k] as number);
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return undefined;
        (L[i] as Float64Array)[i] = Math.sqrt(s);
      } else {
        (L[i] as Float64Array)[j] = s / ((L[j] as Float64Array)[j] as number);
      }
    }
  }
  // inverse of L by forward substitution, then A^-1 = L^-T L^-1
  const Linv = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    (Linv[i] as Float64Array)[i] = 1 / ((L[i] as Float64Array)[i] as number);
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= ((L[i] as Float64Array)[k] as number) * ((Linv[k] as Float64Array)[j] as number);
      (Linv[i] as Float64Array)[j] = s / ((L[i] as Float64Array)[i] as number);
    }
  }
  const inv = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < n; k++) s += ((Linv[k] as Float64Array)[i] as number) * ((Linv[k] as Float64Array)[j] as number);
      (inv[i] as Float64Array)[j] = s;
    }
  }
  return inv;
}

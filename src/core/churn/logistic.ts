// L2-regularised logistic regression fitted by Newton's method (IRLS; McCullagh & Nelder,
// "Generalized Linear Models", 2nd ed., section 4.4) with Armijo backtracking, over a
// column-major typed-array design matrix. The objective is the penalised mean log-loss
//   f(b0, b) = (1/W) sum_i w_i [log(1 + e^eta_i) - y_i eta_i] + (l2/2) |b|^2,  eta_i = b0 + x_i.b
// (the intercept b0 is not penalised). Rows are processed in blocks so the gradient and the
// Hessian are accumulated in one cache-friendly pass: O(n d^2) per iteration, no per-row objects.

import type { FeatureMatrix } from './features.js';
import { choleskySolve } from './linear-algebra.js';

export interface LogisticOptions {
  /** L2 penalty on the mean log-loss scale (default 1e-4); must be > 0 unless the design is full rank */
  readonly l2?: number;
  /** non-negative sample weights, one per row */
  readonly weights?: Float64Array;
  readonly maxIterations?: number;
  /** stop when the Newton decrement g'H^-1 g / 2 falls below this (default 1e-10) */
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly names: readonly string[];
  readonly coefficients: Float64Array;
  readonly intercept: number;
  /** Newton steps taken */
  readonly iterations: number;
  readonly converged: boolean;
  /** penalised mean log-loss at the solution */
  readonly objective: number;
  /** max |gradient| at the solution */
  readonly gradientNorm: number;
  readonly l2: number;
}

/** e^x / (1 + e^x) without overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const z = Math.exp(x);
  return z / (1 + z);
}

/** log(1 + e^x) without overflow (the log-sum-exp of 0 and x). */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** log(p / (1 - p)), with p clamped to [eps, 1 - eps]. */
export function logit(p: number, eps = 1e-9): number {
  const q = Math.min(1 - eps, Math.max(eps, p));
  return Math.log(q) - Math.log1p(-q);
}

const BLOCK = 2048;

/** Value of the objective; fills gradient (length d+1, intercept first) and the upper triangle of hessian ((d+1)^2) when given. */
function evaluate(
  x: readonly Float64Array[], y: Float64Array, w: Float64Array | undefined, beta: Float64Array, l2: number, totalWeight: number,
  gradient?: Float64Array, hessian?: Float64Array,
): number {
  const d = x.length;
  const m = d + 1;
  const n = y.length;
  const eta = new Float64Array(BLOCK);
  const r = new Float64Array(BLOCK);
  const h = new Float64Array(BLOCK);
  const hx = new Float64Array(BLOCK);
  gradient?.fill(0);
  hessian?.fill(0);
  let loss = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const len = Math.min(BLOCK, n - start);
    eta.fill(beta[0] as number, 0, len);
    for (let j = 0; j < d; j++) {
      const c = x[j] as Float64Array;
      const b = beta[j + 1] as number;
      if (b !== 0) for (let i = 0; i < len; i++) eta[i] = (eta[i] as number) + b * (c[start + i] as number);
    }
    let blockLoss = 0;
    for (let i = 0; i < len; i++) {
      const e = eta[i] as number;
      const yi = y[start + i] as number;
      const wi = w === undefined ? 1 : (w[start + i] as number);
      let sp: number, p: number;
      if (e >= 0) {
        const z = Math.exp(-e);
        sp = e + Math.log1p(z);
        p = 1 / (1 + z);
      } else {
        const z = Math.exp(e);
        sp = Math.log1p(z);
        p = z / (1 + z);
      }
      blockLoss += wi * (sp - yi * e);
      r[i] = wi * (p - yi);
      h[i] = wi * p * (1 - p);
    }
    loss += blockLoss;
    if (gradient !== undefined) {
      let s = 0;
      for (let i = 0; i < len; i++) s += r[i] as number;
      gradient[0] = (gradient[0] as number) + s;
      for (let j = 0; j < d; j++) {
        const c = x[j] as Float64Array;
        let t = 0;
        for (let i = 0; i < len; i++) t += (r[i] as number) * (c[start + i] as number);
        gradient[j + 1] = (gradient[j + 1] as number) + t;
      }
    }
    if (hessian !== undefined) {
      let s = 0;
      for (let i = 0; i < len; i++) s += h[i] as number;
      hessian[0] = (hessian[0] as number) + s;
      for (let j = 0; j < d; j++) {
        const cj = x[j] as Float64Array;
        let t = 0;
        for (let i = 0; i < len; i++) {
          const v = (h[i] as number) * (cj[start + i] as number);
          hx[i] = v;
          t += v;
        }
        hessian[j + 1] = (hessian[j + 1] as number) + t;
        accumulateRow(hessian, (j + 1) * m + 1, x, j, hx, start, len);
      }
    }
  }
  const inv = 1 / totalWeight;
  let penalty = 0;
  for (let j = 1; j < m; j++) penalty += (beta[j] as number) ** 2;
  if (gradient !== undefined) {
    for (let j = 0; j < m; j++) gradient[j] = (gradient[j] as number) * inv + (j > 0 ? l2 * (beta[j] as number) : 0);
  }
  if (hessian !== undefined) {
    for (let j = 0; j < m; j++) {
      for (let k = j; k < m; k++) hessian[j * m + k] = (hessian[j * m + k] as number) * inv + (j === k && j > 0 ? l2 : 0);
    }
  }
  return loss * inv + 0.5 * l2 * penalty;
}

/**
 * hessian[at + k] += sum_i hx[i] x[k][start + i] for k = j .. d-1, four columns per pass over
 * hx (register blocking: one load of hx[i] feeds four multiply-adds).
 */
function accumulateRow(hessian: Float64Array, at: number, x: readonly Float64Array[], j: number, hx: Float64Array, start: number, len: number): void {
  const d = x.length;
  let k = j;
  for (; k + 3 < d; k += 4) {
    const c0 = x[k] as Float64Array, c1 = x[k + 1] as Float64Array, c2 = x[k + 2] as Float64Array, c3 = x[k + 3] as Float64Array;
    let u0 = 0, u1 = 0, u2 = 0, u3 = 0;
    for (let i = 0; i < len; i++) {
      const v = hx[i] as number;
      const o = start + i;
      u0 += v * (c0[o] as number);
      u1 += v * (c1[o] as number);
      u2 += v * (c2[o] as number);
      u3 += v * (c3[o] as number);
    }
    hessian[at + k] = (hessian[at + k] as number) + u0;
    hessian[at + k + 1] = (hessian[at + k + 1] as number) + u1;
    hessian[at + k + 2] = (hessian[at + k + 2] as number) + u2;
    hessian[at + k + 3] = (hessian[at + k + 3] as number) + u3;
  }
  for (; k < d; k++) {
    const ck = x[k] as Float64Array;
    let u = 0;
    for (let i = 0; i < len; i++) u += (hx[i] as number) * (ck[start + i] as number);
    hessian[at + k] = (hessian[at + k] as number) + u;
  }
}

interface Prepared {
  readonly y: Float64Array;
  readonly w: Float64Array | undefined;
  readonly totalWeight: number;
  readonly meanY: number;
}

function prepare(x: FeatureMatrix, labels: ArrayLike<number>, weights: Float64Array | undefined): Prepared {
  const n = x.rows;
  if (labels.length !== n) throw new RangeError(`logistic: ${labels.length} labels for ${n} rows`);
  if (weights !== undefined && weights.length !== n) throw new RangeError(`logistic: ${weights.length} weights for ${n} rows`);
  for (let j = 0; j < x.columns.length; j++) {
    const c = x.columns[j] as Float64Array;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(c[i] as number)) throw new RangeError(`logistic: non-finite value in column ${x.names[j]} row ${i} (impute first)`);
    }
  }
  const y = new Float64Array(n);
  let totalWeight = 0, sumY = 0;
  for (let i = 0; i < n; i++) {
    const yi = labels[i] as number;
    if (!(yi >= 0 && yi <= 1)) throw new RangeError(`logistic: label ${yi} at row ${i} is not in [0, 1]`);
    const wi = weights === undefined ? 1 : (weights[i] as number);
    if (!(wi >= 0) || !Number.isFinite(wi)) throw new RangeError(`logistic: weight ${wi} at row ${i} is not a finite non-negative number`);
    y[i] = yi;
    totalWeight += wi;
    sumY += wi * yi;
  }
  if (!(totalWeight > 0)) throw new RangeError('logistic: total weight is zero');
  const meanY = sumY / totalWeight;
  if (meanY <= 0 || meanY >= 1) throw new RangeError('logistic: labels must include both classes (the intercept would be infinite)');
  return { y, w: weights, totalWeight, meanY };
}

/** Penalised mean log-loss and its gradient (intercept first), e.g. for gradient checks. */
export function logisticObjective(x: FeatureMatrix, labels: ArrayLike<number>, intercept: number, coefficients: ArrayLike<number>, options: LogisticOptions = {}): { value: number; gradient: Float64Array } {
  const p = prepare(x, labels, options.weights);
  const beta = Float64Array.from([intercept, ...Array.from(coefficients)]);
  if (beta.length !== x.columns.length + 1) throw new RangeError(`logistic: ${coefficients.length} coefficients for ${x.columns.length} columns`);
  const gradient = new Float64Array(beta.length);
  const value = evaluate(x.columns, p.y, p.w, beta, options.l2 ?? 1e-4, p.totalWeight, gradient);
  return { value, gradient };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] as number));
  return m;
}

/** Fits the model; throws RangeError for invalid input or single-class labels. */
export function fitLogistic(x: FeatureMatrix, labels: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const l2 = options.l2 ?? 1e-4;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(l2 >= 0)) throw new RangeError(`logistic: l2 must be >= 0, got ${l2}`);
  const { y, w, totalWeight, meanY } = prepare(x, labels, options.weights);
  const m = x.columns.length + 1;
  let beta = new Float64Array(m);
  beta[0] = logit(meanY);
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);
  let value = evaluate(x.columns, y, w, beta, l2, totalWeight, gradient, hessian);
  let iterations = 0;
  let converged = false;
  for (;;) {
    const step = choleskySolve(hessian, m, gradient);
    if (step === undefined) break;
    let decrement = 0;
    for (let j = 0; j < m; j++) decrement += (gradient[j] as number) * (step[j] as number);
    if (decrement / 2 <= tolerance) {
      converged = true;
      break;
    }
    if (iterations >= maxIterations) break;
    // Armijo backtracking (Nocedal & Wright, "Numerical Optimization", algorithm 3.1); the full
    // step is evaluated with gradient and Hessian at once, as it is almost always accepted
    let t = 1;
    let accepted = false;
    const candidate = new Float64Array(m);
    while (t > 1e-10) {
      for (let j = 0; j < m; j++) candidate[j] = (beta[j] as number) - t * (step[j] as number);
      const full = t === 1;
      const g = full ? new Float64Array(m) : undefined;
      const hs = full ? new Float64Array(m * m) : undefined;
      const v = evaluate(x.columns, y, w, candidate, l2, totalWeight, g, hs);
      if (v <= value - 1e-4 * t * decrement) {
        beta = candidate;
        value = full ? v : evaluate(x.columns, y, w, beta, l2, totalWeight, gradient, hessian);
        if (g !== undefined && hs !== undefined) {
          gradient.set(g);
          hessian.set(hs);
        }
        accepted = true;
        break;
      }
      t /= 2;
    }
    iterations++;
    if (!accepted) {
      // no decrease possible at double precision: at the optimum up to rounding, or stuck
      converged = maxAbs(gradient) <= 1e-8;
      break;
    }
  }
  return {
    names: x.names, coefficients: beta.slice(1), intercept: beta[0] as number, iterations, converged,
    objective: value, gradientNorm: maxAbs(gradient), l2,
  };
}

/** eta = intercept + x.b per row; the matrix columns must match the fit's names in order. */
export function linearPredictor(fit: LogisticFit, x: FeatureMatrix): Float64Array {
  if (x.names.length !== fit.names.length || x.names.some((n, j) => n !== fit.names[j])) {
    throw new RangeError(`logistic: matrix columns [${x.names.join(', ')}] do not match the fit [${fit.names.join(', ')}]`);
  }
  const eta = new Float64Array(x.rows).fill(fit.intercept);
  for (let j = 0; j < x.columns.length; j++) {
    const c = x.columns[j] as Float64Array;
    const b = fit.coefficients[j] as number;
    for (let i = 0; i < x.rows; i++) eta[i] = (eta[i] as number) + b * (c[i] as number);
  }
  return eta;
}

/** P(y = 1) per row. */
export function predictLogistic(fit: LogisticFit, x: FeatureMatrix): Float64Array {
  const eta = linearPredictor(fit, x);
  for (let i = 0; i < eta.length; i++) eta[i] = sigmoid(eta[i] as number);
  return eta;
}

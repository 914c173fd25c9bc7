// L2-regularised logistic regression fitted by Newton's method (IRLS; McCullagh & Nelder,
// "Generalized Linear Models", 2nd ed., section 4.4) with Armijo backtracking, over a
// column-major typed-array design matrix. The objective is the penalised mean log-loss
//   f(b0, b) = (1/W) sum_i w_i [log(1 + e^eta_i) - y_i eta_i] + (l2/2) |b|^2,  eta_i = b0 + x_i.b
// (the intercept b0 is not penalised). Each iteration is one blocked pass over the rows
// (logistic-kernel.ts): O(n d^2), no per-row objects.

import type { FeatureMatrix } from './features.js';
import { choleskySolve } from './linear-algebra.js';
import { evaluateObjective } from './logistic-kernel.js';

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
  const value = evaluateObjective(x.columns, p.y, p.w, beta, options.l2 ?? 1e-4, p.totalWeight, gradient);
  return { value, gradient };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] as number));
  return m;
}

/** Rows above which Newton starts from the fit of every k-th row: the loss is convex, so the
 * optimum is the same, reached in two or three passes over all rows instead of six or seven. */
const WARM_START_ROWS = 100_000;
const WARM_START_SAMPLE = 20_000;

function subsampleStart(x: FeatureMatrix, labels: ArrayLike<number>, options: LogisticOptions, fallback: Float64Array): Float64Array {
  const step = Math.floor(x.rows / WARM_START_SAMPLE);
  const rows = Math.ceil(x.rows / step);
  const pick = (c: ArrayLike<number>) => Float64Array.from({ length: rows }, (_, k) => c[k * step] as number);
  try {
    const { weights, ...rest } = options;
    const fit = fitLogistic({ names: x.names, columns: x.columns.map(pick), rows }, pick(labels), { ...rest, tolerance: 1e-6, ...(weights ? { weights: pick(weights) } : {}) });
    return Float64Array.from([fit.intercept, ...fit.coefficients]);
  } catch {
    return fallback; // e.g. the sample holds one class only: start from the intercept alone
  }
}

/** Fits the model; throws RangeError for invalid input or single-class labels. */
export function fitLogistic(x: FeatureMatrix, labels: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
  const l2 = options.l2 ?? 1e-4;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(l2 >= 0)) throw new RangeError(`logistic: l2 must be >= 0, got ${l2}`);
  const { y, w, totalWeight, meanY } = prepare(x, labels, options.weights);
  const m = x.columns.length + 1;
  let beta: Float64Array = new Float64Array(m);
  beta[0] = logit(meanY);
  if (x.rows > WARM_START_ROWS) beta = subsampleStart(x, labels, options, beta);
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);
  let value = evaluateObjective(x.columns, y, w, beta, l2, totalWeight, gradient, hessian);
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
      const v = evaluateObjective(x.columns, y, w, candidate, l2, totalWeight, g, hs);
      if (v <= value - 1e-4 * t * decrement) {
        beta = candidate;
        value = full ? v : evaluateObjective(x.columns, y, w, beta, l2, totalWeight, gradient, hessian);
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

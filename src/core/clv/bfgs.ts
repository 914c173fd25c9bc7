// Quasi-Newton BFGS minimiser (Nocedal & Wright 2006, algorithm 6.1) with the exact gradient
// when the model provides one, central differences otherwise, and a backtracking Armijo line search. Used to polish a Nelder–Mead optimum: near the
// minimum it converges in a few iterations where the simplex would crawl.

import type { MinimizeResult, Objective } from './nelder-mead.js';

export interface BfgsOptions {
  readonly maxIterations?: number;
  /** stop when the infinity norm of the gradient falls below this (default 1e-6) */
  readonly gradientTolerance?: number;
  /** central-difference step (default 1e-6) */
  readonly differenceStep?: number;
  /** largest step in any coordinate per iteration (default 2: a factor e^2 in log-parameter space) */
  readonly maxStep?: number;
  /** the exact gradient at x into `out`, when known: one pass instead of 2n objective evaluations */
  readonly gradient?: (x: Float64Array, out: Float64Array) => void;
  /** the inverse Hessian at x0 when known (e.g. from differences of the exact gradient): the first
   * steps are then Newton steps instead of guesses at the objective's scale */
  readonly inverseHessian?: readonly Float64Array[];
}

export function numericGradient(f: Objective, x: Float64Array, h: number, out: Float64Array): number {
  let evaluations = 0;
  const p = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    p[i] = xi + h;
    const up = f(p);
    p[i] = xi - h;
    const down = f(p);
    p[i] = xi;
    out[i] = (up - down) / (2 * h);
    evaluations += 2;
  }
  return evaluations;
}

export function bfgs(f: Objective, x0: ArrayLike<number>, options: BfgsOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 100;
  const gTol = options.gradientTolerance ?? 1e-6;
  const h = options.differenceStep ?? 1e-6;
  const maxStep = options.maxStep ?? 2;
  let x = Float64Array.from(x0);
  let fx = f(x);
  let evaluations = 1;
  const g = new Float64Array(n);
  const gradientAt = (at: Float64Array, out: Float64Array): number => {
    if (!options.gradient) return numericGradient(f, at, h, out);
    options.gradient(at, out);
    return 1;
  };
  evaluations += gradientAt(x, g);
  // inverse Hessian approximation, starts as the identity
  const H0 = options.inverseHessian;
  const H = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (H0 ? (H0[i]?.[j] as number) : i === j ? 1 : 0)));
  let converged = false;
  // Whether H has been scaled to the objective's curvature (see the update below).
  let scaled = H0 !== undefined;
  if (!Number.isFinite(fx)) return { x, value: fx, evaluations, converged };
  const row = (i: number): Float64Array => H[i] as Float64Array;
  for (let iter = 0; iter < maxIterations; iter++) {
    let gNorm = 0;
    for (let i = 0; i < n; i++) gNorm = Math.max(gNorm, Math.abs(g[i] as number));
    if (gNorm < gTol) {
      converged = true;
      break;
    }
    const d = new Float64Array(n);
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= (row(i)[j] as number) * (g[j] as number);
      d[i] = s;
      slope += s * (g[i] as number);
    }
    if (!(slope < 0)) {
      // not a descent direction: reset to steepest descent
      for (let i = 0; i < n; i++) {
        row(i).fill(0);
        row(i)[i] = 1;
        d[i] = -(g[i] as number);
      }
      scaled = false;
      slope = -d.reduce((s, v) => s + v * v, 0);
    }
    // A trust cap: the first steps (identity inverse Hessian) scale with the gradient, which is
    // huge for a large data set, and would jump to absurd parameters.
    let dMax = 0;
    for (let i = 0; i < n; i++) dMax = Math.max(dMax, Math.abs(d[i] as number));
    let t = dMax > maxStep ? maxStep / dMax : 1;
    let xNew = x;
    let fNew = fx;
    let accepted = false;
    for (let k = 0; k < 40; k++) {
      xNew = x.map((xi, i) => xi + t * (d[i] as number));
      fNew = f(xNew);
      evaluations += 1;
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break;
    const gNew = new Float64Array(n);
    evaluations += gradientAt(xNew, gNew);
    const s = xNew.map((v, i) => v - (x[i] as number));
    const y = gNew.map((v, i) => v - (g[i] as number));
    const sy = s.reduce((acc, v, i) => acc + v * (y[i] as number), 0);
    if (sy > 1e-12) {
      if (!scaled) {
        // Before the first update, H = (s'y / y'y) I (Nocedal & Wright 2006, eq. 6.20): the
        // identity knows nothing of the objective's scale (a log-likelihood summed over a million
        // customers), and every later step would need many halvings to find a sensible length.
        const yy = y.reduce((acc, v) => acc + v * v, 0);
        for (let i = 0; i < n; i++) {
          row(i).fill(0);
          row(i)[i] = sy / yy;
        }
        scaled = true;
      }
      // H <- (I - rho s y') H (I - rho y s') + rho s s'
      const rho = 1 / sy;
      const Hy = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Hy[i] = (Hy[i] as number) + (row(i)[j] as number) * (y[j] as number);
      const yHy = y.reduce((acc, v, i) => acc + v * (Hy[i] as number), 0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          row(i)[j] =
            (row(i)[j] as number) -
            rho * ((Hy[i] as number) * (s[j] as number) + (s[i] as number) * (Hy[j] as number)) +
            (rho * rho * yHy + rho) * (s[i] as number) * (s[j] as number);
        }
      }
    }
    const improvement = fx - fNew;
    x = xNew;
    fx = fNew;
    g.set(gNew);
    if (improvement >= 0 && improvement < 1e-14 * Math.max(1, Math.abs(fx))) {
      converged = true;
      break;
    }
  }
  return { x, value: fx, evaluations, converged };
}

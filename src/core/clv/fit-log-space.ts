// Maximum-likelihood fitting shared by all models: minimise the negative log-likelihood over
// log-parameters (so every parameter stays positive) from several starting points with
// Nelder–Mead (loose tolerance), polish the best with BFGS (falling back to a restarted simplex),
// and optionally report standard
// errors from the numeric Hessian (delta method: se(theta_i) = theta_i se(log theta_i)).

import { bfgs } from './bfgs.js';
import { invertSymmetricPositiveDefinite, numericHessian } from './hessian.js';
import { type MinimizeResult, nelderMead, type Objective } from './nelder-mead.js';
import { failure, type Outcome, success } from './result.js';

export interface FitOptions {
  /** extra starting points (parameter values, not logs) tried besides the model's defaults */
  readonly starts?: readonly (readonly number[])[];
  /** objective-evaluation budget of each Nelder–Mead run (default 3000) */
  readonly maxEvaluations?: number;
  /** compute standard errors from the numeric Hessian (default false) */
  readonly standardErrors?: boolean;
  /**
   * a point (parameter values) already close to the optimum, e.g. a fit on a subsample: the
   * multi-start simplex search is skipped and only the local polish runs from here.
   */
  readonly warmStart?: readonly number[];
}

export type StandardErrorFailure = 'hessian-not-positive-definite';

export interface LogSpaceFit {
  /** the fitted parameters in the model's order */
  readonly values: Float64Array;
  /** maximised log-likelihood (sum over customers, weights applied) */
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly evaluations: number;
  readonly standardErrors?: Outcome<Float64Array, StandardErrorFailure>;
}

/**
 * Minimise negLogLik(theta) over theta = exp(u). negLogLik receives parameter values (not logs).
 */
export function fitInLogSpace(
  negLogLik: (theta: Float64Array) => number,
  defaultStarts: readonly (readonly number[])[],
  options: FitOptions = {},
  /** d negLogLik / d theta into `out`, when the model has it in closed form */
  negLogLikGradient?: (theta: Float64Array, out: Float64Array) => void,
): LogSpaceFit {
  const starts = [...defaultStarts, ...(options.starts ?? [])];
  const theta = new Float64Array(starts[0]?.length ?? 0);
  const objective: Objective = (u) => {
    for (let i = 0; i < u.length; i++) theta[i] = Math.exp(u[i] as number);
    return negLogLik(theta);
  };
  const toLog = (p: readonly number[]): Float64Array => Float64Array.from(p, (v) => Math.log(v));
  let evaluations = 0;
  const coarse = { maxEvaluations: options.maxEvaluations ?? 3000, xTolerance: 1e-2, fTolerance: 1e-3 };
  let best: MinimizeResult | undefined;
  if (options.warmStart) {
    const x = toLog(options.warmStart);
    best = { x, value: objective(x), evaluations: 1, converged: false };
    evaluations += 1;
  } else {
    for (const start of starts) {
      const run = nelderMead(objective, toLog(start), coarse);
      evaluations += run.evaluations;
      if (!best || run.value < best.value) best = run;
    }
  }
  if (!best) throw new RangeError('fitInLogSpace: no starting point');
  // Polish the best start with BFGS (gradient tolerance relative to the objective's size) ...
  const gradientTolerance = 1e-9 * (1 + Math.abs(best.value));
  let final = best;
  let converged = false;
  // In log space dF/du_i = theta_i dF/dtheta_i.
  const gradTheta = new Float64Array(theta.length);
  const gradient = negLogLikGradient
    ? (u: Float64Array, out: Float64Array): void => {
        for (let i = 0; i < u.length; i++) theta[i] = Math.exp(u[i] as number);
        negLogLikGradient(theta, gradTheta);
        for (let i = 0; i < u.length; i++) out[i] = (theta[i] as number) * (gradTheta[i] as number);
      }
    : undefined;
  // From a warm start (a point already near the optimum), the exact curvature there makes the
  // polish a few Newton steps; 2n gradient passes buy it (1M demo's BG/NBD: 39 evaluations
  // before, 12 plus the 8 passes now).
  const inverseHessian = options.warmStart && gradient ? inverseHessianAt(gradient, best.x) : undefined;
  const polished = bfgs(objective, best.x, { maxIterations: 100, gradientTolerance, ...(gradient ? { gradient } : {}), ...(inverseHessian ? { inverseHessian } : {}) });
  evaluations += polished.evaluations;
  if (polished.value <= final.value) {
    final = polished;
    converged = polished.converged;
  }
  if (!converged) {
    // ... and if that stalls, a small restarted simplex (robust where the surface is not smooth).
    const refined = nelderMead(objective, final.x, { maxEvaluations: coarse.maxEvaluations, initialStep: 0.05, xTolerance: 1e-7, fTolerance: 1e-10 });
    evaluations += refined.evaluations;
    if (refined.value <= final.value) final = refined;
    converged = refined.converged;
  }
  const values = Float64Array.from(final.x, (v) => Math.exp(v));
  const fit: LogSpaceFit = {
    values,
    logLikelihood: -final.value,
    converged,
    evaluations,
  };
  if (!options.standardErrors) return fit;
  return { ...fit, standardErrors: standardErrorsAt(objective, final.x) };
}

/** The inverse of the Hessian at u from central differences of the exact gradient, or undefined when it is not positive definite there. */
function inverseHessianAt(gradient: (u: Float64Array, out: Float64Array) => void, u: Float64Array, h = 1e-4): Float64Array[] | undefined {
  const n = u.length;
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const at = Float64Array.from(u);
  const H = Array.from({ length: n }, () => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    at[j] = (u[j] as number) + h;
    gradient(at, up);
    at[j] = (u[j] as number) - h;
    gradient(at, down);
    at[j] = u[j] as number;
    for (let i = 0; i < n; i++) (H[i] as Float64Array)[j] = ((up[i] as number) - (down[i] as number)) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = ((H[i] as Float64Array)[j] as number + ((H[j] as Float64Array)[i] as number)) / 2;
      (H[i] as Float64Array)[j] = m;
      (H[j] as Float64Array)[i] = m;
    }
  }
  const inv = invertSymmetricPositiveDefinite(H);
  return inv && inv.every((row) => row.every(Number.isFinite)) ? inv : undefined;
}

function standardErrorsAt(objective: Objective, u: Float64Array): Outcome<Float64Array, StandardErrorFailure> {
  const cov = invertSymmetricPositiveDefinite(numericHessian(objective, u));
  if (!cov) {
    return failure('hessian-not-positive-definite', 'the Hessian of the negative log-likelihood is not positive definite at the optimum: the parameters are not identified by the data');
  }
  const se = Float64Array.from(u, (ui, i) => Math.exp(ui) * Math.sqrt(Math.max(0, (cov[i] as Float64Array)[i] as number)));
  if (!se.every(Number.isFinite)) {
    return failure('hessian-not-positive-definite', 'standard errors are not finite at the optimum');
  }
  return success(se);
}

// Nelder–Mead simplex minimiser (Nelder & Mead 1965) with the dimension-adaptive coefficients of
// Gao & Han (2012): reflection 1, expansion 1 + 2/n, contraction 3/4 - 1/(2n), shrink 1 - 1/n.
// Non-finite objective values are treated as +Infinity, so the simplex walks away from them.

export type Objective = (x: Float64Array) => number;

export interface MinimizeOptions {
  /** stop after this many objective evaluations (default 4000) */
  readonly maxEvaluations?: number;
  /** simplex size (max |x_i - best_i|) under which it has converged (default 1e-8) */
  readonly xTolerance?: number;
  /** spread of objective values under which it has converged (default 1e-10, absolute) */
  readonly fTolerance?: number;
  /** initial simplex edge per coordinate (default 0.5: a factor e^0.5 in log-parameter space) */
  readonly initialStep?: number;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

function safe(f: Objective, x: Float64Array): number {
  const v = f(x);
  return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
}

export function nelderMead(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxEvaluations = options.maxEvaluations ?? 4000;
  const xTol = options.xTolerance ?? 1e-8;
  const fTol = options.fTolerance ?? 1e-10;
  const step = options.initialStep ?? 0.5;
  const rho = 1;
  const chi = 1 + 2 / n;
  const psi = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;

  const points: Float64Array[] = [];
  const values: number[] = [];
  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations += 1;
    return safe(f, x);
  };
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] = (p[i - 1] as number) + step;
    points.push(p);
    values.push(evaluate(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, coefficient: number): Float64Array => {
    const p = new Float64Array(n);
    for (let j = 0; j < n; j++) p[j] = (centroid[j] as number) + coefficient * ((centroid[j] as number) - (from[j] as number));
    return p;
  };

  let converged = false;
  while (evaluations < maxEvaluations) {
    order.sort((i, j) => (values[i] as number) - (values[j] as number));
    const best = order[0] as number;
    const worst = order[n] as number;
    const bestValue = values[best] as number;
    const worstValue = values[worst] as number;
    let size = 0;
    const bp = points[best] as Float64Array;
    for (const i of order) {
      const p = points[i] as Float64Array;
      for (let j = 0; j < n; j++) size = Math.max(size, Math.abs((p[j] as number) - (bp[j] as number)));
    }
    if (size <= xTol && worstValue - bestValue <= fTol) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k] as number] as Float64Array;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (p[j] as number) / n;
    }
    const worstPoint = points[worst] as Float64Array;
    const secondWorstValue = values[order[n - 1] as number] as number;
    const reflected = trial(worstPoint, rho);
    const fr = evaluate(reflected);
    if (fr < bestValue) {
      const expanded = trial(worstPoint, rho * chi);
      const fe = evaluate(expanded);
      if (fe < fr) {
        points[worst] = expanded;
        values[worst] = fe;
      } else {
        points[worst] = reflected;
        values[worst] = fr;
      }
      continue;
    }
    if (fr < secondWorstValue) {
      points[worst] = reflected;
      values[worst] = fr;
      continue;
    }
    // contraction: outside if the reflection improved on the worst point, inside otherwise
    const outside = fr < worstValue;
    const contracted = trial(worstPoint, outside ? rho * psi : -psi);
    const fc = evaluate(contracted);
    if (fc < (outside ? fr : worstValue)) {
      points[worst] = contracted;
      values[worst] = fc;
      continue;
    }
    // shrink towards the best point
    for (let k = 1; k <= n; k++) {
      const i = order[k] as number;
      const p = points[i] as Float64Array;
      for (let j = 0; j < n; j++) p[j] = (bp[j] as number) + sigma * ((p[j] as number) - (bp[j] as number));
      values[i] = evaluate(p);
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if ((values[i] as number) < (values[best] as number)) best = i;
  return { x: Float64Array.from(points[best] as Float64Array), value: values[best] as number, evaluations, converged };
}

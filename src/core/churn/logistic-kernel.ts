// The inner loop of the logistic regression: one pass over the rows computing the penalised mean
// log-loss, its gradient and its Hessian, with softplus and sigmoid evaluated stably (the
// log-sum-exp of 0 and eta, split by the sign of eta).

const BLOCK = 2048;

/**
 * Value of the penalised mean log-loss at beta (intercept first); fills the gradient (length
 * d+1) and the upper triangle of the Hessian ((d+1)^2, row-major) when given. Rows are taken in
 * blocks of BLOCK so the block's columns stay in cache while all the sums are accumulated.
 */
export function evaluateObjective(
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
    linearBlock(eta, x, beta, start, len);
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
      accumulateRow(gradient, 1, x, 0, r, start, len);
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

/** eta[i] = b0 + sum_j b_j x[j][start + i] for i < len, four columns per pass over eta. */
function linearBlock(eta: Float64Array, x: readonly Float64Array[], beta: Float64Array, start: number, len: number): void {
  const d = x.length;
  eta.fill(beta[0] as number, 0, len);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const c0 = x[j] as Float64Array, c1 = x[j + 1] as Float64Array, c2 = x[j + 2] as Float64Array, c3 = x[j + 3] as Float64Array;
    const b0 = beta[j + 1] as number, b1 = beta[j + 2] as number, b2 = beta[j + 3] as number, b3 = beta[j + 4] as number;
    for (let i = 0; i < len; i++) {
      const o = start + i;
      eta[i] = (eta[i] as number) + b0 * (c0[o] as number) + b1 * (c1[o] as number) + b2 * (c2[o] as number) + b3 * (c3[o] as number);
    }
  }
  for (; j < d; j++) {
    const c = x[j] as Float64Array;
    const b = beta[j + 1] as number;
    for (let i = 0; i < len; i++) eta[i] = (eta[i] as number) + b * (c[start + i] as number);
  }
}

/**
 * out[at + k] += sum_i v[i] x[k][start + i] for k = j .. d-1, four columns per pass over v
 * (register blocking: one load of v[i] feeds four multiply-adds).
 */
function accumulateRow(out: Float64Array, at: number, x: readonly Float64Array[], j: number, v: Float64Array, start: number, len: number): void {
  const d = x.length;
  let k = j;
  for (; k + 3 < d; k += 4) {
    const c0 = x[k] as Float64Array, c1 = x[k + 1] as Float64Array, c2 = x[k + 2] as Float64Array, c3 = x[k + 3] as Float64Array;
    let u0 = 0, u1 = 0, u2 = 0, u3 = 0;
    for (let i = 0; i < len; i++) {
      const w = v[i] as number;
      const o = start + i;
      u0 += w * (c0[o] as number);
      u1 += w * (c1[o] as number);
      u2 += w * (c2[o] as number);
      u3 += w * (c3[o] as number);
    }
    out[at + k] = (out[at + k] as number) + u0;
    out[at + k + 1] = (out[at + k + 1] as number) + u1;
    out[at + k + 2] = (out[at + k + 2] as number) + u2;
    out[at + k + 3] = (out[at + k + 3] as number) + u3;
  }
  for (; k < d; k++) {
    const ck = x[k] as Float64Array;
    let u = 0;
    for (let i = 0; i < len; i++) u += (v[i] as number) * (ck[start + i] as number);
    out[at + k] = (out[at + k] as number) + u;
  }
}

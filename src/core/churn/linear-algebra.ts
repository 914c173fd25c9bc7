// Small dense linear algebra for Newton steps: a Cholesky solve of a symmetric positive-definite
// system (Golub & Van Loan, "Matrix Computations", 4th ed., algorithm 4.2.1), with a diagonal
// jitter retry for matrices that are only semi-definite through rounding.

/**
 * Solves A x = b for symmetric positive-definite A (m x m, row-major; only the upper triangle,
 * j >= i, is read). Returns undefined when A is not positive definite even after adding
 * jitter = 1e-12, 1e-10, ... 1e-6 times (1 + max diagonal) to the diagonal.
 */
export function choleskySolve(a: Float64Array, m: number, b: Float64Array): Float64Array | undefined {
  if (a.length !== m * m || b.length !== m) throw new RangeError(`choleskySolve: expected a ${m}x${m} matrix and a length-${m} vector`);
  let maxDiagonal = 0;
  for (let i = 0; i < m; i++) maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i * m + i] as number));
  for (const jitter of [0, 1e-12, 1e-10, 1e-8, 1e-6]) {
    const l = factor(a, m, jitter * (1 + maxDiagonal));
    if (l !== undefined) return substitute(l, m, b);
  }
  return undefined;
}

/** Lower Cholesky factor L (row-major) with L L^T = A + jitter I, or undefined. */
function factor(a: Float64Array, m: number, jitter: number): Float64Array | undefined {
  const l = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let d = (a[j * m + j] as number) + jitter;
    for (let k = 0; k < j; k++) d -= (l[j * m + k] as number) ** 2;
    if (!(d > 0) || !Number.isFinite(d)) return undefined;
    const ljj = Math.sqrt(d);
    l[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      // A[i][j] for i > j is read from the upper triangle, A[j][i]
      let s = a[j * m + i] as number;
      for (let k = 0; k < j; k++) s -= (l[i * m + k] as number) * (l[j * m + k] as number);
      l[i * m + j] = s / ljj;
    }
  }
  return l;
}

/** x from L L^T x = b: forward then back substitution. */
function substitute(l: Float64Array, m: number, b: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * m + k] as number) * (y[k] as number);
    y[i] = s / (l[i * m + i] as number);
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < m; k++) s -= (l[k * m + i] as number) * (x[k] as number);
    x[i] = s / (l[i * m + i] as number);
  }
  return x;
}

// Tanh-sinh (double-exponential) quadrature on (0, 1) (Takahasi & Mori 1974). It converges
// quickly even with integrable power singularities at both ends, which is why it is the
// fallback for expectations over a beta-distributed dropout probability.
//
// Substitution x = 1 / (1 + exp(-pi sinh u)), so dx/du = pi cosh(u) x (1 - x). Callers give the
// integrand already multiplied by x (1 - x) and receive both x and 1 - x computed without
// cancellation, so singular factors x^(a-1) (1-x)^(b-1) become the bounded x^a (1-x)^b.

const U_MAX = 6.5; // beyond this x or 1 - x underflows to 0 in double precision
const MAX_LEVEL = 8;
const TOLERANCE = 1e-12;

/**
 * integral over (0, 1) of g(x, 1 - x) / (x (1 - x)) dx, where g is the integrand times x (1 - x).
 */
export function integrateUnitInterval(g: (x: number, oneMinusX: number) => number): number {
  const node = (u: number): number => {
    const v = Math.PI * Math.sinh(u);
    const x = 1 / (1 + Math.exp(-v));
    const y = 1 / (1 + Math.exp(v));
    if (x === 0 || y === 0) return 0;
    const value = g(x, y);
    return Number.isFinite(value) ? Math.PI * Math.cosh(u) * value : 0;
  };
  let h = 0.5;
  let sum = node(0);
  for (let k = 1; k * h <= U_MAX; k++) sum += node(k * h) + node(-k * h);
  let estimate = sum * h;
  for (let level = 1; level <= MAX_LEVEL; level++) {
    h /= 2;
    // add the midpoints of the previous grid
    for (let k = 1; k * h <= U_MAX; k += 2) sum += node(k * h) + node(-k * h);
    const next = sum * h;
    if (Math.abs(next - estimate) <= TOLERANCE * Math.abs(next)) return next;
    estimate = next;
  }
  return estimate;
}

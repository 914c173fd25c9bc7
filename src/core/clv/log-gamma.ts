// Log-gamma, log-beta and signed log-gamma for real arguments.
//
// For x >= 10 we use the Stirling series (Abramowitz & Stegun 6.1.40); smaller positive x are
// shifted up with the recurrence Gamma(x + 1) = x Gamma(x) (A&S 6.1.15), and negative x use the
// reflection formula Gamma(x) Gamma(1 - x) = pi / sin(pi x) (A&S 6.1.17). Absolute error is a
// few 1e-15 for moderate x, which is what log-likelihood sums need.

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const STIRLING_SHIFT = 10;

/** The correction sum B_2k / (2k (2k - 1) z^(2k-1)) of the Stirling series, z >= 10. */
function stirlingCorrection(z: number): number {
  const z2 = 1 / (z * z);
  return (
    (1 / 12 +
      z2 *
        (-1 / 360 +
          z2 * (1 / 1260 + z2 * (-1 / 1680 + z2 * (1 / 1188 + z2 * (-691 / 360360 + z2 * (1 / 156))))))) /
    z
  );
}

/** A&S 6.1.40: ln Gamma(z) ~ (z - 1/2) ln z - z + ln(2 pi)/2 + sum B_2k / (2k (2k - 1) z^(2k-1)). */
function stirling(z: number): number {
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + stirlingCorrection(z);
}

/** ln Gamma(x) for x > 0. Returns Infinity at 0 and NaN for negative or NaN input (use logGammaSigned). */
export function logGamma(x: number): number {
  if (!(x >= 0)) return Number.NaN;
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x >= STIRLING_SHIFT) return stirling(x);
  // Gamma(x) = Gamma(x + n) / (x (x + 1) ... (x + n - 1)), with x + n >= 10.
  let product = 1;
  let z = x;
  while (z < STIRLING_SHIFT) {
    product *= z;
    z += 1;
  }
  return stirling(z) - Math.log(product);
}

/** sin(pi x) with exact zeros at integers and no loss of accuracy for large |x|. */
export function sinPi(x: number): number {
  const r = x - 2 * Math.floor(x / 2); // in [0, 2)
  if (r === 0 || r === 1) return 0;
  if (r === 0.5) return 1;
  if (r === 1.5) return -1;
  return r < 1 ? Math.sin(Math.PI * (r <= 0.5 ? r : 1 - r)) : -Math.sin(Math.PI * (r <= 1.5 ? r - 1 : 2 - r));
}

export interface SignedLogValue {
  /** sign of the value: -1, 0 (the value is zero) or 1 */
  readonly sign: -1 | 0 | 1;
  /** ln |value|; -Infinity when sign is 0 */
  readonly log: number;
}

/**
 * ln |Gamma(x)| and the sign of Gamma(x) for any real x. At the poles (0, -1, -2, ...) the
 * result is { sign: 0, log: Infinity }: callers that need 1/Gamma should treat it as zero.
 */
export function logGammaSigned(x: number): SignedLogValue {
  if (x > 0) return { sign: 1, log: logGamma(x) };
  if (Number.isNaN(x)) return { sign: 0, log: Number.NaN };
  if (Number.isInteger(x)) return { sign: 0, log: Number.POSITIVE_INFINITY };
  // A&S 6.1.17: Gamma(x) = pi / (sin(pi x) Gamma(1 - x)), and Gamma(1 - x) > 0 here.
  const s = sinPi(x);
  return { sign: s > 0 ? 1 : -1, log: Math.log(Math.PI) - Math.log(Math.abs(s)) - logGamma(1 - x) };
}

/**
 * ln(Gamma(x + d) / Gamma(x)) for x > 0, x + d > 0, without the cancellation of subtracting two
 * large log-gammas: both arguments are shifted to >= 10 with the recurrence, then the Stirling
 * series is differenced term by term, (x+d-1/2) ln(x+d) - (x-1/2) ln x = (x-1/2) log1p(d/x) + d ln(x+d).
 */
export function logGammaRatio(x: number, d: number): number {
  if (d === 0) return 0;
  if (!(x > 0) || !(x + d > 0)) return Number.NaN;
  let lo = Math.min(x, x + d);
  let shift = 0; // ln(x (x+1) ... ) - ln((x+d)(x+d+1) ... ) over the shifted steps
  let px = 1;
  let pxd = 1;
  let z = x;
  while (lo < STIRLING_SHIFT) {
    px *= z;
    pxd *= z + d;
    z += 1;
    lo += 1;
    if (px > 1e280 || pxd > 1e280 || px < 1e-280 || pxd < 1e-280) {
      shift += Math.log(px) - Math.log(pxd);
      px = 1;
      pxd = 1;
    }
  }
  shift += Math.log(px) - Math.log(pxd);
  const zd = z + d;
  return (z - 0.5) * Math.log1p(d / z) + d * Math.log(zd) - d + stirlingCorrection(zd) - stirlingCorrection(z) + shift;
}

/** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b), a, b > 0, accurate when one is huge. */
export function logBeta(a: number, b: number): number {
  return a < b ? logGamma(a) - logGammaRatio(b, a) : logGamma(b) - logGammaRatio(a, b);
}

/** ln(B(a + da, b + db) / B(a, b)) for a, b > 0 and da, db >= 0, as three gamma ratios (stable for huge a, b). */
export function logBetaRatio(a: number, b: number, da: number, db: number): number {
  return logGammaRatio(a, da) + logGammaRatio(b, db) - logGammaRatio(a + b, da + db);
}

/** The digamma function psi(y) = d/dy ln Gamma(y), y > 0: recurrence up to 10, then the asymptotic series (error < 1e-13). */
export function digamma(y: number): number {
  let shift = 0;
  let z = y;
  while (z < 10) {
    shift -= 1 / z;
    z += 1;
  }
  const inv2 = 1 / (z * z);
  // psi(z) ~ ln z - 1/(2z) - 1/(12z^2) + 1/(120z^4) - 1/(252z^6) + 1/(240z^8) - 1/(132z^10)
  return shift + Math.log(z) - 0.5 / z - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
}

/** d/dy ln(Gamma(y + d) / Gamma(y)) = psi(y + d) - psi(y); an exact sum for small whole d. */
export function digammaDifference(y: number, d: number): number {
  if (d === 0) return 0;
  if (Number.isInteger(d) && d > 0 && d <= 64) {
    let s = 0;
    for (let k = 0; k < d; k++) s += 1 / (y + k);
    return s;
  }
  return digamma(y + d) - digamma(y);
}

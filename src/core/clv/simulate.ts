// Seeded random numbers and a BG/NBD data generator, for benchmarks and recovery tests.
// mulberry32 (Tommy Ettinger's 32-bit generator), normal deviates by Box–Muller, gamma deviates
// by Marsaglia & Tsang (2000, "A simple method for generating gamma variables", with the
// U^(1/a) boost for shape < 1), beta deviates as G1 / (G1 + G2).

import type { BgNbdParams } from './bg-nbd.js';
import type { CustomerSummary } from './summary.js';

export type Random = () => number;

/** mulberry32: a fast seeded generator of uniform numbers in (0, 1) (53-bit, never 0). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  const next32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => {
    // 53 random bits, shifted by half an ulp so the result is in (0, 1)
    const hi = next32() >>> 5;
    const lo = next32() >>> 6;
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  };
}

export function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate) deviate (mean shape / rate). */
export function gammaDeviate(random: Random, shape: number, rate: number): number {
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) U^(1/a), in logs so tiny shapes do not underflow to 0 too early
    const g = gammaDeviate(random, shape + 1, 1);
    return Math.exp(Math.log(g) + Math.log(random()) / shape) / rate;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

export function betaDeviate(random: Random, a: number, b: number): number {
  const x = gammaDeviate(random, a, 1);
  const y = gammaDeviate(random, b, 1);
  return x / (x + y);
}

export interface SimulationOptions {
  readonly seed: number;
  /** customers are acquired uniformly over this many days (default 84, like CDNOW's first quarter) */
  readonly cohortDays?: number;
  /** calibration period length in days from the first acquisition day (default 273, 39 weeks) */
  readonly calibrationDays?: number;
}

/**
 * Draw customers from the BG/NBD process (rates per week): lambda ~ Gamma(r, alpha),
 * p ~ Beta(a, b); purchases follow a Poisson process and after each purchase the customer drops
 * out with probability p. T is a whole number of days (acquisition day uniform in the cohort),
 * tx is rounded to the nearest day (unbiased), both in weeks, as real data would be.
 */
export function simulateBgNbd(params: BgNbdParams, customers: number, options: SimulationOptions): CustomerSummary {
  const random = mulberry32(options.seed);
  const cohort = options.cohortDays ?? 84;
  const calibration = options.calibrationDays ?? 273;
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const ageDays = calibration - Math.floor(random() * cohort);
    const age = ageDays / 7;
    const lambda = gammaDeviate(random, params.r, params.alpha);
    const p = betaDeviate(random, params.a, params.b);
    let t = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(random()) / lambda;
      if (!(t <= age)) break;
      count += 1;
      last = t;
      if (random() < p) break;
    }
    x[i] = count;
    tx[i] = count > 0 ? Math.min(Math.round(last * 7), ageDays) / 7 : 0;
    T[i] = age;
  }
  return { x, tx, T };
}

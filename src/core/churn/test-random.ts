// Seeded random numbers for the churn tests: the CLV simulator's generator and normal deviates,
// plus Poisson deviates by inversion.
import type { Random } from '../clv/simulate.js';

export { mulberry32 as seededRandom, normal, type Random } from '../clv/simulate.js';

/** Poisson deviate by inversion (small means only). */
export function poisson(random: Random, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = random();
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

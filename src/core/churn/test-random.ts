// Seeded random numbers for the churn tests: sfc32 (Chris Doty-Humphrey's small fast counting
// generator, from PractRand) seeded through a splitmix32-style mixer; normal deviates by
// Box-Muller; Poisson deviates by inversion.

export type Random = () => number;

/** Uniform numbers in (0, 1) with 32 random bits, reproducible from the seed. */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return (t + 0.5) / 4294967296;
  };
}

export function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

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

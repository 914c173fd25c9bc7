// A small seeded PRNG (mulberry32) so clustering is reproducible: same seed, same groups.
export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
}

export function seededRandom(seed: number): Random {
  let a = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.min(n - 1, Math.floor(next() * n)) };
}

/** `m` distinct indices from [0, n), in increasing order (all of them when m >= n). */
export function sampleIndices(n: number, m: number, rng: Random): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  // Partial Fisher-Yates over an index array; sorted so rows are read in memory order.
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
  }
  return idx.slice(0, m).sort();
}

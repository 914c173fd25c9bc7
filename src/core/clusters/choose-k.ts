// Picks the number of groups: k-means for every k in a range, scored by silhouette on one
// shared seeded sample; the highest silhouette wins (ties: the smaller k). For large bases the
// candidates are fitted on a seeded subsample, and only the chosen k is fitted on every row.
import { DomainError } from '../errors.js';
import { kmeans, type KMeansOptions, type KMeansResult } from './kmeans.js';
import { sampleIndices, seededRandom } from './random.js';
import { silhouette } from './silhouette.js';

export interface ChooseKOptions extends KMeansOptions {
  readonly minK?: number;
  readonly maxK?: number;
  /** rows the candidate fits use at most (default 50,000) */
  readonly fitSample?: number;
  /** rows the silhouette uses at most (default 5,000) */
  readonly silhouetteSample?: number;
}

export interface KCandidate {
  readonly k: number;
  readonly silhouette: number;
  readonly inertia: number;
}

export interface ChosenClusters {
  readonly result: KMeansResult;
  readonly silhouette: number;
  readonly candidates: readonly KCandidate[];
}

/** Rows per group below which clustering says nothing useful. */
export const MIN_ROWS_PER_GROUP = 5;

export function maxGroupsFor(n: number): number {
  return Math.floor(n / MIN_ROWS_PER_GROUP);
}

export function chooseK(data: Float64Array, d: number, opts: ChooseKOptions = {}): ChosenClusters {
  const n = Math.floor(data.length / d);
  const minK = Math.max(2, opts.minK ?? 2);
  const maxK = Math.min(opts.maxK ?? 8, maxGroupsFor(n));
  if (maxK < minK) {
    throw new DomainError('invalid_input', `too few customers to find groups: ${n} (need at least ${minK * MIN_ROWS_PER_GROUP})`, 'k');
  }
  const seed = opts.seed ?? 1;
  const rng = seededRandom(seed ^ 0x5bd1e995);
  const fitRows = sampleIndices(n, opts.fitSample ?? 50_000, rng);
  const sub = fitRows.length === n ? data : gather(data, d, fitRows);
  const silRows = sampleIndices(fitRows.length, opts.silhouetteSample ?? 5000, rng);
  const candidates: KCandidate[] = [];
  let best: { k: number; s: number; fit: KMeansResult } | null = null;
  for (let k = minK; k <= maxK; k++) {
    const fit = kmeans(sub, d, k, { ...opts, seed: seed + k });
    const s = silhouette(sub, d, fit.labels, k, { rows: silRows });
    candidates.push({ k, silhouette: s, inertia: fit.inertia });
    if (!best || s > best.s + 1e-12) best = { k, s, fit };
  }
  const chosen = best as { k: number; s: number; fit: KMeansResult };
  if (sub === data) return { result: chosen.fit, silhouette: chosen.s, candidates };
  const full = kmeans(data, d, chosen.k, { ...opts, seed: seed + chosen.k });
  return { result: full, silhouette: chosen.s, candidates };
}

function gather(data: Float64Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) out.set(data.subarray((rows[i] as number) * d, (rows[i] as number) * d + d), i * d);
  return out;
}

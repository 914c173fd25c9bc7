// ROC AUC as the Mann-Whitney statistic: the probability that a random positive scores above a
// random negative, ties counting one half (Hanley & McNeil 1982, "The meaning and use of the
// area under a receiver operating characteristic (ROC) curve", Radiology 143:29-36; Mann &
// Whitney 1947). Positives' and negatives' scores are sorted separately (native numeric typed-
// array sort) and merged with two pointers: O(n log n), exact with ties, no per-row objects.

export interface ScoreMetrics {
  /** NaN when there are no positives or no negatives */
  readonly auc: number;
  readonly positives: number;
  readonly negatives: number;
}

export interface TimeSplit {
  /** row indices with time < cutoff, ascending */
  readonly train: Uint32Array;
  /** row indices with time >= cutoff, ascending */
  readonly test: Uint32Array;
  readonly cutoff: number;
}

function label(value: number, at: number): 0 | 1 {
  if (value === 1) return 1;
  if (value === 0) return 0;
  throw new RangeError(`label ${value} at row ${at} is not 0 or 1`);
}

/** Scores split by label for the given rows (all rows when omitted); rejects NaN scores. */
function splitScores(labels: ArrayLike<number>, scores: ArrayLike<number>, rows?: ArrayLike<number>): { pos: Float64Array; neg: Float64Array } {
  if (labels.length !== scores.length) throw new RangeError(`auc: ${labels.length} labels for ${scores.length} scores`);
  const n = rows === undefined ? labels.length : rows.length;
  let positives = 0;
  for (let k = 0; k < n; k++) {
    const i = rows === undefined ? k : (rows[k] as number);
    if (!(i >= 0 && i < labels.length)) throw new RangeError(`auc: row ${i} out of range`);
    positives += label(labels[i] as number, i);
  }
  const pos = new Float64Array(positives);
  const neg = new Float64Array(n - positives);
  let p = 0, q = 0;
  for (let k = 0; k < n; k++) {
    const i = rows === undefined ? k : (rows[k] as number);
    const s = scores[i] as number;
    if (Number.isNaN(s)) throw new RangeError(`auc: score at row ${i} is NaN`);
    if (labels[i] === 1) pos[p++] = s;
    else neg[q++] = s;
  }
  return { pos, neg };
}

/** Mann-Whitney U / (n+ n-) for ascending-sorted positive and negative scores. */
function mannWhitney(pos: Float64Array, neg: Float64Array): number {
  if (pos.length === 0 || neg.length === 0) return Number.NaN;
  let below = 0; // negatives strictly below the current positive
  let notAbove = 0; // negatives <= the current positive
  let u = 0;
  for (let k = 0; k < pos.length; k++) {
    const s = pos[k] as number;
    while (below < neg.length && (neg[below] as number) < s) below++;
    if (notAbove < below) notAbove = below;
    while (notAbove < neg.length && (neg[notAbove] as number) <= s) notAbove++;
    u += below + 0.5 * (notAbove - below);
  }
  return u / (pos.length * neg.length);
}

/** ROC AUC of scores (higher = more likely positive) against 0/1 labels, over rows if given. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>, rows?: ArrayLike<number>): number {
  const { pos, neg } = splitScores(labels, scores, rows);
  pos.sort();
  neg.sort();
  return mannWhitney(pos, neg);
}

/** AUC with the class counts it rests on, over rows if given (e.g. a TimeSplit's test rows). */
export function scoreMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>, rows?: ArrayLike<number>): ScoreMetrics {
  const { pos, neg } = splitScores(labels, scores, rows);
  pos.sort();
  neg.sort();
  return { auc: mannWhitney(pos, neg), positives: pos.length, negatives: neg.length };
}

/**
 * Out-of-time split: train = rows with time < cutoff, test = rows with time >= cutoff. Without
 * a cutoff it is the time at the (1 - testFraction) quantile, so with stacked snapshots (time =
 * each row's cutoff day) whole snapshots go to one side. A snapshot's label window must end by
 * the next snapshot's cutoff, or the test labels leak into training: that is the caller's part.
 */
export function splitByTime(time: ArrayLike<number>, options: { readonly testFraction?: number; readonly cutoff?: number } = {}): TimeSplit {
  const n = time.length;
  for (let i = 0; i < n; i++) if (Number.isNaN(time[i] as number)) throw new RangeError(`splitByTime: time at row ${i} is NaN`);
  let cutoff = options.cutoff;
  if (cutoff === undefined) {
    const fraction = options.testFraction ?? 0.2;
    if (!(fraction > 0 && fraction < 1)) throw new RangeError(`splitByTime: testFraction must be in (0, 1), got ${fraction}`);
    if (n === 0) return { train: new Uint32Array(0), test: new Uint32Array(0), cutoff: Number.NaN };
    const sorted = Float64Array.from(time).sort();
    cutoff = sorted[Math.min(n - 1, Math.floor((1 - fraction) * n))] as number;
  }
  let testCount = 0;
  for (let i = 0; i < n; i++) if ((time[i] as number) >= cutoff) testCount++;
  const train = new Uint32Array(n - testCount);
  const test = new Uint32Array(testCount);
  let a = 0, b = 0;
  for (let i = 0; i < n; i++) {
    if ((time[i] as number) >= cutoff) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test, cutoff };
}

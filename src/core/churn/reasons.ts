// Per-customer reasons: the terms of the final logit, grouped by what they say about the
// customer. Column j of the supervised model contributes w_m * b_j * z_j, where z_j is the
// standardised value, so each contribution is the shift in log-odds against a training-average
// customer (the usual additive decomposition of a linear predictor). The P(alive) term
// contributes w_a logit(1 - p_alive) minus its training average. Only groups whose summed
// contribution is above a threshold are reasons; the words come from the raw values.

import { CHURN_FEATURE_NAMES, standardizeValue, type ChurnFeatureName, type ChurnFeatures, type Preprocessor } from './features.js';
import { logit, type LogisticFit } from './logistic.js';
import { REASON_KEYS, REASON_TEXT, type RawValue, type ReasonKey, type ReasonSide } from './reason-text.js';
import { hasRepeatPurchase, PROBABILITY_EPS, type RiskBlend } from './risk.js';

export interface ChurnReason {
  readonly key: ReasonKey;
  /** increase in the log-odds of churn against a training-average customer */
  readonly contribution: number;
  readonly en: string;
  readonly zh: string;
}

export interface ReasonOptions {
  /** at most this many reasons (default 3) */
  readonly limit?: number;
  /** smallest contribution that counts as a reason, in log-odds (default 0.1, odds x1.105) */
  readonly minContribution?: number;
}

const GROUP: Readonly<Record<ChurnFeatureName, ReasonKey>> = {
  recency_days: 'recency', recency_ratio: 'recency', frequency: 'frequency', monetary: 'monetary', tenure_days: 'tenure',
  avg_interval_days: 'interval', spend_trend: 'spend_trend', category_breadth: 'categories', complaints_60d: 'complaints',
  nps_latest: 'nps', detractor: 'nps', events_30d: 'engagement', p_alive: 'p_alive',
};

/** Undefined intervals mean "no repeat purchase": what they contribute is said by the frequency reason. */
const REPEAT_ONLY: ReadonlySet<string> = new Set(['avg_interval_days', 'recency_ratio']);

const FEATURE_NAMES: ReadonlySet<string> = new Set(CHURN_FEATURE_NAMES);

function isChurnFeature(name: string): name is ChurnFeatureName {
  return FEATURE_NAMES.has(name);
}

const KEY_INDEX = Object.fromEntries(REASON_KEYS.map((k, i) => [k, i])) as Readonly<Record<ReasonKey, number>>;
const GROUPS = {
  sum: new Float64Array(REASON_KEYS.length),
  seen: new Uint8Array(REASON_KEYS.length),
  largest: new Float64Array(REASON_KEYS.length),
  sides: new Array<ReasonSide>(REASON_KEYS.length).fill('high'),
};

export interface GroupContribution {
  readonly key: ReasonKey;
  readonly contribution: number;
  readonly side: ReasonSide;
}

/** Contributions per reason group for one customer (groups with no terms are left out). */
export function reasonContributions(pre: Preprocessor, fit: LogisticFit, blend: RiskBlend, value: RawValue, uninformative: boolean): GroupContribution[] {
  // Per group (REASON_KEYS order): summed term, and the side of its largest term, in arrays
  // reused from call to call (this runs for every at-risk customer of a scoring run).
  const { sum, seen, largest, sides } = GROUPS;
  sum.fill(0);
  seen.fill(0);
  const add = (key: ReasonKey, term: number, side: ReasonSide): void => {
    const k = KEY_INDEX[key];
    sum[k] = (sum[k] as number) + term;
    if (!seen[k] || term > (largest[k] as number)) {
      largest[k] = term;
      sides[k] = side;
    }
    seen[k] = 1;
  };
  pre.columns.forEach((column, j) => {
    if (!isChurnFeature(column.source)) return;
    const raw = value(column.source);
    const z = standardizeValue(column, raw);
    const term = blend.modelWeight * (fit.coefficients[j] as number) * z;
    const missing = !Number.isFinite(raw);
    const key = missing && REPEAT_ONLY.has(column.source) ? 'frequency' : GROUP[column.source];
    // missing values are worded from the raw value (NaN) itself; the side is then immaterial
    add(key, term, z > 0 ? 'high' : 'low');
  });
  if (uninformative) {
    // the shift stands for "no repeat purchase"; when only P(alive) is missing it says nothing
    if (!hasRepeatPurchase(value('frequency'), value('avg_interval_days'))) add('frequency', blend.uninformativeShift - blend.termReference, 'low');
  } else {
    const term = blend.aliveWeight * logit(1 - value('p_alive'), PROBABILITY_EPS) - blend.aliveReference;
    add('p_alive', term, term > 0 ? 'low' : 'high');
  }
  const out: GroupContribution[] = [];
  REASON_KEYS.forEach((key, k) => {
    if (seen[k]) out.push({ key, contribution: sum[k] as number, side: sides[k] ?? 'high' });
  });
  return out;
}

/** The reasons that raise this customer's risk most, worded (largest first, at most options.limit). */
export function topReasons(pre: Preprocessor, fit: LogisticFit, blend: RiskBlend, value: RawValue, uninformative: boolean, options: ReasonOptions = {}): ChurnReason[] {
  const limit = options.limit ?? 3;
  const threshold = Math.max(0, options.minContribution ?? 0.1);
  return reasonContributions(pre, fit, blend, value, uninformative)
    .filter((g) => g.contribution > threshold)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, limit)
    .map((g) => ({ key: g.key, contribution: g.contribution, ...REASON_TEXT[g.key](value, g.side) }));
}

/** Accessor for row i of the feature columns (NaN for a feature that is absent). */
export function rowValues(features: Partial<ChurnFeatures>, row: number): RawValue {
  return (name) => {
    const column = features[name];
    if (column === undefined) return Number.NaN;
    const v = column[row];
    if (v === undefined) throw new RangeError(`row ${row} out of range (${column.length} rows)`);
    return v;
  };
}

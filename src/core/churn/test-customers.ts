// Simulated customer bases for the churn tests: a latent active/lapsed state drives both the
// features as of the cutoff and the label (no paid order in the next 90 days), roughly as in a
// retailer's data. Also a builder for hand-made customers.

import { CHURN_FEATURE_NAMES, type ChurnFeatureName, type ChurnFeatures } from './features.js';
import { normal, poisson, seededRandom } from './test-random.js';

export interface SimulatedBase {
  readonly features: ChurnFeatures;
  readonly churned: Uint8Array;
}

function emptyFeatures(n: number): Record<ChurnFeatureName, Float64Array> {
  const out = {} as Record<ChurnFeatureName, Float64Array>;
  for (const name of CHURN_FEATURE_NAMES) out[name] = new Float64Array(n);
  return out;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export function simulateBase(n: number, seed: number): SimulatedBase {
  const random = seededRandom(seed);
  const f = emptyFeatures(n);
  const churned = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const active = random() < 0.6;
    const rate = Math.exp(0.7 * normal(random)) / 90; // orders per day while active
    const tenure = 30 + Math.floor(random() * 1400);
    const lifetime = active ? tenure : tenure * random();
    const frequency = 1 + Math.min(200, poisson(random, rate * lifetime));
    const sinceActive = active ? 0 : tenure - lifetime;
    const recency = Math.min(tenure, Math.floor(sinceActive + (-Math.log(random()) / rate) * 0.5));
    const span = tenure - recency;
    const interval = frequency >= 2 && span > 0 ? span / (frequency - 1) : Number.NaN;
    const answered = random() < 0.4;
    const nps = answered ? Math.round(clamp(active ? 8 + 1.5 * normal(random) : 5 + 2 * normal(random), 0, 10)) : Number.NaN;
    f.recency_days[i] = recency;
    f.frequency[i] = frequency;
    f.monetary[i] = frequency * Math.exp(4 + 0.5 * normal(random));
    f.tenure_days[i] = tenure;
    f.avg_interval_days[i] = interval;
    f.recency_ratio[i] = Number.isNaN(interval) ? Number.NaN : recency / interval;
    f.spend_trend[i] = clamp((active ? 0 : -0.5) + 0.3 * normal(random), -1, 1);
    f.category_breadth[i] = Math.min(frequency, 1 + poisson(random, 0.3 * frequency));
    f.complaints_60d[i] = poisson(random, active ? 0.05 : 0.3);
    f.nps_latest[i] = nps;
    f.detractor[i] = nps <= 6 ? 1 : 0;
    f.events_30d[i] = poisson(random, active ? 3 : 0.3);
    const ratio = f.recency_ratio[i] as number;
    f.p_alive[i] = Number.isNaN(interval) ? 1 : clamp(1 / (1 + Math.exp(-(2.5 - 1.2 * ratio + 0.5 * normal(random)))), 1e-9, 1);
    const pChurn = active ? Math.exp(-90 * rate) : 0.97;
    churned[i] = random() < pChurn ? 1 : 0;
  }
  return { features: f, churned };
}

/** Hand-made customers: each row's unspecified features take the defaults (an ordinary active buyer). */
export function customers(rows: readonly Partial<Record<ChurnFeatureName, number>>[]): ChurnFeatures {
  const defaults: Record<ChurnFeatureName, number> = {
    recency_days: 20, frequency: 8, monetary: 640, tenure_days: 700, avg_interval_days: 60, recency_ratio: 20 / 60, spend_trend: 0,
    category_breadth: 3, complaints_60d: 0, nps_latest: 9, detractor: 0, events_30d: 4, p_alive: 0.95,
  };
  const f = emptyFeatures(rows.length);
  rows.forEach((row, i) => {
    for (const name of CHURN_FEATURE_NAMES) f[name][i] = row[name] ?? defaults[name];
  });
  return f;
}

// The customer features groups can be discovered on (columns of customer_scores), how each is
// scaled, and the words for a group that sits high or low on it, in English and Chinese.
import { DomainError } from '../errors.js';
import type { Transform } from './standardise.js';

export interface Words {
  readonly en: string;
  readonly zh: string;
}

export interface ClusterFeature {
  readonly key: string;
  readonly transform: Transform;
  /** said of a group well above the population on this feature */
  readonly high: Words;
  /** said of a group well below it */
  readonly low: Words;
}

export const CLUSTER_FEATURES: readonly ClusterFeature[] = [
  { key: 'recency_days', transform: 'log1p', high: { en: 'lapsed', zh: '久未购买' }, low: { en: 'recent', zh: '近期活跃' } },
  { key: 'frequency', transform: 'log1p', high: { en: 'frequent', zh: '高频' }, low: { en: 'infrequent', zh: '低频' } },
  { key: 'monetary', transform: 'log1p', high: { en: 'high spend', zh: '高消费' }, low: { en: 'low spend', zh: '低消费' } },
  { key: 'avg_order_value', transform: 'log1p', high: { en: 'large baskets', zh: '客单价高' }, low: { en: 'small baskets', zh: '客单价低' } },
  { key: 'tenure_days', transform: 'log1p', high: { en: 'long-standing', zh: '老客' }, low: { en: 'new', zh: '新客' } },
  { key: 'orders_365d', transform: 'log1p', high: { en: 'many orders this year', zh: '近一年下单多' }, low: { en: 'few orders this year', zh: '近一年下单少' } },
  { key: 'spend_365d', transform: 'log1p', high: { en: 'high spend this year', zh: '近一年消费高' }, low: { en: 'low spend this year', zh: '近一年消费低' } },
  { key: 'predicted_clv', transform: 'log1p', high: { en: 'high predicted value', zh: '预测价值高' }, low: { en: 'low predicted value', zh: '预测价值低' } },
  { key: 'expected_purchases_90d', transform: 'log1p', high: { en: 'likely to buy soon', zh: '近期可能复购' }, low: { en: 'unlikely to buy soon', zh: '近期复购可能小' } },
  { key: 'p_alive', transform: 'none', high: { en: 'likely still active', zh: '存活概率高' }, low: { en: 'likely gone', zh: '存活概率低' } },
  { key: 'churn_risk', transform: 'none', high: { en: 'at risk', zh: '流失风险高' }, low: { en: 'low risk', zh: '流失风险低' } },
];

export const FEATURE_SETS: Readonly<Record<string, readonly string[]>> = {
  rfm: ['recency_days', 'frequency', 'monetary'],
  value: ['monetary', 'avg_order_value', 'spend_365d', 'predicted_clv'],
  engagement: ['recency_days', 'orders_365d', 'tenure_days', 'churn_risk'],
  all: ['recency_days', 'frequency', 'monetary', 'avg_order_value', 'tenure_days', 'predicted_clv', 'churn_risk'],
};

/** A comma list of set names (rfm, value, engagement, all) and feature names, to features. */
export function resolveFeatures(spec: string | undefined): ClusterFeature[] {
  const keys = (spec ?? 'rfm').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean).flatMap((s) => FEATURE_SETS[s] ?? [s]);
  const out: ClusterFeature[] = [];
  for (const key of keys) {
    const f = CLUSTER_FEATURES.find((x) => x.key === key);
    if (!f) {
      throw new DomainError('invalid_input',
        `unknown feature set or feature "${key}": use ${Object.keys(FEATURE_SETS).join(', ')} or a comma list of ${CLUSTER_FEATURES.map((x) => x.key).join(', ')}`, 'features');
    }
    if (!out.includes(f)) out.push(f);
  }
  if (out.length === 0) throw new DomainError('invalid_input', 'no features given', 'features');
  return out;
}

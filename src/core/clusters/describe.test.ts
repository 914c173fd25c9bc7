import { describe, expect, it } from 'vitest';
import { describeGroup, describeTraits, formatShare } from './describe.js';
import { FEATURE_SETS, resolveFeatures } from './features.js';

const rfm = resolveFeatures('rfm');

describe('group descriptions', () => {
  it('reads a constructed centroid in English and Chinese', () => {
    const d = describeGroup([-1.2, 1.5, 1.8], rfm, { customers: 0.041, revenue: 0.38 });
    expect(d.en).toBe('recent, frequent, high spend: 4.1% of customers, 38% of revenue');
    expect(d.zh).toBe('近期活跃、高频、高消费：占客户4.1%，贡献38%收入');
  });

  it('names only features far from the population, strongest first up to the limit', () => {
    expect(describeTraits([1.4, -0.8, -0.2], rfm)).toEqual({ en: 'lapsed, infrequent', zh: '久未购买、低频' });
    expect(describeTraits([0.1, -0.3, 0.2], rfm)).toEqual({ en: 'typical', zh: '各项接近平均' });
    const all = resolveFeatures('all');
    const t = describeTraits([0.6, 0.7, 2, 0, -1.5, 0, 0.9], all, { maxWords: 2 });
    expect(t.en).toBe('high spend, new');
  });

  it('formats shares', () => {
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(0.123)).toBe('12%');
    expect(formatShare(1)).toBe('100%');
  });

  it('resolves sets and comma lists, refuses unknown names', () => {
    expect(resolveFeatures(undefined).map((f) => f.key)).toEqual(FEATURE_SETS.rfm);
    expect(resolveFeatures('monetary, churn_risk,monetary').map((f) => f.key)).toEqual(['monetary', 'churn_risk']);
    expect(resolveFeatures('rfm,churn_risk,frequency').map((f) => f.key)).toEqual(['recency_days', 'frequency', 'monetary', 'churn_risk']);
    expect(() => resolveFeatures('loyalty')).toThrow(/unknown feature set or feature "loyalty"/);
    expect(() => resolveFeatures(' , ')).toThrow(/no features/);
  });
});

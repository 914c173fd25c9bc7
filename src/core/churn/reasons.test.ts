import { describe, expect, it } from 'vitest';
import { fitPreprocessor, type ChurnFeatureName } from './features.js';
import { logit, type LogisticFit } from './logistic.js';
import { REASON_TEXT, spendChangeFromTrend, type RawValue } from './reason-text.js';
import { reasonContributions, rowValues, topReasons } from './reasons.js';
import { isAliveUninformative, PROBABILITY_EPS, type RiskBlend } from './risk.js';
import { customers, simulateBase } from './test-customers.js';

// A hand-set model over a realistic preprocessing, so which reasons win is known in advance.
const pre = fitPreprocessor(simulateBase(20_000, 3).features);
const coefficient: Record<string, number> = {
  recency_days: 0.3, frequency: -0.3, avg_interval_days_missing: 0.3, recency_ratio: 0.9, spend_trend: -0.8, category_breadth: -0.1,
  complaints_60d: 0.6, nps_latest: -0.3, detractor: 0.3, events_30d: -0.6,
};
const fit: LogisticFit = {
  names: pre.columns.map((c) => c.name),
  coefficients: Float64Array.from(pre.columns, (c) => coefficient[c.name] ?? 0),
  intercept: 0, iterations: 0, converged: true, objective: 0, gradientNorm: 0, l2: 0,
};
const blend: RiskBlend = {
  intercept: 0, modelWeight: 1, aliveWeight: 0.5, uninformativeShift: 0.4,
  aliveReference: 0.5 * logit(1 - 0.7, PROBABILITY_EPS), termReference: 0.2,
};

const base = customers([
  /* 0 overdue, complaining detractor */ { recency_days: 142, avg_interval_days: 142 / 3.1, recency_ratio: 3.1, complaints_60d: 2, nps_latest: 3, detractor: 1 },
  /* 1 fading */ { events_30d: 0, spend_trend: -0.45 / 1.55, p_alive: 0.12 },
  /* 2 one order */ { frequency: 1, avg_interval_days: Number.NaN, recency_ratio: Number.NaN, p_alive: 1, recency_days: 300, tenure_days: 300 },
  /* 3 safe */ { recency_days: 5, recency_ratio: 5 / 60, complaints_60d: 0, nps_latest: 10, events_30d: 8, spend_trend: 0.3, p_alive: 0.99, frequency: 20, category_breadth: 6 },
  /* 4 three orders on one day */ { frequency: 3, avg_interval_days: Number.NaN, recency_ratio: Number.NaN, p_alive: 1, recency_days: 300, tenure_days: 300 },
]);

function reasons(row: number, options = {}): ReturnType<typeof topReasons> {
  const value = rowValues(base, row);
  return topReasons(pre, fit, blend, value, isAliveUninformative(value('frequency'), value('avg_interval_days'), value('p_alive')), options);
}

describe('top reasons', () => {
  it('words the overdue, complaining detractor with their own figures', () => {
    const r = reasons(0);
    expect(r.map((x) => x.key).sort()).toEqual(['complaints', 'nps', 'recency']);
    const byKey = new Map(r.map((x) => [x.key, x]));
    expect(byKey.get('recency')).toMatchObject({ en: 'no order for 3.1x their usual interval (142 days)', zh: '距上次购买已达平时间隔的3.1倍（142天）' });
    expect(byKey.get('complaints')).toMatchObject({ en: 'two complaints in 60 days', zh: '60天内投诉2次' });
    expect(byKey.get('nps')).toMatchObject({ en: 'NPS detractor (score 3)', zh: 'NPS贬损者（3分）' });
    for (let k = 1; k < r.length; k++) expect(r[k]?.contribution).toBeLessThanOrEqual(r[k - 1]?.contribution as number);
  });

  it('words falling spend, no visits and a low P(alive)', () => {
    const r = reasons(1);
    expect(r.map((x) => [x.en, x.zh])).toEqual(expect.arrayContaining([
      ['spend down 45% vs the previous half-year', '消费较前半年下降45%'],
      ['low engagement: no visits in 30 days', '参与度低：30天内无访问'],
      ['P(alive) only 12%', '存活概率（P(alive)）仅12%'],
    ]));
    expect(r).toHaveLength(3);
  });

  it('words a single order, and ignores the P(alive) of 1 it comes with', () => {
    const r = reasons(2);
    expect(r[0]).toMatchObject({ key: 'frequency', en: 'only one order so far', zh: '至今仅下单1次' });
    expect(r.find((x) => x.key === 'recency')).toMatchObject({ en: 'no order for 300 days', zh: '已300天未下单' });
    expect(r.some((x) => x.key === 'p_alive')).toBe(false);
  });

  it('treats orders all on one day as no repeat purchase, whatever P(alive) says', () => {
    const r = reasons(4);
    expect(r[0]).toMatchObject({ key: 'frequency', en: 'all 3 orders on a single day, none since', zh: '3单均在同一天，之后未再下单' });
    expect(r.some((x) => x.key === 'p_alive')).toBe(false);
  });

  it('gives no reasons to a safe customer', () => {
    expect(reasons(3)).toEqual([]);
    const value = rowValues(base, 3);
    for (const g of reasonContributions(pre, fit, blend, value, false)) expect(g.contribution).toBeLessThan(0.1);
  });

  it('returns at most `limit` reasons, all raising the risk', () => {
    for (let row = 0; row < 5; row++) {
      const r = reasons(row, { limit: 2, minContribution: 0 });
      expect(r.length).toBeLessThanOrEqual(2);
      for (const x of r) expect(x.contribution).toBeGreaterThan(0);
    }
    expect(reasons(0, { limit: 1 })).toHaveLength(1);
  });
});

describe('reason wording', () => {
  const value = (v: Partial<Record<ChurnFeatureName, number>>): RawValue => (name) => v[name] ?? Number.NaN;

  it('turns the symmetric spend trend into a percentage change', () => {
    expect(spendChangeFromTrend(0)).toBe(0);
    expect(spendChangeFromTrend(-1)).toBe(-1);
    expect(spendChangeFromTrend(1 / 3)).toBeCloseTo(1, 12); // 200 after 100
    expect(REASON_TEXT.spend_trend(value({ spend_trend: -1 }), 'low').en).toBe('no spend in the last 180 days (spent in the 180 before)');
    expect(REASON_TEXT.spend_trend(value({ spend_trend: 1 / 3 }), 'high')).toEqual({ en: 'spend up 100% vs the previous half-year', zh: '消费较前半年增长100%' });
  });

  it('has both sides and the edge cases in both languages', () => {
    expect(REASON_TEXT.nps(value({}), 'low')).toEqual({ en: 'no NPS response', zh: '未参与NPS调研' });
    expect(REASON_TEXT.nps(value({ nps_latest: 7 }), 'low').zh).toBe('NPS中立者（7分）');
    expect(REASON_TEXT.complaints(value({ complaints_60d: 1 }), 'high').en).toBe('one complaint in 60 days');
    expect(REASON_TEXT.complaints(value({ complaints_60d: 14 }), 'high').en).toBe('14 complaints in 60 days');
    expect(REASON_TEXT.engagement(value({ events_30d: 1 }), 'low')).toEqual({ en: 'low engagement: only one visit in 30 days', zh: '参与度低：30天内仅访问1次' });
    expect(REASON_TEXT.p_alive(value({ p_alive: 0.001 }), 'low')).toEqual({ en: 'P(alive) only under 1%', zh: '存活概率（P(alive)）仅不足1%' });
    expect(REASON_TEXT.recency(value({ recency_days: 12.4 }), 'low').en).toBe('last order 12 days ago');
    expect(REASON_TEXT.frequency(value({ frequency: 3, avg_interval_days: Number.NaN }), 'low').en).toBe('all 3 orders on a single day, none since');
    expect(REASON_TEXT.frequency(value({ frequency: 3, avg_interval_days: 40 }), 'low').zh).toBe('累计仅3单');
    expect(REASON_TEXT.interval(value({ avg_interval_days: 95.2 }), 'high').en).toBe('orders only every 95 days on average');
    expect(REASON_TEXT.categories(value({ category_breadth: 1 }), 'low').en).toBe('buys from only one category');
    expect(REASON_TEXT.monetary(value({ monetary: 85.4 }), 'low')).toEqual({ en: 'total spend only 85', zh: '累计消费仅85' });
    expect(REASON_TEXT.tenure(value({ tenure_days: 40 }), 'low').zh).toBe('成为客户仅40天');
  });
});

// Churn reasons in words (English and Simplified Chinese), with the customer's raw figures.
// Which reasons a customer gets is decided in reasons.ts; this file only words them. Each
// reason is worded from the raw feature values and, where a feature can push risk up from
// either side of the average, the side the customer is on.

import type { ChurnFeatureName } from './features.js';

export const REASON_KEYS = [
  'recency', 'frequency', 'monetary', 'tenure', 'interval', 'spend_trend', 'categories', 'complaints', 'nps', 'engagement', 'p_alive',
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

/** Where the customer's value lies relative to the training average. */
export type ReasonSide = 'high' | 'low';

export interface ReasonText {
  readonly en: string;
  readonly zh: string;
}

/** The customer's raw value of a feature (NaN when missing). */
export type RawValue = (name: ChurnFeatureName) => number;

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'] as const;

function int(x: number): string {
  return String(Math.round(x));
}

function count(n: number, singular: string, plural: string): string {
  const r = Math.round(n);
  return `${WORDS[r] ?? String(r)} ${r === 1 ? singular : plural}`;
}

/** 0.123 -> "12%", under half a percent -> "under 1%". */
function percent(p: number): { en: string; zh: string } {
  if (p > 0 && p < 0.005) return { en: 'under 1%', zh: '不足1%' };
  const s = `${Math.round(100 * p)}%`;
  return { en: s, zh: s };
}

/** Money without a currency (the store's currency is not known here): whole units, or two decimals below 10. */
function money(x: number): string {
  return Math.abs(x) >= 10 ? String(Math.round(x)) : x.toFixed(2);
}

/**
 * Relative change in spend from the symmetric trend t = (recent - previous) / (recent + previous)
 * computed by the scoring service over two 180-day windows: recent / previous = (1 + t) / (1 - t),
 * so the change is 2t / (1 - t) (-1 when nothing was spent recently; +Infinity when nothing before).
 */
export function spendChangeFromTrend(t: number): number {
  return t >= 1 ? Number.POSITIVE_INFINITY : (2 * t) / (1 - t);
}

function recency(v: RawValue, side: ReasonSide): ReasonText {
  const days = int(v('recency_days'));
  const ratio = v('recency_ratio');
  if (side === 'low') return { en: `last order ${days} days ago`, zh: `上次下单在${days}天前` };
  if (Number.isFinite(ratio) && ratio >= 1.05) {
    const r = ratio.toFixed(1);
    return { en: `no order for ${r}x their usual interval (${days} days)`, zh: `距上次购买已达平时间隔的${r}倍（${days}天）` };
  }
  return { en: `no order for ${days} days`, zh: `已${days}天未下单` };
}

function frequency(v: RawValue, side: ReasonSide): ReasonText {
  const n = v('frequency');
  if (!(n >= 2)) return { en: 'only one order so far', zh: '至今仅下单1次' };
  if (!Number.isFinite(v('avg_interval_days'))) return { en: `all ${int(n)} orders on a single day, none since`, zh: `${int(n)}单均在同一天，之后未再下单` };
  if (side === 'low') return { en: `only ${int(n)} orders in total`, zh: `累计仅${int(n)}单` };
  return { en: `${int(n)} orders in total`, zh: `累计${int(n)}单` };
}

function spendTrend(v: RawValue): ReasonText {
  const t = v('spend_trend');
  if (t <= -1) return { en: 'no spend in the last 180 days (spent in the 180 before)', zh: '近180天无消费（此前180天有消费）' };
  if (t >= 1) return { en: 'all spend in the last 180 days, none in the 180 before', zh: '消费均在近180天，此前180天无消费' };
  const change = Math.round(100 * Math.abs(spendChangeFromTrend(t)));
  if (t < 0 && change > 0) return { en: `spend down ${change}% vs the previous half-year`, zh: `消费较前半年下降${change}%` };
  if (t > 0 && change > 0) return { en: `spend up ${change}% vs the previous half-year`, zh: `消费较前半年增长${change}%` };
  return { en: 'no growth in spend vs the previous half-year', zh: '消费较前半年无增长' };
}

function nps(v: RawValue): ReasonText {
  const s = v('nps_latest');
  if (!Number.isFinite(s)) return { en: 'no NPS response', zh: '未参与NPS调研' };
  const score = int(s);
  if (s <= 6) return { en: `NPS detractor (score ${score})`, zh: `NPS贬损者（${score}分）` };
  if (s <= 8) return { en: `NPS passive (score ${score})`, zh: `NPS中立者（${score}分）` };
  return { en: `NPS promoter (score ${score})`, zh: `NPS推荐者（${score}分）` };
}

function engagement(v: RawValue, side: ReasonSide): ReasonText {
  const n = v('events_30d');
  if (!(n > 0)) return { en: 'low engagement: no visits in 30 days', zh: '参与度低：30天内无访问' };
  if (side === 'low') return { en: `low engagement: only ${count(n, 'visit', 'visits')} in 30 days`, zh: `参与度低：30天内仅访问${int(n)}次` };
  return { en: `${count(n, 'visit', 'visits')} in 30 days`, zh: `30天内访问${int(n)}次` };
}

function pAlive(v: RawValue, side: ReasonSide): ReasonText {
  const p = percent(v('p_alive'));
  if (side === 'low') return { en: `P(alive) only ${p.en}`, zh: `存活概率（P(alive)）仅${p.zh}` };
  return { en: `P(alive) ${p.en}`, zh: `存活概率（P(alive)）${p.zh}` };
}

export const REASON_TEXT: Readonly<Record<ReasonKey, (v: RawValue, side: ReasonSide) => ReasonText>> = {
  recency,
  frequency,
  monetary: (v, side) => {
    const m = money(v('monetary'));
    return side === 'low' ? { en: `total spend only ${m}`, zh: `累计消费仅${m}` } : { en: `total spend ${m}`, zh: `累计消费${m}` };
  },
  tenure: (v, side) => {
    const d = int(v('tenure_days'));
    return side === 'low' ? { en: `customer for only ${d} days`, zh: `成为客户仅${d}天` } : { en: `customer for ${d} days`, zh: `已成为客户${d}天` };
  },
  interval: (v, side) => {
    const d = int(v('avg_interval_days'));
    return side === 'high'
      ? { en: `orders only every ${d} days on average`, zh: `平均每${d}天才下单一次` }
      : { en: `usually orders every ${d} days`, zh: `平均每${d}天下单一次` };
  },
  spend_trend: (v) => spendTrend(v),
  categories: (v, side) => {
    const n = v('category_breadth');
    return side === 'low'
      ? { en: `buys from only ${count(n, 'category', 'categories')}`, zh: `仅购买过${int(n)}个品类` }
      : { en: `buys across ${count(n, 'category', 'categories')}`, zh: `购买过${int(n)}个品类` };
  },
  complaints: (v) => {
    const n = v('complaints_60d');
    return n > 0
      ? { en: `${count(n, 'complaint', 'complaints')} in 60 days`, zh: `60天内投诉${int(n)}次` }
      : { en: 'no complaints in 60 days', zh: '60天内无投诉' };
  },
  nps: (v) => nps(v),
  engagement,
  p_alive: pAlive,
};

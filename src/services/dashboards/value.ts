// Value dashboard: the distribution of predicted (or historical) CLV, the most valuable
// customers (paged), and CLV:CAC by acquisition channel (`valueByChannel`).
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';
import { valueByChannel, type ChannelValue } from '../score/value-by-channel.js';
import { num, numOrNull, round2, type PageQuery, type Paged } from './common.js';

export const CLV_METRICS = { predicted: 'predicted_clv', historical: 'historical_clv' } as const;
export type ClvMetric = keyof typeof CLV_METRICS;

export interface HistogramBin {
  readonly from: number;
  /** null for the last, open bin (values at or above `from`) */
  readonly to: number | null;
  readonly customers: number;
  readonly value: number;
}

export interface ClvHistogram {
  readonly metric: ClvMetric;
  readonly customers: number;
  readonly total: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly bins: readonly HistogramBin[];
}

/** Equal-width bins up to a round number near the 98th percentile; the last bin is open. */
export async function clvHistogram(store: Store, metric: ClvMetric, binCount = 20): Promise<ClvHistogram> {
  const col = sql.ref(`s.${CLV_METRICS[metric]}`);
  const bins = Math.min(50, Math.max(2, Math.floor(binCount)));
  const stats = (await sql<{ n: unknown; total: unknown; mean: unknown; median: unknown; p98: unknown }>`
    SELECT count(${col}) AS n, sum(${col}) AS total, avg(${col}) AS mean,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${col}) AS median,
      percentile_cont(0.98) WITHIN GROUP (ORDER BY ${col}) AS p98
    FROM customer_scores s JOIN customers c ON c.id = s.customer_id
    WHERE c.merged_into IS NULL AND s.frequency > 0 AND ${col} IS NOT NULL`.execute(store.db)).rows[0];
  const n = num(stats?.n);
  if (n === 0) return { metric, customers: 0, total: 0, mean: null, median: null, bins: [] };
  const width = niceWidth(num(stats?.p98) / (bins - 1));
  const rows = await sql<{ b: unknown; n: unknown; v: unknown }>`
    SELECT LEAST(CAST(floor(${col} / ${width}) AS INTEGER), ${bins - 1}) AS b, count(*) AS n, sum(${col}) AS v
    FROM customer_scores s JOIN customers c ON c.id = s.customer_id
    WHERE c.merged_into IS NULL AND s.frequency > 0 AND ${col} IS NOT NULL
    GROUP BY 1 ORDER BY 1`.execute(store.db);
  const byBin = new Map(rows.rows.map((r) => [num(r.b), r]));
  return {
    metric, customers: n, total: round2(num(stats?.total)), mean: round2(num(stats?.mean)), median: round2(num(stats?.median)),
    bins: Array.from({ length: bins }, (_, i) => ({
      from: round2(i * width), to: i === bins - 1 ? null : round2((i + 1) * width),
      customers: num(byBin.get(i)?.n), value: round2(num(byBin.get(i)?.v)),
    })),
  };
}

/** 1, 2 or 5 times a power of ten, at least `raw` (and at least 1). */
export function niceWidth(raw: number): number {
  if (!(raw > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export const TOP_SORTS = { predicted_clv: 's.predicted_clv', historical_clv: 's.historical_clv', spend_365d: 's.spend_365d' } as const;
export type TopSort = keyof typeof TOP_SORTS;

export interface TopCustomer {
  readonly id: number;
  readonly name: string | null;
  readonly city: string | null;
  readonly channel: string | null;
  readonly valueTier: string | null;
  readonly lifecycleStage: string;
  readonly frequency: number;
  readonly historicalClv: number;
  readonly predictedClv: number | null;
  readonly spend365d: number;
  readonly pAlive: number | null;
  readonly churnRisk: number | null;
}

export async function topCustomers(store: Store, q: PageQuery & { sort: TopSort }): Promise<Paged<TopCustomer>> {
  const order = sql.ref(TOP_SORTS[q.sort]);
  const total = (await sql<{ n: unknown }>`SELECT count(*) AS n FROM customer_scores s JOIN customers c ON c.id = s.customer_id WHERE c.merged_into IS NULL AND s.frequency > 0`.execute(store.db)).rows[0];
  const rows = await sql<Record<string, unknown>>`
    SELECT c.id, c.name, c.city, c.acquisition_channel, s.value_tier, s.lifecycle_stage, s.frequency, s.historical_clv, s.predicted_clv, s.spend_365d, s.p_alive, s.churn_risk
    FROM customer_scores s JOIN customers c ON c.id = s.customer_id
    WHERE c.merged_into IS NULL AND s.frequency > 0
    ORDER BY ${order} DESC NULLS LAST, c.id
    LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(store.db);
  return {
    items: rows.rows.map((r) => ({
      id: num(r.id), name: (r.name as string | null) ?? null, city: (r.city as string | null) ?? null, channel: (r.acquisition_channel as string | null) ?? null,
      valueTier: (r.value_tier as string | null) ?? null, lifecycleStage: String(r.lifecycle_stage), frequency: num(r.frequency),
      historicalClv: round2(num(r.historical_clv)), predictedClv: numOrNull(r.predicted_clv), spend365d: round2(num(r.spend_365d)),
      pAlive: numOrNull(r.p_alive), churnRisk: numOrNull(r.churn_risk),
    })),
    total: num(total?.n), page: q.page, pageSize: q.pageSize,
  };
}

export async function channelValue(store: Store): Promise<ChannelValue[]> {
  return valueByChannel(store);
}

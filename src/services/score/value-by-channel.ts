// Value assessment by acquisition channel: customers, average acquisition cost (CAC),
// average historical and predicted CLV, and CLV:CAC, from the latest scores.
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';

export interface ChannelValue {
  readonly channel: string;
  readonly customers: number;
  readonly cac: number | null;
  readonly historicalClv: number;
  readonly predictedClv: number | null;
  /** (historical + predicted CLV) / CAC */
  readonly clvToCac: number | null;
}

export async function valueByChannel(store: Store): Promise<ChannelValue[]> {
  const r = await sql<{ channel: string | null; customers: number; cac: number | null; hist: number | null; pred: number | null }>`
    SELECT c.acquisition_channel AS channel, count(*) AS customers, avg(c.acquisition_cost) AS cac,
      avg(s.historical_clv) AS hist, avg(s.predicted_clv) AS pred
    FROM customers c JOIN customer_scores s ON s.customer_id = c.id
    WHERE c.merged_into IS NULL
    GROUP BY c.acquisition_channel ORDER BY 2 DESC`.execute(store.db);
  return r.rows.map((x) => {
    const cac = x.cac === null ? null : Number(x.cac);
    const hist = Number(x.hist ?? 0);
    const pred = x.pred === null ? null : Number(x.pred);
    return {
      channel: x.channel ?? 'unknown', customers: Number(x.customers), cac: cac === null ? null : round2(cac),
      historicalClv: round2(hist), predictedClv: pred === null ? null : round2(pred),
      clvToCac: cac && cac > 0 ? round2((hist + (pred ?? 0)) / cac) : null,
    };
  });
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

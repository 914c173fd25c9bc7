// RFM dashboard: the R x F grid (customers and spend per cell) and the named RFM groups with
// their customers and share of revenue, from the precomputed `customer_scores`.
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';
import { latestScoreDay, num, round2 } from './common.js';

export interface RfmCell {
  readonly r: number;
  readonly f: number;
  readonly customers: number;
  /** total paid spend (monetary) of the cell's customers */
  readonly monetary: number;
  readonly avgMonetary: number;
}

export interface RfmGroupRow {
  readonly group: string;
  readonly customers: number;
  readonly monetary: number;
  /** share of all buyers' spend, 0-1 */
  readonly revenueShare: number;
  readonly customerShare: number;
}

export interface RfmDashboard {
  readonly asOf: string | null;
  readonly buyers: number;
  readonly monetary: number;
  readonly grid: readonly RfmCell[];
  readonly groups: readonly RfmGroupRow[];
}

export async function rfmDashboard(store: Store): Promise<RfmDashboard> {
  const asOf = await latestScoreDay(store.db);
  const grid = await sql<{ r: unknown; f: unknown; n: unknown; m: unknown }>`
    SELECT s.r_score AS r, s.f_score AS f, count(*) AS n, sum(s.monetary) AS m
    FROM customer_scores s JOIN customers c ON c.id = s.customer_id
    WHERE c.merged_into IS NULL AND s.r_score IS NOT NULL AND s.f_score IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(store.db);
  const groups = await sql<{ g: string; n: unknown; m: unknown }>`
    SELECT s.rfm_group AS g, count(*) AS n, sum(s.monetary) AS m
    FROM customer_scores s JOIN customers c ON c.id = s.customer_id
    WHERE c.merged_into IS NULL AND s.rfm_group IS NOT NULL
    GROUP BY 1 ORDER BY 3 DESC`.execute(store.db);
  const buyers = groups.rows.reduce((a, g) => a + num(g.n), 0);
  const monetary = groups.rows.reduce((a, g) => a + num(g.m), 0);
  return {
    asOf,
    buyers,
    monetary: round2(monetary),
    grid: grid.rows.map((c) => ({ r: num(c.r), f: num(c.f), customers: num(c.n), monetary: round2(num(c.m)), avgMonetary: round2(num(c.m) / Math.max(1, num(c.n))) })),
    groups: groups.rows.map((g) => ({
      group: g.g, customers: num(g.n), monetary: round2(num(g.m)),
      revenueShare: monetary > 0 ? num(g.m) / monetary : 0, customerShare: buyers > 0 ? num(g.n) / buyers : 0,
    })),
  };
}

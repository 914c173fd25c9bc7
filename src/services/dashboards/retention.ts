// Retention cohorts: customers grouped by the month of their first paid order (business time
// zone), and for each month since then how many of them bought again and what they spent.
// One grouped scan of the paid orders of the cohort window.
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';
import {
  dashboardNow, latestScoreDay, monthKeyOf, monthKeySql, monthLabel, monthStart, num, offsetMinutes, round2, timeZoneOf, ts, type DashboardOptions,
} from './common.js';

export interface CohortRow {
  /** 'YYYY-MM' of the first paid order */
  readonly cohort: string;
  readonly size: number;
  /** index = months since the first order (0 = the first month); a triangle: later cohorts have fewer */
  readonly customers: readonly number[];
  readonly revenue: readonly number[];
}

export interface RetentionDashboard {
  readonly months: number;
  readonly timeZone: string;
  readonly cohorts: readonly CohortRow[];
}

export async function retentionCohorts(store: Store, opts: DashboardOptions & { months?: number } = {}): Promise<RetentionDashboard> {
  const tz = timeZoneOf(opts);
  const now = dashboardNow(opts, await latestScoreDay(store.db));
  const months = Math.min(36, Math.max(1, opts.months ?? 12));
  const off = offsetMinutes(now, tz);
  const last = monthKeyOf(now, tz);
  const first = last - months + 1;
  const from = monthStart(first, tz);
  const rows = await sql<{ c: unknown; k: unknown; n: unknown; rev: unknown }>`
    SELECT t.c, t.m - t.c AS k, count(DISTINCT t.customer_id) AS n, sum(t.total) AS rev
    FROM (
      SELECT o.customer_id, o.total, ${monthKeySql(sql`o.ordered_at`, off)} AS m, ${monthKeySql(sql`s.first_order_at`, off)} AS c
      FROM orders o JOIN customer_scores s ON s.customer_id = o.customer_id
      WHERE o.status = 'paid' AND s.first_order_at >= ${ts(from)} AND o.ordered_at >= ${ts(from)} AND o.ordered_at <= ${ts(now)}
    ) t
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(store.db);
  const cohorts: CohortRow[] = [];
  for (let c = first; c <= last; c++) {
    const span = last - c + 1;
    const customers = new Array<number>(span).fill(0);
    const revenue = new Array<number>(span).fill(0);
    for (const r of rows.rows) {
      if (num(r.c) !== c) continue;
      const k = num(r.k);
      if (k >= 0 && k < span) {
        customers[k] = num(r.n);
        revenue[k] = round2(num(r.rev));
      }
    }
    cohorts.push({ cohort: monthLabel(c), size: customers[0] ?? 0, customers, revenue });
  }
  return { months, timeZone: tz, cohorts };
}

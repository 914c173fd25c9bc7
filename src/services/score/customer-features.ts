// Per-customer purchase features as of a day, as set operations in the engine: temp tables
// `sc_days` (customer x day), `sc_cust` (one row per buyer) with recency, frequency, spend
// windows, tenure, the previous order day and the mean repeat-day value (for Gamma-Gamma).
import type { SqlSession } from '../../store/sql-session.js';

export interface AsOf {
  /** the scoring day, 'YYYY-MM-DD' (orders up to the end of that day count) */
  readonly day: string;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * `laterDays`: a `*_days` table already built for a later day. Its rows up to this day are this
 * day's (days are whole UTC days), so the orders are not grouped a second time.
 */
export async function buildCustomerFeatures(s: SqlSession, asOf: AsOf, prefix = 'sc', laterDays?: string): Promise<void> {
  const D = asOf.day;
  for (const t of ['days', 'cust', 'first', 'prev']) await s.run(`DROP TABLE IF EXISTS ${prefix}_${t}`);
  if (laterDays) {
    await s.run(`CREATE TEMP TABLE ${prefix}_days AS SELECT customer_id, d, v, n FROM ${laterDays} WHERE d <= CAST($1 AS DATE)`, [D]);
  } else {
    await s.run(`CREATE TEMP TABLE ${prefix}_days AS
      SELECT customer_id, CAST(ordered_at AS DATE) AS d, sum(total) AS v, count(*) AS n
      FROM orders WHERE status = 'paid' AND ordered_at < CAST($1 AS TIMESTAMP)
      GROUP BY customer_id, CAST(ordered_at AS DATE)`, [`${addDays(D, 1)} 00:00:00`]);
  }
  await s.run(`CREATE TEMP TABLE ${prefix}_cust AS
    SELECT customer_id,
      count(*) AS order_days, sum(n) AS frequency, sum(v) AS monetary, max(v) AS max_day_value,
      min(d) AS first_day, max(d) AS last_day,
      CAST($1 AS DATE) - max(d) AS recency_days, CAST($1 AS DATE) - min(d) AS tenure_days,
      coalesce(sum(n) FILTER (WHERE d > CAST($2 AS DATE)), 0) AS orders_365d,
      coalesce(sum(v) FILTER (WHERE d > CAST($2 AS DATE)), 0) AS spend_365d,
      coalesce(sum(v) FILTER (WHERE d > CAST($3 AS DATE)), 0) AS spend_180d,
      coalesce(sum(v) FILTER (WHERE d > CAST($4 AS DATE) AND d <= CAST($3 AS DATE)), 0) AS spend_prev_180d
    FROM ${prefix}_days GROUP BY customer_id`, [D, addDays(D, -365), addDays(D, -180), addDays(D, -360)]);
  await s.run(`CREATE TEMP TABLE ${prefix}_first AS
    SELECT c.customer_id, d.v AS first_value FROM ${prefix}_cust c JOIN ${prefix}_days d ON d.customer_id = c.customer_id AND d.d = c.first_day`);
  await s.run(`CREATE TEMP TABLE ${prefix}_prev AS
    SELECT d.customer_id, max(d.d) AS prev_day FROM ${prefix}_days d JOIN ${prefix}_cust c ON c.customer_id = d.customer_id
    WHERE d.d < c.last_day GROUP BY d.customer_id`);
}

/** One row per buyer with the BG/NBD inputs in weeks and the mean repeat-day value. */
export async function buildModelSummary(s: SqlSession, asOf: AsOf, prefix = 'sc'): Promise<void> {
  await s.run(`DROP TABLE IF EXISTS ${prefix}_summary`);
  await s.run(`CREATE TEMP TABLE ${prefix}_summary AS
    SELECT c.customer_id,
      c.order_days - 1 AS x,
      (c.last_day - c.first_day) / 7.0 AS tx,
      (CAST($1 AS DATE) - c.first_day + 1) / 7.0 AS t_cal,
      CASE WHEN c.order_days > 1 THEN (c.monetary - f.first_value) / (c.order_days - 1) ELSE 0 END AS zbar
    FROM ${prefix}_cust c JOIN ${prefix}_first f ON f.customer_id = c.customer_id`, [asOf.day]);
}

// The set-based parts of scoring: RFM quintiles and groups, value tiers, flags and lifecycle
// stages, written with the model outputs into `customer_scores` for every live customer.
import { rfmGroupTable } from '../../core/rfm/rfm-groups.js';
import type { ScoringRules } from '../../core/lifecycle/scoring-rules.js';
import { emptyTable } from '../../store/empty-table.js';
import { dialectSql, type SqlSession } from '../../store/sql-session.js';
import { addDays } from './customer-features.js';

export async function buildRfm(s: SqlSession): Promise<void> {
  await s.run(`DROP TABLE IF EXISTS sc_rfm_map`);
  await s.run(`CREATE TEMP TABLE sc_rfm_map (r INTEGER, f INTEGER, m INTEGER, grp TEXT, demoted TEXT)`);
  const rows = rfmGroupTable();
  const values = rows.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ');
  await s.run(`INSERT INTO sc_rfm_map VALUES ${values}`, rows.flatMap((r) => [r.r, r.f, r.m, r.group, r.demoted]));
  // Quintiles by rank; ties are broken by customer id so the split is deterministic.
  await s.run(`DROP TABLE IF EXISTS sc_rfm`);
  await s.run(`CREATE TEMP TABLE sc_rfm AS SELECT customer_id,
      ntile(5) OVER (ORDER BY recency_days DESC, customer_id) AS r_score,
      ntile(5) OVER (ORDER BY frequency, customer_id) AS f_score,
      ntile(5) OVER (ORDER BY monetary, customer_id) AS m_score
    FROM sc_cust`);
}

/** Base-wide reference figures the tiers and flags compare each customer with. */
export async function baseFigures(s: SqlSession): Promise<{ avgAnnualSpend: number; medianDayValue: number }> {
  const a = await s.one<{ avg: number | null }>(`SELECT avg(spend_365d) AS avg FROM sc_cust WHERE orders_365d > 0`);
  const m = await s.one<{ med: number | null }>(`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS med FROM sc_days`);
  return { avgAnnualSpend: Number(a.avg ?? 0), medianDayValue: Number(m.med ?? 0) };
}

export async function writeScores(s: SqlSession, day: string, rules: ScoringRules, base: { avgAnnualSpend: number; medianDayValue: number }, now: Date): Promise<void> {
  const t = rules.tiers;
  const l = rules.lifecycle;
  const avg = base.avgAnnualSpend;
  const p: unknown[] = [];
  const v = (x: unknown) => {
    p.push(x);
    return `$${p.length}`;
  };
  const bulk = `(c.frequency <= ${v(rules.bulk.maxOrders)} AND c.max_day_value >= ${v(rules.bulk.medianMultiple * base.medianDayValue)}
      AND c.max_day_value >= ${v(rules.bulk.minShare)} * c.monetary)`;
  const impulse = `(c.frequency = 1 AND c.recency_days >= ${v(rules.impulseAfterDays)})`;
  const interval = `CASE WHEN c.order_days > 1 THEN (c.last_day - c.first_day) * 1.0 / (c.order_days - 1) END`;
  const tier = `CASE WHEN c.customer_id IS NULL THEN NULL
      WHEN NOT ${bulk} AND NOT ${impulse} AND c.recency_days <= ${v(t.highValue.withinDays)} AND c.spend_365d >= ${v(t.highValue.minSpendRatio * avg)}
        AND c.orders_365d >= ${v(t.highValue.minOrders)} THEN 'high_value'
      WHEN c.recency_days <= ${v(t.potential.withinDays)} AND c.spend_365d >= ${v(t.potential.minSpendRatio * avg)} AND c.spend_365d < ${v(t.potential.maxSpendRatio * avg)}
        AND c.orders_365d BETWEEN ${v(t.potential.minOrders)} AND ${v(t.potential.maxOrders)} THEN 'potential'
      WHEN c.recency_days >= ${v(t.dormant.inactiveDays)} AND c.spend_365d <= ${v(t.dormant.maxSpendRatio * avg)} AND c.orders_365d <= ${v(t.dormant.maxOrders)} THEN 'dormant'
      ELSE 'regular' END`;
  const stage = `CASE WHEN c.customer_id IS NULL THEN 'prospect'
      WHEN c.recency_days > ${v(l.churnedAfterDays)} THEN 'churned'
      WHEN c.recency_days > ${v(l.dormantAfterDays)} THEN 'dormant'
      WHEN pv.prev_day IS NOT NULL AND c.last_day - pv.prev_day >= ${v(l.dormantAfterDays)} AND c.recency_days <= ${v(l.wonBackWithinDays)} THEN 'won_back'
      WHEN c.tenure_days <= ${v(l.newWithinDays)} THEN 'new'
      WHEN c.recency_days >= ${v(l.decliningMinDays)} AND c.recency_days > ${v(l.decliningIntervalMultiple)} * coalesce(${interval}, ${v(l.decliningMinDays)})
        THEN 'declining'
      WHEN c.order_days >= 3 AND c.spend_prev_180d > 0 AND c.spend_180d < 0.5 * c.spend_prev_180d THEN 'declining'
      WHEN c.tenure_days > ${v(l.matureAfterDays)} AND c.orders_365d >= ${v(l.matureMinOrders365)} THEN 'mature'
      ELSE 'active' END`;
  const json = dialectSql.json(s.engine);
  await emptyTable(s, 'customer_scores');
  await s.run(`INSERT INTO customer_scores (customer_id, as_of, recency_days, frequency, monetary, orders_365d, spend_365d,
      avg_order_value, first_order_at, last_order_at, tenure_days, r_score, f_score, m_score, rfm_group, value_tier,
      bulk_buyer, impulse_buyer, lifecycle_stage, p_alive, expected_purchases_90d, predicted_clv, expected_next_order_at,
      historical_clv, churn_risk, churn_reasons, computed_at)
    SELECT cu.id, CAST(${v(day)} AS DATE), c.recency_days, coalesce(c.frequency, 0), coalesce(c.monetary, 0),
      coalesce(c.orders_365d, 0), coalesce(c.spend_365d, 0), c.monetary / nullif(c.frequency, 0),
      CAST(c.first_day AS TIMESTAMP), CAST(c.last_day AS TIMESTAMP), c.tenure_days,
      r.r_score, r.f_score, r.m_score,
      CASE WHEN c.customer_id IS NULL THEN NULL WHEN ${bulk} OR ${impulse} THEN mp.demoted ELSE mp.grp END,
      ${tier}, coalesce(${bulk}, false), coalesce(${impulse}, false), ${stage},
      m.p_alive, m.expected_90d, m.clv,
      ${dialectSql.plusSeconds(s.engine, `CAST(${v(`${addDays(day, 1)} 00:00:00`)} AS TIMESTAMP)`, 'floor(m.next_order_weeks * 604800)')},
      coalesce(c.monetary, 0), ch.risk, CAST(ch.reasons AS ${json}), ${v(now)}
    FROM customers cu
    LEFT JOIN sc_cust c ON c.customer_id = cu.id
    LEFT JOIN sc_prev pv ON pv.customer_id = cu.id
    LEFT JOIN sc_rfm r ON r.customer_id = cu.id
    LEFT JOIN sc_rfm_map mp ON mp.r = r.r_score AND mp.f = r.f_score AND mp.m = r.m_score
    LEFT JOIN sc_model m ON m.customer_id = cu.id
    LEFT JOIN sc_churn ch ON ch.customer_id = cu.id
    WHERE cu.merged_into IS NULL`, p);
}

export const SCORE_COLUMNS = `recency_days, frequency, monetary, orders_365d, spend_365d, avg_order_value, first_order_at, last_order_at,
  tenure_days, r_score, f_score, m_score, rfm_group, value_tier, bulk_buyer, impulse_buyer, lifecycle_stage, p_alive,
  expected_purchases_90d, predicted_clv, expected_next_order_at, historical_clv, churn_risk, churn_reasons`;

/**
 * A day's snapshot keeps every score but not the worded churn reasons (left NULL): nothing reads
 * past reasons, and at 1M customers they were 150 MB of text a day, half the snapshot's write.
 */
export const SNAPSHOT_COLUMNS = SCORE_COLUMNS.replace(/, churn_reasons$/, '');

export async function writeSnapshot(s: SqlSession, day: string): Promise<void> {
  await s.run(`DELETE FROM score_snapshots WHERE as_of = CAST($1 AS DATE)`, [day]);
  await s.run(`INSERT INTO score_snapshots (as_of, customer_id, ${SNAPSHOT_COLUMNS})
    SELECT as_of, customer_id, ${SNAPSHOT_COLUMNS} FROM customer_scores`);
}

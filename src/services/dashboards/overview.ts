// The overview dashboard: customers by value tier and lifecycle stage, active customers,
// repurchase rate and its monthly trend, revenue from returning vs new customers, predicted
// CLV, customers at churn risk with the value at stake, and NPS. Everything but the monthly
// trend and NPS reads the precomputed `customer_scores`; the trend aggregates paid orders of
// the last months once (one grouped scan).
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';
import {
  dashboardNow, latestScoreDay, monthKeyOf, monthKeySql, monthLabel, monthStart, num, offsetMinutes, round2, timeZoneOf, ts, type DashboardOptions,
} from './common.js';

/** Churn risk (0-100) at or above which a customer counts as at risk. */
export const AT_RISK = 70;

export interface MonthTrend {
  /** 'YYYY-MM' in the business time zone */
  readonly month: string;
  readonly buyers: number;
  /** buyers of the month who had bought in an earlier month */
  readonly returningBuyers: number;
  /** returningBuyers / buyers, 0-1 (null without buyers) */
  readonly repurchaseRate: number | null;
  readonly revenueReturning: number;
  readonly revenueNew: number;
}

export interface Overview {
  readonly asOf: string | null;
  readonly timeZone: string;
  readonly customers: number;
  readonly buyers: number;
  readonly byTier: Readonly<Record<string, number>>;
  readonly byStage: Readonly<Record<string, number>>;
  /** customers with a paid order in the last 365 days */
  readonly activeCustomers: number;
  /** buyers with two or more paid orders / buyers, 0-1 */
  readonly repurchaseRate: number | null;
  readonly trend: readonly MonthTrend[];
  /** paid revenue of the trend's months from customers who had bought before vs first-time buyers */
  readonly revenue: { readonly returning: number; readonly new: number };
  readonly predictedClvTotal: number;
  readonly historicalClvTotal: number;
  readonly atRisk: {
    readonly threshold: number;
    readonly customers: number;
    /** spend in the last 365 days of the customers at risk */
    readonly valueAtStake: number;
    /** sum of churn risk x spend in the last 365 days */
    readonly expectedLoss: number;
  };
  readonly nps: { readonly days: number; readonly responses: number; readonly promoters: number; readonly passives: number; readonly detractors: number; readonly score: number | null };
}

export async function overview(store: Store, opts: DashboardOptions & { months?: number } = {}): Promise<Overview> {
  const tz = timeZoneOf(opts);
  const asOf = await latestScoreDay(store.db);
  const now = dashboardNow(opts, asOf);
  const months = Math.min(36, Math.max(1, opts.months ?? 12));

  const totals = (await sql<Record<string, unknown>>`
    SELECT count(*) AS customers,
      count(*) FILTER (WHERE s.frequency > 0) AS buyers,
      count(*) FILTER (WHERE s.frequency >= 2) AS repeat_buyers,
      count(*) FILTER (WHERE s.orders_365d > 0) AS active,
      sum(s.predicted_clv) AS predicted,
      sum(s.historical_clv) AS historical,
      count(*) FILTER (WHERE s.churn_risk >= ${AT_RISK}) AS at_risk,
      sum(CASE WHEN s.churn_risk >= ${AT_RISK} THEN s.spend_365d ELSE 0 END) AS at_stake,
      sum(CASE WHEN s.churn_risk >= ${AT_RISK} THEN s.spend_365d * s.churn_risk / 100.0 ELSE 0 END) AS expected_loss
    FROM customer_scores s JOIN customers c ON c.id = s.customer_id
    WHERE c.merged_into IS NULL`.execute(store.db)).rows[0] ?? {};

  const counts = async (col: 'value_tier' | 'lifecycle_stage') => {
    const rows = await sql<{ k: string | null; n: unknown }>`
      SELECT s.${sql.ref(col)} AS k, count(*) AS n FROM customer_scores s JOIN customers c ON c.id = s.customer_id
      WHERE c.merged_into IS NULL GROUP BY 1 ORDER BY 1`.execute(store.db);
    return Object.fromEntries(rows.rows.map((r) => [r.k ?? 'none', num(r.n)]));
  };

  // Monthly repurchase trend and returning vs new revenue.
  const off = offsetMinutes(now, tz);
  const last = monthKeyOf(now, tz);
  const first = last - months + 1;
  const from = monthStart(first, tz);
  const orderMonth = monthKeySql(sql`o.ordered_at`, off);
  const firstMonth = monthKeySql(sql`s.first_order_at`, off);
  const trendRows = await sql<{ m: unknown; buyers: unknown; returning: unknown; rev_returning: unknown; rev_new: unknown }>`
    SELECT t.m, count(DISTINCT t.customer_id) AS buyers,
      count(DISTINCT CASE WHEN t.fm < t.m THEN t.customer_id END) AS returning,
      sum(CASE WHEN t.fm < t.m THEN t.total ELSE 0 END) AS rev_returning,
      sum(CASE WHEN t.fm < t.m THEN 0 ELSE t.total END) AS rev_new
    FROM (
      SELECT o.customer_id, o.total, ${orderMonth} AS m, ${firstMonth} AS fm
      FROM orders o JOIN customer_scores s ON s.customer_id = o.customer_id
      WHERE o.status = 'paid' AND o.ordered_at >= ${ts(from)} AND o.ordered_at <= ${ts(now)}
    ) t
    GROUP BY t.m ORDER BY t.m`.execute(store.db);
  const byMonth = new Map(trendRows.rows.map((r) => [num(r.m), r]));
  const trend: MonthTrend[] = [];
  for (let m = first; m <= last; m++) {
    const r = byMonth.get(m);
    const buyers = num(r?.buyers);
    const returning = num(r?.returning);
    trend.push({
      month: monthLabel(m), buyers, returningBuyers: returning, repurchaseRate: buyers > 0 ? returning / buyers : null,
      revenueReturning: round2(num(r?.rev_returning)), revenueNew: round2(num(r?.rev_new)),
    });
  }

  const npsDays = 365;
  const npsFrom = new Date(now.getTime() - npsDays * 86_400_000);
  const nps = (await sql<Record<string, unknown>>`
    SELECT count(*) AS n,
      count(*) FILTER (WHERE score >= 9) AS promoters,
      count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives,
      count(*) FILTER (WHERE score <= 6) AS detractors
    FROM feedback WHERE type = 'nps' AND score IS NOT NULL AND submitted_at >= ${ts(npsFrom)} AND submitted_at <= ${ts(now)}`.execute(store.db)).rows[0] ?? {};
  const responses = num(nps.n);

  const buyers = num(totals.buyers);
  return {
    asOf,
    timeZone: tz,
    customers: num(totals.customers),
    buyers,
    byTier: await counts('value_tier'),
    byStage: await counts('lifecycle_stage'),
    activeCustomers: num(totals.active),
    repurchaseRate: buyers > 0 ? num(totals.repeat_buyers) / buyers : null,
    trend,
    revenue: {
      returning: round2(trend.reduce((a, t) => a + t.revenueReturning, 0)),
      new: round2(trend.reduce((a, t) => a + t.revenueNew, 0)),
    },
    predictedClvTotal: round2(num(totals.predicted)),
    historicalClvTotal: round2(num(totals.historical)),
    atRisk: { threshold: AT_RISK, customers: num(totals.at_risk), valueAtStake: round2(num(totals.at_stake)), expectedLoss: round2(num(totals.expected_loss)) },
    nps: {
      days: npsDays, responses, promoters: num(nps.promoters), passives: num(nps.passives), detractors: num(nps.detractors),
      score: responses > 0 ? Math.round((1000 * (num(nps.promoters) - num(nps.detractors))) / responses) / 10 : null,
    },
  };
}

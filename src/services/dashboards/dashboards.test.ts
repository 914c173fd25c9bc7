import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Store } from '../../store/open-store.js';
import { loadDemo } from '../load-demo.js';
import { scoreCustomers } from '../score/score-customers.js';
import { countRule } from '../segments/count-rule.js';
import { churnList, churnRule } from './churn.js';
import { monthKeyOf, monthLabel, monthStart, num, offsetMinutes } from './common.js';
import { lifecycleDashboard, lifecycleMigration } from './lifecycle.js';
import { AT_RISK, overview } from './overview.js';
import { retentionCohorts } from './retention.js';
import { rfmDashboard } from './rfm.js';
import { channelValue, clvHistogram, niceWidth, topCustomers } from './value.js';

const END = new Date('2026-06-30T12:00:00Z');
const TZ = 'Asia/Shanghai';

describe('month helpers', () => {
  it('numbers months in the business time zone', () => {
    expect(offsetMinutes(END, TZ)).toBe(480);
    // 2026-06-30 20:00 UTC is already 1 July in Shanghai
    expect(monthLabel(monthKeyOf(new Date('2026-06-30T20:00:00Z'), TZ))).toBe('2026-07');
    expect(monthStart(monthKeyOf(END, TZ), TZ).toISOString()).toBe('2026-05-31T16:00:00.000Z');
    expect(niceWidth(37)).toBe(50);
    expect(niceWidth(0.3)).toBe(1);
  });
});

describe.each(engines)('dashboards on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
    await loadDemo(store, { customers: 400, seed: 11, endDate: END });
    await scoreCustomers(store, { asOf: '2026-03-31' });
    await scoreCustomers(store, { asOf: '2026-06-30' });
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });

  it('overview KPIs agree with customer_scores and the orders', async () => {
    const o = await overview(store, { timeZone: TZ, now: END });
    const s = (await sql<Record<string, unknown>>`SELECT count(*) AS n, count(*) FILTER (WHERE frequency >= 2) AS rep, count(*) FILTER (WHERE frequency > 0) AS buyers,
      count(*) FILTER (WHERE churn_risk >= ${AT_RISK}) AS risk FROM customer_scores`.execute(store.db)).rows[0] ?? {};
    expect(o.asOf).toBe('2026-06-30');
    expect(o.customers).toBe(num(s.n));
    expect(o.buyers).toBe(num(s.buyers));
    expect(o.repurchaseRate).toBeCloseTo(num(s.rep) / num(s.buyers), 10);
    expect(o.atRisk.customers).toBe(num(s.risk));
    expect(Object.values(o.byStage).reduce((a, b) => a + b, 0)).toBe(o.customers);
    expect(o.trend).toHaveLength(12);
    expect(o.trend.at(-1)?.month).toBe('2026-06');
    // revenue of the trend months = paid orders since the first month began (Shanghai time)
    const from = monthStart(monthKeyOf(END, TZ) - 11, TZ).toISOString().replace('T', ' ').replace('Z', '');
    const paid = (await sql<{ v: unknown }>`SELECT sum(total) AS v FROM orders WHERE status = 'paid' AND ordered_at >= CAST(${from} AS TIMESTAMP)
      AND ordered_at <= CAST(${'2026-06-30 12:00:00'} AS TIMESTAMP)`.execute(store.db)).rows[0];
    expect(o.revenue.returning + o.revenue.new).toBeCloseTo(num(paid?.v), 0);
    for (const t of o.trend) expect(t.returningBuyers).toBeLessThanOrEqual(t.buyers);
    expect(o.nps.promoters + o.nps.passives + o.nps.detractors).toBe(o.nps.responses);
  });

  it('RFM grid and groups add up to the buyers', async () => {
    const r = await rfmDashboard(store);
    expect(r.grid.reduce((a, c) => a + c.customers, 0)).toBe(r.buyers);
    expect(r.groups.reduce((a, g) => a + g.revenueShare, 0)).toBeCloseTo(1, 6);
    for (const c of r.grid) expect(c.r >= 1 && c.r <= 5 && c.f >= 1 && c.f <= 5).toBe(true);
  });

  it('lifecycle distribution and migration between the two scoring days', async () => {
    const l = await lifecycleDashboard(store);
    expect(l.snapshots).toEqual(['2026-06-30', '2026-03-31']);
    const m = await lifecycleMigration(store, { by: 'stage' });
    expect(m?.from).toBe('2026-03-31');
    expect(m?.to).toBe('2026-06-30');
    expect(m?.cells.reduce((a, c) => a + c.customers, 0)).toBe(l.stages.reduce((a, s) => a + s.customers, 0));
  });

  it('retention cohorts form a triangle whose first column is the cohort size', async () => {
    const r = await retentionCohorts(store, { timeZone: TZ, now: END, months: 6 });
    expect(r.cohorts.map((c) => c.customers.length)).toEqual([6, 5, 4, 3, 2, 1]);
    for (const c of r.cohorts) for (const n of c.customers) expect(n).toBeLessThanOrEqual(c.size);
    const first = r.cohorts[0];
    const key = monthKeyOf(END, TZ) - 5;
    const lo = monthStart(key, TZ).toISOString().replace('T', ' ').replace('Z', '');
    const hi = monthStart(key + 1, TZ).toISOString().replace('T', ' ').replace('Z', '');
    const n = (await sql<{ n: unknown }>`SELECT count(*) AS n FROM customer_scores WHERE first_order_at >= CAST(${lo} AS TIMESTAMP) AND first_order_at < CAST(${hi} AS TIMESTAMP)`.execute(store.db)).rows[0];
    expect(first?.size).toBe(num(n?.n));
  });

  it('CLV histogram, top customers and channels', async () => {
    const h = await clvHistogram(store, 'historical', 10);
    expect(h.bins).toHaveLength(10);
    expect(h.bins.reduce((a, b) => a + b.customers, 0)).toBe(h.customers);
    expect(h.bins.reduce((a, b) => a + b.value, 0)).toBeCloseTo(h.total, 0);
    const top = await topCustomers(store, { page: 1, pageSize: 5, sort: 'historical_clv' });
    expect(top.items).toHaveLength(5);
    expect(top.total).toBe(h.customers);
    const values = top.items.map((t) => t.historicalClv);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    const page2 = await topCustomers(store, { page: 2, pageSize: 5, sort: 'historical_clv' });
    expect(page2.items[0]?.historicalClv).toBeLessThanOrEqual(values.at(-1) ?? 0);
    expect((await channelValue(store)).length).toBeGreaterThan(1);
  });

  it('the churn list pages on the server and its rule counts the same customers', async () => {
    const f = { minRisk: 60, stage: undefined, tier: undefined };
    const list = await churnList(store, { ...f, page: 1, pageSize: 10, sort: 'expected_loss' });
    expect(list.items.length).toBeLessThanOrEqual(10);
    expect(list.items.every((r) => r.churnRisk >= 60)).toBe(true);
    const losses = list.items.map((r) => r.expectedLoss);
    expect([...losses].sort((a, b) => b - a)).toEqual(losses);
    expect(list.items.some((r) => r.reasons.length > 0)).toBe(true);
    expect((await countRule(store, churnRule(f))).count).toBe(list.total);
    const stage = list.items[0]?.lifecycleStage ?? 'dormant';
    const narrowed = await churnList(store, { minRisk: 60, stage, page: 1, pageSize: 500, sort: 'risk' });
    expect((await countRule(store, narrowed.rule)).count).toBe(narrowed.total);
    expect(narrowed.items.every((r) => r.lifecycleStage === stage)).toBe(true);
  });
});

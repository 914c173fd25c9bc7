// `npm run bench -- segments [--customers 1000000] [--engines duckdb,postgres] [--runs 9]`
// Median latency of `count` for a five-condition rule (with one purchase and one event
// condition) beside the same query written by hand, and the time to refresh 50 dynamic
// segments with membership history.
import { sql } from 'kysely';
import { countQuery, parseRule } from '../src/core/segments/index.js';
import { createDynamicSegment, refreshAllSegments } from '../src/services/segments/segments.js';
import { openStore, type Store } from '../src/store/open-store.js';
import { demoTarget } from './_demo-db.js';
import { arg, fmt, timed } from './_support.js';

function rule(minSpend: number): unknown {
  return {
    type: 'and', conditions: [
      { type: 'attribute', field: 'gender', op: 'equals', value: 'female' },
      { type: 'attribute', field: 'city', op: 'in', value: ['上海', '北京', '杭州', '深圳', '广州'] },
      { type: 'score', field: 'churn_risk', op: 'lt', value: 80 },
      { type: 'purchase', product: { by: 'category', category: '美妆' }, metric: 'spend', op: 'at_least', value: minSpend, window: { type: 'last_days', days: 365 } },
      { type: 'event', name: 'product_view', op: 'at_least', value: 1, window: { type: 'last_days', days: 90 } },
    ],
  };
}

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(f)).seconds * 1000);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

async function handWritten(store: Store, now: Date): Promise<number> {
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const quarterAgo = new Date(now.getTime() - 90 * 86_400_000);
  const r = await sql<{ n: number }>`
    SELECT count(*) AS n FROM customers c
    WHERE c.merged_into IS NULL AND c.gender = 'female' AND c.city IN ('上海', '北京', '杭州', '深圳', '广州')
      AND c.id IN (SELECT customer_id FROM customer_scores WHERE churn_risk < 80)
      AND c.id IN (SELECT i.customer_id FROM order_items i JOIN products p ON p.sku = i.sku
                   WHERE i.status = 'paid' AND i.ordered_at >= ${yearAgo} AND i.ordered_at <= ${now}
                     AND (p.category = '美妆' OR p.category LIKE '美妆/%')
                   GROUP BY i.customer_id HAVING sum(i.amount) >= 500)
      AND c.id IN (SELECT customer_id FROM events WHERE name = 'product_view' AND occurred_at >= ${quarterAgo} AND occurred_at <= ${now})`.execute(store.db);
  return Number(r.rows[0]?.n);
}

export async function run(args: string[]): Promise<void> {
  const customers = Number(arg(args, 'customers', '1000000'));
  const runs = Number(arg(args, 'runs', '9'));
  const engines = arg(args, 'engines', 'duckdb').split(',');
  const pgUrl = process.env.TEND_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  for (const engine of engines) {
    const target = await demoTarget(engine, customers, pgUrl);
    const store = await openStore(target.engine === 'duckdb' ? { engine: 'duckdb', path: target.path as string, memoryLimit: '4GB' } : { engine: 'postgres', url: target.url as string });
    try {
      const scored = await store.db.selectFrom('customer_scores').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(scored.n) === 0) throw new Error('the benchmark database has no scores: run `npm run bench -- score` first');
      const now = new Date();
      const compiled = parseRule(rule(500));
      const tendCount = Number((await countQuery(store.db, compiled, { now }).executeTakeFirstOrThrow()).n);
      const handCount = await handWritten(store, now);
      if (tendCount !== handCount) console.log(`WARNING: counts differ: compiled ${tendCount}, hand-written ${handCount}`);
      const tendMs = await median(runs, () => countQuery(store.db, compiled, { now }).executeTakeFirstOrThrow());
      const handMs = await median(runs, () => handWritten(store, now));
      console.log(`\n${engine}, ${fmt(customers, 0)} customers: five-condition count = ${fmt(tendCount, 0)}`);
      console.log(`  compiled rule   median ${fmt(tendMs, 0)} ms over ${runs} runs`);
      console.log(`  hand-written    median ${fmt(handMs, 0)} ms`);
      console.log(`  ratio           ${fmt(tendMs / handMs, 2)}x`);
      await sql`DELETE FROM segment_members WHERE segment_id IN (SELECT id FROM segments WHERE name LIKE 'bench %')`.execute(store.db);
      await sql`DELETE FROM segments WHERE name LIKE 'bench %'`.execute(store.db);
      const created = await timed(async () => {
        for (let i = 0; i < 50; i++) await createDynamicSegment(store, { name: `bench ${i}`, rule: rule(100 + i * 40) }, 'bench');
      });
      const refreshed = await timed(() => refreshAllSegments(store, 'bench'));
      const mine = Object.entries(refreshed.value).filter(([n]) => n.startsWith('bench ')).length;
      console.log(`  create 50 dynamic segments (first refresh included): ${fmt(created.seconds)} s`);
      console.log(`  refresh all ${Object.keys(refreshed.value).length} dynamic segments (${mine} bench) with history: ${fmt(refreshed.seconds)} s`);
      await sql`DELETE FROM segment_members WHERE segment_id IN (SELECT id FROM segments WHERE name LIKE 'bench %')`.execute(store.db);
      await sql`DELETE FROM events WHERE name IN ('segment_entered', 'segment_exited') AND properties IS NOT NULL AND message_id LIKE 'segment:%'`.execute(store.db);
      await sql`DELETE FROM segments WHERE name LIKE 'bench %'`.execute(store.db);
    } finally {
      await store.close();
    }
  }
}

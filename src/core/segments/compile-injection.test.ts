// SQL injection: hostile text in every string position of a rule. For each, the compiled SQL
// holds none of it (it travels as a bound parameter), the query runs, the tables survive, and
// the result is exact: the payload matches only the rows that really hold that text. Keys that
// DuckDB would read as JSON paths are refused by validation instead, with the path named.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Store } from '../../store/open-store.js';
import { compileRule } from './compile.js';
import { LIVE, NOW, insertFixture } from './test-fixture.js';
import { formatRuleError, validateRule } from './validate.js';

const PAYLOADS = [
  "'; DROP TABLE customers; --",
  '" OR 1=1 --',
  '\\',
  "\\'; DROP TABLE customers; --",
  "' OR '1'='1",
  '’ OR ‘1’=‘1’ --',
  '＂ OR １=１ －－',
  '“上海” OR TRUE; --',
  "Robert'); DROP TABLE customers;--",
  '%_*',
  '$.a',
  '/etc/passwd',
  "美妆/口红' OR 'x'='x",
] as const;

const ids = PAYLOADS.map((_, i) => 100 + i);
const T = (iso: string): Date => new Date(iso);

/** Ids of payload customers whose payload satisfies the test. */
const holding = (test: (stored: string) => boolean): number[] => PAYLOADS.flatMap((p, i) => (test(p) ? [100 + i] : []));
const allBut = (matched: number[]): number[] => [...LIVE, ...ids].filter((id) => !matched.includes(id));
/** A key DuckDB would read as a JSON path, which validation refuses. */
const pathLike = (k: string): boolean => /^[$/]|[\\*]/.test(k);

interface Position {
  readonly where: string;
  readonly rule: (p: string) => unknown;
  readonly expected: (p: string) => number[];
  /** The error path when validation refuses the payload here, else undefined. */
  readonly refused?: (p: string) => string | undefined;
}

const POSITIONS: Position[] = [
  { where: 'attribute equals', rule: (p) => ({ type: 'attribute', field: 'city', op: 'equals', value: p }), expected: (p) => holding((s) => s === p) },
  { where: 'attribute not_equals', rule: (p) => ({ type: 'attribute', field: 'city', op: 'not_equals', value: p }), expected: (p) => allBut(holding((s) => s === p)) },
  { where: 'attribute in', rule: (p) => ({ type: 'attribute', field: 'city', op: 'in', value: ['无此城市', p] }), expected: (p) => holding((s) => s === p) },
  { where: 'attribute contains', rule: (p) => ({ type: 'attribute', field: 'city', op: 'contains', value: p }), expected: (p) => holding((s) => s.includes(p)) },
  { where: 'attribute starts_with', rule: (p) => ({ type: 'attribute', field: 'city', op: 'starts_with', value: p }), expected: (p) => holding((s) => s.startsWith(p)) },
  {
    where: 'custom attribute key',
    rule: (p) => ({ type: 'custom_attribute', key: p, op: 'is_set' }),
    expected: (p) => holding((s) => s === p),
    refused: (p) => (pathLike(p) ? 'key' : undefined),
  },
  { where: 'custom attribute value', rule: (p) => ({ type: 'custom_attribute', key: 'k', op: 'equals', value: p }), expected: (p) => holding((s) => s === p) },
  { where: 'custom attribute value in', rule: (p) => ({ type: 'custom_attribute', key: 'k', op: 'in', value: [p] }), expected: (p) => holding((s) => s === p) },
  { where: 'custom attribute contains', rule: (p) => ({ type: 'custom_attribute', key: 'k', op: 'contains', value: p }), expected: (p) => holding((s) => s.includes(p)) },
  { where: 'score value', rule: (p) => ({ type: 'score', field: 'value_tier', op: 'equals', value: p }), expected: () => [], refused: () => 'value' },
  { where: 'tag name', rule: (p) => ({ type: 'tag', op: 'has', tag_name: p }), expected: (p) => holding((s) => s === p) },
  { where: 'tag name (has not)', rule: (p) => ({ type: 'tag', op: 'has_not', tag_name: p }), expected: (p) => allBut(holding((s) => s === p)) },
  { where: 'sku', rule: (p) => ({ type: 'purchase', product: { by: 'sku', skus: [p] }, metric: 'orders', op: 'at_least', value: 1 }), expected: (p) => holding((s) => s === p) },
  {
    where: 'category',
    rule: (p) => ({ type: 'purchase', product: { by: 'category', category: p }, metric: 'orders', op: 'at_least', value: 1, window: { type: 'last_days', days: 30 } }),
    expected: (p) => holding((s) => s === p || s.startsWith(`${p}/`)),
  },
  { where: 'brand', rule: (p) => ({ type: 'purchase', product: { by: 'brand', brand: p }, metric: 'spend', op: 'at_least', value: 1 }), expected: (p) => holding((s) => s === p) },
  { where: 'event name', rule: (p) => ({ type: 'event', name: p, op: 'at_least', value: 2 }), expected: (p) => holding((s) => s === p) },
  {
    where: 'event property key',
    rule: (p) => ({ type: 'event', name: p, where: [{ key: p, op: 'is_set' }], op: 'at_least', value: 1 }),
    expected: (p) => holding((s) => s === p),
    refused: (p) => (pathLike(p) ? 'where[0].key' : undefined),
  },
  {
    where: 'event property value',
    rule: (p) => ({ type: 'event', name: 'view_product', where: [{ key: 'k', op: 'starts_with', value: p }], op: 'at_least', value: 1 }),
    expected: (p) => holding((s) => s.startsWith(p)),
  },
  {
    where: 'event sequence names and values',
    rule: (p) => ({ type: 'event_sequence', first: { name: p, where: [{ key: 'k', op: 'equals', value: p }] }, then: { name: p }, within_days: 1 }),
    expected: (p) => holding((s) => s === p),
  },
  { where: 'date value', rule: (p) => ({ type: 'attribute', field: 'signup_at', op: 'equals', value: p }), expected: () => [], refused: () => 'value' },
  {
    where: 'window date',
    rule: (p) => ({ type: 'nps', band: 'promoter', window: { type: 'between', from: p, to: '2025-01-01' } }),
    expected: () => [],
    refused: () => 'window.from',
  },
];

async function insertPayloadRows(store: Store): Promise<void> {
  const at = T('2025-01-01T00:00:00Z');
  const db = store.db;
  await db
    .insertInto('customers')
    .values(
      PAYLOADS.map((p, i) => ({
        id: 100 + i, name: p, gender: 'female', birthday: null, city: p, province: null, country: null, signup_at: at,
        acquisition_channel: null, acquisition_cost: null, consent_email: null, consent_sms: null, consent_wechat: null,
        attributes: JSON.stringify({ [p]: p, k: p }), merged_into: null, created_at: at, updated_at: at,
      })),
    )
    .execute();
  await db.insertInto('products').values(PAYLOADS.map((p) => ({ sku: p, name: p, category: p, brand: p, price: 1, created_at: at }))).execute();
  await db
    .insertInto('orders')
    .values(PAYLOADS.map((_, i) => ({ order_id: `PO${i}`, customer_id: 100 + i, origin_customer_id: 100 + i, ordered_at: T('2025-06-01T02:00:00Z'), channel: null, store: null, status: 'paid', total: 9, discount: 0, currency: 'CNY', created_at: at })))
    .execute();
  await db.insertInto('order_items').values(PAYLOADS.map((p, i) => ({
    order_id: `PO${i}`, sku: p, quantity: 1, unit_price: 9, amount: 9, customer_id: 100 + i, ordered_at: T('2025-06-01T02:00:00Z'), status: 'paid',
  }))).execute();
  await db
    .insertInto('events')
    .values(
      PAYLOADS.flatMap((p, i) =>
        ['02', '03'].map((h) => ({
          message_id: `PE${i}-${h}`, customer_id: 100 + i, origin_customer_id: 100 + i, anonymous_id: null, name: p,
          occurred_at: T(`2025-06-10T${h}:00:00Z`), properties: JSON.stringify({ [p]: p, k: p }), received_at: at,
        })),
      ),
    )
    .execute();
  await db
    .insertInto('events')
    .values(PAYLOADS.map((p, i) => ({ message_id: `PV${i}`, customer_id: 100 + i, origin_customer_id: 100 + i, anonymous_id: null, name: 'view_product', occurred_at: T('2025-06-10T02:00:00Z'), properties: JSON.stringify({ k: p }), received_at: at })))
    .execute();
  await db
    .insertInto('tags')
    .values(PAYLOADS.map((p, i) => ({ id: 100 + i, name: p, tag_group: 'basic', description: null, rule: null, builtin: false, created_by: 'test', created_at: at, updated_at: at })))
    .execute();
  await db.insertInto('customer_tags').values(PAYLOADS.map((_, i) => ({ customer_id: 100 + i, tag_id: 100 + i, source: 'manual', set_by: 'test', entered_at: at, exited_at: null }))).execute();
}

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

describe.each(engines)('hostile text in rules on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
    await insertFixture(store.db);
    await insertPayloadRows(store);
  });
  afterAll(async () => {
    await store.close();
  });

  it.each(POSITIONS)('in the $where: never in the SQL, runs, exact result', async ({ rule, expected, refused }) => {
    for (const p of PAYLOADS) {
      const result = validateRule(rule(p));
      const refusedAt = refused?.(p);
      if (refusedAt !== undefined) {
        expect(result.ok, `payload ${p} should be refused`).toBe(false);
        if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual([refusedAt]);
        if (!result.ok) expect(formatRuleError(result.errors[0] ?? { path: '', message: '' })).toMatch(new RegExp(`^${refusedAt.replace(/[.[\]]/g, '\\$&')}: `));
        continue;
      }
      expect(result.ok, `payload ${p}: ${result.ok ? '' : result.errors.map(formatRuleError).join('; ')}`).toBe(true);
      if (!result.ok) continue;
      const query = compileRule(store.db, result.rule, { now: NOW });
      const compiled = query.compile();
      expect(compiled.sql).not.toContain(p);
      expect(compiled.parameters.some((v) => typeof v === 'string' && v.includes(p))).toBe(true);
      const rows = await query.execute();
      expect(sorted(rows.map((r) => r.id)), `payload ${p}`).toEqual(sorted(expected(p)));
    }
  });

  it('leaves every table in place', async () => {
    const n = await sql<{ n: number }>`SELECT count(*) AS n FROM customers`.execute(store.db);
    expect(Number(n.rows[0]?.n)).toBe(12 + PAYLOADS.length);
    const tags = await store.db.selectFrom('tags').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(tags.n)).toBe(2 + PAYLOADS.length);
  });
});

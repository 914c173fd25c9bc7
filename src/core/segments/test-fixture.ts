// A small world for the compiler tests: twelve customers (one merged away) with orders, items,
// products, events, feedback, scores, tags and segment members. Times are chosen around NOW so
// that each condition type has a known, exact member set. Used by *.test.ts only.
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/** 2025-06-15 12:00 in Asia/Shanghai. */
export const NOW = new Date('2025-06-15T04:00:00.000Z');

/** Live customers (10 is merged into 1). */
export const LIVE = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12] as const;

export function except(...ids: number[]): number[] {
  return LIVE.filter((id) => !ids.includes(id));
}

const t = (iso: string): Date => new Date(iso);

type C = [id: number, name: string, gender: string | null, birthday: string | null, city: string | null, province: string | null,
  signup: string, channel: string | null, cost: number | null, email: boolean | null, attributes: object | null, mergedInto: number | null];

const CUSTOMERS: readonly C[] = [
  [1, '张三', 'female', '1990-12-30', '上海', '上海', '2023-01-10T02:00:00Z', 'wechat', 12.5, true, { vip: true, level: 'gold', age: 30 }, null],
  [2, '李四', 'male', '1985-01-03', '北京', '北京', '2025-05-01T02:00:00Z', 'douyin', 30, false, { level: 'silver', age: 45.5 }, null],
  [3, '王五', 'female', '1992-06-20', '上海', '上海', '2024-06-01T02:00:00Z', 'taobao', null, null, { age: 'unknown', note: '老客户' }, null],
  [4, '赵六', 'male', '1988-01-05', '广州', '广东', '2020-03-01T02:00:00Z', 'wechat', 5, true, {}, null],
  [5, '钱七', 'female', '2000-12-27', '深圳', '广东', '2025-06-10T02:00:00Z', null, null, null, null, null],
  [6, '孙八', 'unknown', null, null, null, '2024-12-31T17:00:00Z', null, null, null, { level: 'gold' }, null],
  [7, '周九', 'female', '1996-02-29', '杭州', '浙江', '2022-02-28T02:00:00Z', '', null, true, { vip: false }, null],
  [8, '吴十', 'male', '1991-06-15', '上饶', '江西', '2025-03-01T02:00:00Z', null, null, null, null, null],
  [9, '郑一', 'female', '1980-01-01', '苏州', '江苏', '2019-05-05T02:00:00Z', null, null, null, null, null],
  [10, '张三(重复)', 'female', '1990-12-31', '上海', '上海', '2024-01-01T02:00:00Z', 'wechat', 1, true, { vip: true, level: 'gold' }, 1],
  [11, '冯二', 'male', '1999-07-01', '成都', '四川', '2025-06-15T03:00:00Z', null, null, null, null, null],
  [12, '陈三', 'female', '1993-06-17', '上海', '上海', '2021-01-01T02:00:00Z', null, null, null, null, null],
];

const PRODUCTS: ReadonlyArray<[sku: string, category: string, brand: string]> = [
  ['L1', '美妆/口红/哑光', '兰蔻'],
  ['L2', '美妆/口红', '迪奥'],
  ['L3', '美妆/口红膏', '迪奥'],
  ['S1', '美妆/面霜', '兰蔻'],
  ['F1', '食品/零食', '三只松鼠'],
];

type O = [orderId: string, customer: number, at: string, status: string, items: ReadonlyArray<[sku: string, qty: number, amount: number]>];

const ORDERS: readonly O[] = [
  ['O1', 1, '2025-06-01T02:00:00Z', 'paid', [['L1', 1, 200]]],
  ['O2', 1, '2025-05-20T02:00:00Z', 'paid', [['S1', 1, 300]]],
  ['O3', 1, '2025-06-10T02:00:00Z', 'refunded', [['L2', 1, 100]]],
  ['O4', 2, '2024-10-01T02:00:00Z', 'paid', [['L2', 1, 150]]],
  ['O5', 3, '2025-06-12T02:00:00Z', 'paid', [['L3', 1, 80]]],
  ['O6', 3, '2025-06-13T02:00:00Z', 'paid', [['F1', 1, 20]]],
  ['O7', 4, '2025-04-01T02:00:00Z', 'paid', [['F1', 1, 50]]],
  ['O8', 4, '2025-05-01T02:00:00Z', 'paid', [['F1', 1, 50]]],
  ['O9', 4, '2025-06-01T15:30:00Z', 'paid', [['F1', 1, 50]]],
  ['O10', 6, '2025-06-14T02:00:00Z', 'cancelled', [['L1', 1, 200]]],
  ['O11', 7, '2025-01-15T02:00:00Z', 'paid', [['S1', 1, 1000]]],
  ['O12', 8, '2025-06-14T02:00:00Z', 'paid', [['L1', 2, 400], ['S1', 1, 300]]],
  ['O13', 10, '2025-06-01T02:00:00Z', 'paid', [['L1', 1, 200]]],
  ['O14', 9, '2023-01-01T02:00:00Z', 'paid', [['L2', 1, 150]]],
  ['O15', 11, '2025-05-31T15:30:00Z', 'paid', [['F1', 1, 60]]],
  ['O16', 5, '2025-06-16T02:00:00Z', 'paid', [['S1', 1, 999]]],
];

type E = [id: string, customer: number | null, name: string, at: string, properties: object | null];

const EVENTS: readonly E[] = [
  ['E1', 1, 'view_product', '2025-06-10T02:00:00Z', { sku: 'L1', price: 199 }],
  ['E2', 1, 'add_to_cart', '2025-06-10T03:00:00Z', { sku: 'L1', quantity: 1 }],
  ['E3', 1, 'view_product', '2025-06-11T02:00:00Z', { sku: 'S1', price: 299 }],
  ['E4', 2, 'view_product', '2025-06-01T02:00:00Z', { sku: 'L2', price: 149 }],
  ['E5', 2, 'add_to_cart', '2025-06-09T02:00:00Z', { sku: 'L2' }],
  ['E6', 3, 'add_to_cart', '2025-06-05T02:00:00Z', { sku: 'L3' }],
  ['E7', 3, 'view_product', '2025-06-06T02:00:00Z', { sku: 'L3', price: '79' }],
  ['E8', 4, 'app_open', '2025-06-09T02:00:00Z', { platform: 'ios' }],
  ['E9', 4, 'app_open', '2025-06-10T02:00:00Z', { platform: 'ios' }],
  ['E10', 4, 'app_open', '2025-06-11T02:00:00Z', { platform: 'ios' }],
  ['E11', 4, 'app_open', '2025-06-12T02:00:00Z', { platform: 'android' }],
  ['E12', 5, 'app_open', '2025-06-13T02:00:00Z', { platform: 'android' }],
  ['E13', null, 'app_open', '2025-06-14T02:00:00Z', { platform: 'ios' }],
  ['E14', 7, 'view_product', '2025-06-14T02:00:00Z', { sku: 'X', price: 'abc' }],
  ['E15', 8, 'app_open', '2025-05-01T02:00:00Z', { platform: 'ios' }],
  ['E16', 9, 'app_open', '2025-06-14T02:00:00Z', null],
];

type F = [id: string, customer: number, type: string, score: number | null, at: string];

const FEEDBACK: readonly F[] = [
  ['F1', 1, 'nps', 10, '2025-05-01T02:00:00Z'],
  ['F2', 1, 'nps', 3, '2025-06-01T02:00:00Z'],
  ['F3', 2, 'nps', 9, '2025-06-01T02:00:00Z'],
  ['F4', 2, 'nps', 5, '2025-01-10T02:00:00Z'],
  ['F5', 3, 'nps', 7, '2025-06-02T02:00:00Z'],
  ['F6', 4, 'complaint', null, '2025-06-01T02:00:00Z'],
  ['F7', 4, 'complaint', null, '2025-06-05T02:00:00Z'],
  ['F8', 4, 'complaint', null, '2024-01-01T02:00:00Z'],
  ['F9', 5, 'complaint', null, '2025-06-10T02:00:00Z'],
  ['F10', 7, 'nps', 10, '2024-01-01T02:00:00Z'],
  ['F11', 8, 'csat', 5, '2025-06-01T02:00:00Z'],
];

type S = [customer: number, rfm: string, tier: string, stage: string, r: number, predicted: number | null, pAlive: number | null,
  churn: number, historical: number, lastOrder: string];

const SCORES: readonly S[] = [
  [1, 'champions', 'high_value', 'active', 5, 1200.5, 0.95, 5, 500, '2025-06-01T02:00:00Z'],
  [2, 'at_risk', 'potential', 'declining', 2, 300, 0.4, 70, 150, '2024-10-01T02:00:00Z'],
  [3, 'new_customers', 'regular', 'new', 5, 100, 0.9, 20, 100, '2025-06-13T02:00:00Z'],
  [4, 'loyal', 'high_value', 'mature', 4, 800, 0.8, 15, 150, '2025-06-01T15:30:00Z'],
  [7, 'hibernating', 'dormant', 'dormant', 1, 50, null, 90, 1000, '2025-01-15T02:00:00Z'],
  [8, 'champions', 'high_value', 'active', 5, null, 0.99, 10, 700, '2025-06-14T02:00:00Z'],
];

/** Tags: 1 高价值, 2 母婴. Customer 2 left 高价值. */
const CUSTOMER_TAGS: ReadonlyArray<[customer: number, tag: number, exited: boolean]> = [
  [1, 1, false],
  [4, 1, false],
  [2, 1, true],
  [3, 2, false],
];

/** Static segment 1: customers 2 and 5 (3 left it; 10 is merged away). */
const SEGMENT_MEMBERS: ReadonlyArray<[segment: number, customer: number, exited: boolean]> = [
  [1, 2, false],
  [1, 5, false],
  [1, 3, true],
  [1, 10, false],
];

export async function insertFixture(db: Kysely<Database>): Promise<void> {
  const at = t('2025-01-01T00:00:00Z');
  await db
    .insertInto('customers')
    .values(
      CUSTOMERS.map(([id, name, gender, birthday, city, province, signup, channel, cost, email, attributes, mergedInto]) => ({
        id, name, gender, birthday, city, province, country: 'CN', signup_at: t(signup), acquisition_channel: channel,
        acquisition_cost: cost, consent_email: email, consent_sms: null, consent_wechat: null,
        attributes: attributes === null ? null : JSON.stringify(attributes), merged_into: mergedInto, created_at: at, updated_at: at,
      })),
    )
    .execute();
  await db
    .insertInto('products')
    .values(PRODUCTS.map(([sku, category, brand]) => ({ sku, name: sku, category, brand, price: 100, created_at: at })))
    .execute();
  await db
    .insertInto('orders')
    .values(
      ORDERS.map(([order_id, customer, when, status, items]) => ({
        order_id, customer_id: customer, origin_customer_id: customer, ordered_at: t(when), channel: 'tmall', store: null, status,
        total: items.reduce((s, [, , amount]) => s + amount, 0), discount: 0, currency: 'CNY', created_at: at,
      })),
    )
    .execute();
  await db
    .insertInto('order_items')
    .values(ORDERS.flatMap(([order_id, customer, when, status, items]) => items.map(([sku, quantity, amount]) => ({
      order_id, sku, quantity, unit_price: amount / quantity, amount, customer_id: customer, ordered_at: t(when), status,
    }))))
    .execute();
  await db
    .insertInto('events')
    .values(
      EVENTS.map(([message_id, customer, name, when, properties]) => ({
        message_id, customer_id: customer, origin_customer_id: customer, anonymous_id: customer === null ? 'anon-1' : null, name,
        occurred_at: t(when), properties: properties === null ? null : JSON.stringify(properties), received_at: t(when),
      })),
    )
    .execute();
  await db
    .insertInto('feedback')
    .values(
      FEEDBACK.map(([feedback_id, customer, type, score, when]) => ({
        feedback_id, customer_id: customer, origin_customer_id: customer, submitted_at: t(when), type, score, text: null, channel: null, created_at: at,
      })),
    )
    .execute();
  await db
    .insertInto('customer_scores')
    .values(
      SCORES.map(([customer_id, rfm_group, value_tier, lifecycle_stage, r_score, predicted_clv, p_alive, churn_risk, historical_clv, last]) => ({
        customer_id, as_of: '2025-06-15', recency_days: 1, frequency: 2, monetary: historical_clv, orders_365d: 1, spend_365d: historical_clv,
        avg_order_value: null, first_order_at: null, last_order_at: t(last), tenure_days: 100, r_score, f_score: 3, m_score: 3, rfm_group,
        value_tier, bulk_buyer: false, impulse_buyer: false, lifecycle_stage, p_alive, expected_purchases_90d: null, predicted_clv,
        expected_next_order_at: null, historical_clv, churn_risk, churn_reasons: null, computed_at: NOW,
      })),
    )
    .execute();
  await db
    .insertInto('tags')
    .values([
      { id: 1, name: '高价值', tag_group: 'basic', description: null, rule: null, builtin: false, created_by: 'test', created_at: at, updated_at: at },
      { id: 2, name: '母婴', tag_group: 'need', description: null, rule: null, builtin: false, created_by: 'test', created_at: at, updated_at: at },
    ])
    .execute();
  await db
    .insertInto('customer_tags')
    .values(CUSTOMER_TAGS.map(([customer_id, tag_id, exited]) => ({ customer_id, tag_id, source: 'manual', set_by: 'test', entered_at: at, exited_at: exited ? NOW : null })))
    .execute();
  await db
    .insertInto('segments')
    .values({ id: 1, name: 'VIP名单', kind: 'static', description: null, rule: null, source_segment_id: null, member_count: 2, refreshed_at: null, created_by: 'test', created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto('segment_members')
    .values(SEGMENT_MEMBERS.map(([segment_id, customer_id, exited]) => ({ segment_id, customer_id, entered_at: at, exited_at: exited ? NOW : null })))
    .execute();
}

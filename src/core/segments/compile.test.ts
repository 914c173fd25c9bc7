// The compiler against the fixture on every engine: exact member sets for every condition type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Store } from '../../store/open-store.js';
import { DomainError } from '../errors.js';
import { compileRule, countQuery, type CompileContext } from './compile.js';
import type { AttributeField, Operator, ScoreField } from './fields.js';
import type { RuleValue, SegmentRule, Window } from './rule-schema.js';
import { LIVE, NOW, except, insertFixture } from './test-fixture.js';
import { parseRule } from './validate.js';

const attr = (field: AttributeField, op: Operator, value?: RuleValue): SegmentRule => ({ type: 'attribute', field, op, value });
const custom = (key: string, op: Operator, value?: RuleValue): SegmentRule => ({ type: 'custom_attribute', key, op, value });
const score = (field: ScoreField, op: Operator, value?: RuleValue): SegmentRule => ({ type: 'score', field, op, value });
const last = (days: number): Window => ({ type: 'last_days', days });
const and = (...conditions: SegmentRule[]): SegmentRule => ({ type: 'and', conditions });
const or = (...conditions: SegmentRule[]): SegmentRule => ({ type: 'or', conditions });
const not = (condition: SegmentRule): SegmentRule => ({ type: 'not', condition });
const lipstick = { by: 'category', category: '美妆/口红' } as const;

/** Segment 1 is static; 2 (上海) and 3 (2 and not 高价值) are dynamic; 4 and 5 refer to each other. */
const SEGMENT_RULES: Record<number, SegmentRule> = {
  2: attr('city', 'equals', '上海'),
  3: and({ type: 'segment', op: 'in', segment_id: 2 }, { type: 'tag', op: 'has_not', tag_name: '高价值' }),
  4: { type: 'segment', op: 'in', segment_id: 5 },
  5: or(attr('gender', 'equals', 'male'), { type: 'segment', op: 'not_in', segment_id: 4 }),
};
const segmentRule = (id: number): SegmentRule | undefined => SEGMENT_RULES[id];

interface Case {
  readonly name: string;
  readonly rule: SegmentRule;
  readonly expected: readonly number[];
  readonly now?: Date;
}

const cases: Case[] = [
  // Profile attributes
  { name: 'city equals', rule: attr('city', 'equals', '上海'), expected: [1, 3, 12] },
  { name: 'city not_equals includes unknown city', rule: attr('city', 'not_equals', '上海'), expected: except(1, 3, 12) },
  { name: 'city in', rule: attr('city', 'in', ['北京', '广州']), expected: [2, 4] },
  { name: 'city not_in', rule: attr('city', 'not_in', ['上海', '北京']), expected: except(1, 2, 3, 12) },
  { name: 'city contains', rule: attr('city', 'contains', '海'), expected: [1, 3, 12] },
  { name: 'city not_contains', rule: attr('city', 'not_contains', '海'), expected: except(1, 3, 12) },
  { name: 'city starts_with', rule: attr('city', 'starts_with', '上'), expected: [1, 3, 8, 12] },
  { name: 'city is_not_set', rule: attr('city', 'is_not_set'), expected: [6] },
  { name: 'channel is_set treats empty text as unset', rule: attr('acquisition_channel', 'is_set'), expected: [1, 2, 3, 4] },
  { name: 'channel is_not_set', rule: attr('acquisition_channel', 'is_not_set'), expected: except(1, 2, 3, 4) },
  { name: 'gender equals', rule: attr('gender', 'equals', 'female'), expected: [1, 3, 5, 7, 9, 12] },
  { name: 'gender in', rule: attr('gender', 'in', ['male', 'unknown']), expected: [2, 4, 6, 8, 11] },
  { name: 'cost gt', rule: attr('acquisition_cost', 'gt', 10), expected: [1, 2] },
  { name: 'cost between (inclusive)', rule: attr('acquisition_cost', 'between', [5, 12.5]), expected: [1, 4] },
  { name: 'cost lte', rule: attr('acquisition_cost', 'lte', 5), expected: [4] },
  { name: 'consent equals true', rule: attr('consent_email', 'equals', true), expected: [1, 4, 7] },
  { name: 'consent equals false', rule: attr('consent_email', 'equals', false), expected: [2] },
  { name: 'consent not_equals true', rule: attr('consent_email', 'not_equals', true), expected: except(1, 4, 7) },
  { name: 'signup more than 365 days ago', rule: attr('signup_at', 'more_than_days_ago', 365), expected: [1, 3, 4, 7, 9, 12] },
  { name: 'signup within the last 7 days', rule: attr('signup_at', 'within_last_days', 7), expected: [5, 11] },
  { name: 'signup on a Shanghai day (UTC the day before)', rule: attr('signup_at', 'equals', '2025-01-01'), expected: [6] },
  { name: 'signup before a Shanghai day', rule: attr('signup_at', 'lt', '2025-01-01'), expected: [1, 3, 4, 7, 9, 12] },
  { name: 'signup on or after a Shanghai day', rule: attr('signup_at', 'gte', '2025-01-01'), expected: [2, 5, 6, 8, 11] },
  { name: 'signup between whole days', rule: attr('signup_at', 'between', ['2025-05-01', '2025-06-10']), expected: [2, 5] },
  { name: 'signup after a day', rule: attr('signup_at', 'gt', '2025-06-10'), expected: [11] },
  { name: 'birthday before a date', rule: attr('birthday', 'lt', '1990-01-01'), expected: [2, 4, 9] },
  { name: 'birthday between dates', rule: attr('birthday', 'between', ['1990-01-01', '1992-12-31']), expected: [1, 3, 8] },
  // Birthdays ignoring the year
  { name: 'birthday in the next 7 days', rule: attr('birthday', 'annual_within_next_days', 7), expected: [3, 8, 12] },
  { name: 'birthday in the next 7 days across the year end', rule: attr('birthday', 'annual_within_next_days', 7), expected: [1, 2, 9], now: new Date('2024-12-28T04:00:00Z') },
  { name: 'birthday in the last 3 days', rule: attr('birthday', 'annual_within_last_days', 3), expected: [5], now: new Date('2024-12-28T04:00:00Z') },
  { name: 'birthday today uses the Shanghai date', rule: attr('birthday', 'annual_within_next_days', 0), expected: [1], now: new Date('2024-12-29T17:00:00Z') },
  { name: '29 February birthdays recur on the 28th in other years', rule: attr('birthday', 'annual_within_next_days', 7), expected: [7], now: new Date('2025-02-21T04:00:00Z') },
  { name: 'birthday in the next 366 days is everyone with a birthday', rule: attr('birthday', 'annual_within_next_days', 366), expected: except(6) },
  // Custom attributes
  { name: 'custom boolean equals', rule: custom('vip', 'equals', true), expected: [1] },
  { name: 'custom not_equals includes missing', rule: custom('vip', 'not_equals', true), expected: except(1) },
  { name: 'custom text equals', rule: custom('level', 'equals', 'gold'), expected: [1, 6] },
  { name: 'custom in', rule: custom('level', 'in', ['gold', 'silver']), expected: [1, 2, 6] },
  { name: 'custom number gt skips non-numbers', rule: custom('age', 'gt', 40), expected: [2] },
  { name: 'custom number between', rule: custom('age', 'between', [30, 50]), expected: [1, 2] },
  { name: 'custom number equals', rule: custom('age', 'equals', 30), expected: [1] },
  { name: 'custom is_set', rule: custom('level', 'is_set'), expected: [1, 2, 6] },
  { name: 'custom is_not_set', rule: custom('level', 'is_not_set'), expected: except(1, 2, 6) },
  { name: 'custom contains', rule: custom('note', 'contains', '老'), expected: [3] },
  { name: 'custom starts_with', rule: custom('level', 'starts_with', 'go'), expected: [1, 6] },
  { name: 'not (custom number gt) includes non-numbers', rule: not(custom('age', 'gt', 40)), expected: except(2) },
  // Scores
  { name: 'value tier equals', rule: score('value_tier', 'equals', 'high_value'), expected: [1, 4, 8] },
  { name: 'rfm group in', rule: score('rfm_group', 'in', ['at_risk', 'hibernating']), expected: [2, 7] },
  { name: 'lifecycle not_equals includes unscored', rule: score('lifecycle_stage', 'not_equals', 'active'), expected: except(1, 8) },
  { name: 'r score gte', rule: score('r_score', 'gte', 4), expected: [1, 3, 4, 8] },
  { name: 'predicted clv gt', rule: score('predicted_clv', 'gt', 500), expected: [1, 4] },
  { name: 'p alive lt', rule: score('p_alive', 'lt', 0.5), expected: [2] },
  { name: 'p alive is_not_set includes unscored', rule: score('p_alive', 'is_not_set'), expected: [5, 6, 7, 9, 11, 12] },
  { name: 'churn risk between', rule: score('churn_risk', 'between', [60, 100]), expected: [2, 7] },
  { name: 'historical clv gte', rule: score('historical_clv', 'gte', 500), expected: [1, 7, 8] },
  { name: 'last order within 30 days', rule: score('last_order_at', 'within_last_days', 30), expected: [1, 3, 4, 8] },
  // Tags
  { name: 'has tag by name (current only)', rule: { type: 'tag', op: 'has', tag_name: '高价值' }, expected: [1, 4] },
  { name: 'has tag by id', rule: { type: 'tag', op: 'has', tag_id: 2 }, expected: [3] },
  { name: 'has not tag', rule: { type: 'tag', op: 'has_not', tag_name: '高价值' }, expected: except(1, 4) },
  // Purchases
  { name: 'has not bought lipstick in 180 days', rule: { type: 'purchase', product: lipstick, metric: 'orders', op: 'at_most', value: 0, window: last(180) }, expected: except(1, 8) },
  { name: 'bought lipstick ever (subcategories, not 口红膏, paid only)', rule: { type: 'purchase', product: lipstick, metric: 'orders', op: 'at_least', value: 1 }, expected: [1, 2, 8, 9] },
  { name: 'bought a category in 30 days', rule: { type: 'purchase', product: { by: 'category', category: '美妆' }, metric: 'orders', op: 'at_least', value: 1, window: last(30) }, expected: [1, 3, 8] },
  { name: 'bought a sku', rule: { type: 'purchase', product: { by: 'sku', skus: ['L3'] }, metric: 'orders', op: 'at_least', value: 1 }, expected: [3] },
  { name: 'bought a brand in two orders', rule: { type: 'purchase', product: { by: 'brand', brand: '兰蔻' }, metric: 'orders', op: 'at_least', value: 2 }, expected: [1] },
  { name: 'three orders in 90 days', rule: { type: 'purchase', product: { by: 'any' }, metric: 'orders', op: 'at_least', value: 3, window: last(90) }, expected: [4] },
  { name: 'at most one order in 90 days', rule: { type: 'purchase', product: { by: 'any' }, metric: 'orders', op: 'at_most', value: 1, window: last(90) }, expected: except(1, 3, 4) },
  { name: 'bought anything in the last 7 days (not after now)', rule: { type: 'purchase', product: { by: 'any' }, metric: 'orders', op: 'at_least', value: 1, window: last(7) }, expected: [3, 8] },
  { name: 'spent at least 500', rule: { type: 'purchase', product: { by: 'any' }, metric: 'spend', op: 'at_least', value: 500 }, expected: [1, 7, 8] },
  { name: 'spent at least 600 on a category', rule: { type: 'purchase', product: { by: 'category', category: '美妆' }, metric: 'spend', op: 'at_least', value: 600 }, expected: [7, 8] },
  { name: 'spent at most 100', rule: { type: 'purchase', product: { by: 'any' }, metric: 'spend', op: 'at_most', value: 100 }, expected: [3, 5, 6, 11, 12] },
  { name: 'bought between Shanghai days', rule: { type: 'purchase', product: { by: 'any' }, metric: 'orders', op: 'at_least', value: 1, window: { type: 'between', from: '2025-06-01', to: '2025-06-01' } }, expected: [1, 4] },
  { name: 'bought at least 0 times is everyone', rule: { type: 'purchase', product: { by: 'any' }, metric: 'orders', op: 'at_least', value: 0 }, expected: [...LIVE] },
  // Events
  { name: 'event at least 3 times in 7 days', rule: { type: 'event', name: 'app_open', op: 'at_least', value: 3, window: last(7) }, expected: [4] },
  { name: 'event with property at least 3 times', rule: { type: 'event', name: 'app_open', where: [{ key: 'platform', op: 'equals', value: 'ios' }], op: 'at_least', value: 3, window: last(7) }, expected: [4] },
  { name: 'event with property at least 4 times', rule: { type: 'event', name: 'app_open', where: [{ key: 'platform', op: 'equals', value: 'ios' }], op: 'at_least', value: 4, window: last(7) }, expected: [] },
  { name: 'did not do event (anonymous events ignored)', rule: { type: 'event', name: 'app_open', op: 'at_most', value: 0, window: last(30) }, expected: except(4, 5, 9) },
  { name: 'event property not_equals includes missing property', rule: { type: 'event', name: 'app_open', where: [{ key: 'platform', op: 'not_equals', value: 'ios' }], op: 'at_least', value: 1, window: last(30) }, expected: [4, 5, 9] },
  { name: 'event numeric property gt', rule: { type: 'event', name: 'view_product', where: [{ key: 'price', op: 'gt', value: 150 }], op: 'at_least', value: 1 }, expected: [1] },
  { name: 'event numeric property held as text', rule: { type: 'event', name: 'view_product', where: [{ key: 'price', op: 'lt', value: 100 }], op: 'at_least', value: 1 }, expected: [3] },
  { name: 'event property in', rule: { type: 'event', name: 'view_product', where: [{ key: 'sku', op: 'in', value: ['L1', 'L2'] }], op: 'at_least', value: 1 }, expected: [1, 2] },
  { name: 'did A then B within 7 days', rule: { type: 'event_sequence', first: { name: 'view_product' }, then: { name: 'add_to_cart' }, within_days: 7 }, expected: [1] },
  { name: 'did A then B within 8 days', rule: { type: 'event_sequence', first: { name: 'view_product' }, then: { name: 'add_to_cart' }, within_days: 8 }, expected: [1, 2] },
  { name: 'did A (filtered) then B', rule: { type: 'event_sequence', first: { name: 'view_product', where: [{ key: 'sku', op: 'equals', value: 'L2' }] }, then: { name: 'add_to_cart' }, within_days: 8, window: last(30) }, expected: [2] },
  { name: 'did A then A again within a day', rule: { type: 'event_sequence', first: { name: 'app_open' }, then: { name: 'app_open' }, within_days: 1 }, expected: [4] },
  // Feedback
  { name: 'NPS promoter in 90 days', rule: { type: 'nps', band: 'promoter', window: last(90) }, expected: [2] },
  { name: 'NPS promoter ever', rule: { type: 'nps', band: 'promoter' }, expected: [2, 7] },
  { name: 'NPS detractor uses the latest answer', rule: { type: 'nps', band: 'detractor', window: last(90) }, expected: [1] },
  { name: 'NPS passive', rule: { type: 'nps', band: 'passive', window: last(90) }, expected: [3] },
  { name: 'NPS latest answer within a date window', rule: { type: 'nps', band: 'detractor', window: { type: 'between', from: '2025-01-01', to: '2025-01-31' } }, expected: [2] },
  { name: 'complaints at least 2 in 30 days', rule: { type: 'complaints', op: 'at_least', value: 2, window: last(30) }, expected: [4] },
  { name: 'complaints at least 1 in 30 days', rule: { type: 'complaints', op: 'at_least', value: 1, window: last(30) }, expected: [4, 5] },
  { name: 'no complaints in 30 days', rule: { type: 'complaints', op: 'at_most', value: 0, window: last(30) }, expected: except(4, 5) },
  // Segments
  { name: 'in static segment (current, live)', rule: { type: 'segment', op: 'in', segment_id: 1 }, expected: [2, 5] },
  { name: 'not in static segment', rule: { type: 'segment', op: 'not_in', segment_id: 1 }, expected: except(2, 5) },
  { name: 'in dynamic segment', rule: { type: 'segment', op: 'in', segment_id: 2 }, expected: [1, 3, 12] },
  { name: 'in dynamic segment built on another', rule: { type: 'segment', op: 'in', segment_id: 3 }, expected: [3, 12] },
  { name: 'not in dynamic segment', rule: { type: 'segment', op: 'not_in', segment_id: 3 }, expected: except(3, 12) },
  // Groups
  { name: 'and with nested or', rule: and(attr('city', 'equals', '上海'), or({ type: 'tag', op: 'has', tag_name: '高价值' }, { type: 'purchase', product: { by: 'category', category: '美妆' }, metric: 'orders', op: 'at_least', value: 1, window: last(30) })), expected: [1, 3] },
  { name: 'not of and', rule: not(and(attr('gender', 'equals', 'female'), attr('city', 'equals', '上海'))), expected: except(1, 3, 12) },
  { name: 'double negation', rule: not(not(attr('city', 'equals', '上海'))), expected: [1, 3, 12] },
  { name: 'not of a semi-join', rule: not({ type: 'tag', op: 'has', tag_name: '高价值' }), expected: except(1, 4) },
  { name: 'or with an empty and (true)', rule: or(attr('city', 'is_not_set'), and()), expected: [...LIVE] },
  { name: 'empty or matches nobody', rule: or(), expected: [] },
  { name: 'empty and matches every live customer', rule: and(), expected: [...LIVE] },
  {
    name: 'the issue example: no lipstick in 180 days and high value',
    rule: and({ type: 'purchase', product: lipstick, metric: 'orders', op: 'at_most', value: 0, window: last(180) }, score('value_tier', 'equals', 'high_value')),
    expected: [4],
  },
];

const sorted = (ids: readonly number[]): number[] => [...ids].sort((a, b) => a - b);

describe.each(engines)('compileRule on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
    await insertFixture(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it.each(cases)('$name', async ({ rule, expected, now }) => {
    const ctx: CompileContext = { now: now ?? NOW, segmentRule };
    const rows = await compileRule(store.db, parseRule(rule), ctx).execute();
    expect(sorted(rows.map((r) => r.id))).toEqual(sorted(expected));
  });

  it('counts members', async () => {
    const row = await countQuery(store.db, attr('city', 'equals', '上海'), { now: NOW }).executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(3);
  });

  it('rejects segments that refer to each other, and a segment that refers to itself', () => {
    const cyc = (): unknown => compileRule(store.db, { type: 'segment', op: 'in', segment_id: 4 }, { now: NOW, segmentRule });
    expect(cyc).toThrow(DomainError);
    expect(cyc).toThrow(/segment 4 → 5 → 4/);
    const self = (): unknown => compileRule(store.db, { type: 'segment', op: 'in', segment_id: 2 }, { now: NOW, segmentRule, segmentId: 2 });
    expect(self).toThrow(/segment 2 → 2/);
  });

  it('names the referenced segment whose stored rule is invalid', () => {
    const broken = { type: 'attribute', field: 'city', op: 'gt', value: 1 } as unknown as SegmentRule;
    const run = (): unknown => compileRule(store.db, { type: 'segment', op: 'in', segment_id: 9 }, { now: NOW, segmentRule: (id) => (id === 9 ? broken : undefined) });
    expect(run).toThrow('segment 9 has an invalid rule: op: operator "gt" is not valid for text field "city"');
  });
});

describe('compiled SQL', () => {
  it('uses semi-joins and anti-joins and binds every value', async () => {
    const { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, DummyDriver } = await import('kysely');
    const db = new Kysely<never>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    const rule = and(
      { type: 'purchase', product: lipstick, metric: 'orders', op: 'at_most', value: 0, window: last(180) },
      score('value_tier', 'equals', 'high_value'),
    );
    const q = compileRule(db as never, rule, { now: NOW }).compile();
    expect(q.sql).toMatch(/NOT \("customers"\."id" IN \(SELECT "oi"\."customer_id" FROM order_items AS oi/);
    expect(q.sql).toMatch(/"customers"\."id" IN \(SELECT cs\.customer_id FROM customer_scores AS cs/);
    expect(q.sql).not.toContain('美妆');
    expect(q.sql).not.toContain('high_value');
    expect(q.parameters).toContain('美妆/口红');
    expect(q.parameters).toContain('美妆/口红/');
    expect(q.parameters).toContain('high_value');
    expect(q.parameters).toContain('2024-12-17 04:00:00.000');
  });
});

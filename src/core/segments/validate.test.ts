import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { findSegmentCycle, segmentReferences } from './references.js';
import type { SegmentRule } from './rule-schema.js';
import { formatRuleError, parseRule, validateRule } from './validate.js';

/** The formatted errors for an input, or [] when it is valid. */
function errors(input: unknown): string[] {
  const r = validateRule(input);
  return r.ok ? [] : r.errors.map(formatRuleError);
}

const city = { type: 'attribute', field: 'city', op: 'equals', value: '上海' };

describe('validateRule', () => {
  it('accepts a rule using every condition type and returns it unchanged', () => {
    const rule = {
      type: 'and',
      conditions: [
        city,
        { type: 'custom_attribute', key: '会员等级', op: 'in', value: ['金卡', '钻石'] },
        { type: 'score', field: 'value_tier', op: 'equals', value: 'high_value' },
        { type: 'tag', op: 'has', tag_name: '高价值' },
        { type: 'purchase', product: { by: 'category', category: '美妆/口红' }, metric: 'orders', op: 'at_most', value: 0, window: { type: 'last_days', days: 180 } },
        { type: 'purchase', product: { by: 'any' }, metric: 'spend', op: 'at_least', value: 99.5, window: { type: 'between', from: '2025-01-01', to: '2025-03-31' } },
        { type: 'event', name: 'app_open', where: [{ key: 'platform', op: 'equals', value: 'ios' }], op: 'at_least', value: 3, window: { type: 'last_days', days: 7 } },
        { type: 'event_sequence', first: { name: 'view_product' }, then: { name: 'add_to_cart' }, within_days: 3 },
        { type: 'or', conditions: [{ type: 'nps', band: 'promoter' }, { type: 'complaints', op: 'at_least', value: 1 }] },
        { type: 'not', condition: { type: 'segment', op: 'in', segment_id: 3 } },
        { type: 'attribute', field: 'birthday', op: 'annual_within_next_days', value: 7 },
        { type: 'attribute', field: 'signup_at', op: 'more_than_days_ago', value: 365 },
        { type: 'attribute', field: 'city', op: 'is_set' },
      ],
    };
    const r = validateRule(rule);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.rule).toEqual(rule);
  });

  it('names an unknown field, an unknown operator and an operator that does not fit the field type', () => {
    expect(
      errors({
        type: 'and',
        conditions: [
          city,
          { type: 'attribute', field: 'nope', op: 'equals', value: 'x' },
          { type: 'attribute', field: 'city', op: 'gt', value: 'x' },
          { type: 'score', field: 'rfm_group', op: 'contains', value: 'x' },
          { type: 'attribute', field: 'city', op: 'like', value: 'x' },
          { type: 'score', field: 'shoe_size', op: 'equals', value: 1 },
        ],
      }),
    ).toEqual([
      'conditions[1].field: unknown field "nope"',
      'conditions[4].op: unknown operator "like"',
      'conditions[5].field: unknown score field "shoe_size"',
    ]);
    // Semantic checks run once the shape is right.
    expect(
      errors({
        type: 'and',
        conditions: [
          city,
          city,
          { type: 'attribute', field: 'city', op: 'gt', value: 'x' },
          { type: 'score', field: 'rfm_group', op: 'contains', value: 'x' },
          { type: 'attribute', field: 'signup_at', op: 'annual_within_next_days', value: 7 },
          { type: 'attribute', field: 'consent_sms', op: 'in', value: [true] },
        ],
      }),
    ).toEqual([
      'conditions[2].op: operator "gt" is not valid for text field "city"',
      'conditions[3].op: operator "contains" is not valid for choice field "rfm_group"',
      'conditions[4].op: operator "annual_within_next_days" is not valid for time field "signup_at"',
      'conditions[5].op: operator "in" is not valid for yes/no field "consent_sms"',
    ]);
  });

  it('checks values against the field type and the operator', () => {
    const c = (field: string, op: string, value?: unknown): unknown => (value === undefined ? { type: 'attribute', field, op } : { type: 'attribute', field, op, value });
    expect(
      errors({
        type: 'or',
        conditions: [
          c('acquisition_cost', 'gt', 'abc'),
          c('acquisition_cost', 'gt', 1.234),
          { type: 'score', field: 'value_tier', op: 'equals', value: 'vip' },
          { type: 'score', field: 'r_score', op: 'gte', value: 4.5 },
          c('city', 'in', []),
          c('city', 'in', ['上海', 3]),
          c('acquisition_cost', 'between', [1]),
          c('acquisition_cost', 'between', [10, 5]),
          c('city', 'is_set', 'x'),
          c('city', 'equals'),
          c('city', 'equals', ['上海']),
          c('signup_at', 'equals', '2025-02-30'),
          c('signup_at', 'within_last_days', -1),
          c('birthday', 'annual_within_next_days', 400),
          c('consent_email', 'equals', 'yes'),
          c('city', 'equals', ''),
          c('city', 'equals', { $ne: 1 }),
        ],
      }),
    ).toEqual([
      'conditions[16].value: value must be text, a number, true/false or a list of them',
    ]);
    expect(
      errors({
        type: 'or',
        conditions: [
          c('acquisition_cost', 'gt', 'abc'),
          c('acquisition_cost', 'gt', 1.234),
          { type: 'score', field: 'value_tier', op: 'equals', value: 'vip' },
          { type: 'score', field: 'r_score', op: 'gte', value: 4.5 },
          c('city', 'in', []),
          c('city', 'in', ['上海', 3]),
          c('acquisition_cost', 'between', [1]),
          c('acquisition_cost', 'between', [10, 5]),
          c('city', 'is_set', 'x'),
          c('city', 'equals'),
          c('city', 'equals', ['上海']),
          c('signup_at', 'equals', '2025-02-30'),
          c('signup_at', 'within_last_days', -1),
          c('birthday', 'annual_within_next_days', 400),
          c('consent_email', 'equals', 'yes'),
          c('city', 'equals', ''),
          c('city', 'in', Array.from({ length: 1001 }, (_, i) => `c${i}`)),
        ],
      }),
    ).toEqual([
      'conditions[0].value: expected an amount, got "abc"',
      'conditions[1].value: expected an amount with at most 2 decimal places, got 1.234',
      'conditions[2].value: expected one of high_value, potential, regular, dormant, got "vip"',
      'conditions[3].value: expected a whole number, got 4.5',
      'conditions[4].value: operator "in" needs a non-empty list of values',
      'conditions[5].value[1]: expected non-empty text, got 3',
      'conditions[6].value: operator "between" needs a list of two values [low, high]',
      'conditions[7].value: low end 10 is above high end 5',
      'conditions[8].value: operator "is_set" takes no value',
      'conditions[9].value: operator "equals" needs a value',
      'conditions[10].value: operator "equals" takes one value, not a list',
      'conditions[11].value: expected a date YYYY-MM-DD, got "2025-02-30"',
      'conditions[12].value: number of days must not be negative',
      'conditions[13].value: number of days must be at most 366',
      'conditions[14].value: expected true or false, got "yes"',
      'conditions[15].value: expected non-empty text, got ""',
      'conditions[16].value: a list holds at most 1000 values',
    ]);
  });

  it('rejects negative windows and counts, fractional order counts and reversed date windows', () => {
    expect(
      errors({
        type: 'and',
        conditions: [
          { type: 'event', name: 'app_open', op: 'at_least', value: -1, window: { type: 'last_days', days: -3 } },
          { type: 'purchase', product: { by: 'any' }, metric: 'orders', op: 'at_least', value: 1.5 },
          { type: 'purchase', product: { by: 'any' }, metric: 'spend', op: 'at_least', value: 10.005 },
          { type: 'complaints', op: 'at_most', value: 2, window: { type: 'between', from: '2025-03-01', to: '2025-02-01' } },
          { type: 'event_sequence', first: { name: 'a' }, then: { name: 'b' }, within_days: 0 },
          { type: 'complaints', op: 'exactly', value: 2 },
          { type: 'purchase', product: { by: 'sku', skus: [] }, metric: 'orders', op: 'at_least', value: 1 },
          { type: 'nps', band: 'fan' },
        ],
      }),
    ).toEqual([
      'conditions[0].value: value must not be negative',
      'conditions[0].window.days: window must be at least 1 day',
      'conditions[4].within_days: within_days must be at least 1',
      'conditions[5].op: op must be "at_least" or "at_most"',
      'conditions[6].product.skus: name at least one SKU',
      'conditions[7].band: band must be "promoter", "passive" or "detractor"',
    ]);
    expect(
      errors({
        type: 'and',
        conditions: [
          { type: 'purchase', product: { by: 'any' }, metric: 'orders', op: 'at_least', value: 1.5 },
          { type: 'purchase', product: { by: 'any' }, metric: 'spend', op: 'at_least', value: 10.005 },
          { type: 'complaints', op: 'at_most', value: 2, window: { type: 'between', from: '2025-03-01', to: '2025-02-01' } },
        ],
      }),
    ).toEqual([
      'conditions[0].value: a number of orders must be a whole number',
      'conditions[1].value: an amount has at most 2 decimal places',
      'conditions[2].window.to: window ends (2025-02-01) before it starts (2025-03-01)',
    ]);
  });

  it('gives paths deep in the tree, in property filters and in nested groups', () => {
    expect(
      errors({
        type: 'or',
        conditions: [
          { type: 'not', condition: { type: 'and', conditions: [city, { type: 'custom_attribute', key: 'age', op: 'gt', value: 'old' }] } },
          { type: 'event', name: 'view', where: [{ key: 'price', op: 'gt', value: 1 }, { key: 'sku', op: 'within_last_days', value: 3 }], op: 'at_least', value: 1 },
          { type: 'event_sequence', first: { name: 'a', where: [{ key: 'k', op: 'in', value: ['x', 1] }] }, then: { name: 'b' }, within_days: 2 },
        ],
      }),
    ).toEqual([
      'conditions[0].condition.conditions[1].value: expected a number, got "old"',
      'conditions[1].where[1].op: operator "within_last_days" is not valid for event property "sku"',
      'conditions[2].first.where[0].value: a list must hold only text or only numbers',
    ]);
  });

  it('rejects unknown types and keys, non-objects and tags named twice or not at all', () => {
    expect(errors({ type: 'bogus' })).toEqual([
      'type: unknown type "bogus"; expected one of "and", "or", "not", "attribute", "custom_attribute", "score", "tag", "purchase", "event", "event_sequence", "nps", "complaints", "segment"',
    ]);
    expect(errors({ conditions: [] })[0]).toMatch(/^type: type is missing; expected one of "and"/);
    expect(errors('city = 上海')).toEqual(['expected a condition (an object with "type")']);
    expect(errors({ type: 'and', conditions: [null] })).toEqual(['conditions[0]: expected a condition (an object with "type")']);
    expect(errors({ ...city, vlaue: 1 })).toEqual(['unknown key "vlaue"']);
    expect(errors({ type: 'purchase', product: { by: 'colour' }, metric: 'orders', op: 'at_least', value: 1 })).toEqual([
      'product.by: unknown by "colour"; expected one of "any", "sku", "category", "brand"',
    ]);
    expect(errors({ type: 'tag', op: 'has', tag_id: 1, tag_name: 'x' })).toEqual(['tag_id: name the tag by exactly one of tag_id or tag_name']);
    expect(errors({ type: 'tag', op: 'has' })).toEqual(['tag_id: name the tag by exactly one of tag_id or tag_name']);
  });

  it('refuses JSON keys that DuckDB would read as paths', () => {
    for (const key of ['$.a', '/a', 'a\\b', '*', ' ', 'a\u0000']) {
      expect(errors({ type: 'custom_attribute', key, op: 'is_set' })).toEqual([
        'key: key must not be blank, start with "$" or "/", or contain "\\", "*" or control characters',
      ]);
    }
    expect(errors({ type: 'custom_attribute', key: 'a.b "c" \'d\'', op: 'is_set' })).toEqual([]);
  });

  it('limits size and depth', () => {
    let deep: unknown = city;
    for (let i = 0; i < 20; i++) deep = { type: 'not', condition: deep };
    expect(errors(deep)).toEqual(['rule is nested 21 levels deep; at most 12 are allowed']);
    let veryDeep: unknown = city;
    for (let i = 0; i < 10_000; i++) veryDeep = { type: 'not', condition: veryDeep };
    expect(errors(veryDeep)).toEqual(['rule is nested too deeply (at most 12 levels of groups)']);
    const wide = { type: 'or', conditions: Array.from({ length: 4 }, () => ({ type: 'and', conditions: Array.from({ length: 90 }, () => city) })) };
    expect(errors(wide)).toEqual(['rule has 365 conditions; at most 300 are allowed']);
  });

  it('parseRule throws an invalid_input DomainError naming the first path', () => {
    try {
      parseRule({ type: 'and', conditions: [city, { type: 'attribute', field: 'city', op: 'gt', value: 1 }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const d = e as DomainError;
      expect(d.code).toBe('invalid_input');
      expect(d.field).toBe('conditions[1].op');
      expect(d.message).toBe('invalid segment rule: conditions[1].op: operator "gt" is not valid for text field "city"');
    }
  });
});

describe('segment references', () => {
  const rules: Record<number, SegmentRule> = {
    1: { type: 'segment', op: 'in', segment_id: 2 },
    2: { type: 'and', conditions: [{ type: 'segment', op: 'in', segment_id: 3 }, { type: 'not', condition: { type: 'segment', op: 'in', segment_id: 1 } }] },
    3: { type: 'attribute', field: 'city', op: 'equals', value: '上海' },
  };
  const lookup = (id: number): SegmentRule | undefined => rules[id];

  it('lists the segments a rule names', () => {
    expect(segmentReferences(rules[2] as SegmentRule)).toEqual([3, 1]);
  });

  it('finds cycles through dynamic segments, and none where there is none', () => {
    expect(findSegmentCycle({ type: 'segment', op: 'in', segment_id: 1 }, lookup)).toEqual([1, 2, 1]);
    expect(findSegmentCycle({ type: 'segment', op: 'in', segment_id: 3 }, lookup)).toBeUndefined();
    expect(findSegmentCycle({ type: 'segment', op: 'in', segment_id: 3 }, lookup, 3)).toEqual([3, 3]);
    // Static (or unknown) segments have no rule to follow.
    expect(findSegmentCycle({ type: 'segment', op: 'in', segment_id: 9 }, lookup, 9)).toEqual([9, 9]);
    expect(findSegmentCycle({ type: 'segment', op: 'in', segment_id: 9 }, lookup)).toBeUndefined();
  });
});

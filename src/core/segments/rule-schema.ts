// The segment rule language: one zod schema for a JSON tree of and / or / not groups over
// conditions, and the TypeScript types derived from it. The schema checks shapes; validate.ts
// adds the checks that depend on the field (operator and value fit the field's type).
import { z } from 'zod';
import { ATTRIBUTE_FIELD_NAMES, NPS_BAND_NAMES, OPERATORS, SCORE_FIELD_NAMES } from './fields.js';

export const LIMITS = {
  /** Longest text value, key, name, SKU or category. */
  text: 200,
  /** Most values in an `in` list or SKU list. */
  list: 1000,
  /** Most conditions directly in one group. */
  group: 100,
  /** Most nodes in one rule, and deepest nesting. */
  nodes: 300,
  depth: 12,
  /** Longest look-back window, in days (100 years). */
  days: 36_500,
  /** Largest count or amount a condition may name. */
  amount: 1e12,
} as const;

const text = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .min(1, { error: `${what} must not be empty` })
    .max(LIMITS.text, { error: `${what} must be at most ${LIMITS.text} characters` });

/**
 * A key of a JSON object (custom attribute, event property). DuckDB reads some keys as JSON paths
 * rather than names (a leading `$` or `/`, `*`, a backslash), so those are refused outright.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_KEY = /^[$/]|[\\*\u0000-\u001f\u007f]/;
export const jsonKeySchema = text('key').refine((k) => !UNSAFE_KEY.test(k) && k.trim() !== '', {
  error: 'key must not be blank, start with "$" or "/", or contain "\\", "*" or control characters',
});

/** Message for a tagged union whose tag is missing or unknown, or that is not an object at all. */
function unionError(code: string, input: unknown, tag: string, what: string, options: readonly string[]): string {
  if (code === 'invalid_type') return `expected ${what} (an object with "${tag}")`;
  const got = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[tag] : undefined;
  const list = options.map((o) => `"${o}"`).join(', ');
  return got === undefined ? `${tag} is missing; expected one of ${list}` : `unknown ${tag} ${JSON.stringify(got)}; expected one of ${list}`;
}

export const dateSchema = z
  .string({ error: 'date must be text in the form YYYY-MM-DD' })
  .refine(isValidDate, { error: 'date must be a real calendar date in the form YYYY-MM-DD' });

export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2999 && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const count = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(0, { error: `${what} must not be negative` })
    .max(LIMITS.amount, { error: `${what} is too large` });

const scalarSchema = z.union([z.string().max(LIMITS.text, { error: `text must be at most ${LIMITS.text} characters` }), z.number(), z.boolean()], {
  error: 'value must be text, a number or true/false',
});
export const valueSchema = z.union([scalarSchema, z.array(scalarSchema)], {
  error: 'value must be text, a number, true/false or a list of them',
});
export type Scalar = z.infer<typeof scalarSchema>;
export type RuleValue = z.infer<typeof valueSchema>;

const operatorSchema = z.enum(OPERATORS, { error: (iss) => `unknown operator ${JSON.stringify(iss.input)}` });
const countOpSchema = z.enum(['at_least', 'at_most'], { error: 'op must be "at_least" or "at_most"' });
export type CountOp = z.infer<typeof countOpSchema>;

/** A time window: a rolling look-back from now, or whole days (business time zone), both inclusive. */
export const windowSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('last_days'),
      days: z
        .number({ error: 'days must be a number' })
        .int({ error: 'days must be a whole number' })
        .min(1, { error: 'window must be at least 1 day' })
        .max(LIMITS.days, { error: `window must be at most ${LIMITS.days} days` }),
    }),
    z.strictObject({ type: z.literal('between'), from: dateSchema, to: dateSchema }),
  ],
  { error: (iss) => unionError(iss.code, iss.input, 'type', 'a window', ['last_days', 'between']) },
);
export type Window = z.infer<typeof windowSchema>;

export const attributeConditionSchema = z.strictObject({
  type: z.literal('attribute'),
  field: z.enum(ATTRIBUTE_FIELD_NAMES, { error: (iss) => `unknown field ${JSON.stringify(iss.input)}` }),
  op: operatorSchema,
  value: valueSchema.optional(),
});

export const customAttributeConditionSchema = z.strictObject({
  type: z.literal('custom_attribute'),
  key: jsonKeySchema,
  op: operatorSchema,
  value: valueSchema.optional(),
});

export const scoreConditionSchema = z.strictObject({
  type: z.literal('score'),
  field: z.enum(SCORE_FIELD_NAMES, { error: (iss) => `unknown score field ${JSON.stringify(iss.input)}` }),
  op: operatorSchema,
  value: valueSchema.optional(),
});

export const tagConditionSchema = z.strictObject({
  type: z.literal('tag'),
  op: z.enum(['has', 'has_not'], { error: 'op must be "has" or "has_not"' }),
  tag_id: z.number().int({ error: 'tag_id must be a whole number' }).positive({ error: 'tag_id must be positive' }).optional(),
  tag_name: text('tag_name').optional(),
});

export const productFilterSchema = z.discriminatedUnion(
  'by',
  [
    z.strictObject({ by: z.literal('any') }),
    z.strictObject({
      by: z.literal('sku'),
      skus: z.array(text('sku')).min(1, { error: 'name at least one SKU' }).max(LIMITS.list, { error: `at most ${LIMITS.list} SKUs` }),
    }),
    z.strictObject({ by: z.literal('category'), category: text('category') }),
    z.strictObject({ by: z.literal('brand'), brand: text('brand') }),
  ],
  { error: (iss) => unionError(iss.code, iss.input, 'by', 'a product filter', ['any', 'sku', 'category', 'brand']) },
);
export type ProductFilter = z.infer<typeof productFilterSchema>;

/** Bought (orders containing a matching item) or spent, at least / at most, in a window. */
export const purchaseConditionSchema = z.strictObject({
  type: z.literal('purchase'),
  product: productFilterSchema,
  metric: z.enum(['orders', 'spend'], { error: 'metric must be "orders" or "spend"' }),
  op: countOpSchema,
  value: z.number({ error: 'value must be a number' }).min(0, { error: 'value must not be negative' }).max(LIMITS.amount, { error: 'value is too large' }),
  window: windowSchema.optional(),
});

export const propertyFilterSchema = z.strictObject({ key: jsonKeySchema, op: operatorSchema, value: valueSchema.optional() });
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

const eventStepSchema = z.strictObject({
  name: text('event name'),
  where: z.array(propertyFilterSchema).max(20, { error: 'at most 20 property filters' }).optional(),
});
export type EventStep = z.infer<typeof eventStepSchema>;

/** Did event E (with property filters) at least / at most n times in a window. */
export const eventConditionSchema = z.strictObject({
  type: z.literal('event'),
  name: text('event name'),
  where: z.array(propertyFilterSchema).max(20, { error: 'at most 20 property filters' }).optional(),
  op: countOpSchema,
  value: count('value'),
  window: windowSchema.optional(),
});

/** Did A (in the window) and then B within `within_days` after it. */
export const eventSequenceConditionSchema = z.strictObject({
  type: z.literal('event_sequence'),
  first: eventStepSchema,
  then: eventStepSchema,
  within_days: z
    .number({ error: 'within_days must be a number' })
    .int({ error: 'within_days must be a whole number' })
    .min(1, { error: 'within_days must be at least 1' })
    .max(LIMITS.days, { error: `within_days must be at most ${LIMITS.days}` }),
  window: windowSchema.optional(),
});

/** The customer's latest NPS answer in the window falls in the band. */
export const npsConditionSchema = z.strictObject({
  type: z.literal('nps'),
  band: z.enum(NPS_BAND_NAMES, { error: 'band must be "promoter", "passive" or "detractor"' }),
  window: windowSchema.optional(),
});

export const complaintsConditionSchema = z.strictObject({
  type: z.literal('complaints'),
  op: countOpSchema,
  value: count('value'),
  window: windowSchema.optional(),
});

export const segmentConditionSchema = z.strictObject({
  type: z.literal('segment'),
  op: z.enum(['in', 'not_in'], { error: 'op must be "in" or "not_in"' }),
  segment_id: z.number({ error: 'segment_id must be a number' }).int({ error: 'segment_id must be a whole number' }).positive({ error: 'segment_id must be positive' }),
});

export const andGroupSchema = z.strictObject({
  type: z.literal('and'),
  get conditions(): z.ZodArray<typeof segmentRuleSchema> {
    return z.array(segmentRuleSchema).max(LIMITS.group, { error: `a group holds at most ${LIMITS.group} conditions` });
  },
});

export const orGroupSchema = z.strictObject({
  type: z.literal('or'),
  get conditions(): z.ZodArray<typeof segmentRuleSchema> {
    return z.array(segmentRuleSchema).max(LIMITS.group, { error: `a group holds at most ${LIMITS.group} conditions` });
  },
});

export const notGroupSchema = z.strictObject({
  type: z.literal('not'),
  get condition(): typeof segmentRuleSchema {
    return segmentRuleSchema;
  },
});

export const CONDITION_TYPES = [
  'and', 'or', 'not', 'attribute', 'custom_attribute', 'score', 'tag', 'purchase', 'event', 'event_sequence', 'nps', 'complaints', 'segment',
] as const;

export const segmentRuleSchema = z.discriminatedUnion(
  'type',
  [
    andGroupSchema,
    orGroupSchema,
    notGroupSchema,
    attributeConditionSchema,
    customAttributeConditionSchema,
    scoreConditionSchema,
    tagConditionSchema,
    purchaseConditionSchema,
    eventConditionSchema,
    eventSequenceConditionSchema,
    npsConditionSchema,
    complaintsConditionSchema,
    segmentConditionSchema,
  ],
  { error: (iss) => unionError(iss.code, iss.input, 'type', 'a condition', CONDITION_TYPES) },
);

export type SegmentRule = z.infer<typeof segmentRuleSchema>;
export type AndGroup = z.infer<typeof andGroupSchema>;
export type OrGroup = z.infer<typeof orGroupSchema>;
export type NotGroup = z.infer<typeof notGroupSchema>;
export type AttributeCondition = z.infer<typeof attributeConditionSchema>;
export type CustomAttributeCondition = z.infer<typeof customAttributeConditionSchema>;
export type ScoreCondition = z.infer<typeof scoreConditionSchema>;
export type TagCondition = z.infer<typeof tagConditionSchema>;
export type PurchaseCondition = z.infer<typeof purchaseConditionSchema>;
export type EventCondition = z.infer<typeof eventConditionSchema>;
export type EventSequenceCondition = z.infer<typeof eventSequenceConditionSchema>;
export type NpsCondition = z.infer<typeof npsConditionSchema>;
export type ComplaintsCondition = z.infer<typeof complaintsConditionSchema>;
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;
export type ConditionType = SegmentRule['type'];

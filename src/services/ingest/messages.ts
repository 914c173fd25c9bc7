// The messages applications send, Segment-style: identify, track, page, screen, and a batch of
// them. One zod schema per shape gives validation (errors name the field, with the batch
// index), the TypeScript types and the OpenAPI description. `context`, `integrations`,
// `sentAt` and other extra keys are accepted and ignored.
import { z } from 'zod';

export const LIMITS = {
  /** messages in one batch */
  batchMessages: 500,
  /** bytes of one batch request body */
  batchBytes: 500 * 1024,
  /** bytes of one single-message request body */
  messageBytes: 32 * 1024,
  /** line items of one order */
  orderItems: 500,
} as const;

/** Track events that are purchases: they also become an order with line items. */
export const PURCHASE_EVENTS: ReadonlySet<string> = new Set(['order completed', 'purchase']);

export function isPurchase(event: string): boolean {
  return PURCHASE_EVENTS.has(event.trim().toLowerCase());
}

/** Ids may be strings or integers (Segment allows both); stored as text. */
const idValue = z.union([z.string().trim().min(1).max(200), z.number().int()]).transform((v) => String(v));
const jsonObject = z.record(z.string(), z.unknown());
const when = z.union([z.iso.datetime({ offset: true, local: true }), z.iso.date()]);

const common = {
  messageId: z.string().trim().min(1).max(200).optional(),
  userId: idValue.nullish(),
  anonymousId: idValue.nullish(),
  timestamp: when.optional(),
};

function needsSomeone(m: { userId?: string | null | undefined; anonymousId?: string | null | undefined }, ctx: z.RefinementCtx): void {
  if (m.userId == null && m.anonymousId == null) {
    ctx.addIssue({ code: 'custom', path: ['userId'], message: 'userId or anonymousId is required' });
  }
}

const money = z.number().finite().nonnegative().max(1e15);

export const orderProductSchema = z.object({
  sku: idValue.optional(),
  product_id: idValue.optional(),
  quantity: z.number().int().positive().max(1_000_000).default(1),
  price: money,
  name: z.string().max(500).optional(),
  category: z.string().max(500).optional(),
  brand: z.string().max(200).optional(),
}).superRefine((p, ctx) => {
  if (p.sku === undefined && p.product_id === undefined) ctx.addIssue({ code: 'custom', path: ['sku'], message: 'sku (or product_id) is required' });
});

/** The properties a purchase event must carry to become an order. */
export const orderPropertiesSchema = z.object({
  order_id: idValue,
  total: money.optional(),
  revenue: money.optional(),
  discount: money.optional(),
  currency: z.string().regex(/^[A-Za-z]{3}$/, 'a 3-letter currency code').optional(),
  products: z.array(orderProductSchema).max(LIMITS.orderItems).optional(),
}).superRefine((p, ctx) => {
  if (p.total === undefined && p.revenue === undefined && (p.products ?? []).length === 0) {
    ctx.addIssue({ code: 'custom', path: ['total'], message: 'total (or revenue, or products) is required for a purchase' });
  }
});

export type OrderProperties = z.infer<typeof orderPropertiesSchema>;

function purchaseCheck(m: { event: string; properties?: Record<string, unknown> | undefined }, ctx: z.RefinementCtx): void {
  if (!isPurchase(m.event)) return;
  const r = orderPropertiesSchema.safeParse(m.properties ?? {});
  if (r.success) return;
  for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: ['properties', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message });
}

const identifyShape = { ...common, traits: jsonObject.optional() };
const trackShape = { ...common, event: z.string().trim().min(1).max(200), properties: jsonObject.optional() };
const pageShape = { ...common, name: z.string().max(500).optional(), category: z.string().max(500).optional(), properties: jsonObject.optional() };

export const identifyBody = z.object({ type: z.literal('identify').optional(), ...identifyShape }).superRefine(needsSomeone);
export const trackBody = z.object({ type: z.literal('track').optional(), ...trackShape }).superRefine((m, ctx) => {
  needsSomeone(m, ctx);
  purchaseCheck(m, ctx);
});

const batchMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('identify'), ...identifyShape }),
  z.object({ type: z.literal('track'), ...trackShape }),
  z.object({ type: z.literal('page'), ...pageShape }),
  z.object({ type: z.literal('screen'), ...pageShape }),
]).superRefine((m, ctx) => {
  needsSomeone(m, ctx);
  if (m.type === 'track') purchaseCheck(m, ctx);
});

export const batchBody = z.object({
  batch: z.array(batchMessage).min(1).max(LIMITS.batchMessages),
  context: z.unknown().optional(),
});

export type IdentifyMessage = z.infer<typeof identifyBody>;
export type TrackMessage = z.infer<typeof trackBody>;
export type BatchMessage = z.infer<typeof batchMessage>;
export type Message = BatchMessage;

export const acceptedReply = z.object({ success: z.literal(true), accepted: z.number().int() });

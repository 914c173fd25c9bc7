// Validated messages -> flat intake records, the unit the intake stores and the flusher
// applies. Everything that needs JavaScript (identity normalisation, trait mapping, the order
// inside a purchase event) happens here, once, at acceptance; the flusher only runs set SQL.
import { randomUUID } from 'node:crypto';
import { normalizeEmail, normalizePhone } from '../../core/identity/normalize.js';
import { isPurchase, orderPropertiesSchema, type Message } from './messages.js';

/** One row of the intake. Short keys: millions of these are written to disk. */
export interface IntakeRecord {
  /** kind: an identify, an event (track/page/screen), or an order line item of an event */
  t: 'identify' | 'track' | 'item';
  /** message id (given, or generated at acceptance so that a replay keeps it) */
  m: string;
  /** source id */
  s: number;
  /** received at, occurred at: UTC 'YYYY-MM-DD HH:MM:SS.sss' */
  r: string;
  ts: string;
  u?: string;
  a?: string;
  em?: string;
  ph?: string;
  /** event name, properties, traits */
  e?: string;
  p?: Record<string, unknown>;
  tr?: Record<string, unknown>;
  /** profile fields taken from traits */
  nm?: string;
  gd?: string;
  bd?: string;
  ci?: string;
  pr?: string;
  co?: string;
  /** order (on the purchase event's record) */
  oid?: string;
  tot?: number;
  dis?: number;
  cur?: string;
  /** line item */
  ix?: number;
  sku?: string;
  qty?: number;
  pri?: number;
  pn?: string;
  pc?: string;
  pb?: string;
}

export function utcText(d: Date): string {
  return d.toISOString().slice(0, 23).replace('T', ' ');
}

function str(v: unknown, max = 500): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t.length > 0 ? t.slice(0, max) : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const GENDER: Readonly<Record<string, string>> = { male: 'male', m: 'male', man: 'male', 男: 'male', female: 'female', f: 'female', woman: 'female', 女: 'female' };

function profileFromTraits(rec: IntakeRecord, traits: Record<string, unknown>): void {
  const email = str(traits.email);
  const phone = str(traits.phone);
  const em = email === undefined ? null : normalizeEmail(email);
  const ph = phone === undefined ? null : normalizePhone(phone);
  if (em) rec.em = em;
  if (ph) rec.ph = ph;
  const first = str(traits.firstName ?? traits.first_name);
  const last = str(traits.lastName ?? traits.last_name);
  const name = str(traits.name) ?? ([first, last].filter(Boolean).join(' ') || undefined);
  if (name) rec.nm = name;
  const g = str(traits.gender);
  const gender = g === undefined ? undefined : GENDER[g.toLowerCase()];
  if (gender) rec.gd = gender;
  const bd = str(traits.birthday);
  if (bd && /^\d{4}-\d{2}-\d{2}/.test(bd) && !Number.isNaN(Date.parse(bd.slice(0, 10)))) rec.bd = bd.slice(0, 10);
  const address = obj(traits.address) ?? {};
  const city = str(traits.city ?? address.city);
  const province = str(traits.province ?? traits.state ?? address.state ?? address.province);
  const country = str(traits.country ?? address.country);
  if (city) rec.ci = city;
  if (province) rec.pr = province;
  if (country) rec.co = country;
}

/** The intake records of one validated message (an event that is a purchase adds its items). */
export function toRecords(msg: Message, sourceId: number, receivedAt: Date): IntakeRecord[] {
  const received = utcText(receivedAt);
  const occurred = msg.timestamp ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(msg.timestamp) || msg.timestamp.length === 10 ? msg.timestamp : `${msg.timestamp}Z`) : receivedAt;
  const base: IntakeRecord = { t: 'track', m: msg.messageId ?? randomUUID(), s: sourceId, r: received, ts: Number.isNaN(occurred.getTime()) ? received : utcText(occurred) };
  if (msg.userId != null) base.u = msg.userId;
  if (msg.anonymousId != null) base.a = msg.anonymousId;
  switch (msg.type) {
    case 'identify': {
      const rec: IntakeRecord = { ...base, t: 'identify' };
      if (msg.traits) {
        rec.tr = msg.traits;
        profileFromTraits(rec, msg.traits);
      }
      return [rec];
    }
    case 'page':
    case 'screen': {
      const props: Record<string, unknown> = { ...msg.properties };
      if (msg.name !== undefined) props.name = msg.name;
      if (msg.category !== undefined) props.category = msg.category;
      return [{ ...base, e: msg.type === 'page' ? 'Page Viewed' : 'Screen Viewed', p: props }];
    }
    case 'track': {
      const rec: IntakeRecord = { ...base, e: msg.event };
      if (msg.properties) rec.p = msg.properties;
      if (!isPurchase(msg.event)) return [rec];
      const order = orderPropertiesSchema.parse(msg.properties ?? {});
      const products = order.products ?? [];
      rec.oid = order.order_id;
      rec.tot = order.total ?? order.revenue ?? products.reduce((sum, p) => sum + p.price * p.quantity, 0) - (order.discount ?? 0);
      if (order.discount !== undefined) rec.dis = order.discount;
      if (order.currency !== undefined) rec.cur = order.currency.toUpperCase();
      const items = products.map((p, ix): IntakeRecord => {
        const item: IntakeRecord = { ...base, t: 'item', oid: order.order_id, ix, sku: (p.sku ?? p.product_id) as string, qty: p.quantity, pri: p.price };
        delete item.p;
        if (p.name !== undefined) item.pn = p.name;
        if (p.category !== undefined) item.pc = p.category;
        if (p.brand !== undefined) item.pb = p.brand;
        return item;
      });
      return [rec, ...items];
    }
    default: {
      const never: never = msg;
      throw new Error(`unexpected message ${JSON.stringify(never)}`);
    }
  }
}

/**
 * One record as a JSON line. PostgreSQL's JSONB cannot hold U+0000, so NULs are dropped from
 * strings and keys (the rare slow path) instead of poisoning the queue.
 */
export function recordLine(rec: IntakeRecord, seq?: number): string {
  let json = JSON.stringify(rec);
  if (json.includes('\\u0000')) json = JSON.stringify(stripNul(rec));
  return seq === undefined ? json : `{"q":${seq},${json.slice(1)}`;
}

function stripNul(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll('\u0000', '');
  if (Array.isArray(v)) return v.map(stripNul);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replaceAll('\u0000', ''), stripNul(x)]));
  }
  return v;
}

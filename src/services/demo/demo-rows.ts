// CSV rows of the demo files, in the importer's canonical column order.

import type { Product } from '../../core/demo/catalogue.js';
import { formatCents, type TimestampFormatter } from '../../core/demo/format.js';
import type { CustomerHistory, DemoCustomer, DemoEvent } from '../../core/demo/types.js';
import { csvField } from './csv-sink.js';

export const DEMO_HEADERS = {
  products: ['sku', 'name', 'category', 'brand', 'price'],
  customers: [
    'customer_id', 'email', 'phone', 'member_no', 'wechat_openid', 'name', 'gender', 'birthday', 'city', 'province',
    'country', 'signup_at', 'acquisition_channel', 'acquisition_cost', 'consent_email', 'consent_sms', 'consent_wechat',
  ],
  orders: ['order_id', 'customer_id', 'ordered_at', 'channel', 'store', 'status', 'total', 'discount', 'currency'],
  orderItems: ['order_id', 'sku', 'quantity', 'unit_price', 'amount'],
  events: ['message_id', 'customer_id', 'anonymous_id', 'event', 'occurred_at', 'properties'],
  feedback: ['feedback_id', 'customer_id', 'submitted_at', 'type', 'score', 'text', 'channel'],
} as const;

export function productRow(p: Product): string {
  return `${p.sku},${csvField(p.name)},${csvField(p.category)},${csvField(p.brand)},${formatCents(p.priceCents)}\n`;
}

export function customerRow(c: DemoCustomer, ts: TimestampFormatter): string {
  return (
    `${c.id},${csvField(c.email)},${csvField(c.phone)},${c.memberNo},${c.wechatOpenid},${csvField(c.name)},` +
    `${c.gender},${c.birthday},${csvField(c.city)},${csvField(c.province)},CN,${ts.iso(c.signupSec)},` +
    `${c.acquisitionChannel},${formatCents(c.acquisitionCostCents)},${c.consentEmail},${c.consentSms},${c.consentWechat}\n`
  );
}

/** Formats a customer's rows for each file; property JSON is quoted once and reused. */
export class DemoRowFormatter {
  private readonly quoted = new Map<string, string>();
  private readonly skus: readonly string[];

  constructor(
    products: readonly Product[],
    private readonly ts: TimestampFormatter,
  ) {
    this.skus = products.map((p) => p.sku);
  }

  private props(json: string): string {
    let q = this.quoted.get(json);
    if (q === undefined) {
      q = csvField(json);
      if (this.quoted.size < 100_000) this.quoted.set(json, q);
    }
    return q;
  }

  orders(h: CustomerHistory): { orders: string; items: string; itemCount: number } {
    const cid = h.customer.id;
    let orders = '';
    let items = '';
    let itemCount = 0;
    for (const o of h.orders) {
      orders +=
        `${o.id},${cid},${this.ts.iso(o.sec)},${o.channel},${csvField(o.store)},${o.status},` +
        `${formatCents(o.totalCents)},${formatCents(o.discountCents)},CNY\n`;
      for (const it of o.items) {
        items += `${o.id},${this.skus[it.product]},${it.quantity},${formatCents(it.unitCents)},${formatCents(it.quantity * it.unitCents)}\n`;
        itemCount++;
      }
    }
    return { orders, items, itemCount };
  }

  /** Event rows: ids are `prefix + position`, anonymous id the owner's device id. */
  events(customerId: string, anonymousId: string, idPrefix: string, events: readonly DemoEvent[]): string {
    let out = '';
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as DemoEvent;
      out += `${idPrefix}${i + 1},${e.identified ? customerId : ''},${anonymousId},${e.name},${this.ts.iso(e.sec)},${this.props(e.properties)}\n`;
    }
    return out;
  }

  feedback(h: CustomerHistory): string {
    const cid = h.customer.id;
    let out = '';
    for (const f of h.feedback) {
      out += `${f.id},${cid},${this.ts.iso(f.sec)},${f.type},${f.score ?? ''},${csvField(f.text)},${f.channel}\n`;
    }
    return out;
  }
}

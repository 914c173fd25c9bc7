import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { ENTITIES } from './entities.js';
import { mapColumns, parseMapOverrides } from './map-columns.js';

describe('mapColumns', () => {
  it('maps Chinese business headers onto canonical fields', () => {
    const m = mapColumns(ENTITIES.orders, ['订单号', '客户编号', '手机号', '下单时间', '实付金额', '备注']);
    expect(m.fields).toEqual({ order_id: '订单号', customer_id: '客户编号', phone: '手机号', ordered_at: '下单时间', total: '实付金额' });
    expect(m.ignored).toEqual(['备注']);
  });
  it('matches headers regardless of case, spaces and a BOM', () => {
    const m = mapColumns(ENTITIES['order-items'], ['\uFEFFOrder ID', 'SKU', 'Qty', 'Unit Price']);
    expect(m.fields).toEqual({ order_id: '\uFEFFOrder ID', sku: 'SKU', quantity: 'Qty', unit_price: 'Unit Price' });
  });
  it('keeps unknown customer columns as custom attributes', () => {
    const m = mapColumns(ENTITIES.customers, ['customer_id', '肤质', 'vip_level']);
    expect(m.attributes).toEqual(['肤质', 'vip_level']);
  });
  it('lets --map override the automatic choice', () => {
    const m = mapColumns(ENTITIES.orders, ['单号', 'cid', 'when', 'paid'], parseMapOverrides(['单号=order_id', 'cid=customer_id', 'when=ordered_at', 'paid=total']));
    expect(m.fields.order_id).toBe('单号');
    expect(m.fields.total).toBe('paid');
  });
  it('leaves a column out with --map column=-, even one that would match', () => {
    const m = mapColumns(ENTITIES.customers, ['customer_id', '手机号', '肤质', '备注'], parseMapOverrides(['手机号=-', '备注=-']));
    expect(m.fields.phone).toBeUndefined();
    expect(m.ignored).toEqual(['手机号', '备注']);
    expect(m.attributes).toEqual(['肤质']);
    expect(() => mapColumns(ENTITIES.customers, ['customer_id'], { nope: '-' })).toThrow(/has no column "nope"/);
  });
  it('names the missing required column', () => {
    expect(() => mapColumns(ENTITIES.orders, ['order_id', 'customer_id', 'total'])).toThrow(/lacks required column\(s\) ordered_at/);
  });
  it('requires a customer identifier column for orders', () => {
    expect(() => mapColumns(ENTITIES.orders, ['order_id', 'ordered_at', 'total'])).toThrow(/needs a column naming the customer/);
  });
  it('rejects overrides to unknown fields or columns', () => {
    expect(() => mapColumns(ENTITIES.orders, ['a'], { a: 'nope' })).toThrow(DomainError);
    expect(() => mapColumns(ENTITIES.orders, ['a'], { b: 'order_id' })).toThrow(/has no column "b"/);
    expect(() => parseMapOverrides(['novalue'])).toThrow(/source=field/);
  });
});

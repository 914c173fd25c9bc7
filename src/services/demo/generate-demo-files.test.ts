import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from './csv-sink.js';
import { DEMO_HEADERS } from './demo-rows.js';
import { generateDemoFiles, type DemoFiles } from './generate-demo-files.js';
import { parseCsv } from '../../../test/support/csv.js';

const CUSTOMERS = 2000;
const END = new Date('2026-01-15T09:30:00Z');
const END_SEC = END.getTime() / 1000;
const START_SEC = END_SEC - Math.round(3 * 365.25) * 86_400;
const FILES = ['products', 'customers', 'orders', 'orderItems', 'events', 'feedback'] as const;
type FileKey = (typeof FILES)[number];
type Row = Record<string, string>;

const cents = (s: string | undefined): number => {
  if (s === undefined || !/^-?\d+\.\d{2}$/.test(s)) throw new Error(`not money: ${s}`);
  return Math.round(Number(s) * 100);
};
const isoSec = (s: string | undefined): number => {
  if (s === undefined || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(s)) throw new Error(`not ISO: ${s}`);
  return Date.parse(s) / 1000;
};
const normalisePhone = (p: string): string => p.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');

let root: string;
let first: DemoFiles;
let elapsedMs: number;
const progress: [number, number][] = [];
const raw = {} as Record<FileKey, string>;
const data = {} as Record<FileKey, Row[]>;

async function generate(dir: string, seed: number): Promise<DemoFiles> {
  return generateDemoFiles(dir, { customers: CUSTOMERS, seed, endDate: END });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tend-demo-'));
  const t0 = performance.now();
  first = await generateDemoFiles(join(root, 'a'), {
    customers: CUSTOMERS,
    seed: 7,
    endDate: END,
    onProgress: (done, total) => progress.push([done, total]),
  });
  elapsedMs = performance.now() - t0;
  for (const key of FILES) {
    raw[key] = await readFile(first[key], 'utf8');
    const [header, ...rows] = parseCsv(raw[key]);
    expect(header).toEqual([...DEMO_HEADERS[key]]);
    data[key] = rows.map((r) => {
      if (r.length !== DEMO_HEADERS[key].length) throw new Error(`${key}: ${r.length} columns in ${r.join('|')}`);
      return Object.fromEntries(DEMO_HEADERS[key].map((h, i) => [h, r[i] ?? '']));
    });
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('generateDemoFiles', () => {
  it('is fast and reports progress up to the total', () => {
    expect(elapsedMs).toBeLessThan(10_000);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[progress.length - 1]).toEqual([CUSTOMERS, CUSTOMERS]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
  });

  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const again = await generate(join(root, 'b'), 7);
    const other = await generate(join(root, 'c'), 8);
    for (const key of FILES) {
      expect(await readFile(again[key], 'utf8')).toBe(raw[key]);
      if (key !== 'products') expect(await readFile(other[key], 'utf8')).not.toBe(raw[key]);
    }
    expect(again.counts).toEqual(first.counts);
  });

  it('counts what it wrote', () => {
    expect(first.counts).toEqual({
      products: data.products.length,
      customers: CUSTOMERS,
      orders: data.orders.length,
      orderItems: data.orderItems.length,
      events: data.events.length,
      feedback: data.feedback.length,
    });
  });

  it('writes a catalogue of 200-400 products with category paths and prices', () => {
    expect(data.products.length).toBeGreaterThanOrEqual(200);
    expect(data.products.length).toBeLessThanOrEqual(400);
    expect(new Set(data.products.map((p) => p['sku'])).size).toBe(data.products.length);
    for (const p of data.products) {
      expect(p['category']).toMatch(/^[^/]+\/[^/]+$/);
      expect(cents(p['price'])).toBeGreaterThan(0);
    }
  });

  it('writes customers with valid, unique contact points in mixed formats', () => {
    const c = data.customers;
    expect(new Set(c.map((r) => r['customer_id'])).size).toBe(CUSTOMERS);
    const phones = c.map((r) => r['phone'] ?? '').filter((p) => p !== '');
    const emails = c.map((r) => (r['email'] ?? '').trim().toLowerCase()).filter((e) => e !== '');
    expect(phones.every((p) => /^1\d{10}$/.test(normalisePhone(p)))).toBe(true);
    expect(new Set(phones.map(normalisePhone)).size).toBe(phones.length);
    expect(phones.some((p) => p.startsWith('+86 '))).toBe(true);
    expect(phones.some((p) => /^86\d{11}$/.test(p))).toBe(true);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => /^[^@\s]+@[a-z0-9.]+$/.test(e))).toBe(true);
    expect(emails.length).toBeGreaterThan(CUSTOMERS * 0.4);
    expect(emails.length).toBeLessThan(CUSTOMERS * 0.7);
    for (const r of c) {
      expect(r['customer_id']).toMatch(/^C\d{7}$/);
      expect(['male', 'female']).toContain(r['gender']);
      expect(r['birthday']).toMatch(/^(\d{4}-\d\d-\d\d)?$/);
      expect(r['name']).toMatch(/^\p{Script=Han}{2,4}$/u);
      expect(r['country']).toBe('CN');
      const signup = isoSec(r['signup_at']);
      expect(signup >= START_SEC && signup <= END_SEC).toBe(true);
      expect(['douyin', 'wechat', 'tmall', 'jd', 'offline_store', 'referral', 'search']).toContain(r['acquisition_channel']);
      expect(cents(r['acquisition_cost'])).toBeGreaterThan(0);
      for (const k of ['consent_email', 'consent_sms', 'consent_wechat']) expect(['true', 'false']).toContain(r[k]);
      if (r['email'] === '') expect(r['consent_email']).toBe('false');
    }
    expect(new Set(c.map((r) => r['city'])).size).toBeGreaterThan(30);
  });

  it('keeps orders and items consistent with customers, products and the window', () => {
    const signup = new Map(data.customers.map((r) => [r['customer_id'], isoSec(r['signup_at'])]));
    const skus = new Set(data.products.map((p) => p['sku']));
    const itemSum = new Map<string, number>();
    const pairs = new Set<string>();
    const problems: string[] = [];
    for (const it of data.orderItems) {
      const id = it['order_id'] ?? '';
      const qty = Number(it['quantity']);
      if (!skus.has(it['sku'])) problems.push(`unknown sku ${it['sku']}`);
      if (!Number.isInteger(qty) || qty < 1) problems.push(`bad quantity in ${id}`);
      if (cents(it['amount']) !== qty * cents(it['unit_price'])) problems.push(`amount != qty x price in ${id}`);
      const pair = `${id}|${it['sku']}`;
      if (pairs.has(pair)) problems.push(`duplicate line ${pair}`);
      pairs.add(pair);
      itemSum.set(id, (itemSum.get(id) ?? 0) + cents(it['amount']));
    }
    const orderIds = new Set<string>();
    for (const o of data.orders) {
      const id = o['order_id'] ?? '';
      orderIds.add(id);
      const at = isoSec(o['ordered_at']);
      const since = signup.get(o['customer_id']);
      if (since === undefined) problems.push(`order ${id} of unknown customer`);
      else if (at < since) problems.push(`order ${id} before signup`);
      if (at > END_SEC || at < START_SEC) problems.push(`order ${id} outside window`);
      if (!['paid', 'refunded', 'cancelled'].includes(o['status'] ?? '')) problems.push(`status ${o['status']}`);
      if (o['currency'] !== 'CNY') problems.push(`currency ${o['currency']}`);
      const discount = cents(o['discount']);
      if (discount < 0) problems.push(`negative discount ${id}`);
      if (cents(o['total']) !== (itemSum.get(id) ?? -1) - discount) problems.push(`total != items - discount in ${id}`);
    }
    expect(orderIds.size).toBe(data.orders.length);
    for (const id of itemSum.keys()) if (!orderIds.has(id)) problems.push(`items of unknown order ${id}`);
    expect(problems).toEqual([]);
    const statuses = data.orders.map((o) => o['status']);
    expect(statuses.filter((s) => s === 'paid').length / statuses.length).toBeGreaterThan(0.85);
    expect(statuses).toContain('refunded');
    expect(statuses).toContain('cancelled');
  });

  it('writes events with unique ids, JSON properties and anonymous-only rows', () => {
    const customers = new Set(data.customers.map((r) => r['customer_id']));
    const names = new Set(['page_view', 'product_view', 'add_to_cart', 'check_in', 'coupon_claim', 'app_open']);
    const problems: string[] = [];
    for (const e of data.events) {
      const cid = e['customer_id'] ?? '';
      if (cid !== '' && !customers.has(cid)) problems.push(`event of unknown customer ${cid}`);
      if (cid === '' && e['anonymous_id'] === '') problems.push(`event ${e['message_id']} without any id`);
      if (!names.has(e['event'] ?? '')) problems.push(`event name ${e['event']}`);
      const at = isoSec(e['occurred_at']);
      if (at > END_SEC || at < START_SEC) problems.push(`event ${e['message_id']} outside window`);
      const props: unknown = JSON.parse(e['properties'] ?? '');
      if (typeof props !== 'object' || props === null || Array.isArray(props)) problems.push('properties not an object');
    }
    expect(problems).toEqual([]);
    expect(new Set(data.events.map((e) => e['message_id'])).size).toBe(data.events.length);
    const anonymous = data.events.filter((e) => e['customer_id'] === '');
    expect(anonymous.length).toBeGreaterThan(0);
    for (const name of names) expect(data.events.some((e) => e['event'] === name)).toBe(true);
  });

  it('writes feedback with scores by type and quoted free text', () => {
    const customers = new Set(data.customers.map((r) => r['customer_id']));
    const problems: string[] = [];
    for (const f of data.feedback) {
      const score = f['score'] ?? '';
      if (!customers.has(f['customer_id'])) problems.push(`feedback of unknown customer ${f['customer_id']}`);
      if (isoSec(f['submitted_at']) > END_SEC) problems.push('feedback after end');
      if (!['wechat', 'sms', 'app', 'email'].includes(f['channel'] ?? '')) problems.push(`channel ${f['channel']}`);
      const n = Number(score);
      if (f['type'] === 'nps' && !(Number.isInteger(n) && n >= 0 && n <= 10 && score !== '')) problems.push(`nps ${score}`);
      else if (f['type'] === 'csat' && !(Number.isInteger(n) && n >= 1 && n <= 5)) problems.push(`csat ${score}`);
      else if ((f['type'] === 'complaint' || f['type'] === 'comment') && score !== '') problems.push(`${f['type']} scored`);
      else if (!['nps', 'csat', 'complaint', 'comment'].includes(f['type'] ?? '')) problems.push(`type ${f['type']}`);
    }
    expect(problems).toEqual([]);
    const nps = data.feedback.filter((f) => f['type'] === 'nps').map((f) => Number(f['score']));
    expect(nps.some((s) => s <= 6)).toBe(true);
    expect(nps.some((s) => s >= 9)).toBe(true);
    expect(data.feedback.some((f) => (f['text'] ?? '').includes(','))).toBe(true);
    expect(data.feedback.filter((f) => f['type'] === 'complaint').every((f) => f['text'] !== '')).toBe(true);
  });

  it('looks like a real customer base: one-timers, a long tail, Double 11', () => {
    const perCustomer = new Map<string, number>();
    for (const o of data.orders) perCustomer.set(o['customer_id'] ?? '', (perCustomer.get(o['customer_id'] ?? '') ?? 0) + 1);
    const counts = [...perCustomer.values()];
    const oneTime = counts.filter((n) => n === 1).length / counts.length;
    const mean = data.orders.length / CUSTOMERS;
    expect(oneTime).toBeGreaterThan(0.25);
    expect(oneTime).toBeLessThan(0.6);
    expect(mean).toBeGreaterThan(6);
    expect(mean).toBeLessThan(15);
    expect(Math.max(...counts)).toBeGreaterThan(10 * mean);

    const byMonth = new Array<number>(12).fill(0);
    const byDay = new Map<string, number>();
    for (const o of data.orders) {
      const local = new Date((isoSec(o['ordered_at']) + 8 * 3600) * 1000).toISOString();
      byMonth[Number(local.slice(5, 7)) - 1]! += 1;
      byDay.set(local.slice(0, 10), (byDay.get(local.slice(0, 10)) ?? 0) + 1);
    }
    expect(byMonth[10]).toBeGreaterThan(data.orders.length / 12);
    const perDay = data.orders.length / byDay.size;
    expect(byDay.get('2025-11-11') ?? 0).toBeGreaterThan(2.5 * perDay);

    // Some huge single orders (bulk buyers) and single expensive purchases (impulse buyers).
    const totals = data.orders.map((o) => cents(o['total']));
    expect(Math.max(...totals)).toBeGreaterThan(1_000_000);
    const single = new Set([...perCustomer].filter(([, n]) => n === 1).map(([c]) => c));
    expect(data.orders.some((o) => single.has(o['customer_id'] ?? '') && cents(o['total']) >= 150_000)).toBe(true);
  });
});

describe('csvField', () => {
  it('quotes only when needed, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
  });
});

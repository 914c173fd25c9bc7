import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Store } from '../../store/open-store.js';
import { unmerge } from '../identity/unmerge.js';
import { importFile } from './import-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tend-import-test-'));
let n = 0;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, content);
  return path;
}

async function count(store: Store, table: 'customers' | 'orders' | 'order_items' | 'events' | 'feedback' | 'identities' | 'products'): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
  return Number(r.rows[0]?.n);
}

async function liveCustomers(store: Store): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from customers where merged_into is null`.execute(store.db);
  return Number(r.rows[0]?.n);
}

describe.each(engines)('import on $name', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await engine.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('numbers physical lines past unparseable rows and multi-line fields', async () => {
    const csv = [
      'customer_id,name,phone',
      'L1,"two\nlines",13800138001', // lines 2-3
      'L2,too,many,columns', // line 4: the parser rejects it
      'L3,"three\nphysical\nlines",bad-phone', // lines 5-7: rejected on line 5
      'L4,ok,13800138004', // line 8
      'L5,ok,123', // line 9: rejected
    ].join('\n');
    const rejectsFile = join(dir, `lines-${engine.name}.csv`);
    const s = await importFile(store, { entity: 'customers', file: file('lines.csv', csv), rejectsFile });
    expect(s).toMatchObject({ imported: 2, rejected: 3, rows: 5 });
    const lines = readFileSync(rejectsFile, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(lines).toEqual([4, 5, 9]);
  });

  it('numbers the lines of a file large enough to be parsed in parallel chunks', async () => {
    // ~40 MB: DuckDB splits it between threads; bad rows sit in different chunks.
    const bad = new Set([7, 150_001, 333_333, 612_345, 799_998]);
    const parts = ['order_id,customer_id,ordered_at,total,note'];
    for (let i = 1; i <= 800_000; i++) {
      // Quoted notes: the line count is checked, and agrees (no field spans lines).
      parts.push(`O${i},C${i % 5000},2024-05-01 10:00:00,${bad.has(i) ? 'x' : '12.50'},"${'padding, '.repeat(4)}"`);
    }
    const rejectsFile = join(dir, `parallel-lines-${engine.name}.csv`);
    const s = await importFile(store, { entity: 'orders', file: file('parallel.csv', parts.join('\n')), rejectsFile, map: { note: '-' } });
    expect(s).toMatchObject({ imported: 800_000 - bad.size, rejected: bad.size });
    const rejected = readFileSync(rejectsFile, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    // line = data row + 1 (the header); the rejected value is the row's own
    expect(rejected.map((r) => Number(r[1]))).toEqual([...bad].map((i) => i + 1));
    const first = await sql<{ order_id: string }>`select order_id from orders where order_id in ('O6', 'O8', 'O800000') order by order_id`.execute(store.db);
    expect(first.rows.map((r) => r.order_id)).toEqual(['O6', 'O8', 'O800000']);
  }, 60_000);

  it('imports a GBK customers file with Chinese headers, CRLF and quoted newlines; bad rows go to the rejects file', async () => {
    const csv = [
      '客户编号,姓名,手机号,邮箱,性别,生日,城市,注册时间,获客成本,肤质',
      'C1,张伟,+86 138-0013-8000,ZW@Example.com,男,1990-01-02,上海,2024-03-05 10:00:00,12.50,干性',
      'C2,"李\r\n娜",13900139000,,女,,北京,2024/03/06,8,油性',
      'C3,王芳,12345,,女,,广州,2024-03-07,5,',
      'C4,赵磊,,,未填写,,深圳,2024-03-08,3,',
      'C5,孙丽,13700137000,,,,杭州,not-a-date,3,',
      ',无名,,,,,,,,',
    ].join('\r\n');
    const path = file('customers.csv', iconv.encode(csv, 'gbk'));
    const rejectsFile = join(dir, `rejects-${engine.name}.csv`);
    const s = await importFile(store, { entity: 'customers', file: path, rejectsFile });
    expect(s.encoding).toBe('gb18030');
    expect(s.imported).toBe(2);
    expect(s.rejected).toBe(4);
    expect(s.attributeColumns).toEqual(['肤质']);
    const rejects = readFileSync(rejectsFile, 'utf8').trim().split('\n');
    expect(rejects[0]).toBe('file,line,field,reason,value');
    // C2 spans two physical lines, so C3 starts on line 5.
    const lines = rejects.slice(1);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/,5,phone,not a valid phone number,12345$/);
    expect(lines[1]).toMatch(/,6,gender,"unknown gender \(male\/female\/unknown, 男\/女\)",未填写$/);
    expect(lines[2]).toMatch(/,7,signup_at,unparseable date\/time,not-a-date$/);
    expect(lines[3]).toMatch(/,8,customer_id,"no customer identifier \(customer_id, email, phone\)",$/);
    const c1 = await store.db.selectFrom('customers').innerJoin('identities', 'identities.customer_id', 'customers.id')
      .selectAll('customers').where('identities.kind', '=', 'phone').where('identities.value', '=', '+8613800138000').executeTakeFirstOrThrow();
    expect(c1.name).toBe('张伟');
    expect(c1.gender).toBe('male');
    expect(c1.birthday).toBe('1990-01-02');
    expect(c1.signup_at).toEqual(new Date('2024-03-05T02:00:00Z')); // Asia/Shanghai local time, stored UTC
    expect(c1.acquisition_cost).toBe(12.5);
    expect(c1.attributes).toEqual({ 肤质: '干性' });
    const email = await store.db.selectFrom('identities').select('value').where('kind', '=', 'email').execute();
    expect(email.map((e) => e.value)).toEqual(['zw@example.com']);
    const c2 = await store.db.selectFrom('customers').select('name').where('city', '=', '北京').executeTakeFirstOrThrow();
    expect(c2.name).toBe('李\r\n娜');
  });

  it('is idempotent: the same orders file twice adds nothing the second time', async () => {
    const path = file('orders.csv', [
      '订单号,客户编号,下单时间,实付金额,订单状态',
      'O1,C1,2024-11-11 00:10:00,199.00,已付款',
      'O2,C1,2024-11-12 09:00:00,"1,299.50",退款',
      'O3,C2,2024-11-13T01:00:00Z,59.9,',
      'O3,C2,2024-11-13T01:00:00Z,59.9,',
    ].join('\n'));
    const first = await importFile(store, { entity: 'orders', file: path });
    expect(first).toMatchObject({ imported: 3, duplicates: 1, rejected: 0, customersCreated: 2, rejectsFile: null });
    expect(Object.keys(first.timings)).toEqual(expect.arrayContaining(['read', 'validate', 'finalize', 'customers', 'insert', 'apply', 'record']));
    expect(Object.values(first.timings).every((t) => t >= 0)).toBe(true);
    const second = await importFile(store, { entity: 'orders', file: path });
    expect(second).toMatchObject({ imported: 0, duplicates: 4, rejected: 0, customersCreated: 0 });
    expect(await count(store, 'orders')).toBe(3);
    expect(await count(store, 'customers')).toBe(2);
    const o2 = await store.db.selectFrom('orders').selectAll().where('order_id', '=', 'O2').executeTakeFirstOrThrow();
    expect(o2.total).toBe(1299.5);
    expect(o2.status).toBe('refunded');
    expect(o2.currency).toBe('CNY');
    expect(o2.ordered_at).toEqual(new Date('2024-11-12T01:00:00Z'));
  });

  it('adds only the new orders of a file that overlaps stored ones, linking known and new customers', async () => {
    await importFile(store, { entity: 'orders', file: file('a.csv', 'order_id,customer_id,ordered_at,total\nO1,C1,2024-01-01,10\nO2,C1,2024-01-02,20\nO3,C2,2024-01-03,30\n') });
    const before = await store.db.selectFrom('identities').select(['value', 'customer_id']).where('kind', '=', 'external_id').orderBy('value').execute();
    const s = await importFile(store, { entity: 'orders', currency: 'USD', file: file('b.csv', 'order_id,customer_id,ordered_at,total\nO2,C1,2024-01-02,20\nO3,C2,2024-01-03,30\nO4,C2,2024-01-04,40\nO5,C3,2024-01-05,50\n') });
    expect(s).toMatchObject({ imported: 2, duplicates: 2, customersCreated: 1, rejected: 0 });
    // columns the files lack take their defaults: paid, no discount, the import's currency
    const defaults = await store.db.selectFrom('orders').select(['order_id', 'status', 'discount', 'currency', 'store']).orderBy('order_id').execute();
    expect(defaults.map((o) => `${o.order_id} ${o.status} ${o.discount} ${o.currency} ${o.store}`)).toEqual([
      'O1 paid 0 CNY null', 'O2 paid 0 CNY null', 'O3 paid 0 CNY null', 'O4 paid 0 USD null', 'O5 paid 0 USD null',
    ]);
    const owners = await store.db.selectFrom('orders').innerJoin('identities', 'identities.customer_id', 'orders.customer_id')
      .select(['orders.order_id', 'identities.value', 'orders.total']).where('identities.kind', '=', 'external_id').orderBy('orders.order_id').execute();
    expect(owners).toEqual([
      { order_id: 'O1', value: 'C1', total: 10 }, { order_id: 'O2', value: 'C1', total: 20 }, { order_id: 'O3', value: 'C2', total: 30 },
      { order_id: 'O4', value: 'C2', total: 40 }, { order_id: 'O5', value: 'C3', total: 50 },
    ]);
    const after = await store.db.selectFrom('identities').select(['value', 'customer_id']).where('kind', '=', 'external_id').orderBy('value').execute();
    expect(after.slice(0, 2)).toEqual(before); // known customers keep their ids
  });

  it('links orders to customers by any form of their phone, creating unknown customers once', async () => {
    await importFile(store, { entity: 'customers', file: file('c.csv', 'customer_id,phone,name\nC1,+86 138-0013-8000,张伟\n') });
    const s = await importFile(store, { entity: 'orders', file: file('o.csv', [
      'order_id,phone,email,ordered_at,total',
      'A,13800138000,,2024-01-01,10',
      'B,8613800138000,,2024-01-02,20',
      'C,,new@shop.cn,2024-01-03,30',
      'D,,NEW@shop.cn ,2024-01-04,40',
    ].join('\n')) });
    expect(s).toMatchObject({ imported: 4, customersCreated: 1, merged: 0 });
    const byCustomer = await sql<{ customer_id: number; n: number }>`select customer_id, count(*) as n from orders group by customer_id order by customer_id`.execute(store.db);
    expect(byCustomer.rows.map((r) => Number(r.n))).toEqual([2, 2]);
  });

  it('merges two customers linked by a new record, moves their data, and unmerges', async () => {
    await importFile(store, { entity: 'customers', file: file('c.csv', 'customer_id,email,phone,name\nC1,a@x.cn,,甲\nC2,,13800138000,\n') });
    await importFile(store, { entity: 'orders', file: file('o.csv', 'order_id,customer_id,ordered_at,total\nO1,C1,2024-01-01,10\nO2,C2,2024-01-02,20\n') });
    await importFile(store, { entity: 'order-items', file: file('i.csv', 'order_id,sku,quantity,amount\nO1,S1,1,10\nO2,S2,1,20\n') });
    // order lines carry their order's customer, time and status, and follow merges and unmerges
    const lineOwners = () => store.db.selectFrom('order_items').innerJoin('orders', 'orders.order_id', 'order_items.order_id')
      .select(['order_items.order_id', 'order_items.customer_id', 'order_items.status', 'order_items.ordered_at', 'orders.customer_id as order_customer', 'orders.ordered_at as order_at'])
      .orderBy('order_items.order_id').execute();
    for (const l of await lineOwners()) expect(l).toMatchObject({ customer_id: l.order_customer, status: 'paid', ordered_at: l.order_at });
    const s = await importFile(store, { entity: 'customers', file: file('link.csv', 'email,phone,city\na@x.cn,138 0013 8000,上海\n') });
    expect(s.merged).toBe(1);
    expect(await liveCustomers(store)).toBe(1);
    const owners = await store.db.selectFrom('orders').select('customer_id').distinct().execute();
    expect(owners).toHaveLength(1);
    expect(new Set((await lineOwners()).map((l) => l.customer_id))).toEqual(new Set([owners[0]?.customer_id]));
    const m = await store.db.selectFrom('merges').selectAll().executeTakeFirstOrThrow();
    // The older customer (lower id) survives; the merge names the merged one's linking identifier.
    const origin = async (kind: string, value: string) =>
      (await store.db.selectFrom('identities').select('origin_customer_id').where('kind', '=', kind).where('value', '=', value).executeTakeFirstOrThrow()).origin_customer_id;
    const [c1, c2] = [await origin('external_id', 'C1'), await origin('external_id', 'C2')];
    expect(m.survivor_id).toBe(Math.min(c1, c2));
    expect(m.merged_id).toBe(Math.max(c1, c2));
    expect(m.actor).toBe('cli');
    expect(`${m.identity_kind}:${m.identity_value}`).toBe(m.merged_id === c2 ? 'phone:+8613800138000' : 'email:a@x.cn');
    const survivor = await store.db.selectFrom('customers').selectAll().where('id', '=', m.survivor_id).executeTakeFirstOrThrow();
    expect(survivor).toMatchObject({ name: '甲', city: '上海' });

    const undone = await unmerge(store, m.id);
    expect(undone.moved.orders).toBe(1);
    expect(await liveCustomers(store)).toBe(2);
    const owner = await store.db.selectFrom('orders').select(['order_id', 'customer_id']).orderBy('order_id').execute();
    expect(owner).toEqual([{ order_id: 'O1', customer_id: c1 }, { order_id: 'O2', customer_id: c2 }]);
    expect((await lineOwners()).map((l) => l.customer_id)).toEqual([c1, c2]);
    await expect(unmerge(store, m.id)).rejects.toThrow(/already undone/);
    // the unmerged pair stays apart when a record links them again
    const again = await importFile(store, { entity: 'customers', file: file('link2.csv', 'email,phone,city\na@x.cn,13800138000,杭州\n') });
    expect(again).toMatchObject({ merged: 0, keptApart: 1 });
    expect(await liveCustomers(store)).toBe(2);
  });

  it('resolves events that repeat their identifiers once per identifier set, merges included', async () => {
    await importFile(store, { entity: 'customers', file: file('c.csv', 'customer_id,email\nC1,\nC2,b@x.cn\n') });
    const rows = ['message_id,customer_id,email,anonymous_id,event,occurred_at'];
    for (let i = 0; i < 30; i++) {
      rows.push(`a${i},C1,,devA,page_view,2024-03-01 10:${String(i).padStart(2, '0')}:00`); // C1 on device A
      rows.push(`v${i},,,devV,page_view,2024-03-02 10:${String(i).padStart(2, '0')}:00`); // a visitor never identified
      rows.push(`n${i},C9,,devN,page_view,2024-03-03 10:${String(i).padStart(2, '0')}:00`); // a customer not yet known
    }
    rows.push('link,,b@x.cn,devA,login,2024-03-04 09:00:00'); // C2 signs in on device A: C1 and C2 are one person
    rows.push('a-again,C1,,devA,page_view,2024-03-05 10:00:00');
    const s = await importFile(store, { entity: 'events', file: file('events.csv', rows.join('\n')) });
    expect(s).toMatchObject({ imported: 92, merged: 1, customersCreated: 1, rejected: 0 });
    const owners = await sql<{ anonymous_id: string; owners: number; owner: number | null; n: number }>`
      select anonymous_id, count(distinct customer_id) as owners, min(customer_id) as owner, count(customer_id) as n
      from events group by anonymous_id order by anonymous_id`.execute(store.db);
    // n: the device's events that have a customer
    const byDevice = Object.fromEntries(owners.rows.map((r) => [r.anonymous_id, { owners: Number(r.owners), owner: r.owner, n: Number(r.n) }]));
    const m = await store.db.selectFrom('merges').selectAll().executeTakeFirstOrThrow();
    expect(byDevice.devA).toEqual({ owners: 1, owner: m.survivor_id, n: 32 });
    expect(byDevice.devV).toEqual({ owners: 0, owner: null, n: 0 });
    expect(byDevice.devN?.n).toBe(30);
    expect(byDevice.devN?.owners).toBe(1);
    expect(`${m.identity_kind}:${m.identity_value}`).toMatch(/^(email:b@x\.cn|external_id:C1|anonymous_id:devA)$/);
    expect(await liveCustomers(store)).toBe(2); // C1+C2 merged, and the new C9
  });

  it('gives the same customers whatever the order of the input rows', async () => {
    const rows = ['C1,a@x.cn,', 'C2,,13800138000', ',a@x.cn,13800138000', 'C3,c@x.cn,', 'C4,,13900139000', ',c@x.cn,', 'C5,,'];
    const partition = async (lines: string[]) => {
      const other = await engine.open();
      try {
        await importFile(other, { entity: 'customers', file: file('p.csv', `customer_id,email,phone\n${lines.join('\n')}\n`) });
        const ids = await other.db.selectFrom('identities').select(['kind', 'value', 'customer_id']).execute();
        const groups = new Map<number, string[]>();
        for (const i of ids) groups.set(i.customer_id, [...(groups.get(i.customer_id) ?? []), `${i.kind}:${i.value}`].sort());
        return [...groups.values()].map((g) => g.join(' ')).sort();
      } finally {
        await other.close();
      }
    };
    const a = await partition(rows);
    const b = await partition([...rows].reverse());
    const c = await partition([rows[3], rows[0], rows[5], rows[2], rows[6], rows[1], rows[4]].map(String));
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    expect(a).toHaveLength(4);
  });

  it('rejects order items with unknown skus or non-positive quantities, and sums repeated lines', async () => {
    await importFile(store, { entity: 'products', file: file('p.csv', 'sku,name,category,price\nS1,口红,美妆/口红,99\nS2,奶粉,母婴/奶粉,199\n') });
    await importFile(store, { entity: 'orders', file: file('o.csv', 'order_id,customer_id,ordered_at,total\nO1,C1,2024-01-01,397\n') });
    const s = await importFile(store, { entity: 'order-items', file: file('i.csv', [
      '订单号,商品编码,数量,单价',
      'O1,S1,1,99',
      'O1,S1,2,99',
      'O1,S2,-1,199',
      'O1,S9,1,5',
      'O9,S1,1,99',
    ].join('\n')) });
    expect(s).toMatchObject({ imported: 1, rejected: 3 });
    const item = await store.db.selectFrom('order_items').selectAll().executeTakeFirstOrThrow();
    expect(item).toMatchObject({ sku: 'S1', quantity: 3, unit_price: 99, amount: 297 });
    const reasons = readFileSync(s.rejectsFile as string, 'utf8');
    expect(reasons).toMatch(/,4,quantity,quantity must be positive/);
    expect(reasons).toMatch(/,5,sku,unknown sku/);
    expect(reasons).toMatch(/,6,order_id,unknown order_id/);
  });

  it('imports events from JSON lines, idempotent by message id, stitching anonymous ids on identify', async () => {
    const events = file('e.jsonl', [
      JSON.stringify({ messageId: 'm1', anonymousId: 'anon-1', event: 'product_view', timestamp: '2024-05-01T10:00:00Z', properties: { sku: 'S1' } }),
      JSON.stringify({ messageId: 'm2', userId: 'C1', event: 'check_in', timestamp: '2024-05-02T10:00:00Z' }),
      'not json',
      JSON.stringify({ anonymousId: 'anon-2', event: 'app_open', timestamp: '2024-05-03 08:00' }),
      JSON.stringify({ messageId: 'm4', event: 'app_open', timestamp: '2024-05-03 08:00' }),
    ].join('\n'));
    const s = await importFile(store, { entity: 'events', file: events });
    expect(s).toMatchObject({ imported: 3, rejected: 2, customersCreated: 1 });
    expect(await importFile(store, { entity: 'events', file: events })).toMatchObject({ imported: 0, duplicates: 3 });
    const anon = await store.db.selectFrom('events').select(['customer_id', 'properties']).where('message_id', '=', 'm1').executeTakeFirstOrThrow();
    expect(anon).toEqual({ customer_id: null, properties: { sku: 'S1' } });
    // The anonymous visitor identifies as C1: the earlier event joins C1's profile.
    await importFile(store, { entity: 'events', file: file('id.jsonl', JSON.stringify({ messageId: 'm9', userId: 'C1', anonymousId: 'anon-1', event: 'login', timestamp: '2024-05-04T00:00:00Z' })) });
    const rows = await store.db.selectFrom('events').select(['message_id', 'customer_id']).where('message_id', 'in', ['m1', 'm2']).execute();
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(1);
    expect(rows[0]?.customer_id).not.toBeNull();
  });

  it('imports feedback and validates scores by type', async () => {
    const s = await importFile(store, { entity: 'feedback', file: file('f.csv', [
      'customer_id,submitted_at,type,score,text',
      'C1,2024-06-01,nps,3,物流太慢',
      'C2,2024-06-01,NPS,11,',
      'C3,2024-06-02,投诉,,包装破损',
      'C4,2024-06-02,csat,0,',
    ].join('\n')) });
    expect(s).toMatchObject({ imported: 2, rejected: 2 });
    const types = await store.db.selectFrom('feedback').select('type').orderBy('type').execute();
    expect(types.map((t) => t.type)).toEqual(['complaint', 'nps']);
  });

  it('imports Parquet files', async () => {
    const src = file('p.csv', 'sku,name,price\nP1,面膜,39.9\nP2,洗面奶,59\n');
    const parquet = join(dir, `p-${engine.name}.parquet`);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    await conn.run(`COPY (SELECT * FROM read_csv('${src}')) TO '${parquet}' (FORMAT parquet)`);
    conn.closeSync();
    inst.closeSync();
    const s = await importFile(store, { entity: 'products', file: parquet });
    expect(s).toMatchObject({ format: 'parquet', imported: 2 });
    const p1 = await store.db.selectFrom('products').selectAll().where('sku', '=', 'P1').executeTakeFirstOrThrow();
    expect(p1.price).toBe(39.9);
  });

  it('names the missing column and the missing file clearly', async () => {
    await expect(importFile(store, { entity: 'orders', file: file('bad.csv', 'order_id,customer_id,total\nO1,C1,5\n') })).rejects.toThrow(/lacks required column\(s\) ordered_at/);
    await expect(importFile(store, { entity: 'orders', file: join(dir, 'nope.csv') })).rejects.toThrow(/file not found/);
    await expect(importFile(store, { entity: 'orders', file: file('empty.csv', '') })).rejects.toThrow(/empty/);
  });
});

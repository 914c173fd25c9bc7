import { mkdtempSync, readdirSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestEngine } from '../../../test/support/engines.js';
import { openStore, type Store } from '../../store/open-store.js';
import { Ingestion } from './ingestion.js';
import type { Message } from './messages.js';
import { createSource, type SourceIdentity } from './sources.js';

/** A store that can be closed and opened again on the same data (a restart). */
function reopenable(engine: TestEngine): { open(): Promise<Store>; drop(): Promise<void> } {
  if (engine.name === 'duckdb') {
    const dir = mkdtempSync(join(tmpdir(), 'tend-ingest-'));
    return {
      open: () => openStore({ engine: 'duckdb', path: join(dir, 'tend.duckdb') }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `tend_ingest_${process.pid}_${Date.now().toString(36)}`;
  const url = process.env.TEND_TEST_DATABASE_URL as string;
  return {
    open: () => openStore({ engine: 'postgres', url }, { schema }),
    drop: async () => {
      const s = await openStore({ engine: 'postgres', url }, { schema });
      if (s.handle.engine === 'postgres') await s.handle.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await s.close();
    },
  };
}

const track = (m: Partial<Extract<Message, { type: 'track' }>> & { event: string }): Message => ({ type: 'track', ...m });
const identify = (m: Partial<Extract<Message, { type: 'identify' }>>): Message => ({ type: 'identify', ...m });

describe.each(engines)('event ingestion on $name', (engine) => {
  let store: Store;
  let svc: Ingestion;
  let source: SourceIdentity;
  beforeAll(async () => {
    store = await engine.open();
    svc = await Ingestion.start(store, { autoFlush: false });
    source = await createSource(store, { name: 'app' });
  });
  afterAll(async () => {
    await svc.close();
    await store.close();
  });

  const eventsOf = (messageIds: string[]) =>
    store.db.selectFrom('events').selectAll().where('message_id', 'in', messageIds).orderBy('message_id').execute();

  it('identify creates a profile with traits as attributes and email as an identity', async () => {
    await svc.accept([identify({ userId: 'u1', traits: { name: '张伟', email: ' Zhang@Example.com ', plan: 'pro', city: '上海' }, messageId: 'i1' })], source);
    const counts = await svc.flushNow();
    expect(counts).toMatchObject({ messages: 1, identifies: 1, customersCreated: 1 });
    const ids = await store.db.selectFrom('identities').select(['kind', 'value', 'customer_id']).where('kind', 'in', ['external_id', 'email']).execute();
    expect(ids.map((i) => `${i.kind}=${i.value}`).sort()).toEqual(['email=zhang@example.com', 'external_id=u1']);
    const c = await store.db.selectFrom('customers').selectAll().where('id', '=', ids[0]?.customer_id as number).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ name: '张伟', city: '上海' });
    expect(c.attributes).toMatchObject({ plan: 'pro' });
    // A second identify merges new traits into the same person.
    await svc.accept([identify({ userId: 'u1', traits: { tier: 'gold' } })], source);
    await svc.flushNow();
    const again = await store.db.selectFrom('customers').select('attributes').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(again.attributes).toMatchObject({ plan: 'pro', tier: 'gold' });
  });

  it('stores each messageId once, within a flush and across flushes', async () => {
    const m = track({ userId: 'u2', event: 'Product Viewed', properties: { sku: 'A' }, messageId: 'dup-1', timestamp: '2024-05-01T08:00:00+08:00' });
    await svc.accept([m, m], source);
    await svc.accept([m], source);
    await svc.flushNow();
    await svc.accept([m], source);
    const counts = await svc.flushNow();
    expect(counts.duplicates).toBe(1);
    const rows = await eventsOf(['dup-1']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.occurred_at).toEqual(new Date('2024-05-01T00:00:00Z'));
    expect(rows[0]?.properties).toEqual({ sku: 'A' });
  });

  it('stitches anonymous events to the person once identified (across and within flushes)', async () => {
    await svc.accept([track({ anonymousId: 'anon-1', event: 'Page Viewed', messageId: 'a1' }), { type: 'page', anonymousId: 'anon-1', name: 'Home', messageId: 'a2' }], source);
    await svc.flushNow();
    expect((await eventsOf(['a1', 'a2'])).map((e) => e.customer_id)).toEqual([null, null]);
    await svc.accept([identify({ userId: 'u3', anonymousId: 'anon-1', traits: { name: 'Li' } })], source);
    await svc.flushNow();
    const u3 = await store.db.selectFrom('identities').select('customer_id').where('kind', '=', 'external_id').where('value', '=', 'u3').executeTakeFirstOrThrow();
    const stitched = await eventsOf(['a1', 'a2']);
    expect(stitched.map((e) => e.customer_id)).toEqual([u3.customer_id, u3.customer_id]);
    expect(stitched[1]?.name).toBe('Page Viewed');
    // Same flush: the anonymous event and the identify that names its author.
    await svc.accept([track({ anonymousId: 'anon-2', event: 'Added to Cart', messageId: 'a3' }), identify({ userId: 'u4', anonymousId: 'anon-2' }),
      track({ anonymousId: 'anon-2', event: 'Checkout', messageId: 'a4' })], source);
    await svc.flushNow();
    const u4 = await store.db.selectFrom('identities').select('customer_id').where('kind', '=', 'external_id').where('value', '=', 'u4').executeTakeFirstOrThrow();
    expect((await eventsOf(['a3', 'a4'])).map((e) => e.customer_id)).toEqual([u4.customer_id, u4.customer_id]);
  });

  it('turns a purchase into an order with line items, once per order id', async () => {
    const props = { order_id: 'ORD-1', total: 259.5, currency: 'cny', products: [{ sku: 'SKU-1', quantity: 2, price: 100, name: '口红' }, { sku: 'SKU-2', price: 59.5 }] };
    await svc.accept([track({ userId: 'u5', event: 'Order Completed', properties: props, messageId: 'p1' })], source);
    await svc.accept([track({ userId: 'u5', event: 'Order Completed', properties: props, messageId: 'p1-retry-with-new-id' })], source);
    const counts = await svc.flushNow();
    expect(counts).toMatchObject({ orders: 1, items: 2 });
    const order = await store.db.selectFrom('orders').selectAll().where('order_id', '=', 'ORD-1').executeTakeFirstOrThrow();
    expect(order).toMatchObject({ total: 259.5, currency: 'CNY', status: 'paid', discount: 0 });
    const u5 = await store.db.selectFrom('identities').select('customer_id').where('value', '=', 'u5').executeTakeFirstOrThrow();
    expect(order.customer_id).toBe(u5.customer_id);
    const items = await store.db.selectFrom('order_items').selectAll().where('order_id', '=', 'ORD-1').orderBy('sku').execute();
    expect(items.map((i) => [i.sku, i.quantity, i.unit_price, i.amount])).toEqual([['SKU-1', 2, 100, 200], ['SKU-2', 1, 59.5, 59.5]]);
    expect((await store.db.selectFrom('products').select('name').where('sku', '=', 'SKU-1').executeTakeFirstOrThrow()).name).toBe('口红');
    // A guest purchase gets an owner, merged into the person when they identify.
    await svc.accept([track({ anonymousId: 'guest-1', event: 'purchase', properties: { order_id: 'ORD-2', total: 10 } })], source);
    await svc.flushNow();
    await svc.accept([identify({ userId: 'u5', anonymousId: 'guest-1' })], source);
    await svc.flushNow();
    const o2 = await store.db.selectFrom('orders').select('customer_id').where('order_id', '=', 'ORD-2').executeTakeFirstOrThrow();
    expect(o2.customer_id).toBe(u5.customer_id);
  });
});

describe.each(engines)('ingestion durability on $name', (engine) => {
  it('keeps accepted messages when stopped before flushing, and replays them once', async () => {
    const db = reopenable(engine);
    try {
      let store = await db.open();
      const source = await createSource(store, { name: 'app' });
      let svc = await Ingestion.start(store, { autoFlush: false });
      const N = 1_000;
      const batch: Message[] = Array.from({ length: N }, (_, i) => track({ userId: `d${i % 50}`, event: 'Tap', messageId: `dur-${i}` }));
      for (let i = 0; i < N; i += 100) await svc.accept(batch.slice(i, i + 100), source);
      expect(svc.backlog()).toBe(N);
      await svc.close({ drain: false }); // as a crash would leave it
      await store.close();
      if (engine.name === 'duckdb') {
        // A write torn by the crash (never acknowledged) must not block the replay.
        const dir = `${store.handle.engine === 'duckdb' ? store.handle.path : ''}.intake`;
        const seg = readdirSync(dir).sort().at(-1) as string;
        appendFileSync(join(dir, seg), '{"q":1,"t":"track","m":"torn');
      }

      store = await db.open();
      svc = await Ingestion.start(store, { autoFlush: false });
      expect(svc.backlog()).toBe(N);
      const counts = await svc.flushNow();
      expect(counts.events).toBe(N);
      await svc.close();
      await store.close();

      // A second restart applies nothing twice.
      store = await db.open();
      svc = await Ingestion.start(store, { autoFlush: true, flushIntervalMs: 20 });
      expect(svc.backlog()).toBe(0);
      const { n } = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('message_id', 'like', 'dur-%').executeTakeFirstOrThrow();
      expect(Number(n)).toBe(N);
      // The background flusher applies new messages on its own.
      await svc.accept([track({ userId: 'd1', event: 'Later', messageId: 'dur-late' })], source);
      for (let i = 0; i < 100 && svc.backlog() > 0; i++) await new Promise((r) => setTimeout(r, 20));
      await svc.close();
      expect(await store.db.selectFrom('events').select('name').where('message_id', '=', 'dur-late').executeTakeFirst()).toEqual({ name: 'Later' });
      await store.close();
    } finally {
      await db.drop();
    }
  });
});

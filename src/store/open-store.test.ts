import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { storePerTest } from '../../test/support/engine-session.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

describe.each(engines)('store on $name', (engine) => {
  const openStore = storePerTest(engine);

  it('creates the schema on first use and migrating again changes nothing', async () => {
    const store = await openStore();
    const versions = await store.db.selectFrom('schema_migrations').select('version').execute();
    expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(store.db, store.engine)).toEqual([]);
  });

  it('returns the same JS shapes on every engine: numbers, exact money, UTC times, dates, JSON', async () => {
    const store = await openStore();
    const at = new Date('2024-11-11T16:30:05.000Z');
    await store.db
      .insertInto('customers')
      .values({
        id: 9007199254740991, name: '张三', gender: 'female', birthday: '1990-02-28', city: '上海', province: '上海',
        country: 'CN', signup_at: at, acquisition_channel: 'wechat', acquisition_cost: 12.34,
        consent_email: true, consent_sms: false, consent_wechat: null,
        attributes: JSON.stringify({ vip: true, 渠道: '抖音' }), merged_into: null, created_at: at, updated_at: at,
      })
      .execute();
    const row = await store.db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    expect(row.id).toBe(9007199254740991);
    expect(row.acquisition_cost).toBe(12.34);
    expect(row.birthday).toBe('1990-02-28');
    expect(row.signup_at).toEqual(at);
    expect(row.attributes).toEqual({ vip: true, 渠道: '抖音' });
    const sum = await sql<{ s: number; n: number }>`select sum(acquisition_cost * 3) as s, count(*) as n from customers`.execute(store.db);
    expect(sum.rows[0]).toEqual({ s: 37.02, n: 1 });
  });

  it('rolls back a failed transaction completely', async () => {
    const store = await openStore();
    const at = new Date();
    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx.insertInto('products').values({ sku: 'A', name: 'a', category: null, brand: null, price: 1, created_at: at }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const n = await store.db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });
});

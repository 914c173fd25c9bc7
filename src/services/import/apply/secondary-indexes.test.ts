import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../../test/support/engines.js';
import type { Store } from '../../../store/open-store.js';
import { importFile } from '../import-file.js';

const postgres = engines.find((e) => e.name === 'postgres');
const dir = mkdtempSync(join(tmpdir(), 'tend-indexes-test-'));

function ordersCsv(name: string, from: number, count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `O${from + i},C${(from + i) % 3},2024-05-0${1 + (i % 9)} 10:00:00,${10 + i}.50`);
  const path = join(dir, name);
  writeFileSync(path, ['order_id,customer_id,ordered_at,total', ...rows].join('\n'));
  return path;
}

describe.skipIf(!postgres)('secondary indexes around a bulk load on PostgreSQL', () => {
  let store: Store;
  beforeEach(async () => {
    store = await (postgres as NonNullable<typeof postgres>).open();
  });
  afterEach(async () => {
    await store.close();
  });

  async function customerIndex(): Promise<{ oid: number; def: string } | undefined> {
    if (store.handle.engine !== 'postgres') throw new Error('postgres only');
    const r = await store.handle.pool.query<{ oid: number; def: string; valid: boolean }>(
      `SELECT i.indexrelid::int AS oid, pg_get_indexdef(i.indexrelid) AS def, i.indisvalid AS valid
       FROM pg_index i WHERE i.indexrelid = to_regclass('orders_customer')`);
    const row = r.rows[0];
    expect(row?.valid ?? true).toBe(true);
    return row && { oid: row.oid, def: row.def };
  }

  it('rebuilds them after a load as large as the table, and leaves them alone for a small one', async () => {
    const before = await customerIndex();
    expect(before?.def).toContain('(customer_id, ordered_at)');
    await importFile(store, { entity: 'orders', file: ordersCsv('first.csv', 0, 40) });
    const rebuilt = await customerIndex();
    expect(rebuilt?.def).toBe(before?.def);
    expect(rebuilt?.oid).not.toBe(before?.oid);

    await importFile(store, { entity: 'orders', file: ordersCsv('second.csv', 40, 5) });
    expect((await customerIndex())?.oid).toBe(rebuilt?.oid);
    const n = await store.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(45);
  });
});

// Undoes a recorded merge: the merged customer (and everything that was ever merged into it)
// gets back its own identities, orders, events and feedback, found by their origin customer.
import { sql, type Kysely } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';
import type { Database } from '../../store/schema.js';

export interface UnmergeResult {
  readonly mergeId: number;
  readonly survivorId: number;
  readonly restoredId: number;
  readonly moved: Readonly<Record<'identities' | 'orders' | 'events' | 'feedback', number>>;
}

export async function unmerge(store: Store, mergeId: number, actor = 'cli'): Promise<UnmergeResult> {
  return store.db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('merges').selectAll().where('id', '=', mergeId).executeTakeFirst();
    if (!m) throw new DomainError('not_found', `merge ${mergeId} not found`, 'merge');
    if (m.undone_at) throw new DomainError('conflict', `merge ${mergeId} was already undone at ${m.undone_at.toISOString()}`, 'merge');
    const merged = await trx.selectFrom('customers').select(['id', 'merged_into']).where('id', '=', m.merged_id).executeTakeFirstOrThrow();
    if (merged.merged_into !== m.survivor_id) {
      throw new DomainError('conflict', `customer ${m.merged_id} is no longer merged into ${m.survivor_id}; undo the later merge first`, 'merge');
    }
    // Where the survivor's rows are now: the survivor's own root (it may have merged since).
    const root = await findRoot(trx, m.survivor_id);
    const subtree = await sql<{ id: number }>`
      WITH RECURSIVE sub(id) AS (
        SELECT CAST(${m.merged_id} AS BIGINT)
        UNION ALL SELECT c.id FROM customers c JOIN sub ON c.merged_into = sub.id
      ) SELECT id FROM sub`.execute(trx);
    const ids = subtree.rows.map((r) => r.id);
    await trx.updateTable('customers').set({ merged_into: null, updated_at: new Date() }).where('id', '=', m.merged_id).execute();
    const moved = { identities: 0, orders: 0, events: 0, feedback: 0 };
    for (const table of ['identities', 'orders', 'events', 'feedback'] as const) {
      const res = await trx.updateTable(table).set({ customer_id: m.merged_id })
        .where('customer_id', '=', root).where('origin_customer_id', 'in', ids).executeTakeFirst();
      moved[table] = Number(res.numUpdatedRows);
    }
    // Order lines follow their orders back (they keep no origin of their own).
    await sql`UPDATE order_items SET customer_id = o.customer_id FROM orders o
      WHERE o.order_id = order_items.order_id AND order_items.customer_id = ${root} AND o.customer_id = ${m.merged_id}`.execute(trx);
    await trx.updateTable('merges').set({ undone_at: new Date(), undone_by: actor }).where('id', '=', mergeId).execute();
    return { mergeId, survivorId: m.survivor_id, restoredId: m.merged_id, moved };
  });
}

async function findRoot(db: Kysely<Database>, id: number): Promise<number> {
  let current = id;
  for (let hops = 0; hops < 1000; hops++) {
    const row = await db.selectFrom('customers').select('merged_into').where('id', '=', current).executeTakeFirst();
    if (!row || row.merged_into === null) return current;
    current = row.merged_into;
  }
  throw new Error(`merge chain from customer ${id} does not end`);
}

// Row counts per table and the data's date range, for `tend stats`, the health page and /v1/stats.
import { sql } from 'kysely';
import type { Store } from '../store/open-store.js';

export interface DataStats {
  readonly engine: string;
  readonly tables: Readonly<Record<'customers' | 'identities' | 'merges' | 'products' | 'orders' | 'order_items' | 'events' | 'feedback', number>>;
  readonly liveCustomers: number;
  readonly mergedCustomers: number;
  readonly orders: { readonly first: Date | null; readonly last: Date | null };
  readonly events: { readonly first: Date | null; readonly last: Date | null };
  readonly feedback: { readonly first: Date | null; readonly last: Date | null };
  readonly lastImport: { readonly entity: string; readonly file: string; readonly finishedAt: Date; readonly imported: number; readonly rejected: number } | null;
}

const TABLES = ['customers', 'identities', 'merges', 'products', 'orders', 'order_items', 'events', 'feedback'] as const;

export async function dataStats(store: Store): Promise<DataStats> {
  const counts = await sql<Record<string, number>>`SELECT ${sql.join(
    TABLES.map((t) => sql`(SELECT count(*) FROM ${sql.table(t)}) AS ${sql.ref(t)}`),
  )}, (SELECT count(*) FROM customers WHERE merged_into IS NULL) AS live`.execute(store.db);
  const c = counts.rows[0] ?? {};
  const range = async (table: 'orders' | 'events' | 'feedback', col: string) => {
    const r = await sql<{ first: Date | null; last: Date | null }>`SELECT min(${sql.ref(col)}) AS first, max(${sql.ref(col)}) AS last FROM ${sql.table(table)}`.execute(store.db);
    return r.rows[0] ?? { first: null, last: null };
  };
  const last = await store.db.selectFrom('imports').select(['entity', 'file', 'finished_at', 'imported', 'rejected']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const tables = Object.fromEntries(TABLES.map((t) => [t, Number(c[t] ?? 0)])) as DataStats['tables'];
  return {
    engine: store.engine,
    tables,
    liveCustomers: Number(c.live ?? 0),
    mergedCustomers: tables.customers - Number(c.live ?? 0),
    orders: await range('orders', 'ordered_at'),
    events: await range('events', 'occurred_at'),
    feedback: await range('feedback', 'submitted_at'),
    lastImport: last ? { entity: last.entity, file: last.file, finishedAt: last.finished_at, imported: Number(last.imported), rejected: Number(last.rejected) } : null,
  };
}

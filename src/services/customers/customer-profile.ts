// The unified profile: attributes, every identity, order summary, recent orders and merges.
import { sql } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';
import type { CustomersTable } from '../../store/schema.js';
import type { Selectable } from 'kysely';

export interface CustomerProfile {
  readonly customer: Selectable<CustomersTable>;
  readonly identities: ReadonlyArray<{ kind: string; value: string; source: string | null; createdAt: Date }>;
  readonly orders: {
    readonly count: number;
    readonly paidCount: number;
    readonly value: number;
    readonly first: Date | null;
    readonly last: Date | null;
    readonly recent: ReadonlyArray<{ orderId: string; orderedAt: Date; status: string; total: number; channel: string | null }>;
  };
  readonly merges: ReadonlyArray<{ id: number; survivorId: number; mergedId: number; identity: string; mergedAt: Date; undoneAt: Date | null; actor: string }>;
  readonly feedbackCount: number;
  readonly eventCount: number;
}

export async function customerProfile(store: Store, id: number): Promise<CustomerProfile> {
  const customer = await store.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!customer) throw new DomainError('not_found', `customer ${id} not found`, 'customer');
  const identities = await store.db.selectFrom('identities').select(['kind', 'value', 'source', 'created_at'])
    .where('customer_id', '=', id).orderBy('kind').orderBy('value').execute();
  const summary = await sql<{ n: number; paid: number; value: number | null; first: Date | null; last: Date | null }>`
    SELECT count(*) AS n, count(*) FILTER (WHERE status = 'paid') AS paid,
      sum(CASE WHEN status = 'paid' THEN total ELSE 0 END) AS value, min(ordered_at) AS first, max(ordered_at) AS last
    FROM orders WHERE customer_id = ${id}`.execute(store.db);
  const s = summary.rows[0];
  const recent = await store.db.selectFrom('orders').select(['order_id', 'ordered_at', 'status', 'total', 'channel'])
    .where('customer_id', '=', id).orderBy('ordered_at', 'desc').limit(10).execute();
  const merges = await store.db.selectFrom('merges').selectAll()
    .where((eb) => eb.or([eb('survivor_id', '=', id), eb('merged_id', '=', id)])).orderBy('merged_at').execute();
  const cnt = async (table: 'feedback' | 'events') =>
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE customer_id = ${id}`.execute(store.db)).rows[0]?.n ?? 0);
  return {
    customer,
    identities: identities.map((i) => ({ kind: i.kind, value: i.value, source: i.source, createdAt: i.created_at })),
    orders: {
      count: Number(s?.n ?? 0), paidCount: Number(s?.paid ?? 0), value: Number(s?.value ?? 0), first: s?.first ?? null, last: s?.last ?? null,
      recent: recent.map((o) => ({ orderId: o.order_id, orderedAt: o.ordered_at, status: o.status, total: o.total, channel: o.channel })),
    },
    merges: merges.map((m) => ({ id: m.id, survivorId: m.survivor_id, mergedId: m.merged_id, identity: `${m.identity_kind}:${m.identity_value}`, mergedAt: m.merged_at, undoneAt: m.undone_at, actor: m.actor })),
    feedbackCount: await cnt('feedback'),
    eventCount: await cnt('events'),
  };
}

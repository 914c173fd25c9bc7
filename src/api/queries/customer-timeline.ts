// A customer's orders, events and feedback merged by time, newest first, paged.
// (A read model for the API; it would sit in services/customers if that were ours to edit.)
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';

export const TIMELINE_KINDS = ['order', 'event', 'feedback'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineItem {
  readonly kind: TimelineKind;
  readonly at: Date;
  readonly ref: string;
  /** order status, event name or feedback type */
  readonly label: string;
  /** order total or feedback score */
  readonly value: number | null;
  readonly channel: string | null;
  /** event properties (JSON text) or feedback text */
  readonly detail: string | null;
}

export async function customerTimeline(store: Store, customerId: number, q: { page: number; pageSize: number; kinds: readonly TimelineKind[] }) {
  const parts = [];
  if (q.kinds.includes('order')) {
    parts.push(sql`SELECT 'order' AS kind, ordered_at AS occurred_at, order_id AS ref, status AS label, CAST(total AS DOUBLE PRECISION) AS value, channel, CAST(NULL AS TEXT) AS detail
      FROM orders WHERE customer_id = ${customerId}`);
  }
  if (q.kinds.includes('event')) {
    parts.push(sql`SELECT 'event' AS kind, occurred_at, message_id AS ref, name AS label, CAST(NULL AS DOUBLE PRECISION) AS value, CAST(NULL AS TEXT) AS channel, CAST(properties AS TEXT) AS detail
      FROM events WHERE customer_id = ${customerId}`);
  }
  if (q.kinds.includes('feedback')) {
    parts.push(sql`SELECT 'feedback' AS kind, submitted_at AS occurred_at, feedback_id AS ref, type AS label, CAST(score AS DOUBLE PRECISION) AS value, channel, text AS detail
      FROM feedback WHERE customer_id = ${customerId}`);
  }
  if (parts.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const union = sql.join(parts, sql` UNION ALL `);
  const total = await sql<{ n: number }>`SELECT count(*) AS n FROM (${union}) t`.execute(store.db);
  const rows = await sql<{ kind: TimelineKind; occurred_at: Date; ref: string; label: string; value: number | null; channel: string | null; detail: string | null }>`
    SELECT * FROM (${union}) t ORDER BY occurred_at DESC, kind, ref LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(store.db);
  return {
    items: rows.rows.map(({ occurred_at, ...r }): TimelineItem => ({ ...r, at: occurred_at, value: r.value === null ? null : Number(r.value) })),
    total: Number(total.rows[0]?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

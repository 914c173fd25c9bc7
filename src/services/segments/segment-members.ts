// What the segment page shows besides the segment itself: a page of current members with their
// scores, and how many entered and left over recent days (from segment_members history).
import { sql } from 'kysely';
import { addDays, localDate, startOfDay } from '../../core/segments/dates.js';
import { config } from '../../config.js';
import type { Store } from '../../store/open-store.js';
import type { Page } from '../customers/list-customers.js';
import { findSegment } from './segments.js';

export interface SegmentMember {
  readonly id: number;
  readonly name: string | null;
  readonly city: string | null;
  readonly valueTier: string | null;
  readonly lifecycleStage: string | null;
  readonly predictedClv: number | null;
  readonly churnRisk: number | null;
  readonly enteredAt: Date;
}

/** Current members in customer id order (the export's order), offset-paged: a preview, not a cursor. */
export async function segmentMembers(store: Store, ref: string | number, query: { page: number; pageSize: number }): Promise<Page<SegmentMember>> {
  const seg = await findSegment(store, ref);
  const current = store.db.selectFrom('segment_members as m').where('m.segment_id', '=', seg.id).where('m.exited_at', 'is', null);
  const total = await current.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await current
    .innerJoin('customers as c', 'c.id', 'm.customer_id')
    .leftJoin('customer_scores as s', 's.customer_id', 'c.id')
    .select(['c.id', 'c.name', 'c.city', 's.value_tier', 's.lifecycle_stage', 's.predicted_clv', 's.churn_risk', 'm.entered_at'])
    .orderBy('c.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: Number(r.id), name: r.name, city: r.city, valueTier: r.value_tier, lifecycleStage: r.lifecycle_stage ?? null,
      predictedClv: r.predicted_clv === null ? null : Number(r.predicted_clv), churnRisk: r.churn_risk === null ? null : Number(r.churn_risk),
      enteredAt: r.entered_at,
    })),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export interface MembershipHistory {
  readonly days: number;
  /** the first day counted (business time zone), YYYY-MM-DD */
  readonly since: string;
  readonly entered: number;
  readonly exited: number;
  readonly byDay: ReadonlyArray<{ readonly day: string; readonly entered: number; readonly exited: number }>;
}

/**
 * Entries and exits per day over the last `days` days, today included. Every member of one
 * refresh shares its timestamp, so grouping by the timestamp gives one row per refresh: cheap,
 * and the days are cut in TypeScript in the business time zone on both engines.
 */
export async function membershipHistory(store: Store, ref: string | number, opts: { days: number; now?: Date; timeZone?: string }): Promise<MembershipHistory> {
  const seg = await findSegment(store, ref);
  const tz = opts.timeZone ?? config().timezone;
  const today = localDate(opts.now ?? new Date(), tz);
  const since = addDays(today, -(opts.days - 1));
  const from = startOfDay(since, tz);
  const byDay = new Map<string, { entered: number; exited: number }>();
  for (let d = since; d <= today; d = addDays(d, 1)) byDay.set(d, { entered: 0, exited: 0 });
  for (const col of ['entered_at', 'exited_at'] as const) {
    const rows = (await sql<{ at: Date; n: number }>`SELECT ${sql.ref(col)} AS at, count(*) AS n FROM segment_members
      WHERE segment_id = ${seg.id} AND ${sql.ref(col)} >= ${from} GROUP BY ${sql.ref(col)}`.execute(store.db)).rows;
    for (const r of rows) {
      const slot = byDay.get(localDate(r.at, tz));
      if (!slot) continue; // after today: a clock ahead of ours
      if (col === 'entered_at') slot.entered += Number(r.n);
      else slot.exited += Number(r.n);
    }
  }
  const days = [...byDay].map(([day, v]) => ({ day, ...v }));
  return {
    days: opts.days, since,
    entered: days.reduce((a, d) => a + d.entered, 0),
    exited: days.reduce((a, d) => a + d.exited, 0),
    byDay: days,
  };
}

// Shared pieces of the dashboard read models: the business time zone's months as SQL
// expressions, paging, and number coercion (engines return BIGINT / DECIMAL in different shapes).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { config } from '../../config.js';
import { localDate, sqlTimestamp, startOfDay } from '../../core/segments/dates.js';
import type { Database } from '../../store/schema.js';

export interface DashboardOptions {
  /** business time zone (default: config, Asia/Shanghai) */
  readonly timeZone?: string;
  /** "now" for relative windows (default: the latest scoring day's end, else the clock) */
  readonly now?: Date;
}

export interface Paged<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface PageQuery {
  readonly page: number;
  readonly pageSize: number;
}

export const MAX_PAGE_SIZE = 200;

export function timeZoneOf(opts: DashboardOptions): string {
  return opts.timeZone ?? config().timezone;
}

export function num(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  return Number.isFinite(n) ? n : 0;
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Minutes the zone's wall clock is ahead of UTC at an instant (fixed for Asia/Shanghai). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const day = localDate(instant, timeZone);
  return Math.round((Date.parse(`${day}T00:00:00Z`) - startOfDay(day, timeZone).getTime()) / 60_000);
}

/**
 * A month number (year * 12 + month - 1) of a UTC timestamp column in the business time zone,
 * as SQL. The zone's offset is taken at `at` and bound as an interval (exact for zones without
 * daylight saving, such as Asia/Shanghai; within an hour of month ends otherwise).
 */
export function monthKeySql(column: RawBuilder<unknown>, offsetMin: number): RawBuilder<number> {
  const shifted = sql`(${column} + CAST(${`${offsetMin} minutes`} AS INTERVAL))`;
  return sql<number>`(CAST(EXTRACT(YEAR FROM ${shifted}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM ${shifted}) AS INTEGER) - 1)`;
}

/** The month number of an instant in the zone. */
export function monthKeyOf(instant: Date, timeZone: string): number {
  const [y, m] = localDate(instant, timeZone).split('-').map(Number);
  return (y ?? 1970) * 12 + (m ?? 1) - 1;
}

/** 'YYYY-MM' of a month number. */
export function monthLabel(key: number): string {
  return `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`;
}

/** The UTC instant a month (by number) starts in the zone. */
export function monthStart(key: number, timeZone: string): Date {
  return startOfDay(`${monthLabel(key)}-01`, timeZone);
}

/** The latest scoring day, or null when nothing was scored yet. */
export async function latestScoreDay(db: Kysely<Database>): Promise<string | null> {
  const r = await db.selectFrom('score_runs').select('as_of').orderBy('as_of', 'desc').limit(1).executeTakeFirst();
  return r ? String(r.as_of) : null;
}

/** "Now" for a dashboard: the option, else the end of the latest scoring day, else the clock. */
export function dashboardNow(opts: DashboardOptions, scoreDay: string | null): Date {
  if (opts.now) return opts.now;
  if (scoreDay) {
    const end = Date.parse(`${scoreDay}T23:59:59Z`);
    return new Date(Math.min(end, Date.now()));
  }
  return new Date();
}

export function parseReasons(v: unknown): Array<{ key: string; en: string; zh: string }> {
  const raw = typeof v === 'string' ? safeJson(v) : v;
  if (!Array.isArray(raw)) return [];
  return raw.filter((r): r is { key: string; en: string; zh: string } => typeof r === 'object' && r !== null && typeof (r as { en?: unknown }).en === 'string')
    .map((r) => ({ key: String(r.key), en: r.en, zh: String(r.zh ?? r.en) }));
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** A bound instant as SQL both engines read as TIMESTAMP (UTC). */
export function ts(d: Date): RawBuilder<Date> {
  return sql<Date>`CAST(${sqlTimestamp(d)} AS TIMESTAMP)`;
}

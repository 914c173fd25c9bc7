// A single connection to either engine, for set-based scripts that need temp tables and one
// transaction. Statements are plain SQL both engines accept; values are always bound ($1..).
import type { Engine } from './engine.js';

export interface SqlSession {
  readonly engine: Engine;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  all<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  one<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T>;
}

/** The few places where the engines' SQL differs, as fragments. */
export const dialectSql = {
  json: (e: Engine) => (e === 'postgres' ? 'JSONB' : 'JSON'),
  /** Merge two JSON objects, keys of `b` winning. */
  jsonMerge: (e: Engine, a: string, b: string) => (e === 'postgres' ? `(${a} || ${b})` : `json_merge_patch(${a}, ${b})`),
  /** A TIMESTAMP `seconds` (a number, may be fractional) after the TIMESTAMP `ts`. */
  plusSeconds: (e: Engine, ts: string, seconds: string) =>
    (e === 'postgres' ? `(${ts} + make_interval(secs => ${seconds}))` : `(${ts} + to_seconds(${seconds}))`),
  /** The value of `col` on the row with the greatest `order` among rows where col is not null. */
  lastNonNull: (e: Engine, col: string, order: string) =>
    e === 'postgres' ? `(array_agg(${col} ORDER BY ${order} DESC) FILTER (WHERE ${col} IS NOT NULL))[1]` : `arg_max(${col}, ${order}) FILTER (WHERE ${col} IS NOT NULL)`,
};

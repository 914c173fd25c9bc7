// PostgreSQL through `pg`, with type parsing set so results match DuckDB's shapes:
// int8/numeric -> number, timestamp (UTC by convention) -> Date, date -> 'YYYY-MM-DD'.
import pg from 'pg';
import { PostgresDialect } from 'kysely';

const TIMESTAMP = 1114;
const DATE = 1082;
const INT8 = 20;
const NUMERIC = 1700;

let typesSet = false;
function setTypeParsers(): void {
  if (typesSet) return;
  typesSet = true;
  pg.types.setTypeParser(TIMESTAMP, (s) => new Date(`${s.replace(' ', 'T')}Z`));
  pg.types.setTypeParser(DATE, (s) => s);
  pg.types.setTypeParser(INT8, (s) => {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s;
  });
  pg.types.setTypeParser(NUMERIC, (s) => Number(s));
  // Dates sent as parameters are written as UTC wall time into TIMESTAMP columns.
  pg.defaults.parseInputDatesAsUTC = true;
}

export interface PgOptions {
  readonly url: string;
  /** Schema to use (created if missing); tests use a fresh one each. */
  readonly schema?: string;
  readonly max?: number;
}

export function createPgPool(opts: PgOptions): pg.Pool {
  setTypeParsers();
  const options = opts.schema ? `-c search_path=${opts.schema}` : undefined;
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 8, options });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  return pool;
}

export function pgDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}

// A single-connection session on the store's engine, for scripts with temp tables.
import { DuckSession } from './duckdb/duck-session.js';
import type { Store } from './open-store.js';
import { PgSession } from './postgres/pg-session.js';
import type { SqlSession } from './sql-session.js';

export interface OpenedSession {
  readonly session: SqlSession & (DuckSession | PgSession);
  close(): Promise<void>;
}

export async function openSession(store: Store): Promise<OpenedSession> {
  if (store.handle.engine === 'duckdb') {
    const s = await DuckSession.open(store.handle.instance);
    return { session: s, close: async () => s.close() };
  }
  const client = await store.handle.pool.connect();
  // Sessions run set-based work over whole tables: let hashes and sorts stay in memory.
  await client.query(`SET work_mem = '256MB'`);
  return {
    session: new PgSession(client),
    close: async () => {
      await client.query('RESET work_mem').catch(() => undefined);
      client.release();
    },
  };
}

// Opens the configured engine, applies migrations, and hands back one Store for the process.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import type pg from 'pg';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { StoreConfig } from '../config.js';
import { DuckDialect, openDuckInstance } from './duckdb/dialect.js';
import type { Engine } from './engine.js';
import { migrate } from './migrate.js';
import { createPgPool, pgDialect } from './postgres/connect.js';
import type { Database } from './schema.js';

export type StoreHandle =
  | { readonly engine: 'duckdb'; readonly instance: DuckDBInstance; readonly path: string }
  | { readonly engine: 'postgres'; readonly pool: pg.Pool; readonly url: string; readonly schema: string | undefined };

export interface Store {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  readonly handle: StoreHandle;
  close(): Promise<void>;
}

export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

export async function openStore(cfg: StoreConfig, opts: { schema?: string } = {}): Promise<Store> {
  if (cfg.engine === 'duckdb') {
    if (cfg.path !== ':memory:') mkdirSync(dirname(cfg.path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await openDuckInstance(cfg.path, cfg.memoryLimit);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const hint = /lock/i.test(msg) ? ' (another Tend process has it open: stop it or use PostgreSQL for several processes)' : '';
      throw new StoreOpenError(`cannot open DuckDB database ${cfg.path}: ${msg}${hint}`);
    }
    const db = new Kysely<Database>({ dialect: new DuckDialect(instance) });
    await migrate(db, 'duckdb');
    return { engine: 'duckdb', db, handle: { engine: 'duckdb', instance, path: cfg.path }, close: () => db.destroy() };
  }
  const pool = createPgPool({ url: cfg.url, ...(opts.schema ? { schema: opts.schema } : {}) });
  try {
    const client = await pool.connect();
    try {
      if (opts.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '')}"`);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    const msg = err instanceof Error ? err.message : String(err);
    throw new StoreOpenError(`cannot connect to PostgreSQL at ${redactUrl(cfg.url)}: ${msg}`);
  }
  const db = new Kysely<Database>({ dialect: pgDialect(pool) });
  await migrate(db, 'postgres');
  return {
    engine: 'postgres',
    db,
    handle: { engine: 'postgres', pool, url: cfg.url, schema: opts.schema },
    close: () => db.destroy(),
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

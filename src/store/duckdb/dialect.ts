// A small Kysely dialect over @duckdb/node-api. DuckDB speaks PostgreSQL-flavoured SQL and
// takes `$1` parameters, so the Postgres query compiler and adapter are reused as they are.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { readChunkRows, readRows, toDuckParam } from './convert.js';

export class DuckConnection implements DatabaseConnection {
  constructor(readonly raw: DuckDBConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const params = query.parameters.map(toDuckParam);
    const reader = await this.raw.runAndReadAll(query.sql, params as never);
    const rows = readRows(reader) as R[];
    const isWrite = /^\s*(insert|update|delete)\b/i.test(query.sql) && !/\breturning\b/i.test(query.sql);
    return isWrite ? { rows: [], numAffectedRows: BigInt(reader.rowsChanged) } : { rows };
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 10_000): AsyncIterableIterator<QueryResult<R>> {
    const params = query.parameters.map(toDuckParam);
    const result = await this.raw.stream(query.sql, params as never);
    const names = result.columnNames();
    const types = result.columnTypes();
    let buffered: R[] = [];
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      buffered.push(...(readChunkRows(names, types, chunk) as R[]));
      if (buffered.length >= chunkSize) {
        yield { rows: buffered };
        buffered = [];
      }
    }
    if (buffered.length > 0) yield { rows: buffered };
  }
}

export class DuckDriver implements Driver {
  private idle: DuckConnection[] = [];
  private all: DuckConnection[] = [];

  constructor(private readonly instance: DuckDBInstance) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const conn = new DuckConnection(await this.instance.connect());
    this.all.push(conn);
    return conn;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('BEGIN TRANSACTION'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.idle.push(conn as DuckConnection);
  }

  async destroy(): Promise<void> {
    for (const c of this.all) c.raw.closeSync();
    this.all = [];
    this.idle = [];
    this.instance.closeSync();
  }
}

export class DuckDialect implements Dialect {
  constructor(private readonly instance: DuckDBInstance) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new DuckDriver(this.instance);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

/**
 * New database files use the newest storage format: its DICT_FSST string compression makes bulk
 * writes about 30% faster at the same size (10M orders: 2.7 s instead of 3.7 s). Such files need
 * DuckDB 1.5 or newer to open; files made by older versions keep their format.
 */
export const DUCKDB_STORAGE_VERSION = 'latest';

export async function openDuckInstance(path: string, memoryLimit?: string): Promise<DuckDBInstance> {
  return DuckDBInstance.create(path, { storage_compatibility_version: DUCKDB_STORAGE_VERSION, ...(memoryLimit ? { memory_limit: memoryLimit } : {}) });
}

// Emptying a whole table inside the caller's transaction, the fast way for each engine.
import { quoteIdent } from './duckdb/duck-session.js';
import type { SqlSession } from './sql-session.js';

/**
 * PostgreSQL deletes the rows (TRUNCATE would lock readers out until commit). DuckDB replaces the
 * table with an empty one made from its own stored definition, keys included: dropping a
 * million rows' blocks costs nothing at commit, where deleting them row by row took about 2 s
 * (the delete and its checkpoint). Either way readers see the old rows until the commit.
 */
export async function emptyTable(s: SqlSession, table: string): Promise<void> {
  if (s.engine === 'postgres') {
    await s.run(`DELETE FROM ${quoteIdent(table)}`);
    return;
  }
  const { sql } = await s.one<{ sql: string }>(`SELECT sql FROM duckdb_tables()
    WHERE table_name = $1 AND database_name = current_database() AND schema_name = current_schema() AND NOT temporary`, [table]);
  await s.run(`DROP TABLE ${quoteIdent(table)}`);
  await s.run(sql);
}

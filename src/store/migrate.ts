// Applies pending migrations in order, each in its own transaction, recording the version.
import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine.js';
import { migrations, type Migration } from './migrations/index.js';
import type { Database } from './schema.js';

export async function migrate(db: Kysely<Database>, engine: Engine, list: readonly Migration[] = migrations): Promise<number[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`.execute(db);
  const done = new Set((await db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version));
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    await db.transaction().execute(async (trx) => {
      for (const stmt of m.statements(engine)) await sql.raw(stmt).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name, applied_at: new Date() }).execute();
    });
    applied.push(m.version);
  }
  return applied;
}

import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDialect, openDuckInstance } from '../duckdb/dialect.js';
import { migrate } from '../migrate.js';
import type { Database } from '../schema.js';
import { migrations } from './index.js';

describe('migration 6 on DuckDB: score snapshots without a primary key', () => {
  let db: Kysely<Database> | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  const snapshot = (day: string, customer: number | null, frequency: number) => sql`INSERT INTO score_snapshots
    (as_of, customer_id, frequency, monetary, orders_365d, spend_365d, bulk_buyer, impulse_buyer, lifecycle_stage, historical_clv, churn_reasons)
    VALUES (CAST(${day} AS DATE), ${customer}, ${frequency}, 10.5, 1, 10.5, false, false, 'active', 10.5, CAST('[{"key":"recency"}]' AS JSON))`;

  it('keeps every stored snapshot, drops only the key, and keeps the NOT NULL columns', async () => {
    db = new Kysely<Database>({ dialect: new DuckDialect(await openDuckInstance(':memory:')) });
    await migrate(db, 'duckdb', migrations.filter((m) => m.version < 6));
    await snapshot('2026-11-01', 1, 3).execute(db);
    await snapshot('2026-11-02', 1, 4).execute(db);
    await expect(snapshot('2026-11-02', 1, 4).execute(db)).rejects.toThrow(/constraint|duplicate/i);

    expect(await migrate(db, 'duckdb')).toEqual([6]);
    const rows = await db.selectFrom('score_snapshots').select(['as_of', 'customer_id', 'frequency', 'monetary', 'churn_reasons']).orderBy('as_of').execute();
    expect(rows.map((r) => [String(r.as_of), r.customer_id, r.frequency, r.monetary])).toEqual([['2026-11-01', 1, 3, 10.5], ['2026-11-02', 1, 4, 10.5]]);
    expect(rows[0]?.churn_reasons).toEqual([{ key: 'recency' }]);
    await snapshot('2026-11-02', 1, 4).execute(db); // the scorer, not a key, keeps days unique now
    await expect(snapshot('2026-11-03', null, 1).execute(db)).rejects.toThrow(/NOT NULL/i);
  });
});

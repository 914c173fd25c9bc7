// The engines every contract test runs on: DuckDB always (a fresh file per store),
// PostgreSQL when TEND_TEST_DATABASE_URL is set (a fresh schema per store, dropped after).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/open-store.js';

export interface TestEngine {
  readonly name: 'duckdb' | 'postgres';
  open(): Promise<Store>;
}

const pgUrl = process.env.TEND_TEST_DATABASE_URL;
let counter = 0;

const duck: TestEngine = {
  name: 'duckdb',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'tend-test-'));
    const store = await openStore({ engine: 'duckdb', path: join(dir, 'test.duckdb') });
    return { ...store, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  },
};

const postgres: TestEngine = {
  name: 'postgres',
  async open() {
    const schema = `tend_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const store = await openStore({ engine: 'postgres', url: pgUrl as string }, { schema });
    return {
      ...store,
      close: async () => {
        if (store.handle.engine === 'postgres') await store.handle.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
        await store.close();
      },
    };
  },
};

export const engines: readonly TestEngine[] = pgUrl ? [duck, postgres] : [duck];

if (!pgUrl && !process.env.TEND_QUIET_SKIPS) {
  console.info('PostgreSQL contract tests skipped: TEND_TEST_DATABASE_URL is not set');
}

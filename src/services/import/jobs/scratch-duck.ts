// A small in-memory DuckDB for reading uploads and rejects files (previews, paging), apart from
// the store: it works the same whichever engine holds the data. Created on first use.
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckSession } from '../../../store/duckdb/duck-session.js';

export class ScratchDuck {
  private instance: Promise<DuckDBInstance> | null = null;

  /** Runs `work` on a connection of its own (temp tables stay private to it), then closes it. */
  async use<T>(work: (s: DuckSession) => Promise<T>): Promise<T> {
    this.instance ??= DuckDBInstance.create(':memory:', { memory_limit: '512MB', threads: '2' });
    const s = await DuckSession.open(await this.instance);
    try {
      return await work(s);
    } finally {
      s.close();
    }
  }

  async close(): Promise<void> {
    const i = this.instance;
    this.instance = null;
    if (i) (await i).closeSync();
  }
}

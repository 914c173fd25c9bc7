// Dashboards that scan orders (overview trend, retention cohorts) are cached per data version:
// the latest score run and the latest import. Ingested events change neither, so entries also
// expire after a minute.
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 200;

interface Entry {
  readonly version: string;
  readonly at: number;
  readonly value: Promise<unknown>;
}

export class DashboardCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly store: Store, private readonly ttlMs = TTL_MS) {}

  async version(): Promise<string> {
    const r = await sql<{ s: Date | null; i: number | null }>`
      SELECT (SELECT max(computed_at) FROM score_runs) AS s, (SELECT max(id) FROM imports) AS i`.execute(this.store.db);
    const row = r.rows[0];
    return `${row?.s instanceof Date ? row.s.getTime() : 'none'}:${row?.i ?? 0}`;
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = compute();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { version, at: Date.now(), value });
    // A failed computation is not kept.
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

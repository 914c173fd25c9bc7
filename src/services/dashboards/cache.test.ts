import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Store } from '../../store/open-store.js';
import { importFile } from '../import/import-file.js';
import { DashboardCache } from './cache.js';

describe.each(engines)('dashboard cache on $name', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await engine.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('serves a computed value until the data version changes or it expires', async () => {
    const cache = new DashboardCache(store, 60_000);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('k', compute)).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'tend-cache-'));
    writeFileSync(join(dir, 'c.csv'), 'customer_id\nC1\n');
    await importFile(store, { entity: 'customers', file: join(dir, 'c.csv') });
    expect(await cache.get('k', compute)).toBe(2);
    const expired = new DashboardCache(store, 0);
    expect(await expired.get('k', compute)).toBe(3);
    expect(await expired.get('k', compute)).toBe(4);
  });

  it('does not keep a failed computation', async () => {
    const cache = new DashboardCache(store);
    await expect(cache.get('k', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});

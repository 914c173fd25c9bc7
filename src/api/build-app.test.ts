import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { importFile } from '../services/import/import-file.js';
import type { Store } from '../store/open-store.js';
import { buildApp } from './build-app.js';
import { signInAs } from './test-support.js';

describe.each(engines)('read-only API on $name', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let get: (url: string) => Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
  beforeAll(async () => {
    store = await engine.open();
    const dir = mkdtempSync(join(tmpdir(), 'tend-api-'));
    writeFileSync(join(dir, 'c.csv'), 'customer_id,name,phone,city\nC1,张伟,13800138000,上海\nC2,李娜,13900139000,北京\n');
    writeFileSync(join(dir, 'o.csv'), 'order_id,customer_id,ordered_at,total\nO1,C1,2024-01-01T00:00:00Z,100\nO2,C1,2024-02-01T00:00:00Z,50.5\n');
    await importFile(store, { entity: 'customers', file: join(dir, 'c.csv') });
    await importFile(store, { entity: 'orders', file: join(dir, 'o.csv') });
    app = await buildApp({ store });
    const viewer = await signInAs(app, store, 'viewer');
    get = (url) => app.inject({ url, headers: viewer.headers });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('reports health and stats', async () => {
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok', engine: engine.name });
    const stats = (await get('/v1/stats')).json();
    expect(stats.tables).toMatchObject({ customers: 2, orders: 2 });
  });

  it('pages and searches customers', async () => {
    const page = (await get('/v1/customers?pageSize=1')).json();
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    const byPhone = (await get(`/v1/customers?q=${encodeURIComponent('+86 138 0013 8000')}`)).json();
    expect(byPhone.items.map((c: { name: string }) => c.name)).toEqual(['张伟']);
    const byName = (await get(`/v1/customers?q=${encodeURIComponent('李')}`)).json();
    expect(byName.items.map((c: { name: string }) => c.name)).toEqual(['李娜']);
  });

  it('serves the unified profile by any identifier', async () => {
    const p = (await get('/v1/customers/13800138000')).json();
    expect(p.customer.name).toBe('张伟');
    expect(p.orders).toMatchObject({ count: 2, value: 150.5 });
  });

  it('answers bad input with 400 and unknown things with 404, in one error shape', async () => {
    const bad = await get('/v1/customers?pageSize=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'pageSize' });
    const missing = await get('/v1/customers/nobody');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    expect((await get('/v1/nothing')).statusCode).toBe(404);
  });

  it('refuses data to anyone not signed in, but stays healthy and documented', async () => {
    const res = await app.inject('/v1/customers');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    expect((await app.inject('/health')).statusCode).toBe(200);
  });

  it('publishes an OpenAPI document', async () => {
    const doc = (await app.inject('/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/v1/stats', '/v1/customers', '/v1/customers/{id}']));
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { loadDemo } from '../../services/load-demo.js';
import { countRule } from '../../services/segments/count-rule.js';
import type { Store } from '../../store/open-store.js';
import { buildApp } from '../build-app.js';
import { signInAs, type SignedIn } from '../test-support.js';

describe.each(engines)('dashboard routes and the console on $name', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let viewer: SignedIn;
  const web = mkdtempSync(join(tmpdir(), 'tend-web-'));

  beforeAll(async () => {
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(web, 'assets', 'app-123.js'), 'console.log(1)');
    store = await engine.open();
    await loadDemo(store, { customers: 300, seed: 3, endDate: new Date('2026-06-30T12:00:00Z') });
    app = await buildApp({ store, consoleRoot: web });
    await app.ready();
    viewer = await signInAs(app, store, 'viewer');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(web, { recursive: true, force: true });
  });

  const get = (url: string, who: SignedIn | null = viewer) => app.inject({ method: 'GET', url, headers: who ? who.headers : {} });

  it('needs a signed-in user with dashboards:read', async () => {
    expect((await get('/v1/dashboards/overview', null)).statusCode).toBe(401);
    const service = await signInAs(app, store, 'service');
    expect((await get('/v1/dashboards/overview', service)).statusCode).toBe(403);
    expect(app.routeAccess().filter((r) => r.url.startsWith('/v1/dashboards')).every((r) => r.access === 'dashboards:read')).toBe(true);
  });

  it('serves every dashboard', async () => {
    const o = (await get('/v1/dashboards/overview')).json();
    expect(o.customers).toBeGreaterThan(0);
    expect(o.trend).toHaveLength(12);
    for (const url of ['/v1/dashboards/rfm', '/v1/dashboards/lifecycle', '/v1/dashboards/migration?by=tier', '/v1/dashboards/retention?months=6',
      '/v1/dashboards/value/clv-histogram?metric=historical&bins=10', '/v1/dashboards/value/top-customers?page=2&pageSize=5', '/v1/dashboards/value/channels']) {
      expect((await get(url)).statusCode, url).toBe(200);
    }
    expect((await get('/v1/dashboards/value/top-customers?pageSize=5')).json().items).toHaveLength(5);
    // one scoring day: no migration yet
    expect((await get('/v1/dashboards/migration')).json().cells).toEqual([]);
  });

  it('pages the churn list and its rule counts the same customers', async () => {
    const r = (await get('/v1/dashboards/churn?minRisk=50&pageSize=5&sort=risk')).json();
    expect(r.items.length).toBeLessThanOrEqual(5);
    expect((await countRule(store, r.rule)).count).toBe(r.total);
  });

  it('rejects bad queries with 400', async () => {
    for (const url of ['/v1/dashboards/churn?minRisk=200', '/v1/dashboards/churn?pageSize=1000', '/v1/dashboards/churn?stage=nope',
      '/v1/dashboards/migration?from=yesterday', '/v1/dashboards/value/clv-histogram?metric=x']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
  });

  it('serves the console with a fallback to index.html, never for API paths', async () => {
    const page = await get('/churn?x=1', null);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect((await get('/', null)).body).toContain('id="root"');
    const asset = await get('/assets/app-123.js', null);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await get('/assets/missing.js', null)).statusCode).toBe(404);
    const api = await get('/v1/nothing-here', null);
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    expect((await get('/docs/nothing', null)).statusCode).toBe(404);
  });
});

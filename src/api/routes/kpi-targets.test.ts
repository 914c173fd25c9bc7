import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Role } from '../../services/auth/permissions.js';
import type { Store } from '../../store/open-store.js';
import { buildApp } from '../build-app.js';
import { makeUser, signIn, type SignedIn } from '../test-support.js';

describe.each(engines)('KPI target routes on $name', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  const as: Partial<Record<Role, SignedIn>> = {};
  const email: Partial<Record<Role, string>> = {};
  const call = (role: Role, opts: InjectOptions) => app.inject({ ...opts, headers: { ...(as[role]?.headers ?? {}), ...(opts.headers ?? {}) } });
  const put = (role: Role, payload: unknown) => call(role, { method: 'PUT', url: '/v1/settings/kpi-targets', payload: payload as InjectOptions['payload'] });
  const get = (role: Role) => call(role, { url: '/v1/settings/kpi-targets' });

  beforeAll(async () => {
    store = await engine.open();
    app = await buildApp({ store });
    for (const role of ['admin', 'marketer', 'service', 'viewer'] as const) {
      email[role] = await makeUser(store, role);
      as[role] = await signIn(app, email[role]);
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('starts with no targets', async () => {
    const r = await get('viewer');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ targets: { repurchaseRate: null, nps: null, predictedClvPerBuyer: null, activeCustomers: null }, updatedBy: null, updatedAt: null });
  });

  it('saves targets an admin sets and gives them to anyone who reads dashboards', async () => {
    const saved = await put('admin', { repurchaseRate: 0.35, nps: -5.5, predictedClvPerBuyer: 820.5 });
    expect(saved.statusCode).toBe(200);
    const targets = { repurchaseRate: 0.35, nps: -5.5, predictedClvPerBuyer: 820.5, activeCustomers: null };
    expect(saved.json()).toMatchObject({ targets, updatedBy: email.admin });
    const read = (await get('viewer')).json();
    expect(read).toMatchObject({ targets, updatedBy: email.admin });
    expect(Date.parse(read.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    // PUT replaces: a target left out is cleared
    expect((await put('admin', { activeCustomers: 1200 })).statusCode).toBe(200);
    expect((await get('marketer')).json().targets).toEqual({ repurchaseRate: null, nps: null, predictedClvPerBuyer: null, activeCustomers: 1200 });
  });

  it('answers bad targets with 400 naming the field, and keeps the stored ones', async () => {
    await put('admin', { nps: 30 });
    for (const [payload, field] of [
      [{ nps: 150 }, 'nps'],
      [{ repurchaseRate: 35 }, 'repurchaseRate'],
      [{ predictedClvPerBuyer: -1 }, 'predictedClvPerBuyer'],
      [{ activeCustomers: 10.5 }, 'activeCustomers'],
      [{ nps: '40' }, 'nps'],
      [{ npsTarget: 40 }, 'npsTarget'],
    ] as const) {
      const r = await put('admin', payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'invalid_input', field });
      expect(r.json().error.message).toContain(field);
    }
    expect((await get('viewer')).json().targets.nps).toBe(30);
  });

  it('lets only settings:write change targets, and only dashboard readers read them', async () => {
    for (const role of ['viewer', 'marketer', 'service'] as const) {
      const r = await put(role, { nps: 99 });
      expect(r.statusCode, role).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
    }
    expect((await get('service')).statusCode).toBe(403);
    expect((await app.inject({ url: '/v1/settings/kpi-targets' })).statusCode).toBe(401);
    // a session without the CSRF token cannot write either
    const noCsrf = await app.inject({ method: 'PUT', url: '/v1/settings/kpi-targets', payload: { nps: 99 }, headers: { cookie: as.admin?.headers.cookie ?? '' } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await get('viewer')).json().targets.nps).not.toBe(99);
  });

  it('writes an audit entry for each change, readable by admins', async () => {
    await put('admin', { repurchaseRate: 0.4, nps: 45 });
    const log = (await call('admin', { url: '/v1/audit?action=settings.kpi_targets' })).json();
    expect(log.total).toBeGreaterThanOrEqual(1);
    expect(log.items[0]).toMatchObject({
      actor: email.admin, actorKind: 'user', action: 'settings.kpi_targets', target: 'settings:kpi_targets', outcome: 'ok',
      detail: { repurchaseRate: 0.4, nps: 45, predictedClvPerBuyer: null, activeCustomers: null },
    });
    const rows = await store.db.selectFrom('audit_log').select('actor').where('action', '=', 'settings.kpi_targets').execute();
    // every successful PUT in this file so far, none of the refused ones
    expect(rows.map((r) => r.actor)).toEqual(Array(rows.length).fill(email.admin));
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { importFile } from '../services/import/import-file.js';
import { scoreCustomers } from '../services/score/score-customers.js';
import type { Role } from '../services/auth/permissions.js';
import type { Store } from '../store/open-store.js';
import { buildApp } from './build-app.js';
import { signIn, signInAs, type SignedIn } from './test-support.js';

const shanghai = { type: 'attribute', field: 'city', op: 'equals', value: '上海' };

describe.each(engines)('API resources on $name', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  const as: Partial<Record<Role, SignedIn>> = {};
  const call = (role: Role, opts: InjectOptions) => app.inject({ ...opts, headers: { ...(as[role]?.headers ?? {}), ...(opts.headers ?? {}) } });

  beforeAll(async () => {
    store = await engine.open();
    const dir = mkdtempSync(join(tmpdir(), 'tend-api-res-'));
    writeFileSync(join(dir, 'c.csv'), 'customer_id,name,phone,city\nC1,张伟,13800138000,上海\nC2,李娜,13900139000,北京\nC3,"王, 芳",13700137000,上海\n');
    writeFileSync(join(dir, 'o.csv'), 'order_id,customer_id,ordered_at,total\nO1,C1,2024-01-01T00:00:00Z,100\nO2,C1,2024-02-01T00:00:00Z,50.5\nO3,C2,2024-03-01T00:00:00Z,80\n');
    writeFileSync(join(dir, 'f.csv'), 'customer_id,submitted_at,type,score,text\nC1,2024-01-15T00:00:00Z,nps,9,很好\n');
    await importFile(store, { entity: 'customers', file: join(dir, 'c.csv') });
    await importFile(store, { entity: 'orders', file: join(dir, 'o.csv') });
    await importFile(store, { entity: 'feedback', file: join(dir, 'f.csv') });
    app = await buildApp({ store });
    for (const role of ['admin', 'marketer', 'analyst', 'service', 'viewer'] as const) as[role] = await signInAs(app, store, role);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('applies the role matrix', async () => {
    await call('admin', { method: 'POST', url: '/v1/segments', payload: { kind: 'dynamic', name: 'matrix', rule: shanghai } });
    const requests: Record<string, InjectOptions> = {
      'read customers': { url: '/v1/customers' },
      'read scores': { url: '/v1/customers/C1/scores' },
      'count a rule': { method: 'POST', url: '/v1/segments/count', payload: { rule: shanghai } },
      'create a segment': { method: 'POST', url: '/v1/segments', payload: { kind: 'dynamic', name: 'x', rule: shanghai } },
      'export a segment': { url: '/v1/segments/matrix/export' },
      'tag a customer': { method: 'PUT', url: '/v1/customers/C1/tags/nope' },
      'write settings': { method: 'PUT', url: '/v1/settings/business', payload: { locale: 'en', timezone: 'UTC', currency: 'USD' } },
      'manage users': { url: '/v1/users' },
      'read the audit log': { url: '/v1/audit' },
    };
    const Y = true;
    const N = false;
    const matrix: Record<Role, boolean[]> = {
      // customers scores count create export tag settings users audit
      admin: [Y, Y, Y, Y, Y, Y, Y, Y, Y],
      marketer: [Y, Y, Y, Y, Y, Y, N, N, N],
      analyst: [Y, Y, Y, N, Y, N, N, N, N],
      service: [Y, Y, N, N, N, Y, N, N, N],
      viewer: [Y, Y, Y, N, N, N, N, N, N],
    };
    const seen: Record<string, boolean[]> = {};
    for (const role of Object.keys(matrix) as Role[]) {
      seen[role] = [];
      for (const [i, req] of Object.values(requests).entries()) {
        const res = await call(role, { ...req, ...(req.url === '/v1/segments' && req.method === 'POST' ? { payload: { kind: 'dynamic', name: `x-${role}-${i}`, rule: shanghai } } : {}) });
        expect(res.statusCode).not.toBe(401);
        seen[role].push(res.statusCode !== 403);
      }
    }
    expect(seen).toEqual(matrix);
  });

  it('counts and previews an unsaved rule, and answers a bad rule with 400 and the field', async () => {
    const r = await call('viewer', { method: 'POST', url: '/v1/segments/count', payload: { rule: shanghai, sample: 5 } });
    expect(r.statusCode).toBe(200);
    expect(r.json().count).toBe(2);
    expect(r.json().sample).toHaveLength(2);
    const bad = await call('viewer', { method: 'POST', url: '/v1/segments/count', payload: { rule: { type: 'attribute', field: 'nope', op: 'equals', value: 1 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input' });
    expect(bad.json().error.field).toMatch(/field/);
    const missing = await call('viewer', { method: 'POST', url: '/v1/segments/count', payload: { sample: 5 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('rule');
    const notJson = await call('viewer', { method: 'POST', url: '/v1/segments/count', payload: '{oops', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
  });

  it('creates, reads, changes, refreshes, explains, exports and deletes segments, with audit rows', async () => {
    const m = (opts: InjectOptions) => call('marketer', opts);
    const created = await m({ method: 'POST', url: '/v1/segments', payload: { kind: 'dynamic', name: '上海客户', rule: shanghai } });
    expect(created.statusCode).toBe(201);
    const seg = created.json();
    expect(seg).toMatchObject({ name: '上海客户', memberCount: 2, kind: 'dynamic' });
    expect((await m({ method: 'POST', url: '/v1/segments', payload: { kind: 'dynamic', name: '上海客户', rule: shanghai } })).statusCode).toBe(409);
    expect((await m({ url: `/v1/segments/${seg.id}` })).json().reading.zh).toContain('上海');
    const changed = await m({ method: 'PATCH', url: `/v1/segments/${seg.id}`, payload: { rule: { type: 'attribute', field: 'city', op: 'equals', value: '北京' }, description: '改为北京' } });
    expect(changed.json()).toMatchObject({ memberCount: 1, description: '改为北京' });
    expect((await m({ method: 'POST', url: `/v1/segments/${seg.id}/refresh` })).json()).toEqual({ entered: 0, exited: 0, members: 1 });
    expect((await m({ url: `/v1/segments/${seg.id}/explain` })).json().parameters).toContain('北京');
    const frozen = await m({ method: 'POST', url: '/v1/segments', payload: { kind: 'static_list', name: 'list', list: ['C1', '13700137000', 'nobody'] } });
    expect(frozen.json()).toMatchObject({ memberCount: 2, unmatched: ['nobody'] });
    const csv = await m({ url: `/v1/segments/${frozen.json().id}/export?columns=id,name,phone` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')).toEqual(['\uFEFFid,name,phone', expect.stringMatching(/,张伟,/), expect.stringMatching(/,"王, 芳",/), '']);
    const badCols = await m({ url: `/v1/segments/${seg.id}/export?columns=id,password` });
    expect(badCols.statusCode).toBe(400);
    expect(badCols.json().error.field).toBe('columns');
    expect((await m({ method: 'DELETE', url: `/v1/segments/${seg.id}` })).statusCode).toBe(200);
    expect((await m({ url: `/v1/segments/${seg.id}` })).statusCode).toBe(404);
    const badKind = await m({ method: 'POST', url: '/v1/segments', payload: { kind: 'weird', name: 'x' } });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.field).toBe('kind');
    const actions = (await store.db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'like', 'segment.%').execute());
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['segment.create', 'segment.update', 'segment.refresh', 'segment.export', 'segment.delete']));
  });

  it('lists, creates, sets, unsets and refreshes tags; shows a customer\'s tags, scores and timeline', async () => {
    const created = await call('marketer', { method: 'POST', url: '/v1/tags', payload: { name: 'VIP', group: 'basic' } });
    expect(created.statusCode).toBe(201);
    const badGroup = await call('marketer', { method: 'POST', url: '/v1/tags', payload: { name: 'x', group: 'other' } });
    expect(badGroup.json().error).toMatchObject({ code: 'invalid_input', field: 'group' });
    expect((await call('service', { method: 'PUT', url: '/v1/customers/C2/tags/VIP' })).json()).toEqual({ changed: true });
    const tags = (await call('viewer', { url: '/v1/customers/C2/tags' })).json();
    expect(tags.items).toMatchObject([{ name: 'VIP', source: 'api', setBy: expect.stringMatching(/^service/) }]);
    expect((await call('service', { method: 'DELETE', url: '/v1/customers/C2/tags/VIP' })).json()).toEqual({ changed: true });
    expect((await call('viewer', { url: '/v1/customers/C2/tags' })).json().items).toEqual([]);
    expect((await call('marketer', { method: 'POST', url: '/v1/tags/refresh' })).statusCode).toBe(200);
    expect((await call('viewer', { url: '/v1/tags' })).json().length).toBeGreaterThan(1);
    const timelineRes = await call('viewer', { url: '/v1/customers/C1/timeline?pageSize=2&kinds=order,feedback' });
    expect(timelineRes.json()).toMatchObject({ total: 3 });
    const timeline = timelineRes.json();
    const all = (await call('viewer', { url: '/v1/customers/C1/timeline?pageSize=100' })).json();
    expect(all.items.filter((i: { kind: string }) => i.kind === 'event').map((i: { label: string }) => i.label)).toContain('segment_entered');
    expect(timeline.items.map((i: { kind: string; ref: string }) => `${i.kind}:${i.ref}`)).toEqual(['order:O2', 'feedback:' + timeline.items[1].ref]);
    expect(timeline.items[1]).toMatchObject({ kind: 'feedback', label: 'nps', value: 9, detail: '很好' });
    const badKind = await call('viewer', { url: '/v1/customers/C1/timeline?kinds=order,calls' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.field).toBe('kinds');
    expect((await call('viewer', { url: '/v1/scores/summary' })).statusCode).toBe(404);
    await scoreCustomers(store, { asOf: '2024-06-01' });
    const summary = (await call('analyst', { url: '/v1/scores/summary' })).json();
    expect(summary).toMatchObject({ asOf: '2024-06-01', customersScored: 3, buyers: 2 });
    expect(Object.values(summary.tiers as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3);
    expect(summary.models).toBeTruthy();
    const scores = (await call('analyst', { url: '/v1/customers/C1/scores' })).json();
    expect(scores.current).toMatchObject({ frequency: 2 });
    expect(scores.history).toHaveLength(1);
  });

  it('reads and saves settings, validating each field', async () => {
    const s = (await call('viewer', { url: '/v1/settings' })).json();
    expect(Object.keys(s.business).sort()).toEqual(['currency', 'locale', 'timezone']);
    const badTz = await call('admin', { method: 'PUT', url: '/v1/settings/business', payload: { locale: 'en', timezone: 'Mars/Base', currency: 'USD' } });
    expect(badTz.statusCode).toBe(400);
    expect(badTz.json().error.field).toBe('timezone');
    expect((await call('admin', { method: 'PUT', url: '/v1/settings/business', payload: { locale: 'en', timezone: 'Europe/Berlin', currency: 'EUR' } })).statusCode).toBe(200);
    expect((await call('viewer', { url: '/v1/settings' })).json().business.timezone).toBe('Europe/Berlin');
    const scoring = structuredClone(s.scoring);
    scoring.lifecycle.churnedAfterDays = 10;
    const badScoring = await call('admin', { method: 'PUT', url: '/v1/settings/scoring', payload: scoring });
    expect(badScoring.statusCode).toBe(400);
    expect(badScoring.json().error.field).toBe('scoring.lifecycle.churnedAfterDays');
    scoring.lifecycle.churnedAfterDays = 400;
    expect((await call('admin', { method: 'PUT', url: '/v1/settings/scoring', payload: scoring })).json().lifecycle.churnedAfterDays).toBe(400);
    const rows = await store.db.selectFrom('audit_log').select('action').where('action', 'like', 'settings.%').execute();
    expect(rows.map((r) => r.action).sort()).toEqual(['settings.business', 'settings.business', 'settings.scoring']); // one from the role matrix
  });

  it('lets admins create, change and disable operators, keeping one admin', async () => {
    const created = await call('admin', { method: 'POST', url: '/v1/users', payload: { email: 'new@shop.cn', role: 'viewer' } });
    expect(created.statusCode).toBe(201);
    const { user, generatedPassword } = created.json();
    expect(generatedPassword).toMatch(/^\w{20}$/);
    const badEmail = await call('admin', { method: 'POST', url: '/v1/users', payload: { email: 'nope', role: 'viewer' } });
    expect(badEmail.json().error).toMatchObject({ code: 'invalid_input', field: 'email' });
    const badRole = await call('admin', { method: 'POST', url: '/v1/users', payload: { email: 'a@b.cn', role: 'root' } });
    expect(badRole.json().error.field).toBe('role');
    expect((await call('admin', { method: 'POST', url: '/v1/users', payload: { email: 'NEW@shop.cn', role: 'viewer' } })).statusCode).toBe(409);
    const session = await signIn(app, 'new@shop.cn', generatedPassword);
    expect((await app.inject({ url: '/v1/segments', headers: session.headers })).statusCode).toBe(200);
    const promoted = await call('admin', { method: 'PATCH', url: `/v1/users/${user.id}`, payload: { role: 'marketer' } });
    expect(promoted.json().role).toBe('marketer');
    expect((await app.inject({ url: '/v1/auth/me', headers: session.headers })).json().role).toBe('marketer');
    // a reset: the server makes the password, shows it once, and the old sessions end
    const reset = await call('admin', { method: 'POST', url: `/v1/users/${user.id}/reset-password`, payload: {} });
    expect(reset.statusCode).toBe(200);
    const { password } = reset.json() as { password: string };
    expect(password).toMatch(/^\w{20}$/);
    expect((await app.inject({ url: '/v1/segments', headers: session.headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'new@shop.cn', password: generatedPassword } })).statusCode).toBe(401);
    const again = await signIn(app, 'new@shop.cn', password);
    expect((await call('marketer', { method: 'POST', url: `/v1/users/${user.id}/reset-password`, payload: {} })).statusCode).toBe(403);
    expect((await call('admin', { method: 'POST', url: '/v1/users/999999/reset-password', payload: {} })).statusCode).toBe(404);
    await call('admin', { method: 'PATCH', url: `/v1/users/${user.id}`, payload: { disabled: true } });
    expect((await app.inject({ url: '/v1/segments', headers: again.headers })).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'new@shop.cn', password } });
    expect(login.statusCode).toBe(401);
    const users = (await call('admin', { url: '/v1/users' })).json() as Array<{ id: number; role: string; email: string }>;
    expect(JSON.stringify(users)).not.toMatch(/password|scrypt/);
    const admin = users.find((u) => u.role === 'admin');
    const last = await call('admin', { method: 'PATCH', url: `/v1/users/${admin?.id}`, payload: { role: 'viewer' } });
    expect(last.statusCode).toBe(409);
    expect((await call('admin', { method: 'PATCH', url: '/v1/users/abc', payload: {} })).json().error.field).toBe('id');
    expect((await call('marketer', { method: 'POST', url: '/v1/users', payload: { email: 'm@x.cn', role: 'admin' } })).statusCode).toBe(403);
    const audit = (await call('admin', { url: '/v1/audit?action=user.' })).json();
    expect(audit.items.map((i: { action: string }) => i.action)).toEqual(['user.update', 'user.update', 'user.update', 'user.create']);
  });
});

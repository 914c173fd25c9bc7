import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import type { Store } from '../store/open-store.js';
import { buildApp } from './build-app.js';
import { makeUser, signIn, signInAs, TEST_PASSWORD, type SignedIn } from './test-support.js';

describe.each(engines)('access control on $name', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: SignedIn;
  beforeAll(async () => {
    store = await engine.open();
    app = await buildApp({ store, loginRateLimit: { max: 3, windowMs: 60_000 } });
    admin = await signInAs(app, store, 'admin');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const auditRows = (action: string) => store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  it('signs in with an HTTP-only SameSite cookie and a CSRF token, and signs out', async () => {
    const email = await makeUser(store, 'viewer');
    const s = await signIn(app, email);
    const session = s.setCookie.find((c) => c.startsWith('tend_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/); // plain HTTP, secureCookies 'auto'
    const me = await app.inject({ url: '/v1/auth/me', headers: s.headers });
    expect(me.json()).toMatchObject({ kind: 'user', email, role: 'viewer', csrfToken: s.headers['x-csrf-token'] });
    // the session id is stored hashed
    const sid = decodeURIComponent(session?.split(';')[0]?.split('=')[1] ?? '');
    const rows = await store.db.selectFrom('user_sessions').select('id_hash').execute();
    expect(rows.some((r) => r.id_hash === sid)).toBe(false);
    expect((await app.inject({ method: 'POST', url: '/v1/auth/logout', headers: s.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/auth/me', headers: s.headers })).statusCode).toBe(401);
    const logins = await auditRows('auth.login');
    expect(logins.find((r) => r.actor === email)).toMatchObject({ outcome: 'ok', ip: '127.0.0.1', user_agent: 'lightMyRequest' });
    expect((await auditRows('auth.logout')).some((r) => r.actor === email)).toBe(true);
  });

  it('marks cookies Secure when configured', async () => {
    const secureApp = await buildApp({ store, secureCookies: true });
    const s = await signIn(secureApp, await makeUser(store, 'viewer'));
    expect(s.setCookie.every((c) => /; Secure/.test(c))).toBe(true);
    await secureApp.close();
  });

  it('ends expired sessions', async () => {
    const s = await signInAs(app, store, 'viewer');
    expect((await app.inject({ url: '/v1/stats', headers: s.headers })).statusCode).toBe(200);
    await store.db.updateTable('user_sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    const res = await app.inject({ url: '/v1/stats', headers: s.headers });
    expect(res.statusCode).toBe(401);
    admin = await signInAs(app, store, 'admin');
  });

  it('refuses a wrong password, and throttles repeated failures per IP and user', async () => {
    const email = await makeUser(store, 'analyst');
    const wrong = () => app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: 'not the password' } });
    const first = await wrong();
    expect(first.statusCode).toBe(401);
    expect(first.json().error).toMatchObject({ code: 'unauthorized', field: 'password' });
    expect(first.headers['set-cookie']).toBeUndefined();
    await wrong();
    await wrong();
    const limited = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another account from the same address is not locked out by this one
    await signIn(app, await makeUser(store, 'viewer'));
    // an unknown email fails the same way
    const unknown = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'nobody@test.local', password: 'whatever-123' } });
    expect(unknown.statusCode).toBe(401);
    const failed = (await auditRows('auth.login')).filter((r) => r.target === email);
    expect(failed.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed', 'denied']);
  });

  it('rejects cookie-authenticated changes without the CSRF token', async () => {
    const body = { name: 'csrf-tag', group: 'basic' };
    const { cookie } = admin.headers;
    const none = await app.inject({ method: 'POST', url: '/v1/tags', headers: { cookie }, payload: body });
    expect(none.statusCode).toBe(403);
    expect(none.json().error).toMatchObject({ code: 'forbidden', field: 'x-csrf-token' });
    const wrong = await app.inject({ method: 'POST', url: '/v1/tags', headers: { cookie, 'x-csrf-token': 'abc' }, payload: body });
    expect(wrong.statusCode).toBe(403);
    const ok = await app.inject({ method: 'POST', url: '/v1/tags', headers: admin.headers, payload: body });
    expect(ok.statusCode).toBe(201);
  });

  it('scopes API keys by permission, hides their secrets, and revokes them', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin.headers, payload: { name: 'crm sync', permissions: ['tags:read', 'customers:read'] } });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^tend_[\w-]{43}$/);
    const bearer = { authorization: `Bearer ${key}` };
    expect((await app.inject({ url: '/v1/tags', headers: bearer })).statusCode).toBe(200);
    // no CSRF token needed for a key; the scope still applies
    const write = await app.inject({ method: 'POST', url: '/v1/tags', headers: bearer, payload: { name: 'by-key', group: 'basic' } });
    expect(write.statusCode).toBe(403);
    expect((await app.inject({ url: '/v1/users', headers: bearer })).statusCode).toBe(403);
    const list = await app.inject({ url: '/v1/api-keys', headers: admin.headers });
    expect(JSON.stringify(list.json())).not.toContain(key);
    const stored = await store.db.selectFrom('api_keys').select('key_hash').execute();
    expect(stored.some((r) => r.key_hash.includes(key))).toBe(false);
    expect((await app.inject({ method: 'DELETE', url: `/v1/api-keys/${id}`, headers: admin.headers })).json().revokedAt).not.toBeNull();
    const after = await app.inject({ url: '/v1/tags', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect((await app.inject({ url: '/v1/tags', headers: { authorization: 'Bearer tend_nonsense' } })).statusCode).toBe(401);
    const bad = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin.headers, payload: { name: 'x', permissions: ['root'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('permissions.0');
    const marketer = await signInAs(app, store, 'marketer');
    expect((await app.inject({ method: 'POST', url: '/v1/api-keys', headers: marketer.headers, payload: { name: 'm', permissions: ['tags:read'] } })).statusCode).toBe(403);
    expect((await auditRows('api_key.create')).length).toBe(1);
    expect((await auditRows('api_key.revoke')).length).toBe(1);
  });

  it('shows the audit log to admins only, with who, what, when and from where', async () => {
    const res = await app.inject({ url: '/v1/audit?action=tag.&pageSize=10', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const item = res.json().items[0];
    expect(item).toMatchObject({ action: 'tag.create', actorKind: 'user', ip: '127.0.0.1', userAgent: 'lightMyRequest', outcome: 'ok' });
    expect(Date.parse(item.at)).toBeGreaterThan(Date.now() - 60_000);
    const analyst = await signInAs(app, store, 'analyst');
    expect((await app.inject({ url: '/v1/audit', headers: analyst.headers })).statusCode).toBe(403);
    const bad = await app.inject({ url: '/v1/audit?since=yesterday', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('since');
  });

  it('guards every route or marks it public, and refuses anonymous calls to guarded ones', async () => {
    const routes = app.routeAccess();
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => r.access === undefined)).toEqual([]);
    const api = (url: string) => url.startsWith('/v1/') || url === '/health';
    const publicRoutes = routes.filter((r) => r.access === 'public' && r.method !== 'HEAD' && api(r.url)).map((r) => `${r.method} ${r.url}`).sort();
    // Everything public outside the API is the console's static files and the API reference: reads only.
    const others = routes.filter((r) => r.access === 'public' && !api(r.url));
    expect(others.every((r) => /^(HEAD,)?GET$|^HEAD$/.test(r.method))).toBe(true);
    // Event ingestion is public to operators but checks the source's write key itself.
    expect(publicRoutes).toEqual(['GET /health', 'GET /v1/auth/demo', 'POST /v1/auth/login', 'POST /v1/batch', 'POST /v1/identify', 'POST /v1/track']);
    for (const url of ['/v1/batch', '/v1/identify', '/v1/track']) {
      expect((await app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
    }
    for (const r of routes.filter((x) => x.access !== 'public')) {
      const url = r.url.replace(/:(\w+)/g, '1');
      const res = await app.inject({ method: r.method as 'GET', url, ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { payload: {} }) });
      expect([r.method, r.url, res.statusCode]).toEqual([r.method, r.url, 401]);
    }
  });

  it('refuses to start with a route that has no access rule', async () => {
    const bad = await buildApp({ store });
    bad.get('/v1/oops', async () => 'open');
    await expect(bad.ready()).rejects.toThrow(/GET \/v1\/oops/);
  });

  it('stores only salted scrypt hashes, different for the same password', async () => {
    const rows = await store.db.selectFrom('users').select(['email', 'password_hash']).execute();
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$/);
      expect(r.password_hash).not.toContain(TEST_PASSWORD);
    }
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
  });

  it('creates the admin from the environment options and the demo login in demo mode', async () => {
    const plain = await app.inject('/v1/auth/demo');
    expect(plain.json()).toEqual({ enabled: false });
    const demoApp = await buildApp({ store, demo: true, adminEmail: 'Owner@Shop.cn', adminPassword: 'owner-password-1' });
    const demo = (await demoApp.inject('/v1/auth/demo')).json();
    expect(demo).toMatchObject({ enabled: true, email: 'demo@tend.local' });
    await signIn(demoApp, demo.email, demo.password);
    const owner = await signIn(demoApp, 'owner@shop.cn', 'owner-password-1');
    expect((await demoApp.inject({ url: '/v1/auth/me', headers: owner.headers })).json().role).toBe('admin');
    await demoApp.close();
  });
});

// Sign in and out, who am I, and the demo login shown on the login page.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEMO_LOGIN } from '../../services/auth/bootstrap.js';
import { createSession, csrfTokenFor, endSession } from '../../services/auth/sessions.js';
import { checkCredentials } from '../../services/auth/users.js';
import type { Store } from '../../store/open-store.js';
import { AUTHENTICATED, PUBLIC } from '../auth/access.js';
import { audit, setSessionCookies, type AuthOptions } from '../auth/install-auth.js';
import type { SlidingWindowLimiter } from '../auth/rate-limit.js';

export interface AuthRouteOptions {
  readonly store: Store;
  readonly auth: AuthOptions;
  readonly demo: boolean;
  /** failed logins per IP + email, and per IP */
  readonly limiters: { readonly perUser: SlidingWindowLimiter; readonly perIp: SlidingWindowLimiter };
}

export function authRoutes(o: AuthRouteOptions) {
  const { store } = o;
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post('/v1/auth/login', {
      config: PUBLIC,
      schema: {
        summary: 'sign in with email and password: sets the session cookie, returns the CSRF token',
        tags: ['auth'],
        body: z.object({ email: z.string().min(3).max(254), password: z.string().min(1).max(200) }),
      },
    }, async (req, reply) => {
      const email = req.body.email.trim().toLowerCase();
      const userKey = `${req.ip}|${email}`;
      const wait = Math.max(o.limiters.perUser.retryAfter(userKey), o.limiters.perIp.retryAfter(req.ip));
      if (wait > 0) {
        await audit(store, req, { action: 'auth.login', target: email, outcome: 'denied', detail: { reason: 'rate_limited' } });
        return reply.status(429).header('retry-after', String(Math.ceil(wait / 1000)))
          .send({ error: { code: 'rate_limited', message: `too many failed sign-ins: try again in ${Math.ceil(wait / 1000)} s`, field: 'email' } });
      }
      const user = await checkCredentials(store, email, req.body.password);
      if (!user) {
        o.limiters.perUser.record(userKey);
        o.limiters.perIp.record(req.ip);
        await audit(store, req, { action: 'auth.login', target: email, outcome: 'failed' });
        return reply.status(401).send({ error: { code: 'unauthorized', message: 'wrong email or password', field: 'password' } });
      }
      o.limiters.perUser.reset(userKey);
      const session = await createSession(store, user.id, { ttlMs: o.auth.sessionTtlMs, ip: req.ip, userAgent: req.headers['user-agent'] });
      setSessionCookies(req, reply, o.auth, session);
      await audit(store, req, { actor: user.email, actorKind: 'user', action: 'auth.login', target: user.email, detail: { role: user.role } });
      return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    });

    r.post('/v1/auth/logout', {
      config: AUTHENTICATED,
      schema: { summary: 'end the current session', tags: ['auth'] },
    }, async (req, reply) => {
      const p = req.principal;
      if (p?.kind === 'user') {
        await endSession(store, p.sessionId);
        setSessionCookies(req, reply, o.auth, null);
        await audit(store, req, { action: 'auth.logout', target: p.email });
      }
      return { ok: true };
    });

    r.get('/v1/auth/me', {
      config: AUTHENTICATED,
      schema: { summary: 'the signed-in user or API key, its permissions and the CSRF token', tags: ['auth'] },
    }, async (req) => {
      const p = req.principal;
      if (p?.kind === 'user') return { kind: 'user', id: p.id, email: p.email, role: p.role, permissions: p.permissions, csrfToken: csrfTokenFor(p.sessionId) };
      if (p?.kind === 'api_key') return { kind: 'api_key', id: p.id, name: p.name, permissions: p.permissions };
      return { kind: 'anonymous', permissions: [] };
    });

    r.get('/v1/auth/demo', {
      config: PUBLIC,
      schema: { summary: 'the demo login, when the server runs in demo mode (for the login page)', tags: ['auth'] },
    }, async () => (o.demo ? { enabled: true, email: DEMO_LOGIN.email, password: DEMO_LOGIN.password } : { enabled: false }));
  };
}

// Authentication and authorization for every route, installed on the root instance:
// - who: `Authorization: Bearer tend_...` (API key) or the `tend_session` cookie (a user);
// - may they: the route's `config.access` (public, authenticated, or a permission);
// - CSRF: a cookie-authenticated request that changes state must echo the session's CSRF
//   token in `X-CSRF-Token` (the console reads it from /v1/auth/login or /v1/auth/me, or from
//   the readable `tend_csrf` cookie). API keys are not sent by browsers, so need no token.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { findApiKey } from '../../services/auth/api-keys.js';
import { writeAudit, type AuditEntry } from '../../services/auth/audit.js';
import { permissionsOf, type Permission, type Role } from '../../services/auth/permissions.js';
import { csrfTokenFor, DEFAULT_SESSION_TTL_MS, sameToken, sessionUser, type NewSession } from '../../services/auth/sessions.js';
import type { Store } from '../../store/open-store.js';
import type { Access } from './access.js';
import { parseCookies, serializeCookie } from './cookies.js';

export const SESSION_COOKIE = 'tend_session';
export const CSRF_COOKIE = 'tend_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type Principal =
  | { readonly kind: 'user'; readonly id: number; readonly email: string; readonly role: Role; readonly permissions: readonly Permission[]; readonly sessionId: string }
  | { readonly kind: 'api_key'; readonly id: number; readonly name: string; readonly permissions: readonly Permission[] };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Every registered route with its access rule (for the route-enumeration test and docs). */
    routeAccess(): RouteAccess[];
  }
}

export interface AuthOptions {
  /** Secure cookies: true, false, or 'auto' (when the request came over HTTPS). */
  readonly secureCookies: boolean | 'auto';
  readonly sessionTtlMs: number;
}

export interface RouteAccess {
  readonly method: string;
  readonly url: string;
  readonly access: Access | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function actorOf(p: Principal | null): { actor: string; actorKind: AuditEntry['actorKind'] } {
  if (!p) return { actor: 'anonymous', actorKind: 'anonymous' };
  return p.kind === 'user' ? { actor: p.email, actorKind: 'user' } : { actor: `api-key:${p.name}#${p.id}`, actorKind: 'api_key' };
}

/** Writes an audit row for this request: its principal, IP and user agent. */
export async function audit(store: Store, req: FastifyRequest, e: Omit<AuditEntry, 'actor' | 'actorKind' | 'ip' | 'userAgent'> & { actor?: string; actorKind?: AuditEntry['actorKind'] }): Promise<void> {
  const who = actorOf(req.principal);
  await writeAudit(store, { ...who, ...e, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
}

export function installAuth(app: FastifyInstance, store: Store): void {
  const table: RouteOptions[] = [];
  app.decorateRequest('principal', null);
  // Recorded by reference: hooks of nested plugins (the docs) may still set config afterwards.
  app.addHook('onRoute', (route) => {
    table.push(route);
  });
  app.addHook('onReady', async () => {
    const open = table.filter((r) => r.config?.access === undefined);
    if (open.length > 0) throw new Error(`routes without an access rule (config.access): ${open.map((r) => `${String(r.method)} ${r.url}`).join(', ')}`);
  });
  app.addHook('onRequest', async (req) => {
    if (req.is404) return;
    const access = req.routeOptions.config.access;
    if (access === undefined) throw new DomainError('forbidden', 'this route has no access rule');
    // Public routes get no principal; they may carry credentials of their own (source write keys).
    if (access === 'public') return;
    req.principal = await identify(req);
    if (!req.principal) throw new DomainError('unauthorized', 'sign in or send an API key (Authorization: Bearer tend_...)');
    if (req.principal.kind === 'user' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, csrfTokenFor(req.principal.sessionId))) {
        throw new DomainError('forbidden', `missing or wrong CSRF token: send the ${CSRF_HEADER} header with the token from /v1/auth/me`, CSRF_HEADER);
      }
    }
    if (access !== 'authenticated' && !req.principal.permissions.includes(access)) {
      throw new DomainError('forbidden', `you need the "${access}" permission`);
    }
  });

  async function identify(req: FastifyRequest): Promise<Principal | null> {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const key = m?.[1] ? await findApiKey(store, m[1]) : undefined;
      if (!key) throw new DomainError('unauthorized', 'invalid or revoked API key');
      return { kind: 'api_key', id: key.id, name: key.name, permissions: key.permissions };
    }
    const sid = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (!sid) return null;
    const user = await sessionUser(store, sid);
    if (!user) return null;
    return { kind: 'user', id: user.id, email: user.email, role: user.role, permissions: permissionsOf(user.role), sessionId: sid };
  }

  app.decorate('routeAccess', () => table.map((r) => ({ method: Array.isArray(r.method) ? r.method.join(',') : String(r.method), url: r.url, access: r.config?.access })));
}

export function isSecure(req: FastifyRequest, opts: AuthOptions): boolean {
  return opts.secureCookies === 'auto' ? req.protocol === 'https' : opts.secureCookies;
}

export function setSessionCookies(req: FastifyRequest, reply: FastifyReply, opts: AuthOptions, s: NewSession | null): void {
  const secure = isSecure(req, opts);
  const maxAge = s ? (s.expiresAt.getTime() - Date.now()) / 1000 : 0;
  reply.header('set-cookie', [
    serializeCookie(SESSION_COOKIE, s?.id ?? '', { maxAgeSeconds: maxAge, httpOnly: true, secure, sameSite: 'Lax' }),
    serializeCookie(CSRF_COOKIE, s?.csrfToken ?? '', { maxAgeSeconds: maxAge, httpOnly: false, secure, sameSite: 'Strict' }),
  ]);
}

export const DEFAULT_AUTH_OPTIONS: AuthOptions = { secureCookies: 'auto', sessionTtlMs: DEFAULT_SESSION_TTL_MS };

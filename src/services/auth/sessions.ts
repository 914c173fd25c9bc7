// Login sessions: a random 256-bit id goes to the browser (cookie); the database keeps only its
// SHA-256 with an expiry. The CSRF token is derived from the session id, so it needs no storage
// and is worthless without the (HTTP-only) cookie.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/open-store.js';
import { getUser, type UserInfo } from './users.js';

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`tend-csrf:${sessionId}`).digest('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface NewSession {
  readonly id: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function createSession(store: Store, userId: number, opts: { ttlMs?: number; ip?: string; userAgent?: string } = {}): Promise<NewSession> {
  const now = new Date();
  await store.db.deleteFrom('user_sessions').where('expires_at', '<', now).execute();
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + (opts.ttlMs ?? DEFAULT_SESSION_TTL_MS));
  await store.db.insertInto('user_sessions').values({
    id_hash: sha256(id), user_id: userId, created_at: now, expires_at: expiresAt,
    ip: opts.ip ?? null, user_agent: opts.userAgent?.slice(0, 500) ?? null,
  }).execute();
  return { id, csrfToken: csrfTokenFor(id), expiresAt };
}

/** The active user of a live session, or undefined (unknown, expired, user disabled). */
export async function sessionUser(store: Store, sessionId: string, now = new Date()): Promise<UserInfo | undefined> {
  const row = await store.db.selectFrom('user_sessions').select(['user_id', 'expires_at']).where('id_hash', '=', sha256(sessionId)).executeTakeFirst();
  if (!row || row.expires_at.getTime() <= now.getTime()) return undefined;
  const user = await getUser(store, Number(row.user_id)).catch(() => undefined);
  return user && !user.disabled ? user : undefined;
}

export async function endSession(store: Store, sessionId: string): Promise<void> {
  await store.db.deleteFrom('user_sessions').where('id_hash', '=', sha256(sessionId)).execute();
}

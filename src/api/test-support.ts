// Helpers for API tests: make an operator of a role and sign in as them.
import type { FastifyInstance } from 'fastify';
import { createUser } from '../services/auth/users.js';
import type { Role } from '../services/auth/permissions.js';
import type { Store } from '../store/open-store.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  /** headers for any request: the session cookie and the CSRF token */
  readonly headers: { cookie: string; 'x-csrf-token': string };
  readonly setCookie: readonly string[];
}

let n = 0;
export async function makeUser(store: Store, role: Role, email = `${role}${n++}@test.local`): Promise<string> {
  await createUser(store, { email, role, password: TEST_PASSWORD }, 'test');
  return email;
}

export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  const raw = res.headers['set-cookie'];
  const setCookie = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  return { headers: { cookie, 'x-csrf-token': res.json().csrfToken as string }, setCookie };
}

export async function signInAs(app: FastifyInstance, store: Store, role: Role): Promise<SignedIn> {
  return signIn(app, await makeUser(store, role));
}

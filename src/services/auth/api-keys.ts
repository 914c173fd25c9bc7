// API keys for server-to-server use: `tend_` + 256 random bits, shown once; stored as SHA-256
// (a fast hash is right for a high-entropy secret), scoped to a list of permissions, revocable.
import { randomBytes } from 'node:crypto';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';
import { isPermission, PERMISSIONS, type Permission } from './permissions.js';
import { sha256 } from './sessions.js';

export const API_KEY_PREFIX = 'tend_';

export interface ApiKeyInfo {
  readonly id: number;
  readonly name: string;
  readonly prefix: string;
  readonly permissions: readonly Permission[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

function parsePermissions(v: unknown): Permission[] {
  const list = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(list) ? list.filter((p): p is Permission => typeof p === 'string' && isPermission(p)) : [];
}

function toInfo(r: { id: number; name: string; prefix: string; permissions: unknown; created_by: string; created_at: Date; revoked_at: Date | null }): ApiKeyInfo {
  return { id: Number(r.id), name: r.name, prefix: r.prefix, permissions: parsePermissions(r.permissions), createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at };
}

const COLUMNS = ['id', 'name', 'prefix', 'permissions', 'created_by', 'created_at', 'revoked_at'] as const;

/** Creates a key limited to `permissions`, which must all be held by the creator (`allowed`). */
export async function createApiKey(store: Store, input: { name: string; permissions: readonly string[] }, actor: string, allowed: readonly Permission[]): Promise<{ key: string; info: ApiKeyInfo }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new DomainError('invalid_input', 'key name must be 1-100 characters', 'name');
  if (input.permissions.length === 0) throw new DomainError('invalid_input', 'give the key at least one permission', 'permissions');
  for (const p of input.permissions) {
    if (!isPermission(p)) throw new DomainError('invalid_input', `unknown permission "${p}" (choose from ${PERMISSIONS.join(', ')})`, 'permissions');
    if (!allowed.includes(p)) throw new DomainError('forbidden', `you cannot grant "${p}": you do not hold it`, 'permissions');
  }
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await store.db.insertInto('api_keys').values({
    name, prefix: key.slice(0, 12), key_hash: sha256(key), permissions: JSON.stringify([...new Set(input.permissions)]),
    created_by: actor, created_at: new Date(), revoked_at: null, revoked_by: null,
  }).returning('id').executeTakeFirstOrThrow();
  const info = await store.db.selectFrom('api_keys').select(COLUMNS).where('id', '=', row.id).executeTakeFirstOrThrow();
  return { key, info: toInfo(info) };
}

export async function listApiKeys(store: Store): Promise<ApiKeyInfo[]> {
  return (await store.db.selectFrom('api_keys').select(COLUMNS).orderBy('id').execute()).map(toInfo);
}

export async function revokeApiKey(store: Store, id: number, actor: string): Promise<ApiKeyInfo> {
  const row = await store.db.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `API key ${id} not found`, 'id');
  if (row.revoked_at === null) await store.db.updateTable('api_keys').set({ revoked_at: new Date(), revoked_by: actor }).where('id', '=', id).execute();
  return toInfo(await store.db.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow());
}

/** The live key this secret belongs to, or undefined. */
export async function findApiKey(store: Store, key: string): Promise<ApiKeyInfo | undefined> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return undefined;
  const row = await store.db.selectFrom('api_keys').select(COLUMNS).where('key_hash', '=', sha256(key)).where('revoked_at', 'is', null).executeTakeFirst();
  return row ? toInfo(row) : undefined;
}

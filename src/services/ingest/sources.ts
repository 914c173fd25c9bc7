// Sources: each application that sends events has a write key. The key is random (256 bits),
// shown once at creation and stored only as its SHA-256, so a fast hash is enough (no scrypt:
// there is nothing to brute-force in a random 256-bit key).
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';

export interface CreatedSource {
  readonly id: number;
  readonly name: string;
  /** the write key, in clear: shown this once, never stored */
  readonly writeKey: string;
  readonly createdAt: Date;
}

export function hashWriteKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function createSource(store: Store, opts: { name: string; actor?: string }): Promise<CreatedSource> {
  const name = opts.name.trim();
  if (name.length === 0 || name.length > 200) throw new DomainError('invalid_input', 'a source needs a name of 1-200 characters', 'name');
  const writeKey = `wk_${randomBytes(32).toString('base64url')}`;
  const createdAt = new Date();
  const row = await store.db.insertInto('sources').values({
    name, key_prefix: writeKey.slice(0, 10), key_hash: hashWriteKey(writeKey), created_by: opts.actor ?? 'cli', created_at: createdAt, revoked_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: Number(row.id), name, writeKey, createdAt };
}

export async function revokeSource(store: Store, id: number): Promise<boolean> {
  const r = await store.db.updateTable('sources').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface SourceIdentity {
  readonly id: number;
  readonly name: string;
}

/**
 * Write key -> source, with a small cache so the request path rarely touches the database.
 * A revoked key stops working within `ttlMs`. Unknown keys are cached too (briefly), so a
 * client hammering with a bad key costs no queries.
 */
export class SourceKeys {
  private readonly cache = new Map<string, { source: SourceIdentity | null; until: number }>();

  constructor(private readonly store: Store, private readonly ttlMs = 30_000) {}

  async resolve(key: string): Promise<SourceIdentity | null> {
    const hash = hashWriteKey(key);
    const now = Date.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.source;
    const row = await this.store.db.selectFrom('sources').select(['id', 'name']).where('key_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
    const source = row ? { id: Number(row.id), name: row.name } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { source, until: now + (source ? this.ttlMs : Math.min(this.ttlMs, 2_000)) });
    return source;
  }
}

/** The write key of an Authorization header: Basic (key as username, empty password) or Bearer. */
export function writeKeyFrom(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() !== 'basic') return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
  return user.length > 0 ? user : null;
}

// Finds a customer by anything a person would type: internal id, customer id, email, phone,
// member number, WeChat id. Follows merges to the surviving profile.
import { DomainError } from '../../core/errors.js';
import { normalizeEmail, normalizePhone } from '../../core/identity/normalize.js';
import type { Store } from '../../store/open-store.js';

export async function findCustomerId(store: Store, query: string): Promise<number> {
  const q = query.trim();
  if (q === '') throw new DomainError('invalid_input', 'give a customer id, email or phone', 'customer');
  const candidates: Array<{ kind: string; value: string }> = [];
  const email = normalizeEmail(q);
  if (email) candidates.push({ kind: 'email', value: email });
  const phone = /^[+\d][\d\s\-()]{6,}$/.test(q) ? normalizePhone(q) : null;
  if (phone) candidates.push({ kind: 'phone', value: phone });
  for (const kind of ['external_id', 'member_no', 'wechat_openid', 'wechat_unionid', 'anonymous_id']) candidates.push({ kind, value: q });
  if (/^[a-z0-9_]+:.+$/i.test(q)) {
    const at = q.indexOf(':');
    candidates.push({ kind: `platform:${q.slice(0, at).toLowerCase()}`, value: q.slice(at + 1) });
  }
  for (const c of candidates) {
    const hit = await store.db.selectFrom('identities').select('customer_id').where('kind', '=', c.kind).where('value', '=', c.value).executeTakeFirst();
    if (hit) return hit.customer_id;
  }
  if (/^\d{1,15}$/.test(q)) {
    const id = Number(q);
    const row = await store.db.selectFrom('customers').select(['id', 'merged_into']).where('id', '=', id).executeTakeFirst();
    if (row) return rootOf(store, row.id);
  }
  throw new DomainError('not_found', `no customer matches "${q}"`, 'customer');
}

export async function rootOf(store: Store, id: number): Promise<number> {
  let current = id;
  for (let hops = 0; hops < 1000; hops++) {
    const row = await store.db.selectFrom('customers').select('merged_into').where('id', '=', current).executeTakeFirst();
    if (!row || row.merged_into === null) return current;
    current = row.merged_into;
  }
  throw new Error(`merge chain from customer ${id} does not end`);
}

// A page of customers, optionally searched by name or any identifier, newest first.
import { DomainError } from '../../core/errors.js';
import { normalizeEmail, normalizePhone } from '../../core/identity/normalize.js';
import type { Store } from '../../store/open-store.js';

export interface CustomerListQuery {
  readonly q?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export interface CustomerListItem {
  readonly id: number;
  readonly name: string | null;
  readonly gender: string | null;
  readonly city: string | null;
  readonly signupAt: Date | null;
  readonly acquisitionChannel: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export async function listCustomers(store: Store, query: CustomerListQuery): Promise<Page<CustomerListItem>> {
  if (query.pageSize > 500) throw new DomainError('invalid_input', 'pageSize must be at most 500', 'pageSize');
  let base = store.db.selectFrom('customers').where('merged_into', 'is', null);
  const q = query.q?.trim();
  if (q) {
    const values = [q, normalizeEmail(q), normalizePhone(q)].filter((v): v is string => v !== null);
    base = base.where((eb) =>
      eb.or([
        eb('name', 'like', `${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`),
        eb('id', 'in', eb.selectFrom('identities').select('customer_id').where('value', 'in', values)),
      ]),
    );
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select(['id', 'name', 'gender', 'city', 'signup_at', 'acquisition_channel'])
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, gender: r.gender, city: r.city, signupAt: r.signup_at, acquisitionChannel: r.acquisition_channel })),
    total: Number(totalRow?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

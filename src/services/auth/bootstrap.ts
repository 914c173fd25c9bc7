// Accounts that exist from the first start: an admin from TEND_ADMIN_EMAIL / TEND_ADMIN_PASSWORD,
// and in demo mode a demo login whose password is public (shown on the login page).
import type { Store } from '../../store/open-store.js';
import { writeAudit } from './audit.js';
import { createUser, findUserByEmail } from './users.js';

export const DEMO_LOGIN = { email: 'demo@tend.local', password: 'tend-demo-2024', role: 'admin' } as const;

export interface BootstrapOptions {
  readonly demo?: boolean | undefined;
  readonly adminEmail?: string | undefined;
  readonly adminPassword?: string | undefined;
}

export interface BootstrapResult {
  /** set when an admin was created from the environment without a password: print it once */
  readonly generatedAdminPassword?: string;
  readonly created: readonly string[];
  readonly userCount: number;
}

export async function bootstrapUsers(store: Store, opts: BootstrapOptions): Promise<BootstrapResult> {
  const created: string[] = [];
  let generatedAdminPassword: string | undefined;
  if (opts.adminEmail && !(await findUserByEmail(store, opts.adminEmail))) {
    const r = await createUser(store, { email: opts.adminEmail, role: 'admin', password: opts.adminPassword || undefined }, 'system');
    generatedAdminPassword = r.generatedPassword;
    created.push(r.user.email);
    await writeAudit(store, { actor: 'system', actorKind: 'system', action: 'user.create', target: r.user.email, detail: { role: 'admin', from: 'TEND_ADMIN_EMAIL' } });
  }
  if (opts.demo && !(await findUserByEmail(store, DEMO_LOGIN.email))) {
    await createUser(store, DEMO_LOGIN, 'system');
    created.push(DEMO_LOGIN.email);
    await writeAudit(store, { actor: 'system', actorKind: 'system', action: 'user.create', target: DEMO_LOGIN.email, detail: { role: DEMO_LOGIN.role, from: 'demo' } });
  }
  const n = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return { ...(generatedAdminPassword ? { generatedAdminPassword } : {}), created, userCount: Number(n?.n ?? 0) };
}

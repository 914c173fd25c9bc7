// Operator accounts: create, list, change role, disable, reset password, check a login.
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';
import { checkPasswordPolicy, decoyHash, generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { isRole, ROLES, type Role } from './permissions.js';

export interface UserInfo {
  readonly id: number;
  readonly email: string;
  readonly name: string | null;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly lastLoginAt: Date | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function normalizeUserEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e) || e.length > 254) throw new DomainError('invalid_input', `"${email}" is not an email address`, 'email');
  return e;
}

export function checkRole(role: string): Role {
  if (!isRole(role)) throw new DomainError('invalid_input', `role must be one of ${ROLES.join(', ')}`, 'role');
  return role;
}

function toInfo(r: { id: number; email: string; name: string | null; role: string; disabled: boolean; created_at: Date; last_login_at: Date | null }): UserInfo {
  return { id: Number(r.id), email: r.email, name: r.name, role: checkRole(r.role), disabled: r.disabled, createdAt: r.created_at, lastLoginAt: r.last_login_at };
}

const COLUMNS = ['id', 'email', 'name', 'role', 'disabled', 'created_at', 'last_login_at'] as const;

export interface CreateUserInput {
  readonly email: string;
  readonly role: string;
  readonly name?: string | undefined;
  /** absent: a random one is generated and returned (shown once) */
  readonly password?: string | undefined;
}

export async function createUser(store: Store, input: CreateUserInput, actor: string): Promise<{ user: UserInfo; generatedPassword?: string }> {
  const email = normalizeUserEmail(input.email);
  const role = checkRole(input.role);
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? (generated as string);
  checkPasswordPolicy(password);
  if (await store.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
    throw new DomainError('conflict', `a user with email ${email} already exists`, 'email');
  }
  const now = new Date();
  const row = await store.db.insertInto('users').values({
    email, name: input.name?.trim() || null, role, password_hash: await hashPassword(password), disabled: false,
    created_by: actor, created_at: now, updated_at: now, last_login_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  const user = await getUser(store, Number(row.id));
  return generated === undefined ? { user } : { user, generatedPassword: generated };
}

export async function getUser(store: Store, id: number): Promise<UserInfo> {
  const row = await store.db.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `user ${id} not found`, 'user');
  return toInfo(row);
}

export async function findUserByEmail(store: Store, email: string): Promise<UserInfo | undefined> {
  const row = await store.db.selectFrom('users').select(COLUMNS).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row ? toInfo(row) : undefined;
}

export async function listUsers(store: Store): Promise<UserInfo[]> {
  return (await store.db.selectFrom('users').select(COLUMNS).orderBy('id').execute()).map(toInfo);
}

export interface UpdateUserInput {
  readonly role?: string | undefined;
  readonly disabled?: boolean | undefined;
  readonly name?: string | null | undefined;
  readonly password?: string | undefined;
}

/** Changes a user; refuses to leave no active admin. Disabling or a new password ends their sessions. */
export async function updateUser(store: Store, id: number, input: UpdateUserInput): Promise<UserInfo> {
  const before = await getUser(store, id);
  const role = input.role === undefined ? before.role : checkRole(input.role);
  const disabled = input.disabled ?? before.disabled;
  if (before.role === 'admin' && !before.disabled && (role !== 'admin' || disabled)) {
    const admins = await store.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled', '=', false).execute();
    if (admins.length <= 1) throw new DomainError('conflict', 'this is the last active admin: make another admin first', input.disabled ? 'disabled' : 'role');
  }
  if (input.password !== undefined) checkPasswordPolicy(input.password);
  const now = new Date();
  await store.db.updateTable('users').set({
    role, disabled, updated_at: now,
    ...(input.name !== undefined ? { name: input.name?.trim() || null } : {}),
    ...(input.password !== undefined ? { password_hash: await hashPassword(input.password) } : {}),
  }).where('id', '=', id).execute();
  if (disabled || input.password !== undefined) await store.db.deleteFrom('user_sessions').where('user_id', '=', id).execute();
  return getUser(store, id);
}

/** The user whose email and password these are, if active; the same work is done either way. */
export async function checkCredentials(store: Store, email: string, password: string): Promise<UserInfo | undefined> {
  const row = await store.db.selectFrom('users').select([...COLUMNS, 'password_hash']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
  if (!row || !ok || row.disabled) return undefined;
  await store.db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', row.id).execute();
  return toInfo(row);
}

// The audit log: who did what, when, from where. Changes, exports and logins write one row each.
import type { Store } from '../../store/open-store.js';

export type ActorKind = 'user' | 'api_key' | 'anonymous' | 'system';

export interface AuditEntry {
  readonly actor: string;
  readonly actorKind: ActorKind;
  readonly action: string;
  readonly target?: string | null | undefined;
  readonly outcome?: 'ok' | 'denied' | 'failed' | undefined;
  readonly detail?: unknown;
  readonly ip?: string | null | undefined;
  readonly userAgent?: string | null | undefined;
}

export interface AuditRow {
  readonly id: number;
  readonly at: Date;
  readonly actor: string;
  readonly actorKind: string;
  readonly action: string;
  readonly target: string | null;
  readonly outcome: string;
  readonly detail: unknown;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export async function writeAudit(store: Store, e: AuditEntry): Promise<void> {
  await store.db.insertInto('audit_log').values({
    occurred_at: new Date(), actor: e.actor, actor_kind: e.actorKind, action: e.action, target: e.target ?? null, outcome: e.outcome ?? 'ok',
    detail: e.detail === undefined ? null : JSON.stringify(e.detail), ip: e.ip ?? null, user_agent: e.userAgent?.slice(0, 500) ?? null,
  }).execute();
}

export interface AuditQuery {
  readonly action?: string | undefined;
  readonly actor?: string | undefined;
  readonly since?: Date | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export async function listAudit(store: Store, q: AuditQuery): Promise<{ items: AuditRow[]; total: number; page: number; pageSize: number }> {
  let base = store.db.selectFrom('audit_log');
  if (q.action) base = base.where('action', q.action.endsWith('.') ? 'like' : '=', q.action.endsWith('.') ? `${q.action}%` : q.action);
  if (q.actor) base = base.where('actor', '=', q.actor);
  if (q.since) base = base.where('occurred_at', '>=', q.since);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    items: rows.map((r) => ({
      id: Number(r.id), at: r.occurred_at, actor: r.actor, actorKind: r.actor_kind, action: r.action, target: r.target, outcome: r.outcome,
      detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as unknown) : r.detail, ip: r.ip, userAgent: r.user_agent,
    })),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

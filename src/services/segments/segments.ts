// Segments (人群): dynamic ones keep a rule and are refreshed with membership history; static
// ones are a frozen snapshot of a dynamic segment or an uploaded list matched through OneID.
import { CompiledQuery } from 'kysely';
import { DomainError } from '../../core/errors.js';
import { compileRule, describeRule, findSegmentCycle, parseRule, type SegmentRule } from '../../core/segments/index.js';
import type { Store } from '../../store/open-store.js';
import { findCustomerId } from '../customers/find-customer.js';
import { applyMembership, type RefreshResult } from './membership.js';
import { ruleContext } from './segment-context.js';

export interface SegmentInfo {
  readonly id: number;
  readonly name: string;
  readonly kind: 'dynamic' | 'static';
  readonly description: string | null;
  readonly rule: SegmentRule | null;
  readonly memberCount: number;
  readonly refreshedAt: Date | null;
  readonly reading?: { readonly zh: string; readonly en: string };
}

function checkName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 100) throw new DomainError('invalid_input', 'segment name must be 1-100 characters', 'name');
  return n;
}

/** The stored row of a segment by id or name; not_found otherwise. */
export async function findSegment(store: Store, ref: string | number) {
  const q = store.db.selectFrom('segments').selectAll();
  const row = typeof ref === 'number' || /^\d+$/.test(ref)
    ? await q.where('id', '=', Number(ref)).executeTakeFirst()
    : await q.where('name', '=', ref).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `segment "${ref}" not found`, 'segment');
  return row;
}

export async function createDynamicSegment(store: Store, input: { name: string; rule: unknown; description?: string | undefined }, actor = 'cli'): Promise<SegmentInfo> {
  const name = checkName(input.name);
  const rule = parseRule(input.rule);
  const ctx = await ruleContext(store);
  const cycle = findSegmentCycle(rule, ctx.compile.segmentRule);
  if (cycle) throw new DomainError('invalid_input', `rule refers to segments in a cycle: ${cycle.join(' → ')}`, 'rule');
  if (await store.db.selectFrom('segments').select('id').where('name', '=', name).executeTakeFirst()) {
    throw new DomainError('conflict', `a segment named "${name}" already exists`, 'name');
  }
  const now = new Date();
  const row = await store.db.insertInto('segments').values({
    name, kind: 'dynamic', description: input.description ?? null, rule: JSON.stringify(rule), source_segment_id: null,
    member_count: 0, refreshed_at: null, created_by: actor, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await refreshSegment(store, row.id, actor);
  return showSegment(store, row.id);
}

/** A static segment frozen from a dynamic one's current members, or from a list of ids/emails/phones. */
export async function createStaticSegment(
  store: Store,
  input: { name: string; from?: string | number | undefined; list?: readonly string[] | undefined; description?: string | undefined },
  actor = 'cli',
): Promise<SegmentInfo & { unmatched: readonly string[] }> {
  const name = checkName(input.name);
  if ((input.from === undefined) === (input.list === undefined)) throw new DomainError('invalid_input', 'give either a segment to freeze or a list of customers', 'from');
  if (await store.db.selectFrom('segments').select('id').where('name', '=', name).executeTakeFirst()) {
    throw new DomainError('conflict', `a segment named "${name}" already exists`, 'name');
  }
  const unmatched: string[] = [];
  const ids = new Set<number>();
  let source: number | null = null;
  if (input.from !== undefined) {
    const src = await findSegment(store, input.from);
    source = src.id;
    const rows = await store.db.selectFrom('segment_members').select('customer_id').where('segment_id', '=', src.id).where('exited_at', 'is', null).execute();
    rows.forEach((r) => ids.add(r.customer_id));
  } else {
    for (const entry of input.list ?? []) {
      if (entry.trim() === '') continue;
      try {
        ids.add(await findCustomerId(store, entry));
      } catch (err) {
        if (err instanceof DomainError && err.code === 'not_found') unmatched.push(entry);
        else throw err;
      }
    }
  }
  const now = new Date();
  const row = await store.db.insertInto('segments').values({
    name, kind: 'static', description: input.description ?? null, rule: null, source_segment_id: source,
    member_count: ids.size, refreshed_at: now, created_by: actor, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const list = [...ids];
  for (let i = 0; i < list.length; i += 1000) {
    await store.db.insertInto('segment_members').values(list.slice(i, i + 1000).map((c) => ({ segment_id: row.id, customer_id: c, entered_at: now, exited_at: null }))).execute();
  }
  return { ...(await showSegment(store, row.id)), unmatched };
}

export async function refreshSegment(store: Store, ref: string | number, actor = 'cli', now = new Date()): Promise<RefreshResult> {
  const seg = await findSegment(store, ref);
  if (seg.kind !== 'dynamic' || !seg.rule) throw new DomainError('invalid_input', `segment "${seg.name}" is static: it has no rule to refresh`, 'segment');
  const rule = parseRule(seg.rule);
  const ctx = await ruleContext(store, { now, segmentId: seg.id });
  const compiled = compileRule(store.db, rule, ctx.compile).compile();
  const r = await applyMembership(store.db, store.engine, { kind: 'segment', id: seg.id, name: seg.name }, CompiledQuery.raw(compiled.sql, [...compiled.parameters]), now, actor);
  await store.db.updateTable('segments').set({ member_count: r.members, refreshed_at: now, updated_at: now }).where('id', '=', seg.id).execute();
  return r;
}

export async function refreshAllSegments(store: Store, actor = 'cli'): Promise<Record<string, RefreshResult>> {
  const out: Record<string, RefreshResult> = {};
  const now = new Date();
  for (const s of await store.db.selectFrom('segments').select(['id', 'name']).where('kind', '=', 'dynamic').orderBy('id').execute()) {
    out[s.name] = await refreshSegment(store, s.id, actor, now);
  }
  return out;
}

export async function listSegments(store: Store): Promise<SegmentInfo[]> {
  const rows = await store.db.selectFrom('segments').selectAll().orderBy('id').execute();
  return rows.map(toInfo);
}

export async function showSegment(store: Store, ref: string | number): Promise<SegmentInfo> {
  const seg = await findSegment(store, ref);
  const info = toInfo(seg);
  if (!info.rule) return info;
  const ctx = await ruleContext(store);
  return { ...info, reading: { zh: describeRule(info.rule, 'zh-CN', ctx.describe), en: describeRule(info.rule, 'en', ctx.describe) } };
}

export async function deleteSegment(store: Store, ref: string | number): Promise<void> {
  const seg = await findSegment(store, ref);
  const others = await store.db.selectFrom('segments').select(['id', 'name', 'rule']).where('id', '<>', seg.id).where('kind', '=', 'dynamic').execute();
  const users = others.filter((o) => o.rule && JSON.stringify(o.rule).includes(`"segment_id":${seg.id}`));
  if (users.length > 0) throw new DomainError('conflict', `segment "${seg.name}" is used by ${users.map((u) => `"${u.name}"`).join(', ')}`, 'segment');
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('segment_members').where('segment_id', '=', seg.id).execute();
    await trx.deleteFrom('segments').where('id', '=', seg.id).execute();
  });
}

/** Who entered and who left a segment since a moment. */
export async function segmentChanges(store: Store, ref: string | number, since: Date): Promise<{ entered: number[]; exited: number[] }> {
  const seg = await findSegment(store, ref);
  const entered = await store.db.selectFrom('segment_members').select('customer_id').where('segment_id', '=', seg.id).where('entered_at', '>=', since).execute();
  const exited = await store.db.selectFrom('segment_members').select('customer_id').where('segment_id', '=', seg.id).where('exited_at', '>=', since).execute();
  return { entered: entered.map((r) => r.customer_id), exited: exited.map((r) => r.customer_id) };
}

function toInfo(s: { id: number; name: string; kind: string; description: string | null; rule: unknown; member_count: number; refreshed_at: Date | null }): SegmentInfo {
  return {
    id: s.id, name: s.name, kind: s.kind === 'static' ? 'static' : 'dynamic', description: s.description,
    rule: s.rule ? parseRule(s.rule) : null, memberCount: Number(s.member_count), refreshedAt: s.refreshed_at,
  };
}

// Tags (标签): grouped as basic, behaviour and need; either defined by a segment rule (and
// recomputed with history) or set by hand / import / API with who and when.
import { CompiledQuery } from 'kysely';
import { DomainError } from '../../core/errors.js';
import { compileRule, parseRule } from '../../core/segments/index.js';
import type { Store } from '../../store/open-store.js';
import { findCustomerId } from '../customers/find-customer.js';
import { applyMembership, type RefreshResult } from '../segments/membership.js';
import { ruleContext } from '../segments/segment-context.js';
import { BUILTIN_TAGS, TAG_GROUPS, type TagGroup } from './builtin-tags.js';

export interface TagInfo {
  readonly id: number;
  readonly name: string;
  readonly group: TagGroup;
  readonly description: string | null;
  readonly ruleBased: boolean;
  readonly builtin: boolean;
  readonly customers: number;
}

function checkGroup(g: string): TagGroup {
  if (!(TAG_GROUPS as readonly string[]).includes(g)) throw new DomainError('invalid_input', `tag group must be one of ${TAG_GROUPS.join(', ')}`, 'group');
  return g as TagGroup;
}

async function tagByRef(store: Store, ref: string | number) {
  const q = store.db.selectFrom('tags').selectAll();
  const row = typeof ref === 'number' || /^\d+$/.test(ref) ? await q.where('id', '=', Number(ref)).executeTakeFirst() : await q.where('name', '=', ref).executeTakeFirst();
  if (!row) throw new DomainError('not_found', `tag "${ref}" not found`, 'tag');
  return row;
}

export async function createTag(store: Store, input: { name: string; group: string; description?: string | undefined; rule?: unknown }, actor = 'cli', builtin = false): Promise<TagInfo> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 60) throw new DomainError('invalid_input', 'tag name must be 1-60 characters', 'name');
  const group = checkGroup(input.group);
  const rule = input.rule === undefined ? null : parseRule(input.rule);
  if (await store.db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst()) throw new DomainError('conflict', `a tag named "${name}" already exists`, 'name');
  const now = new Date();
  const row = await store.db.insertInto('tags').values({
    name, tag_group: group, description: input.description ?? null, rule: rule ? JSON.stringify(rule) : null, builtin, created_by: actor, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  if (rule) await refreshTag(store, row.id, actor);
  return (await listTags(store)).find((t) => t.id === row.id) as TagInfo;
}

/** Adds the built-in tags that are not there yet (by name); returns how many were added. */
export async function ensureBuiltinTags(store: Store): Promise<number> {
  let added = 0;
  for (const t of BUILTIN_TAGS) {
    if (await store.db.selectFrom('tags').select('id').where('name', '=', t.name).executeTakeFirst()) continue;
    await createTag(store, { name: t.name, group: t.group, description: t.description, rule: t.rule }, 'tend', true);
    added++;
  }
  return added;
}

export async function refreshTag(store: Store, ref: string | number, actor = 'cli', now = new Date()): Promise<RefreshResult> {
  const tag = await tagByRef(store, ref);
  if (!tag.rule) throw new DomainError('invalid_input', `tag "${tag.name}" is set by hand: it has no rule`, 'tag');
  const ctx = await ruleContext(store, { now });
  const compiled = compileRule(store.db, parseRule(tag.rule), ctx.compile).compile();
  return applyMembership(store.db, store.engine, { kind: 'tag', id: tag.id, name: tag.name }, CompiledQuery.raw(compiled.sql, [...compiled.parameters]), now, actor);
}

export async function refreshAllTags(store: Store, actor = 'cli'): Promise<Record<string, RefreshResult>> {
  const now = new Date();
  const out: Record<string, RefreshResult> = {};
  for (const t of await store.db.selectFrom('tags').select(['id', 'name']).where('rule', 'is not', null).orderBy('id').execute()) {
    out[t.name] = await refreshTag(store, t.id, actor, now);
  }
  return out;
}

/** Sets or removes a hand tag on one customer (found by any identifier). */
export async function setTag(store: Store, customer: string, ref: string | number, on: boolean, actor = 'cli', source = 'manual'): Promise<{ changed: boolean }> {
  const tag = await tagByRef(store, ref);
  if (tag.rule) throw new DomainError('invalid_input', `tag "${tag.name}" is computed from its rule and cannot be set by hand`, 'tag');
  const id = await findCustomerId(store, customer);
  const now = new Date();
  const current = await store.db.selectFrom('customer_tags').select('customer_id').where('tag_id', '=', tag.id).where('customer_id', '=', id).where('exited_at', 'is', null).executeTakeFirst();
  if (on && !current) {
    await store.db.insertInto('customer_tags').values({ customer_id: id, tag_id: tag.id, source, set_by: actor, entered_at: now, exited_at: null }).execute();
    return { changed: true };
  }
  if (!on && current) {
    await store.db.updateTable('customer_tags').set({ exited_at: now }).where('tag_id', '=', tag.id).where('customer_id', '=', id).where('exited_at', 'is', null).execute();
    return { changed: true };
  }
  return { changed: false };
}

export async function listTags(store: Store): Promise<TagInfo[]> {
  const rows = await store.db.selectFrom('tags').selectAll().orderBy('id').execute();
  const counts = await store.db.selectFrom('customer_tags').select(['tag_id', (e) => e.fn.countAll<number>().as('n')])
    .where('exited_at', 'is', null).groupBy('tag_id').execute();
  const byTag = new Map(counts.map((c) => [c.tag_id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id, name: r.name, group: checkGroup(r.tag_group), description: r.description, ruleBased: r.rule !== null,
    builtin: r.builtin, customers: byTag.get(r.id) ?? 0,
  }));
}

export async function deleteTag(store: Store, ref: string | number): Promise<void> {
  const tag = await tagByRef(store, ref);
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('customer_tags').where('tag_id', '=', tag.id).execute();
    await trx.deleteFrom('tags').where('id', '=', tag.id).execute();
  });
}

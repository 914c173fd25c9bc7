// Saves discovered groups as static segments `${prefix} 1..k` in one transaction, members
// bulk-loaded through the engine's bulk path (thousands of ids without a query each).
import { DomainError } from '../../core/errors.js';
import { loadColumns } from '../../store/bulk-columns.js';
import { openSession } from '../../store/open-session.js';
import type { Store } from '../../store/open-store.js';

export interface SavedGroup {
  readonly id: number;
  readonly name: string;
  readonly memberCount: number;
}

/** Fails early when `${prefix} 1..count` would clash with existing segments. */
export async function checkSaveNames(store: Store, prefix: string, count: number): Promise<string[]> {
  const p = prefix.trim();
  const names = Array.from({ length: count }, (_, i) => `${p} ${i + 1}`);
  if (p.length === 0 || names.some((x) => x.length > 100)) throw new DomainError('invalid_input', '--save needs a name prefix of 1-95 characters', 'save');
  const taken = names.length === 0 ? [] : await store.db.selectFrom('segments').select('name').where('name', 'in', names).execute();
  if (taken.length > 0) {
    throw new DomainError('conflict', `segments already exist: ${taken.map((r) => `"${r.name}"`).join(', ')}; choose another --save prefix or delete them`, 'save');
  }
  return names;
}

export async function saveGroups(
  store: Store,
  prefix: string,
  groups: ReadonlyArray<{ readonly memberIds: Float64Array; readonly description: string }>,
  actor = 'cli',
): Promise<SavedGroup[]> {
  const names = await checkSaveNames(store, prefix, groups.length);
  const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
  const { session: s, close } = await openSession(store);
  const out: SavedGroup[] = [];
  try {
    await s.run('BEGIN');
    try {
      for (const [i, g] of groups.entries()) {
        const name = names[i] as string;
        const row = await s.one<{ id: number }>(`INSERT INTO segments (name, kind, description, rule, source_segment_id, member_count, refreshed_at, created_by, created_at, updated_at)
          VALUES ($1, 'static', $2, NULL, NULL, $3, CAST($4 AS TIMESTAMP), $5, CAST($4 AS TIMESTAMP), CAST($4 AS TIMESTAMP)) RETURNING id`,
        [name, g.description, g.memberIds.length, now, actor]);
        const id = Number(row.id);
        const ids = g.memberIds;
        await loadColumns(s, 'segment_members', ['segment_id', 'customer_id', 'entered_at', 'exited_at'], ids.length, (r, c) =>
          c === 0 ? id : c === 1 ? (ids[r] as number) : c === 2 ? now : null);
        out.push({ id, name, memberCount: ids.length });
      }
      await s.run('COMMIT');
    } catch (err) {
      await s.run('ROLLBACK').catch(() => 0);
      throw err;
    }
  } finally {
    await close();
  }
  return out;
}

// How segments overlap: for a list of segments, each one's current members and, for every pair,
// how many customers are in both. One pass over the current memberships of the listed segments.
import { sql } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { Store } from '../../store/open-store.js';
import { findSegment } from './segments.js';

export interface SegmentOverlap {
  readonly segments: ReadonlyArray<{ readonly id: number; readonly name: string; readonly members: number }>;
  /** every unordered pair once, i < j in the order asked */
  readonly pairs: ReadonlyArray<{ readonly a: number; readonly b: number; readonly both: number; readonly jaccard: number }>;
}

export const MAX_OVERLAP_SEGMENTS = 20;

export async function overlapMatrix(store: Store, refs: readonly (string | number)[]): Promise<SegmentOverlap> {
  if (refs.length < 2 || refs.length > MAX_OVERLAP_SEGMENTS) {
    throw new DomainError('invalid_input', `overlap needs 2 to ${MAX_OVERLAP_SEGMENTS} segments, got ${refs.length}`, 'segments');
  }
  const found: Array<Awaited<ReturnType<typeof findSegment>>> = [];
  for (const r of refs) {
    const s = await findSegment(store, r);
    if (found.some((f) => f.id === s.id)) throw new DomainError('invalid_input', `segment "${s.name}" is listed twice`, 'segments');
    found.push(s);
  }
  const ids = found.map((s) => Number(s.id));
  const counts = await sql<{ x: number; y: number; n: number }>`
    SELECT a.segment_id AS x, b.segment_id AS y, count(*) AS n
    FROM segment_members a JOIN segment_members b ON b.customer_id = a.customer_id AND b.segment_id >= a.segment_id
    WHERE a.exited_at IS NULL AND b.exited_at IS NULL
      AND a.segment_id IN (${sql.join(ids)}) AND b.segment_id IN (${sql.join(ids)})
    GROUP BY a.segment_id, b.segment_id`.execute(store.db);
  const count = (x: number, y: number) => Number(counts.rows.find((r) => Number(r.x) === Math.min(x, y) && Number(r.y) === Math.max(x, y))?.n ?? 0);
  const segments = found.map((s) => ({ id: Number(s.id), name: s.name, members: count(Number(s.id), Number(s.id)) }));
  const pairs = [];
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const [a, b] = [segments[i]!, segments[j]!];
      const both = count(a.id, b.id);
      const union = a.members + b.members - both;
      pairs.push({ a: a.id, b: b.id, both, jaccard: union > 0 ? Math.round((both / union) * 1e4) / 1e4 : 0 });
    }
  }
  return { segments, pairs };
}

// CLV models per segment, when asked: customers of a listed segment get BG/NBD and Gamma-Gamma
// fitted on that segment's own members, because a segment's buying process (B2B accounts, one
// channel, a region) can differ from the base's. A customer in several listed segments takes
// the first; a segment with too little history keeps the base-wide fit and says so.
import type { Store } from '../../store/open-store.js';
import type { SqlSession } from '../../store/sql-session.js';
import { findSegment } from '../segments/segments.js';
import { fitAndPredict, type ModelInputs, type ModelOutputs } from './value-models.js';

export interface FitSegment {
  readonly id: number;
  readonly name: string;
}

export interface SegmentFit {
  readonly segment: FitSegment;
  /** the segment's buyers (the customers the models describe) */
  readonly customers: number;
  readonly bgNbd: ModelOutputs['bgNbd'];
  readonly gammaGamma: ModelOutputs['gammaGamma'];
  /** set when the base-wide fit was kept */
  readonly note?: string;
}

/**
 * The listed segments, by id or name, in order. Unknown ones fail with not_found, except when
 * `skipMissing` (the list saved in the scoring rules, whose segment may since have been deleted):
 * then they are returned in `missing` so the summary can say so and scoring still runs.
 */
export async function resolveFitSegments(store: Store, refs: readonly string[], skipMissing = false): Promise<{ segments: FitSegment[]; missing: string[] }> {
  const segments: FitSegment[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    try {
      const row = await findSegment(store, ref);
      if (!segments.some((s) => s.id === row.id)) segments.push({ id: Number(row.id), name: row.name });
    } catch (err) {
      if (!skipMissing) throw err;
      missing.push(ref);
    }
  }
  return { segments, missing };
}

/** `sc_summary_grp`: sc_summary plus `grp`, the index of the first listed segment holding the customer, or -1. */
export async function attachFitGroups(s: SqlSession, segments: readonly FitSegment[]): Promise<string> {
  const order = segments.map((seg, i) => `WHEN ${Number(seg.id)} THEN ${i}`).join(' ');
  await s.run(`DROP TABLE IF EXISTS sc_summary_grp`);
  await s.run(`CREATE TEMP TABLE sc_summary_grp AS
    SELECT sm.*, coalesce(g.grp, -1) AS grp FROM sc_summary sm LEFT JOIN (
      SELECT customer_id, min(CASE segment_id ${order} END) AS grp FROM segment_members
      WHERE exited_at IS NULL AND segment_id IN (${segments.map((seg) => Number(seg.id)).join(', ')})
      GROUP BY customer_id) g ON g.customer_id = sm.customer_id`);
  return 'sc_summary_grp';
}

/** Refits each group on its own rows and overwrites `base`'s predictions for them in place. */
export function refitPerSegment(
  input: ModelInputs, grp: Float64Array, segments: readonly FitSegment[], opts: Parameters<typeof fitAndPredict>[1], base: ModelOutputs,
): SegmentFit[] {
  return segments.map((segment, g) => {
    const rows: number[] = [];
    for (let i = 0; i < grp.length; i++) if (grp[i] === g) rows.push(i);
    const pick = (a: Float64Array) => Float64Array.from(rows, (i) => a[i] as number);
    const out = fitAndPredict({ x: pick(input.x), tx: pick(input.tx), T: pick(input.T), zbar: pick(input.zbar) }, opts);
    if (!out.bgNbd) {
      return { segment, customers: rows.length, bgNbd: base.bgNbd, gammaGamma: base.gammaGamma, note: 'too little history in this segment (fewer than 50 buyers or 20 repeat buyers): the base-wide fit was kept' };
    }
    rows.forEach((row, k) => {
      base.pAlive[row] = out.pAlive[k] as number;
      base.expected90d[row] = out.expected90d[k] as number;
      base.clv[row] = out.clv[k] as number;
      base.nextOrderWeeks[row] = out.nextOrderWeeks[k] as number;
    });
    return { segment, customers: rows.length, bgNbd: out.bgNbd, gammaGamma: out.gammaGamma };
  });
}

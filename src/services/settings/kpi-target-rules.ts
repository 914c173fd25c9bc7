// KPI targets for the overview: the shape (one zod schema), which overview figure each target
// is measured against, and how far along an actual is. Pure (zod only), so the console imports
// it too. Every target is "higher is better"; null means no target.
import { z } from 'zod';
import type { Overview } from '../dashboards/overview.js';

export const KPI_KEYS = ['repurchaseRate', 'nps', 'predictedClvPerBuyer', 'activeCustomers'] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export const kpiTargetsSchema = z.strictObject({
  /** share of buyers with two or more paid orders, 0-1 (the overview's repurchaseRate) */
  repurchaseRate: z.number().min(0).max(1).nullable().default(null),
  /** NPS over the last 365 days, -100 to 100 */
  nps: z.number().min(-100).max(100).nullable().default(null),
  /** average predicted 12-month CLV per buyer, in the business currency */
  predictedClvPerBuyer: z.number().min(0).max(1e12).nullable().default(null),
  /** customers with a paid order in the last 365 days */
  activeCustomers: z.number().int().min(0).max(1e12).nullable().default(null),
});
export type KpiTargets = z.infer<typeof kpiTargetsSchema>;

export const NO_KPI_TARGETS: KpiTargets = { repurchaseRate: null, nps: null, predictedClvPerBuyer: null, activeCustomers: null };

/** The lowest value each metric can take: progress is measured from here (NPS can be negative). */
export const KPI_FLOOR: Readonly<Record<KpiKey, number>> = { repurchaseRate: 0, nps: -100, predictedClvPerBuyer: 0, activeCustomers: 0 };

type OverviewFigures = Pick<Overview, 'repurchaseRate' | 'activeCustomers' | 'predictedClvTotal' | 'buyers'> & { nps: Pick<Overview['nps'], 'score'> };

/** The actual of each metric in an overview; null where there is nothing to measure yet. */
export function kpiActuals(o: OverviewFigures): Record<KpiKey, number | null> {
  return {
    repurchaseRate: o.repurchaseRate,
    nps: o.nps.score,
    // prospects have no predicted CLV, so the average is over buyers
    predictedClvPerBuyer: o.buyers > 0 ? Math.round((o.predictedClvTotal / o.buyers) * 100) / 100 : null,
    activeCustomers: o.activeCustomers,
  };
}

export interface KpiProgress {
  /** 0-1: (actual - floor) / (target - floor), capped */
  readonly progress: number;
  readonly met: boolean;
}

export function kpiProgress(key: KpiKey, actual: number | null, target: number | null): KpiProgress | null {
  if (actual === null || target === null) return null;
  const floor = KPI_FLOOR[key];
  const span = target - floor;
  const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (actual - floor) / span));
  return { progress, met: actual >= target };
}

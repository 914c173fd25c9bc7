// Thresholds for value tiers and lifecycle stages. The defaults are the source documents'
// example (high value: bought in the last 30 days, annual spend >= 2x the average, >= 12
// purchases a year; potential: last 90 days, 0.5-2x, 6-11; dormant: nothing for 180 days,
// <= 0.3x, <= 2). Stored in settings; every field is validated.
import { z } from 'zod';

export const VALUE_TIERS = ['high_value', 'potential', 'regular', 'dormant'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'mature', 'declining', 'dormant', 'churned', 'won_back'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

const days = z.number().int().min(1).max(3650);
const ratio = z.number().min(0).max(100);
const count = z.number().int().min(0).max(100_000);

export const scoringRulesSchema = z.object({
  tiers: z.object({
    highValue: z.object({ withinDays: days, minSpendRatio: ratio, minOrders: count }),
    potential: z.object({ withinDays: days, minSpendRatio: ratio, maxSpendRatio: ratio, minOrders: count, maxOrders: count }),
    dormant: z.object({ inactiveDays: days, maxSpendRatio: ratio, maxOrders: count }),
  }),
  lifecycle: z.object({
    /** first order this recent: new */
    newWithinDays: days,
    /** no order for this long: dormant; longer still: churned */
    dormantAfterDays: days,
    churnedAfterDays: days,
    /** back after a gap of at least dormantAfterDays, ordering within this window: won back */
    wonBackWithinDays: days,
    /** declining: no order for this many times the customer's usual interval (and >= minDays) */
    decliningIntervalMultiple: z.number().min(1).max(20),
    decliningMinDays: days,
    /** mature: customer for this long with at least this many orders in the last year */
    matureAfterDays: days,
    matureMinOrders365: count,
  }),
  /** bulk buyer: <= maxOrders orders, one of them >= multiple x the median order and >= share of their spend */
  bulk: z.object({ maxOrders: count, medianMultiple: z.number().min(1), minShare: z.number().min(0).max(1) }),
  /** impulse buyer: exactly one order, no repeat within this many days */
  impulseAfterDays: days,
  clv: z.object({
    horizonMonths: z.number().int().min(1).max(120),
    annualDiscountRate: z.number().min(0).max(1),
    /** segments (ids or names) whose members get models fitted on the segment alone */
    perSegment: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  }),
}).refine((r) => r.lifecycle.churnedAfterDays > r.lifecycle.dormantAfterDays, { message: 'churnedAfterDays must exceed dormantAfterDays', path: ['lifecycle', 'churnedAfterDays'] });

export type ScoringRules = z.infer<typeof scoringRulesSchema>;

export const DEFAULT_SCORING_RULES: ScoringRules = {
  tiers: {
    highValue: { withinDays: 30, minSpendRatio: 2, minOrders: 12 },
    potential: { withinDays: 90, minSpendRatio: 0.5, maxSpendRatio: 2, minOrders: 6, maxOrders: 11 },
    dormant: { inactiveDays: 180, maxSpendRatio: 0.3, maxOrders: 2 },
  },
  lifecycle: {
    newWithinDays: 90, dormantAfterDays: 180, churnedAfterDays: 365, wonBackWithinDays: 90,
    decliningIntervalMultiple: 2, decliningMinDays: 60, matureAfterDays: 365, matureMinOrders365: 4,
  },
  bulk: { maxOrders: 2, medianMultiple: 10, minShare: 0.8 },
  impulseAfterDays: 90,
  clv: { horizonMonths: 12, annualDiscountRate: 0.1 },
};

import { describe, expect, it } from 'vitest';
import { kpiActuals, kpiProgress, kpiTargetsSchema } from './kpi-target-rules.js';

describe('KPI target rules', () => {
  it('measures progress from the metric floor and says when a target is met', () => {
    expect(kpiProgress('repurchaseRate', 0.25, 0.5)).toEqual({ progress: 0.5, met: false });
    expect(kpiProgress('repurchaseRate', 0.5, 0.4)).toEqual({ progress: 1, met: true });
    // NPS runs from -100: -10 against 50 is 90 of 150 points
    expect(kpiProgress('nps', -10, 50)).toEqual({ progress: 0.6, met: false });
    expect(kpiProgress('nps', 50, 50)).toEqual({ progress: 1, met: true });
    expect(kpiProgress('activeCustomers', 10, 0)).toEqual({ progress: 1, met: true });
    expect(kpiProgress('nps', null, 50)).toBeNull();
    expect(kpiProgress('nps', 20, null)).toBeNull();
  });

  it('takes the actuals from the overview, CLV as an average per buyer', () => {
    expect(kpiActuals({ repurchaseRate: 0.25, activeCustomers: 90, predictedClvTotal: 1000, buyers: 3, nps: { score: 12.5 } }))
      .toEqual({ repurchaseRate: 0.25, nps: 12.5, predictedClvPerBuyer: 333.33, activeCustomers: 90 });
    expect(kpiActuals({ repurchaseRate: null, activeCustomers: 0, predictedClvTotal: 0, buyers: 0, nps: { score: null } }).predictedClvPerBuyer).toBeNull();
  });

  it('fills missing targets with null and refuses unknown ones', () => {
    expect(kpiTargetsSchema.parse({ nps: 10 })).toEqual({ repurchaseRate: null, nps: 10, predictedClvPerBuyer: null, activeCustomers: null });
    expect(kpiTargetsSchema.safeParse({ nps: 10, clv: 5 }).success).toBe(false);
  });
});

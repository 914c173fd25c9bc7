// The named RFM groups from R (recency) and FM (the rounded mean of frequency and monetary)
// quintile scores, 1-5. The grid partitions all 125 (R, F, M) combinations, so every buyer
// gets exactly one group. One-off buyers (bulk, impulse) are never loyal: see demote().

export const RFM_GROUPS = [
  'champions', 'loyal', 'potential_loyalist', 'new_customers', 'promising', 'need_attention',
  'about_to_sleep', 'at_risk', 'cannot_lose', 'hibernating', 'lost',
] as const;
export type RfmGroup = (typeof RFM_GROUPS)[number];

export const RFM_GROUP_LABELS: Readonly<Record<RfmGroup, { en: string; zh: string }>> = {
  champions: { en: 'Champions', zh: '重要价值' },
  loyal: { en: 'Loyal', zh: '忠诚' },
  potential_loyalist: { en: 'Potential loyalist', zh: '潜在忠诚' },
  new_customers: { en: 'New customers', zh: '新客' },
  promising: { en: 'Promising', zh: '有潜力' },
  need_attention: { en: 'Need attention', zh: '需要关注' },
  about_to_sleep: { en: 'About to sleep', zh: '即将沉睡' },
  at_risk: { en: 'At risk', zh: '流失风险' },
  cannot_lose: { en: 'Cannot lose', zh: '不能失去' },
  hibernating: { en: 'Hibernating', zh: '休眠' },
  lost: { en: 'Lost', zh: '已流失' },
};

function check(score: number, name: string): void {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`${name} score must be 1-5, got ${score}`);
}

export function rfmGroup(r: number, f: number, m: number): RfmGroup {
  check(r, 'R');
  check(f, 'F');
  check(m, 'M');
  const fm = Math.round((f + m) / 2);
  if (r >= 4) {
    if (fm >= 4) return 'champions';
    if (fm === 3) return 'loyal';
    if (f >= 2) return 'potential_loyalist';
    return r === 5 ? 'new_customers' : 'promising';
  }
  if (r === 3) return fm >= 4 ? 'loyal' : fm === 3 ? 'need_attention' : 'about_to_sleep';
  if (r === 2) return fm >= 3 ? 'at_risk' : 'hibernating';
  return fm >= 4 ? 'cannot_lose' : fm === 3 ? 'at_risk' : 'lost';
}

/**
 * A single bulk order or a single impulse purchase says nothing about loyalty: such buyers
 * keep a group that reflects only how recently they bought.
 */
export function demote(group: RfmGroup, r: number): RfmGroup {
  const loyalish: readonly RfmGroup[] = ['champions', 'loyal', 'potential_loyalist', 'cannot_lose', 'at_risk', 'need_attention'];
  if (!loyalish.includes(group)) return group;
  if (r >= 4) return 'promising';
  if (r === 3) return 'about_to_sleep';
  return r === 2 ? 'hibernating' : 'lost';
}

/** Every (r, f, m, group, demoted group) row: the lookup table the scoring SQL joins. */
export function rfmGroupTable(): Array<{ r: number; f: number; m: number; group: RfmGroup; demoted: RfmGroup }> {
  const rows: Array<{ r: number; f: number; m: number; group: RfmGroup; demoted: RfmGroup }> = [];
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++)
      for (let m = 1; m <= 5; m++) {
        const group = rfmGroup(r, f, m);
        rows.push({ r, f, m, group, demoted: demote(group, r) });
      }
  return rows;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Store } from '../../store/open-store.js';
import { loadDemo } from '../load-demo.js';
import { scoreCustomers } from '../score/score-customers.js';
import { listSegments } from '../segments/segments.js';
import { discoverGroups, discoveryView } from './discover-groups.js';

const endDate = new Date('2026-03-31T00:00:00Z');

describe.each(engines)('discovered groups on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
    await loadDemo(store, { customers: 1500, seed: 7, endDate, analyse: false });
  });
  afterAll(async () => {
    await store.close();
  });

  it('asks for scores first, then finds groups that add up', async () => {
    await expect(discoverGroups(store)).rejects.toThrow(/run `tend score` first/);
    await scoreCustomers(store, { asOf: '2026-03-31' });
    const buyers = Number((await store.db.selectFrom('customer_scores').select((eb) => eb.fn.countAll().as('n')).where('frequency', '>', 0).executeTakeFirstOrThrow()).n);

    const r = await discoverGroups(store, { k: 'auto' });
    expect(r.asOf).toBe('2026-03-31');
    expect(r.features).toEqual(['recency_days', 'frequency', 'monetary']);
    expect(r.customers).toBe(buyers);
    expect(r.k).toBeGreaterThanOrEqual(2);
    expect(r.k).toBeLessThanOrEqual(8);
    expect(r.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(r.groups.reduce((s, g) => s + g.size, 0)).toBe(buyers);
    expect(r.groups.reduce((s, g) => s + g.customerShare, 0)).toBeCloseTo(1, 9);
    expect(r.groups.reduce((s, g) => s + g.revenueShare, 0)).toBeCloseTo(1, 9);
    const ids = new Set<number>();
    for (const g of r.groups) {
      expect(g.customerShare).toBeGreaterThan(0);
      expect(g.customerShare).toBeLessThanOrEqual(1);
      expect(g.revenueShare).toBeGreaterThanOrEqual(0);
      expect(g.revenueShare).toBeLessThanOrEqual(1);
      expect(g.memberIds).toBeInstanceOf(Float64Array);
      expect(g.memberIds).toHaveLength(g.size);
      g.memberIds.forEach((id) => ids.add(id));
      expect(g.description.en).toMatch(/% of customers, .*% of revenue$/);
      expect(g.description.zh).toMatch(/：占客户.*%，贡献.*%收入$/);
      expect(Object.keys(g.centroid)).toEqual(r.features);
    }
    expect(ids.size).toBe(buyers);
    // ordered by revenue, largest first
    for (let i = 1; i < r.groups.length; i++) expect(r.groups[i - 1]!.revenue).toBeGreaterThanOrEqual(r.groups[i]!.revenue);
    // same seed, same groups
    const again = await discoverGroups(store, { k: r.k });
    expect(again.groups.map((g) => g.size)).toEqual(r.groups.map((g) => g.size));
    expect(JSON.stringify(discoveryView(r))).not.toContain('memberIds');
  });

  it('saves each group as a static segment with its members', async () => {
    const r = await discoverGroups(store, { features: 'value', k: 3, save: '价值分群' });
    expect(r.groups).toHaveLength(3);
    const segs = (await listSegments(store)).filter((s) => s.name.startsWith('价值分群 '));
    expect(segs.map((s) => s.name).sort()).toEqual(['价值分群 1', '价值分群 2', '价值分群 3']);
    for (const g of r.groups) {
      const seg = segs.find((s) => s.id === g.segment?.id);
      expect(seg?.kind).toBe('static');
      expect(seg?.memberCount).toBe(g.size);
      const members = await store.db.selectFrom('segment_members').select('customer_id').where('segment_id', '=', g.segment!.id).where('exited_at', 'is', null).execute();
      expect(members.map((m) => Number(m.customer_id)).sort((a, b) => a - b)).toEqual([...g.memberIds]);
    }
    await expect(discoverGroups(store, { features: 'value', k: 3, save: '价值分群' })).rejects.toThrow(/already exist/);
  });

  it('refuses unknown features and too many groups for the base', async () => {
    await expect(discoverGroups(store, { features: 'rfm,loyalty' })).rejects.toThrow(/unknown feature set or feature "loyalty"/);
    await expect(discoverGroups(store, { k: 20, features: 'all' })).resolves.toBeDefined();
    const tiny = await engine.open();
    try {
      await loadDemo(tiny, { customers: 30, seed: 1, endDate });
      await expect(discoverGroups(tiny, { k: 8 })).rejects.toThrow(/too few customers for 8 groups/);
    } finally {
      await tiny.close();
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { DEFAULT_SCORING_RULES } from '../../core/lifecycle/scoring-rules.js';
import type { Store } from '../../store/open-store.js';
import { importFile } from '../import/import-file.js';
import { loadDemo } from '../load-demo.js';
import { createDynamicSegment } from '../segments/segments.js';
import { evaluateChurn } from './churn-scores.js';
import { migrationMatrix } from './migration-matrix.js';
import { addDays } from './customer-features.js';
import { scoreCustomers, type ScoreSummary } from './score-customers.js';
import { bgNbdMedianTimeToNextPurchase, type BgNbdParams } from '../../core/clv/index.js';
import { valueByChannel } from './value-by-channel.js';

const DAY = '2026-06-30';
const dir = mkdtempSync(join(tmpdir(), 'tend-score-'));
const at = (daysBefore: number) => `${addDays(DAY, -daysBefore)}T10:00:00Z`;

describe.each(engines)('scoring on $name', (engine) => {
  describe('hand-made customers', () => {
    let store: Store;
    let summary: ScoreSummary;
    beforeAll(async () => {
      store = await engine.open();
      const orders = ['order_id,customer_id,ordered_at,total'];
      // HV: 14 orders in the last year, the latest 5 days ago, big spender.
      for (let i = 0; i < 14; i++) orders.push(`HV${i},HV,${at(5 + i * 25)},900`);
      // BULK: one huge order 10 days ago. CH: last order 400 days ago. WB: back after 300 days.
      orders.push(`B1,BULK,${at(10)},90000`, `CH1,CH,${at(400)},100`, `CH2,CH,${at(420)},100`, `WB1,WB,${at(700)},80`, `WB2,WB,${at(400)},80`, `WB3,WB,${at(20)},80`);
      // Filler buyers so averages and quintiles mean something.
      for (let c = 0; c < 60; c++) for (let k = 0; k <= c % 4; k++) orders.push(`F${c}-${k},F${c},${at(30 + c * 7 + k * 40)},${50 + c}`);
      const f = join(dir, `o-${engine.name}.csv`);
      writeFileSync(f, orders.join('\n'));
      await importFile(store, { entity: 'customers', file: (writeFileSync(join(dir, `c-${engine.name}.csv`), 'customer_id,name\nPROSPECT,没买过\n'), join(dir, `c-${engine.name}.csv`)) });
      await importFile(store, { entity: 'orders', file: f });
      summary = await scoreCustomers(store, { asOf: DAY });
    });
    afterAll(async () => {
      await store.close();
    });
    const scoreOf = async (ext: string) =>
      store.db.selectFrom('customer_scores').innerJoin('identities', 'identities.customer_id', 'customer_scores.customer_id')
        .selectAll('customer_scores').where('identities.kind', '=', 'external_id').where('identities.value', '=', ext).executeTakeFirstOrThrow();

    it('applies the source documents\' value tiers and never calls a bulk buyer loyal', async () => {
      expect(await scoreOf('HV')).toMatchObject({ value_tier: 'high_value', frequency: 14, recency_days: 5, bulk_buyer: false, rfm_group: 'champions' });
      const bulk = await scoreOf('BULK');
      expect(bulk).toMatchObject({ bulk_buyer: true, frequency: 1 });
      expect(bulk.value_tier).not.toBe('high_value');
      expect(['champions', 'loyal', 'potential_loyalist']).not.toContain(bulk.rfm_group);
    });

    it('stages the lifecycle: prospect, churned, won back', async () => {
      expect(await scoreOf('PROSPECT')).toMatchObject({ lifecycle_stage: 'prospect', value_tier: null, frequency: 0, rfm_group: null });
      expect(await scoreOf('CH')).toMatchObject({ lifecycle_stage: 'churned', recency_days: 400 });
      expect(await scoreOf('WB')).toMatchObject({ lifecycle_stage: 'won_back' });
    });

    it('expects the next order the fitted BG/NBD median wait after the scoring day', async () => {
      const params = summary.models.bgNbd?.params;
      expect(params).toBeDefined();
      // HV: orders on 14 days, the first 330 days before the scoring day, the last 5 days before.
      const weeks = bgNbdMedianTimeToNextPurchase(params as BgNbdParams, 13, 325 / 7, 331 / 7);
      const expected = Date.parse(`${addDays(DAY, 1)}T00:00:00Z`) + Math.floor(weeks * 604_800) * 1000;
      const hv = await scoreOf('HV');
      expect(Math.abs(new Date(hv.expected_next_order_at as Date).getTime() - expected)).toBeLessThanOrEqual(1000);
    });

    it('rejects a malformed day', async () => {
      await expect(scoreCustomers(store, { asOf: '2026-02-30' })).rejects.toThrow(/YYYY-MM-DD/);
    });
  });

  describe('the demo retailer', () => {
    let store: Store;
    beforeAll(async () => {
      store = await engine.open();
      await loadDemo(store, { customers: 1500, seed: 7, endDate: new Date(`${DAY}T12:00:00Z`) });
    }, 120_000);
    afterAll(async () => {
      await store.close();
    });

    it('scores every live customer with consistent values', async () => {
      const s = await scoreCustomers(store, { asOf: DAY, rules: DEFAULT_SCORING_RULES });
      expect(s.customersScored).toBe(1500);
      expect(Object.values(s.stages).reduce((a, b) => a + b, 0)).toBe(1500);
      expect(s.models.bgNbd?.params.r).toBeGreaterThan(0);
      const bad = await sql<{ n: number }>`SELECT count(*) AS n FROM customer_scores WHERE
        (frequency > 0 AND (p_alive < 0 OR p_alive > 1 OR predicted_clv < 0 OR churn_risk < 0 OR churn_risk > 100 OR r_score IS NULL))
        OR (frequency = 0 AND lifecycle_stage <> 'prospect')`.execute(store.db);
      expect(Number(bad.rows[0]?.n)).toBe(0);
      const reasons = await store.db.selectFrom('customer_scores').select('churn_reasons').where('churn_risk', '>=', 80).limit(5).execute();
      expect(reasons.length).toBeGreaterThan(0);
      for (const r of reasons) {
        const first = (r.churn_reasons as Array<{ key: string; en: string; zh: string }>)[0];
        expect(Object.keys(first ?? {}).sort()).toEqual(['en', 'key', 'zh']);
        expect(first?.zh).toBeTruthy();
        expect(first?.en).toBeTruthy();
      }
    });

    it('keeps daily snapshots and a migration matrix between them', async () => {
      const earlier = addDays(DAY, -90);
      await scoreCustomers(store, { asOf: earlier });
      await scoreCustomers(store, { asOf: DAY });
      // scored three times: one row per customer, and the table keeps its key
      expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM customer_scores`.execute(store.db)).rows[0]?.n)).toBe(1500);
      await expect(sql`INSERT INTO customer_scores SELECT * FROM customer_scores LIMIT 1`.execute(store.db)).rejects.toThrow();
      // snapshots keep the scores, not the worded reasons
      const snap = await sql<{ risky: number; worded: number }>`SELECT count(*) FILTER (WHERE churn_risk >= 20) AS risky,
        count(churn_reasons) AS worded FROM score_snapshots WHERE as_of = ${DAY}`.execute(store.db);
      expect(Number(snap.rows[0]?.risky)).toBeGreaterThan(0);
      expect(Number(snap.rows[0]?.worded)).toBe(0);
      const cells = await migrationMatrix(store, earlier, DAY, 'stage');
      expect(cells.reduce((a, c) => a + c.customers, 0)).toBe(1500);
      expect(cells.some((c) => c.from === 'new' && c.to !== 'new')).toBe(true);
      await expect(migrationMatrix(store, '2001-01-01', DAY, 'tier')).rejects.toThrow(/no scores for 2001-01-01/);
    });

    it('has a churn risk that beats recency alone on a time split', async () => {
      const e = await evaluateChurn(store, { day: DAY, rules: DEFAULT_SCORING_RULES });
      expect(e.test.customers).toBeGreaterThan(500);
      expect(e.auc.risk).toBeGreaterThan(e.auc.recency);
    });

    it('fits the CLV models per segment when asked, and only for its members', async () => {
      const base = await scoreCustomers(store, { asOf: DAY });
      const clvOf = async () => new Map((await store.db.selectFrom('customer_scores').select(['customer_id', 'predicted_clv']).execute())
        .map((r) => [Number(r.customer_id), Number(r.predicted_clv)]));
      const before = await clvOf();
      const women = await createDynamicSegment(store, { name: 'fit women', rule: { type: 'attribute', field: 'gender', op: 'equals', value: 'female' } });
      const one = await store.db.selectFrom('customers').select(['id', 'name']).where('name', 'is not', null).where('merged_into', 'is', null).orderBy('id').executeTakeFirstOrThrow();
      const tiny = await createDynamicSegment(store, { name: 'fit tiny', rule: { type: 'attribute', field: 'name', op: 'equals', value: one.name } });
      const s = await scoreCustomers(store, { asOf: DAY, fitPerSegment: [String(women.id), 'fit tiny'] });
      const [w, t] = s.models.perSegment;
      const buyers = await store.db.selectFrom('segment_members').innerJoin('customer_scores', 'customer_scores.customer_id', 'segment_members.customer_id')
        .select((eb) => eb.fn.countAll<number>().as('n')).where('segment_id', '=', women.id).where('exited_at', 'is', null).where('frequency', '>', 0).executeTakeFirstOrThrow();
      expect(w?.customers).toBe(Number(buyers.n));
      expect(w?.note).toBeUndefined();
      expect(w?.bgNbd?.params.r).not.toBeCloseTo(base.models.bgNbd?.params.r ?? 0, 6);
      expect(t?.segment.id).toBe(tiny.id);
      expect(t).toMatchObject({ customers: expect.any(Number), note: expect.stringMatching(/too little history/) });
      const after = await clvOf();
      const members = new Set((await store.db.selectFrom('segment_members').select('customer_id').where('segment_id', '=', women.id).where('exited_at', 'is', null).execute()).map((r) => Number(r.customer_id)));
      let changedMembers = 0;
      for (const [id, clv] of after) {
        if (members.has(id)) changedMembers += clv !== before.get(id) ? 1 : 0;
        else if (id !== Number(one.id)) expect(clv).toBe(before.get(id));
      }
      expect(changedMembers).toBeGreaterThan(members.size / 2);
      await expect(scoreCustomers(store, { asOf: DAY, fitPerSegment: ['no such segment'] })).rejects.toThrow(/not found/);
      // saved in the rules, a since-deleted segment is reported, not fatal
      const fromRules = await scoreCustomers(store, { asOf: DAY, rules: { ...DEFAULT_SCORING_RULES, clv: { ...DEFAULT_SCORING_RULES.clv, perSegment: ['fit women', 'gone'] } } });
      expect(fromRules.models.perSegment.map((f) => f.segment.name)).toEqual(['fit women']);
      expect(fromRules.models.missingSegments).toEqual(['gone']);
    });

    it('reports CLV:CAC by acquisition channel', async () => {
      const rows = await valueByChannel(store);
      expect(rows.length).toBeGreaterThan(3);
      for (const r of rows) if (r.cac) expect(r.clvToCac).toBeCloseTo((r.historicalClv + (r.predictedClv ?? 0)) / r.cac, 0);
    });
  });
});

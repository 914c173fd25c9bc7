// A saved segment over HTTP: CSV and XLSX export with chosen columns, the member preview and the
// entry/exit history, on every engine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { Role } from '../../services/auth/permissions.js';
import { importFile } from '../../services/import/import-file.js';
import { scoreCustomers } from '../../services/score/score-customers.js';
import { memberPages } from '../../services/segments/export-segment.js';
import type { Store } from '../../store/open-store.js';
import { buildApp } from '../build-app.js';
import { signInAs, type SignedIn } from '../test-support.js';
import { parseCsv } from '../../../test/support/csv.js';
import { LIFECYCLE_STAGES, VALUE_TIERS } from '../../core/segments/fields.js';

const shanghai = { type: 'attribute', field: 'city', op: 'equals', value: '上海' };

/** The first sheet's rows as text, empty cells as '' (as in the CSV). */
async function readXlsx(body: Buffer, width: number): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws?.eachRow({ includeEmpty: false }, (r) => {
    rows.push(Array.from({ length: width }, (_, i) => {
      const v = r.getCell(i + 1).value;
      return v === null || v === undefined ? '' : String(v);
    }));
  });
  return rows;
}

describe.each(engines)('segment export, members and history over HTTP on $name', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  const as: Partial<Record<Role, SignedIn>> = {};
  const call = (role: Role, opts: InjectOptions) => app.inject({ ...opts, headers: { ...(as[role]?.headers ?? {}), ...(opts.headers ?? {}) } });
  let segId = 0;
  let memberIds: number[] = [];

  beforeAll(async () => {
    store = await engine.open();
    const dir = mkdtempSync(join(tmpdir(), 'tend-api-seg-'));
    const people = [
      ['C1', '张伟', '13800138001', '上海'], ['C2', '李娜', '13800138002', '北京'], ['C3', '"王, 芳"', '13800138003', '上海'],
      ['C4', '赵"敏"', '', '上海'], ['C5', '钱多多', '13800138005', '上海'], ['C6', '孙悟空', '13800138006', '上海'], ['C7', '周杰', '', '广州'],
    ];
    writeFileSync(join(dir, 'c.csv'), `customer_id,name,phone,city\n${people.map((p) => p.map((v) => (v.includes('"') && !v.startsWith('"') ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n')}\n`);
    writeFileSync(join(dir, 'o.csv'), 'order_id,customer_id,ordered_at,total\nO1,C1,2024-01-01T00:00:00Z,100\nO2,C1,2024-02-01T00:00:00Z,50.5\nO3,C3,2024-03-01T00:00:00Z,80\nO4,C5,2024-04-01T00:00:00Z,999\n');
    await importFile(store, { entity: 'customers', file: join(dir, 'c.csv') });
    await importFile(store, { entity: 'orders', file: join(dir, 'o.csv') });
    await scoreCustomers(store, { asOf: '2024-06-01' });
    app = await buildApp({ store });
    for (const role of ['admin', 'marketer', 'analyst', 'viewer'] as const) as[role] = await signInAs(app, store, role);
    const created = await call('marketer', { method: 'POST', url: '/v1/segments', payload: { kind: 'dynamic', name: '上海: 客户/测试', rule: shanghai } });
    expect(created.statusCode).toBe(201);
    segId = created.json().id;
    memberIds = (await store.db.selectFrom('segment_members').select('customer_id').where('segment_id', '=', segId).where('exited_at', 'is', null).execute())
      .map((r) => Number(r.customer_id)).sort((a, b) => a - b);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('exports XLSX with the chosen columns and the member rows, agreeing with the CSV', async () => {
    expect(memberIds).toHaveLength(5);
    const columns = ['id', 'name', 'phone', 'city', 'frequency', 'value_tier'];
    const xlsx = await call('analyst', { url: `/v1/segments/${segId}/export?format=xlsx&columns=${columns.join(',')}` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toContain(`segment-${segId}.xlsx`);
    const sheet = await readXlsx(xlsx.rawPayload, columns.length);
    expect(sheet[0]).toEqual(columns);
    expect(sheet.slice(1).map((r) => Number(r[0]))).toEqual(memberIds);
    expect(sheet.slice(1).map((r) => r[1])).toEqual(['张伟', '王, 芳', '赵"敏"', '钱多多', '孙悟空']);
    expect(sheet.slice(1).map((r) => r[4])).toEqual(['2', '1', '0', '1', '0']);

    const csv = await call('analyst', { url: `/v1/segments/${segId}/export?format=csv&columns=${columns.join(',')}` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(csv.body.slice(1))).toEqual(sheet);

    // no columns given: the defaults, in both formats
    const plain = await call('analyst', { url: `/v1/segments/${segId}/export?format=xlsx` });
    expect((await readXlsx(plain.rawPayload, 3))[0]).toEqual(['id', 'customer_id', 'name']);

    const audits = await store.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'segment.export').execute();
    const formats = audits.map((a) => (typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail) as { format: string; columns: string[] }).map((d) => d.format);
    expect(formats).toEqual(expect.arrayContaining(['xlsx', 'csv']));
  });

  it('exports Chinese headers and tier and stage names with labels=zh', async () => {
    const columns = ['id', 'name', 'value_tier', 'lifecycle_stage'];
    const codes = await readXlsx((await call('analyst', { url: `/v1/segments/${segId}/export?format=xlsx&columns=${columns.join(',')}` })).rawPayload, 4);
    const zh = await readXlsx((await call('analyst', { url: `/v1/segments/${segId}/export?format=xlsx&labels=zh&columns=${columns.join(',')}` })).rawPayload, 4);
    expect(zh[0]).toEqual(['内部编号', '姓名', '价值分层', '生命周期阶段']);
    const tiers = new Map(VALUE_TIERS.map((v) => [v.value, v.label.zh]));
    const stages = new Map(LIFECYCLE_STAGES.map((v) => [v.value, v.label.zh]));
    expect(zh.slice(1)).toEqual(codes.slice(1).map((r) => [r[0], r[1], tiers.get(r[2] as string) ?? r[2], stages.get(r[3] as string) ?? r[3]]));
    expect(codes.slice(1).some((r) => tiers.has(r[2] as string))).toBe(true);
    const csv = await call('analyst', { url: `/v1/segments/${segId}/export?labels=zh&columns=${columns.join(',')}` });
    expect(parseCsv(csv.body.slice(1))).toEqual(zh);
    expect((await call('analyst', { url: `/v1/segments/${segId}/export?labels=fr` })).statusCode).toBe(400);
  });

  it('reports how segments overlap, by id or name', async () => {
    const buyers = await call('marketer', { method: 'POST', url: '/v1/segments', payload: { kind: 'dynamic', name: 'buyers', rule: { type: 'score', field: 'frequency', op: 'gte', value: 1 } } });
    expect(buyers.statusCode).toBe(201);
    const r = await call('viewer', { url: `/v1/segments/overlap?segments=${segId},buyers` });
    expect(r.statusCode).toBe(200);
    // Shanghai: C1 C3 C4 C5 C6; buyers: C1 C3 C5 -> all three buyers live in Shanghai
    expect(r.json()).toEqual({
      segments: [{ id: segId, name: '上海: 客户/测试', members: 5 }, { id: buyers.json().id, name: 'buyers', members: 3 }],
      pairs: [{ a: segId, b: buyers.json().id, both: 3, jaccard: 0.6 }],
    });
    const one = await call('viewer', { url: `/v1/segments/overlap?segments=${segId}` });
    expect(one.statusCode).toBe(400);
    expect(one.json().error.field).toBe('segments');
    expect((await call('viewer', { url: '/v1/segments/overlap?segments=nope,buyers' })).statusCode).toBe(404);
    expect((await call('admin', { method: 'DELETE', url: `/v1/segments/${buyers.json().id}` })).statusCode).toBe(200);
  });

  it('reads the same rows page by page whatever the page size', async () => {
    const all: unknown[][] = [];
    for await (const batch of memberPages(store, segId, ['id', 'name'], 2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      all.push(...batch);
    }
    expect(all.map((r) => r[0])).toEqual(memberIds);
  });

  it('answers bad export input with 400 and the field, and a viewer with 403', async () => {
    const cases: Array<[string, string]> = [
      ['?format=pdf', 'format'],
      ['?format=xlsx&columns=id,password', 'columns'],
      ['?columns=,,', 'columns'],
      ['?columns=constructor', 'columns'],
    ];
    for (const [query, field] of cases) {
      const res = await call('marketer', { url: `/v1/segments/${segId}/export${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_input', field });
    }
    expect((await call('marketer', { url: '/v1/segments/999999/export?format=xlsx' })).statusCode).toBe(404);
    for (const format of ['csv', 'xlsx']) {
      const denied = await call('viewer', { url: `/v1/segments/${segId}/export?format=${format}` });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.code).toBe('forbidden');
    }
  });

  it('previews members page by page with name, tier, stage, CLV and churn risk', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await call('viewer', { url: `/v1/segments/${segId}/members?page=${page}&pageSize=2` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 5, page, pageSize: 2 });
      expect(body.items.length).toBe(page < 3 ? 2 : 1);
      seen.push(...body.items.map((i: { id: number }) => i.id));
    }
    expect(seen).toEqual(memberIds);
    const first = (await call('viewer', { url: `/v1/segments/${segId}/members?pageSize=1` })).json().items[0];
    expect(first).toMatchObject({ id: memberIds[0], name: '张伟', city: '上海', lifecycleStage: expect.any(String), enteredAt: expect.any(String) });
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['valueTier', 'predictedClv', 'churnRisk']));
    expect((await call('viewer', { url: `/v1/segments/${segId}/members?page=9&pageSize=2` })).json()).toMatchObject({ items: [], total: 5 });
    const bad = await call('viewer', { url: `/v1/segments/${segId}/members?pageSize=1000` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('pageSize');
    expect((await call('viewer', { url: '/v1/segments/nope/members' })).statusCode).toBe(404);
  });

  it('counts entries and exits over recent days', async () => {
    const history = async () => (await call('viewer', { url: `/v1/segments/${segId}/history?days=7` })).json();
    const before = await history();
    expect(before).toMatchObject({ days: 7, entered: 5, exited: 0 });
    expect(before.byDay).toHaveLength(7);
    expect(before.byDay.at(-1)).toMatchObject({ entered: 5, exited: 0 });
    const changed = await call('marketer', { method: 'PATCH', url: `/v1/segments/${segId}`, payload: { rule: { type: 'attribute', field: 'city', op: 'in', value: ['上海', '北京'] } } });
    expect(changed.json().memberCount).toBe(6);
    await call('marketer', { method: 'PATCH', url: `/v1/segments/${segId}`, payload: { rule: shanghai } });
    const after = await history();
    expect(after).toMatchObject({ entered: 6, exited: 1 });
    const bad = await call('viewer', { url: `/v1/segments/${segId}/history?days=0` });
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'days' });
  });
});

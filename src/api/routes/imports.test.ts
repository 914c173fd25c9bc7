// Imports over HTTP on every engine: a GB18030 file with Chinese headers goes up, its mapping is
// previewed, the job runs to done, the rows are in the database and the rejects name their lines;
// bad input answers with the JSON error body, never a 500.
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import type { ImportJob } from '../../services/import/jobs/import-queue.js';
import type { Store } from '../../store/open-store.js';
import { buildApp } from '../build-app.js';
import { installErrorHandler } from '../errors.js';
import { signInAs, type SignedIn } from '../test-support.js';
import type { UploadPreview } from '../../services/import/jobs/preview-file.js';
import { importRoutes } from './imports.js';

const ORDERS = [
  '订单号,手机号,下单时间,实付金额,订单状态,备注',
  'A1,13800138000,2024-03-05 10:00,¥1299.50,已支付,首单',
  'A2,13900139000,2024/3/6 11:00,88,已完成,',
  'A3,13800138000,不是日期,50,已支付,',
  'A4,12345,2024-03-07,20,已支付,',
  'A5,13700137000,2024-03-08,-5,已支付,',
].join('\r\n');

describe.each(engines)('imports API on $name', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: SignedIn;
  const jobs: string[] = [];
  const as = (who: SignedIn, opts: InjectOptions) => app.inject({ ...opts, headers: { ...who.headers, ...(opts.headers ?? {}) } });
  const upload = (who: SignedIn, name: string, body: Buffer | string, query = '') =>
    as(who, { method: 'POST', url: `/v1/imports/uploads?name=${encodeURIComponent(name)}${query}`, headers: { 'content-type': 'application/octet-stream' }, payload: body });
  const start = async (body: object) => {
    const res = await as(admin, { method: 'POST', url: '/v1/imports/jobs', payload: body });
    if (res.statusCode === 202) jobs.push(res.json<ImportJob>().id);
    return res;
  };
  const settle = async (id: string): Promise<ImportJob> => {
    for (let i = 0; i < 600; i++) {
      const job = (await as(admin, { url: `/v1/imports/jobs/${id}` })).json<ImportJob>();
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${id} did not finish`);
  };
  const count = async (table: 'orders' | 'customers') => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]?.n);
  const expectError = (res: LightMyRequestResponse, status: number, code: string, field: string | undefined) => {
    expect([res.statusCode, res.json().error.code, res.json().error.field]).toEqual([status, code, field]);
    expect(typeof res.json().error.message).toBe('string');
  };

  beforeAll(async () => {
    store = await engine.open();
    app = await buildApp({ store });
    admin = await signInAs(app, store, 'admin');
  });
  afterAll(async () => {
    // Jobs' rejects files live in the data folder (./.tend for PostgreSQL): remove them.
    for (const id of jobs) await as(admin, { method: 'DELETE', url: `/v1/imports/jobs/${id}` });
    await app.close();
    await store.close();
  });

  let uploadId = '';

  it('uploads a GB18030 file with Chinese headers and answers its columns, first rows and automatic mapping', async () => {
    const res = await upload(admin, '订单导出.csv', iconv.encode(ORDERS, 'gb18030'), '&entity=orders');
    expect(res.statusCode).toBe(201);
    const p = res.json<UploadPreview>();
    uploadId = p.upload.id;
    expect(p.upload).toMatchObject({ name: '订单导出.csv', format: 'csv', encoding: 'gb18030', size: iconv.encode(ORDERS, 'gb18030').length });
    expect(p.header).toEqual(['订单号', '手机号', '下单时间', '实付金额', '订单状态', '备注']);
    expect(p.rows).toHaveLength(5);
    expect(p.rows[0]).toEqual(['A1', '13800138000', '2024-03-05 10:00', '¥1299.50', '已支付', '首单']);
    expect(p.rows[1]?.[5]).toBeNull();
    expect(p.mapping?.fields).toEqual({ order_id: '订单号', phone: '手机号', ordered_at: '下单时间', total: '实付金额', status: '订单状态' });
    expect(p.mapping?.ignored).toEqual(['备注']);
    expect(p.mapping?.columns[0]).toEqual({ column: '订单号', field: 'order_id', how: 'auto', samples: ['A1', 'A2', 'A3'] });
    expect(p.mapping).toMatchObject({ missingRequired: [], missingIdentity: [], ready: true });
    const again = await as(admin, { url: `/v1/imports/uploads/${uploadId}?entity=orders` });
    expect(again.json<UploadPreview>().mapping?.fields).toEqual(p.mapping?.fields);
  });

  it('previews overrides and reports missing fields; unknown fields, columns and entities name the field', async () => {
    const url = `/v1/imports/uploads/${uploadId}/mapping`;
    const manual = await as(admin, { method: 'POST', url, payload: { entity: 'orders', map: { 备注: 'store' } } });
    expect(manual.statusCode).toBe(200);
    expect(manual.json().columns[5]).toMatchObject({ column: '备注', field: 'store', how: 'manual', samples: ['首单'] });
    expect(manual.json().ignored).toEqual([]);
    const items = await as(admin, { method: 'POST', url, payload: { entity: 'order-items', map: {} } });
    expect(items.json()).toMatchObject({ ready: false, missingRequired: ['sku', 'quantity'] });
    const feedback = await as(admin, { method: 'POST', url, payload: { entity: 'feedback', map: { 订单号: 'feedback_id', 手机号: 'score' } } });
    expect(feedback.json()).toMatchObject({ ready: false, missingRequired: ['submitted_at', 'type'], missingIdentity: ['customer_id', 'email', 'phone', 'member_no'] });
    expectError(await as(admin, { method: 'POST', url, payload: { entity: 'orders', map: { 备注: 'nope' } } }), 400, 'invalid_input', 'map.备注');
    expectError(await as(admin, { method: 'POST', url, payload: { entity: 'orders', map: { 没有: 'store' } } }), 400, 'invalid_input', 'map.没有');
    expectError(await as(admin, { method: 'POST', url, payload: { entity: 'orders', map: { 备注: 'store', 订单号: 'store' } } }), 400, 'invalid_input', 'map.订单号');
    // A column chosen for a field takes it from the column that matched by name.
    const moved = await as(admin, { method: 'POST', url, payload: { entity: 'orders', map: { 备注: 'order_id' } } });
    expect(moved.json()).toMatchObject({ fields: { order_id: '备注' }, ignored: ['订单号'], ready: true });
    // "-" leaves a column out, even one that matched by name; leaving out a required one is reported
    const out = await as(admin, { method: 'POST', url, payload: { entity: 'orders', map: { 手机号: '-', 订单号: '-' } } });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ ignored: ['订单号', '手机号', '备注'], ready: false, missingRequired: ['order_id'] });
    expect(out.json().columns.find((c: { column: string }) => c.column === '手机号')).toMatchObject({ field: null, how: 'ignored' });
    expectError(await as(admin, { method: 'POST', url, payload: { entity: 'widgets' } }), 400, 'invalid_input', 'entity');
    expectError(await as(admin, { url: `/v1/imports/uploads/${uploadId}?entity=widgets` }), 400, 'invalid_input', 'entity');
  });

  it('runs the import as a job to done: the rows are in the database and the rejects name their lines', async () => {
    const before = await count('orders');
    const res = await start({ uploadId, entity: 'orders', map: { 备注: 'store' } });
    expect(res.statusCode).toBe(202);
    expect(['queued', 'running']).toContain(res.json().status);
    const job = await settle(res.json().id);
    expect(job).toMatchObject({ status: 'done', phase: 'done', percent: 100, fileName: '订单导出.csv', entity: 'orders', error: null, rejectsAvailable: true });
    expect(job.summary).toMatchObject({ rows: 5, imported: 2, duplicates: 0, rejected: 3, encoding: 'gb18030', format: 'csv' });
    expect(await count('orders')).toBe(before + 2);
    const rows = await store.db.selectFrom('orders').select(['order_id', 'total', 'store', 'status']).where('order_id', 'in', ['A1', 'A2', 'A3', 'A4', 'A5']).orderBy('order_id').execute();
    expect(rows).toEqual([
      { order_id: 'A1', total: 1299.5, store: '首单', status: 'paid' },
      { order_id: 'A2', total: 88, store: null, status: 'paid' },
    ]);

    const page = await as(admin, { url: `/v1/imports/jobs/${job.id}/rejects?pageSize=2` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.json().items.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([[4, 'ordered_at'], [5, 'phone']]);
    const page2 = await as(admin, { url: `/v1/imports/jobs/${job.id}/rejects?page=2&pageSize=2` });
    expect(page2.json().items).toEqual([expect.objectContaining({ line: 6, field: 'total', value: '-5.00' })]);

    const csv = await as(admin, { url: `/v1/imports/jobs/${job.id}/rejects.csv` });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(encodeURIComponent('订单导出-rejects.csv'));
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('file,line,field,reason,value');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['订单导出.csv,4,ordered_at', '订单导出.csv,5,phone', '订单导出.csv,6,total']);

    // The upload is gone once its rows are in; the job is listed; every step is audited.
    expectError(await as(admin, { url: `/v1/imports/uploads/${uploadId}` }), 404, 'not_found', 'uploadId');
    expect((await as(admin, { url: '/v1/imports/jobs' })).json().items[0]).toMatchObject({ id: job.id, status: 'done' });
    const audit = await store.db.selectFrom('audit_log').select(['action', 'outcome', 'target']).where('action', 'like', 'import.%').orderBy('id').execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(['import.upload:ok', 'import.start:ok', 'import.finish:ok', 'import.rejects_download:ok']);
    expect(audit[2]?.target).toBe(`import:${job.id}`);
  });

  it('reports a failed import with its error and leaves the database as it was', async () => {
    const up = await upload(admin, 'customers.csv', 'customer_id,name\nK1,甲\nK2,乙\n', '&entity=customers');
    const id = up.json<UploadPreview>().upload.id;
    const customers = await count('customers');
    // Two imports of one upload: the first takes the rows and removes the upload, the second fails.
    const [first, second] = await Promise.all([start({ uploadId: id, entity: 'customers' }), start({ uploadId: id, entity: 'customers' })]);
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    const settled = await Promise.all([settle(first.json().id), settle(second.json().id)]);
    const done = settled.find((j) => j.status === 'done');
    const failed = settled.find((j) => j.status === 'failed') as ImportJob;
    expect(done?.summary?.imported).toBe(2);
    expect(failed).toMatchObject({ status: 'failed', summary: null, rejectsAvailable: false, error: { code: 'not_found', field: 'uploadId' } });
    expect(failed.error?.message).toMatch(/upload the file again/);
    expect(await count('customers')).toBe(customers + 2);
    expectError(await as(admin, { url: `/v1/imports/jobs/${failed.id}/rejects` }), 404, 'not_found', 'id');
    const finish = await store.db.selectFrom('audit_log').select(['outcome']).where('action', '=', 'import.finish').where('target', '=', `import:${failed.id}`).execute();
    expect(finish).toEqual([{ outcome: 'failed' }]);
  });

  it('previews a large file from its first MiB, cut at a whole line', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `G${i},客户${i},1380013${String(i % 10_000).padStart(4, '0')}`);
    const body = iconv.encode(['客户编号,姓名,手机号', ...rows].join('\n'), 'gb18030');
    expect(body.length).toBeGreaterThan(1 << 20);
    const res = await upload(admin, '大文件.csv', body, '&entity=customers');
    expect(res.statusCode).toBe(201);
    const p = res.json<UploadPreview>();
    expect(p.upload).toMatchObject({ encoding: 'gb18030', size: body.length });
    expect(p.header).toEqual(['客户编号', '姓名', '手机号']);
    expect(p.rows[19]).toEqual(['G19', '客户19', '13800130019']);
    expect(p.mapping?.fields).toEqual({ customer_id: '客户编号', name: '姓名', phone: '手机号' });
    await as(admin, { method: 'DELETE', url: `/v1/imports/uploads/${p.upload.id}` });
  });

  it('answers bad input with the JSON error body, never a 500', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    expectError(await upload(admin, 'empty.csv', ''), 400, 'invalid_input', 'file');
    expectError(await upload(admin, 'header-only-blank.csv', '\n\n'), 400, 'invalid_input', 'file');
    expectError(await upload(admin, 'data.xlsx', 'a,b\n1,2\n'), 400, 'invalid_input', 'format');
    expectError(await upload(admin, 'x.parquet', 'not parquet at all'), 400, 'invalid_input', 'file');
    expectError(await upload(admin, 'x.csv', 'a\n1\n', '&entity=widgets'), 400, 'invalid_input', 'entity');
    expectError(await as(admin, { method: 'POST', url: '/v1/imports/uploads', payload: 'a\n1\n', headers: { 'content-type': 'text/csv' } }), 400, 'invalid_input', 'name');
    expectError(await as(admin, { url: `/v1/imports/uploads/${nobody}` }), 404, 'not_found', 'uploadId');
    expectError(await as(admin, { url: '/v1/imports/uploads/../../etc' }), 404, 'not_found', undefined);
    expectError(await as(admin, { url: '/v1/imports/uploads/not-an-id' }), 400, 'invalid_input', 'id');
    expectError(await start({ uploadId: nobody, entity: 'orders' }), 404, 'not_found', 'uploadId');
    const up = (await upload(admin, 'o.csv', 'order_id,phone,ordered_at\nB1,13800138000,2024-01-01\n')).json<UploadPreview>();
    expect(up.mapping).toBeNull();
    expectError(await start({ uploadId: up.upload.id, entity: 'shops' }), 400, 'invalid_input', 'entity');
    expectError(await start({ uploadId: up.upload.id, entity: 'orders' }), 400, 'invalid_input', 'total');
    expectError(await start({ uploadId: up.upload.id, entity: 'orders', map: { phone: 'bogus' } }), 400, 'invalid_input', 'map.phone');
    expectError(await as(admin, { url: `/v1/imports/jobs/${nobody}` }), 404, 'not_found', 'id');
    expectError(await as(admin, { url: `/v1/imports/jobs/${nobody}/rejects.csv` }), 404, 'not_found', 'id');
    expect((await as(admin, { method: 'DELETE', url: `/v1/imports/uploads/${up.upload.id}` })).json()).toEqual({ deleted: up.upload.id });
    expectError(await start({ uploadId: up.upload.id, entity: 'orders', map: { phone: 'total' } }), 404, 'not_found', 'uploadId');
  });

  it('needs the data:import permission (admin and analyst hold it)', async () => {
    const analyst = await signInAs(app, store, 'analyst');
    const ok = await upload(analyst, 'c.csv', 'customer_id\nZ1\n');
    expect(ok.statusCode).toBe(201);
    for (const role of ['viewer', 'marketer', 'service'] as const) {
      const who = await signInAs(app, store, role);
      expectError(await upload(who, 'c.csv', 'customer_id\nZ1\n'), 403, 'forbidden', undefined);
      expectError(await as(who, { url: '/v1/imports/jobs' }), 403, 'forbidden', undefined);
      expectError(await as(who, { method: 'POST', url: `/v1/imports/uploads/${ok.json().upload.id}/mapping`, payload: { entity: 'customers' } }), 403, 'forbidden', undefined);
    }
    const noCsrf = await app.inject({ method: 'POST', url: '/v1/imports/uploads?name=c.csv', headers: { cookie: analyst.headers.cookie, 'content-type': 'text/csv' }, payload: 'customer_id\nZ1\n' });
    expectError(noCsrf, 403, 'forbidden', 'x-csrf-token');
    expect((await as(analyst, { method: 'DELETE', url: `/v1/imports/uploads/${ok.json().upload.id}` })).statusCode).toBe(200);
  });
});

describe('upload limits and retention', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tend-uploads-'));
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await engines[0]!.open();
    // The plugin alone, as build-app registers it, with a small limit and a short retention.
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandler(app);
    await app.register(importRoutes(store, { dataDir, maxUploadBytes: 1000, retentionMs: 60_000 }));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const files = () => (existsSync(join(dataDir, 'uploads', 'files')) ? readdirSync(join(dataDir, 'uploads', 'files')) : []);

  it('refuses a body over the limit with 413, by its length or while streaming, and keeps nothing', async () => {
    const big = `customer_id\n${'C1234567\n'.repeat(200)}`;
    const declared = await app.inject({ method: 'POST', url: '/v1/imports/uploads?name=big.csv', headers: { 'content-type': 'text/csv' }, payload: big });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error).toMatchObject({ code: 'payload_too_large', field: 'file' });
    const streamed = await app.inject({ method: 'POST', url: '/v1/imports/uploads?name=big.csv', headers: { 'content-type': 'text/csv' }, payload: Readable.from([Buffer.from(big)]) });
    expect(streamed.statusCode).toBe(413);
    expect(files()).toEqual([]);
    const small = await app.inject({ method: 'POST', url: '/v1/imports/uploads?name=ok.csv', headers: { 'content-type': 'text/csv' }, payload: 'customer_id\nC1\n' });
    expect(small.statusCode).toBe(201);
  });

  it('sweeps uploads older than the retention when the server starts', async () => {
    const id = files()[0] as string;
    expect(id).toBeDefined();
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(dataDir, 'uploads', 'files', id), old, old);
    writeFileSync(join(dataDir, 'uploads', 'keep.txt'), 'not ours');
    const again = Fastify();
    again.setValidatorCompiler(validatorCompiler);
    again.setSerializerCompiler(serializerCompiler);
    installErrorHandler(again);
    await again.register(importRoutes(store, { dataDir, retentionMs: 60_000 }));
    await again.ready();
    await expect.poll(() => files()).toEqual([]);
    await again.close();
  });
});

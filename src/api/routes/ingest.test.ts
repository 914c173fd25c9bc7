import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { Ingestion } from '../../services/ingest/ingestion.js';
import { createSource, revokeSource } from '../../services/ingest/sources.js';
import type { Store } from '../../store/open-store.js';
import { installErrorHandler } from '../errors.js';
import { ingestRoutes } from './ingest.js';

describe.each(engines)('ingestion API on $name', (engine) => {
  let store: Store;
  let app: FastifyInstance;
  let svc: Ingestion;
  let key: string;
  const basic = (k: string) => `Basic ${Buffer.from(`${k}:`).toString('base64')}`;
  const post = (url: string, payload: unknown, auth: string | null = basic(key)) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: auth ? { authorization: auth } : {} });

  beforeAll(async () => {
    store = await engine.open();
    svc = await Ingestion.start(store, { autoFlush: false, maxBacklog: 50 });
    // The ingestion plugin as build-app registers it, with the app's validation and error shape.
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandler(app);
    await app.register(ingestRoutes(store, { ingestion: svc }));
    key = (await createSource(store, { name: 'web shop' })).writeKey;
  });
  afterAll(async () => {
    await app.close();
    await svc.close();
    await store.close();
  });

  it('needs a valid write key (401)', async () => {
    const missing = await post('/v1/track', { userId: 'u1', event: 'x' }, null);
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/Basic/);
    expect(missing.json().error.code).toBe('unauthorized');
    expect((await post('/v1/track', { userId: 'u1', event: 'x' }, basic('wk_nope'))).statusCode).toBe(401);
    expect((await post('/v1/track', { userId: 'u1', event: 'x' }, 'Bearer wk_nope')).statusCode).toBe(401);
    const other = await createSource(store, { name: 'revoked' });
    await revokeSource(store, other.id);
    expect((await post('/v1/track', { userId: 'u1', event: 'x' }, `Bearer ${other.writeKey}`)).statusCode).toBe(401);
  });

  it('validates messages and names the field, with the batch index (400)', async () => {
    const noUser = await post('/v1/track', { event: 'x' });
    expect(noUser.statusCode).toBe(400);
    expect(noUser.json().error.field).toBe('userId');
    const bad = await post('/v1/batch', { batch: [{ type: 'track', userId: 'u', event: 'ok' }, { type: 'identify', userId: 'u', timestamp: 'yesterday' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', field: 'batch.1.timestamp' });
    const order = await post('/v1/batch', { batch: [{ type: 'track', userId: 'u', event: 'Order Completed', properties: { order_id: 'O', total: 5, products: [{ sku: 'A', price: 1, quantity: 0 }] } }] });
    expect(order.json().error.field).toBe('batch.0.properties.products.0.quantity');
    const type = await post('/v1/batch', { batch: [{ type: 'alias', userId: 'u' }] });
    expect(type.json().error.field).toMatch(/^batch\.0/);
    const tooMany = await post('/v1/batch', { batch: Array.from({ length: 501 }, () => ({ type: 'track', userId: 'u', event: 'e' })) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.field).toBe('batch');
    const big = await post('/v1/batch', { batch: [{ type: 'track', userId: 'u', event: 'e', properties: { blob: 'x'.repeat(600 * 1024) } }] });
    expect(big.statusCode).toBe(413);
  });

  it('accepts identify, track and batch with Basic or Bearer, and the flush applies them', async () => {
    const id = await post('/v1/identify', { userId: 'web-1', anonymousId: 'cookie-1', traits: { email: 'a@b.co', name: 'Ann' } });
    expect(id.statusCode).toBe(200);
    expect(id.json()).toEqual({ success: true, accepted: 1 });
    const tr = await post('/v1/track', { anonymousId: 'cookie-1', event: 'Signed Up', messageId: 'api-1' }, `Bearer ${key}`);
    expect(tr.json()).toEqual({ success: true, accepted: 1 });
    const b = await app.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basic(key), 'content-type': 'text/plain' },
      payload: JSON.stringify({ batch: [{ type: 'page', anonymousId: 'cookie-1', name: 'Home', messageId: 'api-2' }, { type: 'track', userId: 'web-1', event: 'purchase', messageId: 'api-3', properties: { order_id: 'W1', revenue: 20, products: [{ product_id: 'P', price: 20 }] } }] }) });
    expect(b.json()).toEqual({ success: true, accepted: 2 });
    await svc.flushNow();
    const person = await store.db.selectFrom('identities').select('customer_id').where('kind', '=', 'email').where('value', '=', 'a@b.co').executeTakeFirstOrThrow();
    const events = await store.db.selectFrom('events').select(['message_id', 'customer_id']).where('message_id', 'in', ['api-1', 'api-2', 'api-3']).orderBy('message_id').execute();
    expect(events.map((e) => e.customer_id)).toEqual([person.customer_id, person.customer_id, person.customer_id]);
    expect(await store.db.selectFrom('order_items').select(['sku', 'amount']).where('order_id', '=', 'W1').execute()).toEqual([{ sku: 'P', amount: 20 }]);
  });

  it('answers 429 with Retry-After when the backlog is over its bound, then recovers', async () => {
    const batch = { batch: Array.from({ length: 30 }, (_, i) => ({ type: 'track', userId: 'load', event: 'e', messageId: `bl-${i}` })) };
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await post('/v1/batch', batch)).statusCode);
    expect(codes).toEqual([200, 200, 429]);
    const busy = await post('/v1/track', { userId: 'x', event: 'e' });
    expect(busy.statusCode).toBe(429);
    expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(busy.json().error.code).toBe('overloaded');
    await svc.flushNow();
    expect((await post('/v1/track', { userId: 'x', event: 'e' })).statusCode).toBe(200);
    await svc.flushNow();
  });
});

// Event ingestion for applications, Segment-style: POST /v1/identify, /v1/track, /v1/batch,
// authenticated by a source's write key (HTTP Basic with the key as username, or Bearer).
// A 200 means the messages are durable in the intake; they reach profiles, events and orders
// within a flush interval. Under overload the answer is 429 with Retry-After, never a drop.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Ingestion, type IngestOptions } from '../../services/ingest/ingestion.js';
import { acceptedReply, batchBody, identifyBody, LIMITS, trackBody } from '../../services/ingest/messages.js';
import { SourceKeys, writeKeyFrom, type SourceIdentity } from '../../services/ingest/sources.js';
import type { Store } from '../../store/open-store.js';
import { PUBLIC } from '../auth/access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route authenticates by a source's write key itself: operator auth must not read its Authorization header. */
    writeKey?: boolean;
  }
}

/** Route config of the ingestion routes: no operator session or API key; the write key is checked here. */
export const WRITE_KEY_ROUTE = { ...PUBLIC, writeKey: true } as const;

export interface IngestRouteOptions extends IngestOptions {
  /** A running service to use (its owner closes it); by default the plugin starts one and closes it with the app. */
  readonly ingestion?: Ingestion;
}

export function ingestRoutes(store: Store, opts: IngestRouteOptions = {}) {
  return async (app: FastifyInstance): Promise<void> => {
    const svc = opts.ingestion ?? (await Ingestion.start(store, { onError: (err) => app.log.error({ err }, 'ingest flush failed (will retry)'), ...opts }));
    if (!opts.ingestion) app.addHook('onClose', async () => svc.close());
    const keys = new SourceKeys(store);
    const sources = new WeakMap<FastifyRequest, SourceIdentity>();
    const admitted = new WeakSet<FastifyRequest>();
    const release = async (req: FastifyRequest) => {
      if (admitted.delete(req)) svc.done();
    };

    // Browsers' sendBeacon and some SDKs post JSON as text/plain.
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(Object.assign(new Error('body is not valid JSON'), { statusCode: 400 }), undefined);
      }
    });

    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const key = writeKeyFrom(req.headers.authorization);
      const source = key ? await keys.resolve(key) : null;
      if (!source) {
        return reply.status(401).header('www-authenticate', 'Basic realm="tend ingest"').send({
          error: { code: 'unauthorized', message: key ? 'unknown or revoked write key' : 'missing write key (HTTP Basic with the key as username, or Bearer)' },
        });
      }
      const busy = svc.admit();
      if (busy) {
        return reply.status(429).header('retry-after', String(busy.retryAfter)).send({
          error: { code: 'overloaded', message: `ingestion is busy (backlog ${svc.backlog()}); retry after ${busy.retryAfter} s` },
        });
      }
      admitted.add(req);
      sources.set(req, source);
      return undefined;
    });
    app.addHook('onResponse', release);
    app.addHook('onRequestAbort', release);

    const sourceOf = (req: FastifyRequest): SourceIdentity => {
      const s = sources.get(req);
      if (!s) throw new Error('ingest route reached without a source');
      return s;
    };
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['ingestion'];
    const response = { 200: acceptedReply };
    r.post('/v1/identify', {
      bodyLimit: LIMITS.messageBytes,
      config: WRITE_KEY_ROUTE,
      schema: { summary: 'who a user is: userId / anonymousId and traits (write key auth)', tags, body: identifyBody, response },
    }, async (req) => ({ success: true as const, accepted: await svc.accept([{ ...req.body, type: 'identify' }], sourceOf(req)) }));
    r.post('/v1/track', {
      bodyLimit: LIMITS.messageBytes,
      config: WRITE_KEY_ROUTE,
      schema: { summary: 'what a user did: event and properties; "Order Completed"/"purchase" also records an order (write key auth)', tags, body: trackBody, response },
    }, async (req) => ({ success: true as const, accepted: await svc.accept([{ ...req.body, type: 'track' }], sourceOf(req)) }));
    r.post('/v1/batch', {
      bodyLimit: LIMITS.batchBytes,
      config: WRITE_KEY_ROUTE,
      schema: { summary: `up to ${LIMITS.batchMessages} identify/track/page/screen messages (500 KB) in one request (write key auth)`, tags, body: batchBody, response },
    }, async (req) => ({ success: true as const, accepted: await svc.accept(req.body.batch, sourceOf(req)) }));
  };
}

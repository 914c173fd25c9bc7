// Imports over HTTP: upload a file (streamed to disk), preview its column mapping, run it as a
// job with progress, then page or download its rejects. The work is the CLI's (importFile);
// files live under <data dir>/uploads (see services/import/jobs/upload-store.ts).
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../../core/import/entities.js';
import { ENCODINGS, FORMATS } from '../../services/import/detect.js';
import { ImportQueue } from '../../services/import/jobs/import-queue.js';
import { mappingReport, notReadyError } from '../../services/import/jobs/mapping-report.js';
import { previewFile, type FilePreview, type UploadPreview } from '../../services/import/jobs/preview-file.js';
import { readRejectsPage } from '../../services/import/jobs/rejects-file.js';
import { ScratchDuck } from '../../services/import/jobs/scratch-duck.js';
import { defaultDataDir, UploadStore, UploadTooLarge, type UploadInfo } from '../../services/import/jobs/upload-store.js';
import type { Store } from '../../store/open-store.js';
import { guard } from '../auth/access.js';
import { actorOf, audit } from '../auth/install-auth.js';
import { loadBusinessSettings } from './settings.js';

export interface ImportRouteOptions {
  /** folder holding uploads/ (default: beside the DuckDB file, or ./.tend for PostgreSQL) */
  readonly dataDir?: string;
  /** largest upload accepted; default 2 GiB */
  readonly maxUploadBytes?: number;
  /** uploads and rejects files older than this are deleted; default 24 hours */
  readonly retentionMs?: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
const DEFAULT_RETENTION_MS = 24 * 3_600_000;
const PREVIEW_ROWS = 20;

const entity = z.enum(ENTITY_NAMES);
const uploadId = z.object({ id: z.uuid() });
const jobId = z.object({ id: z.uuid() });
const map = z.record(z.string().min(1).max(300), z.string().min(1).max(100)).default({})
  .describe('overrides: source column -> field (e.g. {"单号": "order_id"}); other columns map by name and alias');

export function importRoutes(store: Store, opts: ImportRouteOptions = {}) {
  return async (app: FastifyInstance): Promise<void> => {
    const retentionMs = opts.retentionMs ?? DEFAULT_RETENTION_MS;
    const uploads = new UploadStore(opts.dataDir ?? defaultDataDir(store), opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, retentionMs);
    const duck = new ScratchDuck();
    const queue = new ImportQueue(store, uploads, duck, {
      business: () => loadBusinessSettings(store),
      onError: (err, job) => app.log.error({ err, job: job.id }, 'import job failed'),
    });
    const sweep = () => void uploads.sweep().catch((err: unknown) => app.log.warn({ err }, 'sweeping old uploads failed'));
    sweep();
    const sweeper = setInterval(sweep, Math.min(retentionMs, 3_600_000));
    sweeper.unref();
    app.addHook('onClose', async () => {
      clearInterval(sweeper);
      await queue.close();
      await duck.close();
    });

    // Previews are read from the file's first MiB; keep the last few so re-mapping is instant.
    const previews = new Map<string, FilePreview>();
    const previewOf = async (u: UploadInfo & { file: string }): Promise<FilePreview> => {
      const hit = previews.get(u.id);
      if (hit) return hit;
      const p = await duck.use((s) => previewFile(s, u.file, { name: u.name, format: u.format, encoding: u.encoding, rows: PREVIEW_ROWS }));
      if (previews.size >= 20) previews.delete(previews.keys().next().value as string);
      previews.set(u.id, p);
      return p;
    };
    const answer = async (u: UploadInfo & { file: string }, e: EntityName | undefined): Promise<UploadPreview> => {
      const p = await previewOf(u);
      const { file: _file, ...upload } = u;
      return { upload, header: p.header, rows: p.rows, mapping: e ? mappingReport(ENTITIES[e], p.header, p.rows) : null };
    };

    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['imports'];

    // The upload takes the file as the raw request body, whatever its content type.
    await app.register(async (raw) => {
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
      raw.withTypeProvider<ZodTypeProvider>().post('/v1/imports/uploads', {
        config: guard('data:import'),
        schema: {
          summary: 'upload a file to import (the raw body, e.g. application/octet-stream); answers its columns, first rows and, with ?entity, the automatic mapping',
          tags,
          querystring: z.object({
            name: z.string().min(1).max(255).describe('the file name; its extension tells the format'),
            entity: entity.optional(),
            format: z.enum(FORMATS).optional(),
            encoding: z.enum(ENCODINGS).optional().describe('default: detected from the bytes'),
          }),
        },
      }, async (req, reply) => {
        const q = req.query;
        const length = Number(req.headers['content-length']);
        try {
          const info = await uploads.save(req.raw, {
            name: q.name, actor: actorOf(req.principal).actor, declaredSize: Number.isFinite(length) ? length : undefined, format: q.format, encoding: q.encoding,
          });
          const u = { ...info, file: (await uploads.get(info.id)).file };
          let preview: UploadPreview;
          try {
            preview = await answer(u, q.entity);
          } catch (err) {
            await uploads.remove(info.id);
            throw err;
          }
          await audit(store, req, { action: 'import.upload', target: `upload:${info.id}`, detail: { name: info.name, size: info.size, format: info.format, encoding: info.encoding } });
          return reply.status(201).send(preview);
        } catch (err) {
          if (!(err instanceof UploadTooLarge)) throw err;
          await audit(store, req, { action: 'import.upload', outcome: 'failed', detail: { name: q.name, reason: 'too large', limit: err.limit } });
          return tooLarge(reply, err);
        }
      });
    });

    r.get('/v1/imports/uploads/:id', {
      config: guard('data:import'),
      schema: { summary: "an upload's columns and first rows, and with ?entity its automatic mapping", tags, params: uploadId, querystring: z.object({ entity: entity.optional() }) },
    }, async (req) => answer(await uploads.get(req.params.id), req.query.entity));

    r.post('/v1/imports/uploads/:id/mapping', {
      config: guard('data:import'),
      schema: {
        summary: 'how the columns map onto an entity with these overrides: each column with its field and samples, ignored columns, required fields missing',
        tags, params: uploadId, body: z.object({ entity, map }),
      },
    }, async (req) => {
      const p = await previewOf(await uploads.get(req.params.id));
      return mappingReport(ENTITIES[req.body.entity], p.header, p.rows, req.body.map);
    });

    r.delete('/v1/imports/uploads/:id', { config: guard('data:import'), schema: { summary: 'delete an upload', tags, params: uploadId } }, async (req) => {
      const u = await uploads.get(req.params.id);
      await uploads.remove(u.id);
      previews.delete(u.id);
      await audit(store, req, { action: 'import.upload_delete', target: `upload:${u.id}`, detail: { name: u.name } });
      return { deleted: u.id };
    });

    r.post('/v1/imports/jobs', {
      config: guard('data:import'),
      schema: {
        summary: 'import an upload into an entity: 202 with the job; imports run one at a time, each in one transaction',
        tags, body: z.object({ uploadId: z.uuid(), entity, map }),
      },
    }, async (req, reply) => {
      const b = req.body;
      const u = await uploads.get(b.uploadId);
      const p = await previewOf(u);
      const problem = notReadyError(mappingReport(ENTITIES[b.entity], p.header, p.rows, b.map));
      if (problem) throw problem;
      const job = queue.enqueue(u, b.entity, b.map, { ...actorOf(req.principal), ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      previews.delete(u.id);
      await audit(store, req, { action: 'import.start', target: `import:${job.id}`, detail: { entity: b.entity, file: u.name, upload: u.id, map: b.map } });
      return reply.status(202).send(job);
    });

    r.get('/v1/imports/jobs', { config: guard('data:import'), schema: { summary: 'recent import jobs of this server, newest first', tags } },
      async () => ({ items: queue.list() }));

    r.get('/v1/imports/jobs/:id', { config: guard('data:import'), schema: { summary: 'an import job: status, phase and percent, the summary or the error', tags, params: jobId } },
      async (req) => queue.get(req.params.id));

    r.delete('/v1/imports/jobs/:id', { config: guard('data:import'), schema: { summary: 'forget a finished job and delete its rejects', tags, params: jobId } },
      async (req) => {
        const job = await queue.remove(req.params.id);
        await audit(store, req, { action: 'import.delete', target: `import:${job.id}`, detail: { entity: job.entity, file: job.fileName } });
        return { deleted: job.id };
      });

    r.get('/v1/imports/jobs/:id/rejects', {
      config: guard('data:import'),
      schema: {
        summary: "a page of a job's rejected rows: line, field, reason, value", tags, params: jobId,
        querystring: z.object({ page: z.coerce.number().int().min(1).max(1_000_000).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50) }),
      },
    }, async (req) => {
      const file = queue.rejectsFile(req.params.id);
      return duck.use((s) => readRejectsPage(s, file, req.query.page, req.query.pageSize));
    });

    r.get('/v1/imports/jobs/:id/rejects.csv', {
      config: guard('data:import'),
      schema: { summary: "a job's rejected rows as CSV (UTF-8 with BOM): file, line, field, reason, value; audited", tags, params: jobId },
    }, async (req, reply) => {
      const job = queue.get(req.params.id);
      const file = queue.rejectsFile(job.id);
      await audit(store, req, { action: 'import.rejects_download', target: `import:${job.id}`, detail: { file: job.fileName, rejected: job.summary?.rejected } });
      const name = `${job.fileName.replace(/\.[^.]+$/, '')}-rejects.csv`;
      const stream = createReadStream(file);
      return reply.header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rejects-${job.id}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(Readable.from(withBom(stream)));
    });
  };
}

function tooLarge(reply: FastifyReply, err: UploadTooLarge): FastifyReply {
  // The rest of the body is not read: close the connection after answering.
  return reply.status(413).header('connection', 'close').send({ error: { code: 'payload_too_large', message: err.message, field: 'file' } });
}

async function* withBom(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield Buffer.from('\uFEFF');
  yield* stream;
}

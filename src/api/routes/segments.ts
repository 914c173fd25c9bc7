// Segments: CRUD, live count / preview of an unsaved rule, refresh, explain, a saved segment's
// members and entry/exit history, and the CSV / XLSX export.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import { findSegmentCycle, parseRule } from '../../core/segments/index.js';
import { countRule, explainRule } from '../../services/segments/count-rule.js';
import {
  DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS, EXPORT_CONTENT_TYPES, EXPORT_FORMATS, EXPORT_LABELS, exportStream, parseColumns,
} from '../../services/segments/export-segment.js';
import { membershipHistory, segmentMembers } from '../../services/segments/segment-members.js';
import { ruleContext } from '../../services/segments/segment-context.js';
import { overlapMatrix } from '../../services/segments/segment-overlap.js';
import {
  createDynamicSegment, createStaticSegment, deleteSegment, findSegment, listSegments, refreshSegment, showSegment,
} from '../../services/segments/segments.js';
import type { Store } from '../../store/open-store.js';
import { guard } from '../auth/access.js';
import { actorOf, audit } from '../auth/install-auth.js';

const ref = z.object({ ref: z.string().min(1).max(200) });
const name = z.string().min(1).max(100);
const description = z.string().max(2000).optional();
const ruleBody = z.object({ rule: z.unknown().refine((v) => v !== undefined, { message: 'rule is required' }) });

const createBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dynamic'), name, description, rule: z.unknown() }),
  z.object({ kind: z.literal('static'), name, description, from: z.union([z.string().min(1).max(200), z.number().int().positive()]) }),
  z.object({ kind: z.literal('static_list'), name, description, list: z.array(z.string().max(200)).min(1).max(100_000) }),
]);

export function segmentRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['segments'];
    r.get('/v1/segments', { config: guard('segments:read'), schema: { summary: 'all segments', tags } }, async () => listSegments(store));

    r.post('/v1/segments', {
      config: guard('segments:write'),
      schema: { summary: 'create a dynamic segment (rule), a static one frozen from a segment, or one from a list of identifiers', tags, body: createBody },
    }, async (req, reply) => {
      const b = req.body;
      const actor = actorOf(req.principal).actor;
      const seg = b.kind === 'dynamic'
        ? await createDynamicSegment(store, { name: b.name, description: b.description, rule: b.rule }, actor)
        : b.kind === 'static'
          ? await createStaticSegment(store, { name: b.name, description: b.description, from: b.from }, actor)
          : await createStaticSegment(store, { name: b.name, description: b.description, list: b.list }, actor);
      await audit(store, req, { action: 'segment.create', target: `segment:${seg.id}`, detail: { name: seg.name, kind: b.kind, members: seg.memberCount } });
      return reply.status(201).send(seg);
    });

    r.post('/v1/segments/count', {
      config: guard('segments:read'),
      schema: {
        summary: 'count an unsaved rule and return a sample of matching customer ids', tags,
        body: ruleBody.extend({ sample: z.number().int().min(0).max(100).default(10) }),
      },
    }, async (req) => countRule(store, req.body.rule, { sample: req.body.sample }));

    r.post('/v1/segments/explain', {
      config: guard('segments:read'),
      schema: { summary: 'the SQL (with bound parameters) and plain-language readings of an unsaved rule', tags, body: ruleBody },
    }, async (req) => explainRule(store, req.body.rule));

    r.get('/v1/segments/overlap', {
      config: guard('segments:read'),
      schema: {
        summary: 'how segments overlap: members of each and, for every pair, customers in both (and the Jaccard index)', tags,
        querystring: z.object({ segments: z.string().min(1).max(2000).describe('comma-separated segment ids or names, 2 to 20') }),
      },
    }, async (req) => overlapMatrix(store, req.query.segments.split(',').map((x) => x.trim()).filter((x) => x.length > 0)));

    r.get('/v1/segments/:ref', { config: guard('segments:read'), schema: { summary: 'one segment, with its rule read aloud', tags, params: ref } },
      async (req) => showSegment(store, req.params.ref));

    r.patch('/v1/segments/:ref', {
      config: guard('segments:write'),
      schema: {
        summary: "rename, describe, or change a dynamic segment's rule (members are refreshed)", tags, params: ref,
        body: z.object({ name: name.optional(), description: z.string().max(2000).nullable().optional(), rule: z.unknown().optional() }),
      },
    }, async (req) => {
      const seg = await showSegment(store, req.params.ref);
      const b = req.body;
      const now = new Date();
      let rule: string | undefined;
      if (b.rule !== undefined) {
        if (seg.kind !== 'dynamic') throw new DomainError('invalid_input', 'a static segment has no rule', 'rule');
        const parsed = parseRule(b.rule);
        const ctx = await ruleContext(store, { segmentId: seg.id });
        const cycle = findSegmentCycle(parsed, (id) => (id === seg.id ? parsed : ctx.compile.segmentRule?.(id)));
        if (cycle) throw new DomainError('invalid_input', `rule refers to segments in a cycle: ${cycle.join(' → ')}`, 'rule');
        rule = JSON.stringify(parsed);
      }
      const newName = b.name?.trim();
      if (newName !== undefined && newName !== seg.name) {
        if (newName === '') throw new DomainError('invalid_input', 'segment name must be 1-100 characters', 'name');
        if (await store.db.selectFrom('segments').select('id').where('name', '=', newName).executeTakeFirst()) throw new DomainError('conflict', `a segment named "${newName}" already exists`, 'name');
      }
      await store.db.updateTable('segments').set({
        updated_at: now,
        ...(newName !== undefined ? { name: newName } : {}),
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(rule !== undefined ? { rule } : {}),
      }).where('id', '=', seg.id).execute();
      if (rule !== undefined) await refreshSegment(store, seg.id, actorOf(req.principal).actor, now);
      await audit(store, req, { action: 'segment.update', target: `segment:${seg.id}`, detail: { fields: Object.keys(b) } });
      return showSegment(store, seg.id);
    });

    r.delete('/v1/segments/:ref', { config: guard('segments:write'), schema: { summary: 'delete a segment and its membership history', tags, params: ref } },
      async (req) => {
        const seg = await showSegment(store, req.params.ref);
        await deleteSegment(store, seg.id);
        await audit(store, req, { action: 'segment.delete', target: `segment:${seg.id}`, detail: { name: seg.name } });
        return { deleted: seg.id };
      });

    r.post('/v1/segments/:ref/refresh', { config: guard('segments:write'), schema: { summary: "recompute a dynamic segment's members", tags, params: ref } },
      async (req) => {
        const seg = await showSegment(store, req.params.ref);
        const result = await refreshSegment(store, seg.id, actorOf(req.principal).actor);
        await audit(store, req, { action: 'segment.refresh', target: `segment:${seg.id}`, detail: result });
        return result;
      });

    r.get('/v1/segments/:ref/explain', { config: guard('segments:read'), schema: { summary: "a saved segment's SQL and readings", tags, params: ref } },
      async (req) => {
        const seg = await showSegment(store, req.params.ref);
        if (!seg.rule) throw new DomainError('invalid_input', `segment "${seg.name}" is static: it has no rule`, 'segment');
        return explainRule(store, seg.rule);
      });

    r.get('/v1/segments/:ref/members', {
      config: guard('segments:read'),
      schema: {
        summary: "a page of the segment's current members with their value tier, lifecycle stage, predicted CLV and churn risk", tags, params: ref,
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    }, async (req) => segmentMembers(store, req.params.ref, req.query));

    r.get('/v1/segments/:ref/history', {
      config: guard('segments:read'),
      schema: {
        summary: 'how many customers entered and left the segment per day over the last days (business time zone)', tags, params: ref,
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      },
    }, async (req) => membershipHistory(store, req.params.ref, { days: req.query.days }));

    r.get('/v1/segments/:ref/export', {
      config: guard('segments:export'),
      schema: {
        summary: "stream a segment's current members as CSV (UTF-8 with BOM) or XLSX, with chosen columns", tags, params: ref,
        querystring: z.object({
          format: z.enum(EXPORT_FORMATS).default('csv'),
          labels: z.enum(EXPORT_LABELS).default('codes').describe('codes: column keys and stored codes; zh: Chinese headers and tier/stage/group/gender names'),
          columns: z.string().max(1000).optional().describe(`comma-separated, from: ${Object.keys(EXPORT_COLUMNS).join(', ')} (default ${DEFAULT_EXPORT_COLUMNS.join(',')})`),
        }),
      },
    }, async (req, reply) => {
      const seg = await findSegment(store, req.params.ref);
      const { format, labels } = req.query;
      const columns = parseColumns(req.query.columns);
      await audit(store, req, { action: 'segment.export', target: `segment:${seg.id}`, detail: { name: seg.name, format, labels, columns, members: Number(seg.member_count) } });
      const stream = exportStream(store, seg, columns, format, labels, (err) => req.log.error({ err, segment: seg.id }, 'segment export failed'));
      return reply.header('content-type', EXPORT_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="segment-${seg.id}.${format}"; filename*=UTF-8''${encodeURIComponent(`${seg.name}.${format}`)}`)
        .send(stream);
    });
  };
}

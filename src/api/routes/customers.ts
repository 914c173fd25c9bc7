// A customer's scores, tags (with hand-tagging) and timeline.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCustomerId } from '../../services/customers/find-customer.js';
import { setTag } from '../../services/tags/tags.js';
import type { Store } from '../../store/open-store.js';
import { guard } from '../auth/access.js';
import { actorOf, audit } from '../auth/install-auth.js';
import { customerTimeline, TIMELINE_KINDS, type TimelineKind } from '../queries/customer-timeline.js';

const idParam = z.object({ id: z.string().min(1).max(200) });
const page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

export function customerRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/v1/customers/:id/scores', {
      config: guard('scores:read'),
      schema: {
        summary: "the customer's latest scores and their history by scoring day",
        tags: ['customers'], params: idParam,
        querystring: z.object({ history: z.coerce.number().int().min(0).max(400).default(24) }),
      },
    }, async (req) => {
      const id = await findCustomerId(store, req.params.id);
      const current = await store.db.selectFrom('customer_scores').selectAll().where('customer_id', '=', id).executeTakeFirst();
      const history = req.query.history === 0 ? [] : await store.db.selectFrom('score_snapshots')
        .select(['as_of', 'value_tier', 'lifecycle_stage', 'rfm_group', 'r_score', 'f_score', 'm_score', 'churn_risk', 'p_alive', 'predicted_clv', 'historical_clv'])
        .where('customer_id', '=', id).orderBy('as_of', 'desc').limit(req.query.history).execute();
      return { customerId: id, current: current ?? null, history };
    });

    r.get('/v1/customers/:id/tags', {
      config: guard('tags:read'),
      schema: {
        summary: "the customer's current tags (and with history=true, the ones that ended)",
        tags: ['customers', 'tags'], params: idParam,
        querystring: z.object({ history: z.enum(['true', 'false']).default('false') }),
      },
    }, async (req) => {
      const id = await findCustomerId(store, req.params.id);
      let q = store.db.selectFrom('customer_tags as ct').innerJoin('tags as t', 't.id', 'ct.tag_id')
        .select(['t.id', 't.name', 't.tag_group', 'ct.source', 'ct.set_by', 'ct.entered_at', 'ct.exited_at'])
        .where('ct.customer_id', '=', id);
      if (req.query.history === 'false') q = q.where('ct.exited_at', 'is', null);
      const rows = await q.orderBy('ct.entered_at', 'desc').limit(1000).execute();
      return {
        customerId: id,
        items: rows.map((t) => ({ tagId: Number(t.id), name: t.name, group: t.tag_group, source: t.source, setBy: t.set_by, enteredAt: t.entered_at, exitedAt: t.exited_at })),
      };
    });

    r.get('/v1/customers/:id/timeline', {
      config: guard('customers:read'),
      schema: {
        summary: "the customer's orders, events and feedback merged by time, newest first",
        tags: ['customers'], params: idParam,
        querystring: z.object({
          ...page,
          kinds: z.string().max(100).optional()
            .transform((v, ctx): TimelineKind[] => {
              if (!v) return [...TIMELINE_KINDS];
              const list = v.split(',').map((k) => k.trim()).filter(Boolean);
              const bad = list.find((k) => !(TIMELINE_KINDS as readonly string[]).includes(k));
              if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `unknown kind "${bad}" (choose from ${TIMELINE_KINDS.join(', ')})` });
              return list as TimelineKind[];
            }),
        }),
      },
    }, async (req) => customerTimeline(store, await findCustomerId(store, req.params.id), req.query));

    for (const [method, on] of [['PUT', true], ['DELETE', false]] as const) {
      r.route({
        method, url: '/v1/customers/:id/tags/:tag',
        config: guard('customers:tag'),
        schema: {
          summary: on ? 'put a hand tag on the customer' : 'take a hand tag off the customer',
          tags: ['customers', 'tags'],
          params: z.object({ id: z.string().min(1).max(200), tag: z.string().min(1).max(100) }),
        },
        handler: async (req) => {
          const result = await setTag(store, req.params.id, req.params.tag, on, actorOf(req.principal).actor, 'api');
          if (result.changed) await audit(store, req, { action: on ? 'tag.set' : 'tag.unset', target: `customer:${req.params.id}`, detail: { tag: req.params.tag } });
          return result;
        },
      });
    }
  };
}

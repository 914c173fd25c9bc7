// Tags: list, create, delete, refresh (hand-tagging a customer is under /v1/customers/:id/tags).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TAG_GROUPS } from '../../services/tags/builtin-tags.js';
import { createTag, deleteTag, ensureBuiltinTags, listTags, refreshAllTags, refreshTag } from '../../services/tags/tags.js';
import type { Store } from '../../store/open-store.js';
import { guard } from '../auth/access.js';
import { actorOf, audit } from '../auth/install-auth.js';

const ref = z.object({ ref: z.string().min(1).max(100) });

export function tagRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['tags'];
    r.get('/v1/tags', { config: guard('tags:read'), schema: { summary: 'all tags with their current customer counts', tags } }, async () => listTags(store));

    r.post('/v1/tags', {
      config: guard('tags:write'),
      schema: {
        summary: 'create a tag: computed from a segment rule, or set by hand when no rule is given', tags,
        body: z.object({ name: z.string().min(1).max(60), group: z.enum(TAG_GROUPS), description: z.string().max(2000).optional(), rule: z.unknown().optional() }),
      },
    }, async (req, reply) => {
      const tag = await createTag(store, req.body, actorOf(req.principal).actor);
      await audit(store, req, { action: 'tag.create', target: `tag:${tag.id}`, detail: { name: tag.name, group: tag.group, ruleBased: tag.ruleBased } });
      return reply.status(201).send(tag);
    });

    r.delete('/v1/tags/:ref', { config: guard('tags:write'), schema: { summary: 'delete a tag and its history', tags, params: ref } }, async (req) => {
      await deleteTag(store, req.params.ref);
      await audit(store, req, { action: 'tag.delete', target: `tag:${req.params.ref}` });
      return { deleted: req.params.ref };
    });

    r.post('/v1/tags/refresh', {
      config: guard('tags:write'),
      schema: { summary: 'recompute every rule tag (adds missing built-in tags first)', tags },
    }, async (req) => {
      const actor = actorOf(req.principal).actor;
      const added = await ensureBuiltinTags(store);
      const results = await refreshAllTags(store, actor);
      await audit(store, req, { action: 'tag.refresh', target: 'tags:all', detail: { added, tags: Object.keys(results).length } });
      return { added, results };
    });

    r.post('/v1/tags/:ref/refresh', { config: guard('tags:write'), schema: { summary: 'recompute one rule tag', tags, params: ref } }, async (req) => {
      const result = await refreshTag(store, req.params.ref, actorOf(req.principal).actor);
      await audit(store, req, { action: 'tag.refresh', target: `tag:${req.params.ref}`, detail: result });
      return result;
    });
  };
}

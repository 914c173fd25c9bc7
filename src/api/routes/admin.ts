// Administration: operator accounts, API keys and the audit log.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/auth/api-keys.js';
import { listAudit } from '../../services/auth/audit.js';
import { generatePassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../services/auth/passwords.js';
import { PERMISSIONS, ROLES } from '../../services/auth/permissions.js';
import { createUser, listUsers, updateUser } from '../../services/auth/users.js';
import type { Store } from '../../store/open-store.js';
import { guard } from '../auth/access.js';
import { actorOf, audit } from '../auth/install-auth.js';

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);

export function adminRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/v1/users', { config: guard('users:manage'), schema: { summary: 'operator accounts', tags: ['users'] } }, async () => listUsers(store));

    r.post('/v1/users', {
      config: guard('users:manage'),
      schema: {
        summary: 'create an operator; without a password one is generated and returned once', tags: ['users'],
        body: z.object({ email: z.string().email().max(254), role: z.enum(ROLES), name: z.string().max(200).optional(), password: password.optional() }),
      },
    }, async (req, reply) => {
      const created = await createUser(store, req.body, actorOf(req.principal).actor);
      await audit(store, req, { action: 'user.create', target: created.user.email, detail: { role: created.user.role } });
      return reply.status(201).send(created);
    });

    r.patch('/v1/users/:id', {
      config: guard('users:manage'),
      schema: {
        summary: "change an operator's role, name or password, or disable them (ends their sessions)", tags: ['users'], params: idParam,
        body: z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional(), name: z.string().max(200).nullable().optional(), password: password.optional() }),
      },
    }, async (req) => {
      const user = await updateUser(store, req.params.id, req.body);
      const { password: pw, ...changes } = req.body;
      await audit(store, req, { action: 'user.update', target: user.email, detail: { ...changes, ...(pw !== undefined ? { password: 'changed' } : {}) } });
      return user;
    });

    r.post('/v1/users/:id/reset-password', {
      config: guard('users:manage'),
      schema: { summary: "give an operator a new generated password, shown only in this answer; ends their sessions", tags: ['users'], params: idParam },
    }, async (req) => {
      const password = generatePassword();
      const user = await updateUser(store, req.params.id, { password });
      await audit(store, req, { action: 'user.update', target: user.email, detail: { password: 'reset' } });
      return { user, password };
    });

    r.get('/v1/api-keys', { config: guard('api_keys:manage'), schema: { summary: 'API keys (never the secrets)', tags: ['api-keys'] } }, async () => listApiKeys(store));

    r.post('/v1/api-keys', {
      config: guard('api_keys:manage'),
      schema: {
        summary: 'create an API key limited to some permissions; the key is shown only in this answer', tags: ['api-keys'],
        body: z.object({ name: z.string().min(1).max(100), permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length) }),
      },
    }, async (req, reply) => {
      const p = req.principal;
      const created = await createApiKey(store, req.body, actorOf(p).actor, p?.permissions ?? []);
      await audit(store, req, { action: 'api_key.create', target: `api_key:${created.info.id}`, detail: { name: created.info.name, permissions: created.info.permissions } });
      return reply.status(201).send({ ...created.info, key: created.key });
    });

    r.delete('/v1/api-keys/:id', { config: guard('api_keys:manage'), schema: { summary: 'revoke an API key', tags: ['api-keys'], params: idParam } }, async (req) => {
      const info = await revokeApiKey(store, req.params.id, actorOf(req.principal).actor);
      await audit(store, req, { action: 'api_key.revoke', target: `api_key:${info.id}`, detail: { name: info.name } });
      return info;
    });

    r.get('/v1/audit', {
      config: guard('audit:read'),
      schema: {
        summary: 'the audit log, newest first: changes, exports and sign-ins with who, when and from where', tags: ['audit'],
        querystring: z.object({
          action: z.string().max(100).optional().describe('exact action, or a prefix ending in "." (e.g. "segment.")'),
          actor: z.string().max(300).optional(),
          since: z.iso.datetime({ offset: true }).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
    }, async (req) => listAudit(store, { ...req.query, since: req.query.since ? new Date(req.query.since) : undefined }));
  };
}

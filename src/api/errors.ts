// One mapping from domain error codes to HTTP status, and the JSON error body every route uses:
// {"error":{"code":"...","message":"...","field":"..."}}. Bad input is never a 500.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type DomainErrorCode } from '../core/errors.js';

export const STATUS_BY_CODE: Readonly<Record<DomainErrorCode, number>> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported: 422,
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) {
      return reply.status(STATUS_BY_CODE[err.code]).send({ error: { code: err.code, message: err.message, field: err.field } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issue = err.validation[0];
      const field = issue?.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined;
      return reply.status(400).send({ error: { code: 'invalid_input', message: `${err.validationContext ?? 'request'}${field ? `.${field}` : ''}: ${issue?.message ?? 'invalid'}`, field } });
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: err.code ?? 'invalid_input', message: err.message } });
    }
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url}` } });
  });
}

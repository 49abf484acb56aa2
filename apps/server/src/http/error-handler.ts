import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../lib/errors';
import { commonError } from '../lib/errors.common';
import { statusOf } from './error-status';

export interface ErrorBody {
  error: {
    code: string;
    message: { zh: string; en: string };
    field?: string;
    details?: Record<string, unknown>;
    requestId: string;
  };
}

function fieldOf(error: FastifyError): { field: string; reason: string } {
  const first = error.validation?.[0];
  if (!first) return { field: '/', reason: error.message };
  const params = first.params as Record<string, unknown>;
  let field = first.instancePath || '/';
  if (typeof params.missingProperty === 'string') field = `${first.instancePath}/${params.missingProperty}`;
  if (typeof params.additionalProperty === 'string')
    field = `${first.instancePath}/${params.additionalProperty}`;
  const where =
    error.validationContext && error.validationContext !== 'body' ? `${error.validationContext}:` : '';
  return { field: `${where}${field}`, reason: first.message ?? 'invalid' };
}

/** Maps any thrown error to a DomainError; unknown errors become INTERNAL_ERROR (and are logged). */
export function toDomainError(
  error: unknown,
  contentType?: string,
): { domain: DomainError; unexpected: boolean } {
  if (error instanceof DomainError) return { domain: error, unexpected: false };
  const fe = error as FastifyError;
  if (fe?.validation) {
    const { field, reason } = fieldOf(fe);
    return { domain: commonError('VALIDATION_FAILED', { field, reason }, { field }), unexpected: false };
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { domain: commonError('BODY_TOO_LARGE'), unexpected: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        domain: commonError('UNSUPPORTED_MEDIA_TYPE', { what: contentType ?? '' }),
        unexpected: false,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { domain: commonError('MALFORMED_BODY', { reason: fe.message }), unexpected: false };
  }
  if (fe?.statusCode === 400 && (fe instanceof SyntaxError || /JSON/i.test(fe.message ?? ''))) {
    return { domain: commonError('MALFORMED_BODY', { reason: 'invalid JSON' }), unexpected: false };
  }
  return { domain: commonError('INTERNAL_ERROR'), unexpected: true };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { domain, unexpected } = toDomainError(error, request.headers['content-type']);
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    const { field, ...details } = domain.details;
    const body: ErrorBody = {
      error: {
        code: domain.code,
        message: domain.messages,
        ...(field ? { field } : {}),
        ...(Object.keys(details).length ? { details } : {}),
        requestId: request.id,
      },
    };
    return reply.status(statusOf(domain.code)).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: {
        code: 'ROUTE_NOT_FOUND',
        message: commonError('ROUTE_NOT_FOUND', { what: `${request.method} ${request.url.split('?')[0]}` })
          .messages,
        requestId: request.id,
      },
    };
    return reply.status(404).send(body);
  });
}

import type { FastifyRequest } from 'fastify';

/** Whether the client asked for JSON (`Accept: application/json`) rather than the XML default. */
export function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

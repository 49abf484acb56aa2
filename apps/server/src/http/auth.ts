import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Store } from '../db/store';
import { authenticate, type Credential } from '../features/identity';
import { anonymousActor, can } from '../lib/actor';
import type { Clock } from '../lib/clock';
import { commonError } from '../lib/errors.common';

/** Reads `Authorization: Bearer <session token>`, `Authorization: ApiKey <key>` or `X-Api-Key`. */
export function credentialOf(request: FastifyRequest): Credential | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, value] = header.split(' ', 2);
    if (value && scheme?.toLowerCase() === 'bearer') {
      return value.startsWith('kak_') ? { kind: 'api_key', key: value } : { kind: 'session', token: value };
    }
    if (value && scheme?.toLowerCase() === 'apikey') return { kind: 'api_key', key: value };
  }
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return { kind: 'api_key', key: apiKey };
  return undefined;
}

/**
 * Resolves the actor of every request and enforces the route's declared permission before the
 * handler runs. A route without a declaration is refused here too (and fails the route test).
 */
export function installAuth(app: FastifyInstance, deps: { store: Store; clock: Clock }): void {
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = anonymousActor(request.id);
    const permission = request.routeOptions.config?.permission;
    const credential = credentialOf(request);
    if (credential) {
      request.actor = await authenticate(
        { identity: deps.store.repos.identity, clock: deps.clock },
        { credential, requestId: request.id },
      );
    }
    if (permission === 'public') return;
    if (request.is404) return;
    if (permission === undefined) throw commonError('FORBIDDEN', { permission: 'undeclared' });
    if (!credential) throw commonError('UNAUTHENTICATED');
    if (!can(request.actor, permission)) throw commonError('FORBIDDEN', { permission });
  });
}

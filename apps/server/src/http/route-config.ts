import type { Permission } from '@kouan/domain/access/permissions';
import type { Actor } from '../lib/actor';

/** What every route must declare: the permission it needs, or that it is public. */
export type RoutePermission = Permission | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly permission: RoutePermission | undefined;
}

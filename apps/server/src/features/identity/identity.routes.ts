import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { credentialOf } from '../../http/auth';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { login, logout } from '.';
import { apiKeysRoutes } from './api-keys.routes';
import { LoginBody, LoginResponse, MeResponse } from './identity.schemas';

/** Sessions (login, logout, who am I); then the API keys. */
export function identityRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['identity'],
          summary: '登录 / Password login',
          body: LoginBody,
          response: { 200: LoginResponse, ...errorResponses },
        },
      },
      async (request) => {
        const result = await login(
          { store: deps.store, clock: deps.clock, sessionTtlSeconds: deps.config.sessionTtlSeconds },
          { ...request.body, requestId: request.id },
        );
        return {
          ...result,
          expiresAt: result.expiresAt.toISOString(),
          user: { ...result.user, roles: [...result.user.roles] },
        };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { permission: 'session:self' },
        schema: {
          tags: ['identity'],
          summary: '退出登录 / Log out',
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await logout(deps, request.actor, credentialOf(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/me',
      {
        config: { permission: 'session:self' },
        schema: {
          tags: ['identity'],
          summary: '当前身份 / Who am I',
          response: { 200: MeResponse, ...errorResponses },
        },
      },
      async (request) => {
        const a = request.actor;
        return {
          actorType: a.type,
          id: a.id,
          displayName: a.displayName,
          organisationId: a.orgId,
          organisationKind: a.orgKind,
          department: a.department,
          roles: [...a.roles],
          permissions: [...a.permissions].sort(),
          scope: { ...a.scope },
        };
      },
    );
    await app.register(apiKeysRoutes(deps));
  };
}

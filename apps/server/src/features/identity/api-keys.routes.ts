import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { createApiKey, findApiKeys, revokeApiKey } from '.';
import { ApiKeyView, CreateApiKeyBody, CreatedApiKey } from './identity.schemas';

/** An enterprise's API keys: list, issue (shown once), revoke. */
export function apiKeysRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/api-keys',
      {
        config: { permission: 'apikeys:manage' },
        schema: {
          tags: ['identity'],
          summary: '本企业 API 密钥 / API keys of my enterprise',
          response: { 200: Type.Array(ApiKeyView), ...errorResponses },
        },
      },
      async (request) =>
        (await findApiKeys(deps, request.actor)).map((k) => ({
          ...k,
          createdAt: k.createdAt.toISOString(),
          revokedAt: k.revokedAt?.toISOString() ?? null,
        })),
    );

    app.post(
      '/api/api-keys',
      {
        config: { permission: 'apikeys:manage' },
        schema: {
          tags: ['identity'],
          summary: '签发 API 密钥（仅显示一次）/ Issue an API key (shown once)',
          body: CreateApiKeyBody,
          response: { 201: CreatedApiKey, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createApiKey(deps, request.actor, request.body)),
    );

    app.delete(
      '/api/api-keys/:id',
      {
        config: { permission: 'apikeys:manage' },
        schema: {
          tags: ['identity'],
          summary: '吊销 API 密钥 / Revoke an API key',
          params: Type.Object({ id: Type.String() }),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await revokeApiKey(deps, request.actor, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}

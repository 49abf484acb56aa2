import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { createZone, findZones } from '.';
import { ZoneInputSchema, ZoneSchema } from './parties.schemas';

const tags = ['parties'];

/** Market cluster zones: the public list, and publishing one. */
export function zonesRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/public/zones',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['public'],
          summary: '市场集聚区（公开）/ Market cluster zones (public)',
          querystring: Type.Object({
            effectiveOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          }),
          response: { 200: Type.Array(ZoneSchema), ...errorResponses },
        },
      },
      async (request) => findZones(deps, request.query),
    );

    app.post(
      '/api/zones',
      {
        config: { permission: 'zones:manage' },
        schema: {
          tags,
          summary: '发布市场集聚区 / Publish a market cluster zone',
          body: ZoneInputSchema,
          response: { 201: ZoneSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await createZone(deps, request.actor, request.body)),
    );
  };
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, page } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { changePartyStatus, fileParties, findParties, getParty } from '.';
import {
  FilePartiesBody,
  FindPartiesQuery,
  PartyDetailSchema,
  PartyIdParams,
  PartyViewSchema,
  StatusBody,
} from './parties.schemas';
import { recognitionRoutes } from './recognition.routes';
import { zonesRoutes } from './zones.routes';

const tags = ['parties'];

/** Parties: filing, search, detail and status; then their recognition and the zones. */
export function partiesRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/parties',
      {
        config: { permission: 'parties:file' },
        schema: {
          tags,
          summary: '主体备案（批量，全部成功或全部失败）/ File parties (all or nothing)',
          body: FilePartiesBody,
          response: { 201: Type.Object({ items: Type.Array(PartyViewSchema) }), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ items: await fileParties(deps, request.actor, request.body) }),
    );

    app.get(
      '/api/parties',
      {
        config: { permission: 'parties:read' },
        schema: {
          tags,
          summary: '主体查询 / Search parties',
          querystring: FindPartiesQuery,
          response: { 200: page(PartyViewSchema), ...errorResponses },
        },
      },
      async (request) => findParties(deps, request.actor, request.query),
    );

    app.get(
      '/api/parties/:id',
      {
        config: { permission: 'parties:read' },
        schema: {
          tags,
          summary: '主体详情与历史 / A party with its history',
          params: PartyIdParams,
          response: { 200: PartyDetailSchema, ...errorResponses },
        },
      },
      async (request) => getParty(deps, request.actor, request.params.id),
    );

    app.post(
      '/api/parties/:id/status',
      {
        config: { permission: 'parties:status:change' },
        schema: {
          tags,
          summary: '暂停 / 恢复 / 撤销 / Suspend, reinstate or revoke',
          params: PartyIdParams,
          body: StatusBody,
          response: { 200: PartyViewSchema, ...errorResponses },
        },
      },
      async (request) =>
        changePartyStatus(deps, request.actor, { partyId: request.params.id, ...request.body }),
    );
    await app.register(recognitionRoutes(deps));
    await app.register(zonesRoutes(deps));
  };
}

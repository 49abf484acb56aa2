import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, page } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import {
  applyRecognition,
  changePartyStatus,
  createZone,
  decideRecognition,
  fileParties,
  findParties,
  findZones,
  getParty,
} from '.';
import {
  ApplyRecognitionBody,
  DecideRecognitionBody,
  FilePartiesBody,
  FindPartiesQuery,
  PartyDetailSchema,
  PartyIdParams,
  PartyViewSchema,
  StatusBody,
  ZoneInputSchema,
  ZoneSchema,
} from './parties.schemas';

const tags = ['parties'];

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

    app.post(
      '/api/parties/:id/recognition',
      {
        config: { permission: 'parties:recognition:apply' },
        schema: {
          tags,
          summary: '申请认定 / Apply for recognition',
          params: PartyIdParams,
          body: ApplyRecognitionBody,
          response: { 200: PartyViewSchema, ...errorResponses },
        },
      },
      async (request) =>
        applyRecognition(deps, request.actor, { partyId: request.params.id, ...request.body }),
    );

    app.post(
      '/api/parties/:id/recognition/decision',
      {
        config: { permission: 'parties:recognition:decide' },
        schema: {
          tags,
          summary: '认定审核 / Decide a recognition',
          params: PartyIdParams,
          body: DecideRecognitionBody,
          response: { 200: PartyViewSchema, ...errorResponses },
        },
      },
      async (request) =>
        decideRecognition(deps, request.actor, { partyId: request.params.id, ...request.body }),
    );

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

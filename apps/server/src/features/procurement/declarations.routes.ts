import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { findDeclarations, generateDeclarations, getDeclaration, printDeclaration, recordClearance } from '.';
import * as D from './declarations.schemas';
import * as S from './procurement.schemas';

const tags = ['procurement'];

/** Declarations (generation, JSON, print) and clearance. */
export function declarationsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/procurement/containers/:id/declarations',
      {
        config: { permission: 'procurement:declare' },
        schema: {
          tags,
          summary: '生成报关单（≤15万美元自动拆分、简化申报）/ Generate the declarations of a container',
          params: S.IdParams,
          body: D.GenerateInput,
          response: { 201: Type.Object({ items: Type.Array(D.DeclarationSchema) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const rows = await generateDeclarations(deps, request.actor, {
          containerId: request.params.id,
          ...request.body,
        });
        const items = [];
        for (const row of rows) items.push(await getDeclaration(deps, request.actor, row.id));
        return reply.status(201).send({ items });
      },
    );

    app.get(
      '/api/procurement/declarations',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '报关单查询 / Declarations',
          querystring: Type.Object({
            status: Type.Optional(D.DeclarationStatusSchema),
            partyId: Type.Optional(Type.String({ maxLength: 64 })),
            ...S.PageQuery,
          }),
          response: { 200: S.pageOf(D.DeclarationSummarySchema), ...errorResponses },
        },
      },
      async (request) => findDeclarations(deps, request.actor, request.query),
    );

    app.get(
      '/api/procurement/declarations/:id',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '报关单（JSON）/ A declaration',
          params: S.IdParams,
          response: { 200: D.DeclarationSchema, ...errorResponses },
        },
      },
      async (request) => getDeclaration(deps, request.actor, request.params.id),
    );

    app.get(
      '/api/procurement/declarations/:id/print',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '报关单打印页（HTML）/ Printable declaration (HTML)',
          params: S.IdParams,
          produces: ['text/html'],
          response: { 200: Type.String(), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(await printDeclaration(deps, request.actor, request.params.id)),
    );

    app.post(
      '/api/procurement/declarations/:id/clearance',
      {
        config: { permission: 'procurement:clear' },
        schema: {
          tags,
          summary: '通关：申报 / 查验 / 放行 / 退单 / Record clearance',
          params: S.IdParams,
          body: D.ClearanceInput,
          response: {
            200: Type.Object({
              declarationId: Type.String(),
              status: D.DeclarationStatusSchema,
              customsEntryNo: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) =>
        recordClearance(deps, request.actor, { declarationId: request.params.id, ...request.body }),
    );
  };
}

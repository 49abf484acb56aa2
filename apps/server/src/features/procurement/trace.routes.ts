import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { traceDeclaration, traceParty } from '.';
import * as D from './declarations.schemas';
import * as S from './procurement.schemas';

const tags = ['procurement'];

/** Traceability (案件追溯): by declaration and by party. */
export function traceRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/procurement/trace/declarations/:number',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '按报关单追溯 / Trace a declaration (by platform or customs number)',
          params: Type.Object({ number: Type.String({ minLength: 1, maxLength: 32 }) }),
          response: { 200: D.TraceSchema, ...errorResponses },
        },
      },
      async (request) => traceDeclaration(deps, request.actor, request.params.number),
    );

    app.get(
      '/api/procurement/trace/parties/:id',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '按主体追溯 / All declarations a party appears in',
          params: S.IdParams,
          querystring: Type.Object(S.PageQuery),
          response: { 200: D.PartyTraceSchema, ...errorResponses },
        },
      },
      async (request) => traceParty(deps, request.actor, { partyId: request.params.id, ...request.query }),
    );
  };
}

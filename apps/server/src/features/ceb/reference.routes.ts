import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { ReferenceLoadBody, ReferenceParams, ReferenceQuery } from './ceb.schemas';
import { findReference, loadReferenceCsv } from './reference-data';

const tags = ['ceb'];

/** The reference tables: the positive list and the tax rates. */
export function cebReferenceRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/ceb/reference/:table',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '正面清单 / 税率参数 / Positive list and tax rates',
          params: ReferenceParams,
          querystring: ReferenceQuery,
        },
      },
      async (request) => findReference(deps, { table: request.params.table, ...request.query }),
    );

    app.post(
      '/api/ceb/reference/:table',
      {
        config: { permission: 'ceb:reference:manage' },
        schema: {
          tags,
          summary: '导入正面清单或税率（CSV，按生效日期追加）/ Load the positive list or tax rates from CSV',
          params: ReferenceParams,
          body: ReferenceLoadBody,
          response: {
            201: Type.Object({ table: Type.String(), loaded: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await loadReferenceCsv(deps, request.actor, { table: request.params.table, ...request.body }),
          ),
    );
  };
}

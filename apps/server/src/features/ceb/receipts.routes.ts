import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { ReceiptsPage, ReceiptsQuery } from './ceb.schemas';
import { findReceipts } from './find-receipts';

const tags = ['ceb'];

/** Receipts addressed to the caller, pulled in id order. */
export function cebReceiptsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/ceb/receipts',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '回执拉取（按 id 递增或递减）/ Receipts addressed to you, after a receipt id',
          querystring: ReceiptsQuery,
          response: { 200: ReceiptsPage, ...errorResponses },
        },
      },
      async (request) => findReceipts(deps, request.actor, request.query),
    );
  };
}

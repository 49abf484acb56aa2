import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { OrderParams, OrderViewSchema } from './ceb.schemas';
import { getOrderView } from './get-order-view';

const tags = ['ceb'];

/** One order: its four documents with their receipts and status history. */
export function cebOrdersRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/ceb/orders/:ebpCode/:orderNo',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '订单、支付单、运单、清单四单视图及回执与状态历史 / The four documents of one order',
          params: OrderParams,
          response: { 200: OrderViewSchema, ...errorResponses },
        },
      },
      async (request) => getOrderView(deps, request.actor, request.params),
    );
  };
}

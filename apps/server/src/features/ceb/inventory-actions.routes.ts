import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/common.schemas';
import { actOnInventory } from './act-on-inventory';
import { ActionBody, InventoryParams, InventorySchema } from './ceb.schemas';
import type { CebIntakeDeps } from './submit-messages';

const tags = ['ceb'];

/** Customs actions on an inventory, with the intake's dependencies (they take the same set locks). */
export function cebInventoryActionsRoutes(ceb: CebIntakeDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/ceb/inventories/:invtNo/actions',
      {
        config: { permission: 'ceb:customs' },
        schema: {
          tags,
          summary: '海关处置：放行、查验、退单、结关、退运 / Customs: release, hold, reject, close, return',
          params: InventoryParams,
          body: ActionBody,
          response: { 200: InventorySchema, ...errorResponses },
        },
      },
      async (request) =>
        actOnInventory(ceb, request.actor, { invtNo: request.params.invtNo, ...request.body }),
    );
  };
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { FindInventoriesQuery, InventoryPage, InventoryParams } from './ceb.schemas';
import { findInventories } from './find-inventories';
import { getTaxBill } from './get-tax-bill';
import { wantsJson } from './wants-json';

const tags = ['ceb'];

/** Inventories: the search and the tax bill of one. */
export function cebInventoriesRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/ceb/inventories',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '清单查询（订单号、运单号、清单号、订购人、状态、日期）/ Search inventories',
          querystring: FindInventoriesQuery,
          response: { 200: InventoryPage, ...errorResponses },
        },
      },
      async (request) => findInventories(deps, request.actor, request.query),
    );

    app.get(
      '/api/ceb/inventories/:invtNo/tax',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '电子税单（CEB816）/ The tax bill of an accepted import inventory (CEB816)',
          description:
            'The tax assessed per line when the inventory was accepted (120), as the official CEB816Message (Tax → TaxHeadRd totals + one TaxListRd per line: taxPrice, customsTax, valueAddedTax, consumptionTax). XML by default; `Accept: application/json` answers `{ "CEB816Message": { guid, version, Tax: [{ TaxHeadRd, TaxListRd }] } }` with the same content. taxNo is `TAX` + invtNo; status 1 (generated), 3 (void: the inventory was rejected, returned or cancelled). 404 for an inventory the caller does not see or that was never accepted.',
          params: InventoryParams,
          produces: ['application/xml', 'application/json'],
          response: {
            200: Type.Unknown({
              description: 'CEB816Message as XML, or as JSON with Accept: application/json',
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const bill = await getTaxBill(deps, request.actor, request.params);
        if (wantsJson(request)) return reply.type('application/json').send(bill.json);
        return reply.type('application/xml; charset=utf-8').send(bill.xml);
      },
    );
  };
}

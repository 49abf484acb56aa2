import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { getBondedStock, recordBondedEntry } from './bonded-stock';
import { BondedEntryBody, BondedStockSchema, EmsParams } from './ceb.schemas';

const tags = ['ceb'];

/** Bonded account books: goods entering, and the stock. */
export function cebBondedStockRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/ceb/bonded-stock',
      {
        config: { permission: 'ceb:submit' },
        schema: {
          tags,
          summary: '保税仓入区备货（账册增加）/ Goods entering the bonded account book',
          body: BondedEntryBody,
          response: { 201: BondedStockSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordBondedEntry(deps, request.actor, request.body)),
    );

    app.get(
      '/api/ceb/bonded-stock/:emsNo',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '保税账册库存 / Bonded stock of an account book',
          params: EmsParams,
          response: { 200: BondedStockSchema, ...errorResponses },
        },
      },
      async (request) => getBondedStock(deps, request.params.emsNo),
    );
  };
}

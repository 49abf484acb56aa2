import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import {
  changeBadPurchaser,
  filePurchaser,
  findBadPurchasers,
  findProducts,
  findPurchaserFiles,
  listProduct,
  productView,
  purchaserFileView,
} from '.';
import * as S from './procurement.schemas';

const tags = ['procurement'];
const page = Type.Object(S.PageQuery);

/** Catalogue, purchaser files and the bad-purchaser list. */
export function catalogueRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/procurement/products',
      {
        config: { permission: 'procurement:catalogue' },
        schema: {
          tags,
          summary: '供货商商品登记 / List a product',
          body: S.ProductInput,
          response: { 201: S.ProductSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(productView(await listProduct(deps, request.actor, request.body))),
    );
    app.get(
      '/api/procurement/products',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '商品目录 / Products',
          querystring: Type.Object({
            supplierId: Type.Optional(Type.String({ maxLength: 64 })),
            ...S.PageQuery,
          }),
          response: { 200: S.pageOf(S.ProductSchema), ...errorResponses },
        },
      },
      async (request) => findProducts(deps, request.actor, request.query),
    );

    app.post(
      '/api/procurement/purchaser-files',
      {
        config: { permission: 'procurement:register' },
        schema: {
          tags,
          summary: '采购商档案（委托代理出口协议）/ File a purchaser',
          body: S.PurchaserFileInput,
          response: { 201: S.PurchaserFileSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(purchaserFileView(await filePurchaser(deps, request.actor, request.body))),
    );
    app.get(
      '/api/procurement/purchaser-files',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '采购商档案 / Purchaser files',
          querystring: page,
          response: { 200: S.pageOf(S.PurchaserFileSchema), ...errorResponses },
        },
      },
      async (request) => findPurchaserFiles(deps, request.actor, request.query),
    );

    app.post(
      '/api/procurement/bad-purchasers',
      {
        config: { permission: 'procurement:lists' },
        schema: {
          tags,
          summary: '不良采购商名单：列入 / 移出 / Add to or remove from the bad-purchaser list',
          body: S.BadPurchaserInput,
          response: {
            200: Type.Object({
              purchaserId: Type.String(),
              listed: Type.Boolean(),
              at: Type.String(),
              reason: Type.String(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const result = await changeBadPurchaser(deps, request.actor, request.body);
        return { ...result, at: result.at.toISOString() };
      },
    );
    app.get(
      '/api/procurement/bad-purchasers',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '不良采购商名单 / Bad-purchaser list',
          querystring: page,
          response: { 200: S.pageOf(S.BadPurchaserSchema), ...errorResponses },
        },
      },
      async (request) => findBadPurchasers(deps, request.actor, request.query),
    );
  };
}

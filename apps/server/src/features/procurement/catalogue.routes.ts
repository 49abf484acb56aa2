import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import {
  changeBadPurchaser,
  changeHsRule,
  filePurchaser,
  findBadPurchasers,
  findExchangeRates,
  findHsRules,
  findProducts,
  findPurchaserFiles,
  listProduct,
  productView,
  purchaserFileView,
  recordExchangeRate,
} from '.';
import * as S from './procurement.schemas';

const tags = ['procurement'];
const page = Type.Object(S.PageQuery);

/** Catalogue, purchaser files, the bad-purchaser list and reference data (rates, HS rules). */
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

    app.post(
      '/api/procurement/exchange-rates',
      {
        config: { permission: 'procurement:reference' },
        schema: {
          tags,
          summary: '维护汇率 / Record a dated exchange rate',
          body: S.RateInput,
          response: { 201: S.RateSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordExchangeRate(deps, request.actor, request.body)),
    );
    app.get(
      '/api/procurement/exchange-rates',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '汇率 / Exchange rates',
          querystring: Type.Object({ currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })) }),
          response: { 200: Type.Array(S.RateSchema), ...errorResponses },
        },
      },
      async (request) => findExchangeRates(deps, request.query),
    );

    app.post(
      '/api/procurement/hs-rules',
      {
        config: { permission: 'procurement:reference' },
        schema: {
          tags,
          summary: '禁限类/出口关税/法检商品编码清单维护 / Change an HS rule list',
          body: S.HsRuleInput,
          response: { 200: Type.Array(S.HsRuleSchema), ...errorResponses },
        },
      },
      async (request) => (await changeHsRule(deps, request.actor, request.body)).map(hsRuleView),
    );
    app.get(
      '/api/procurement/hs-rules',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '商品编码规则 / HS rules in force',
          response: { 200: Type.Array(S.HsRuleSchema), ...errorResponses },
        },
      },
      async () => (await findHsRules(deps)).map(hsRuleView),
    );
  };
}

function hsRuleView(r: { hsPrefix: string; rule: string; reason: string; at: Date }) {
  return { hsPrefix: r.hsPrefix, rule: r.rule, reason: r.reason, at: r.at.toISOString() };
}

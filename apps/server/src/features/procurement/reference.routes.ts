import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { changeHsRule, findExchangeRates, findHsRules, recordExchangeRate } from '.';
import * as S from './procurement.schemas';

const tags = ['procurement'];

/** Reference data kept by customs while running: dated exchange rates and HS rule lists. */
export function referenceRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
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

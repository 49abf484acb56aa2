import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, page } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { findRecognisedOperators, getDashboard } from '.';
import { DashboardSummarySchema, OperatorsQuery, RecognisedOperatorSchema } from './dashboard.schemas';

export function dashboardRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/dashboard/summary',
      {
        config: { permission: 'dashboard:read' },
        schema: {
          tags: ['dashboard'],
          summary: '监管驾驶舱汇总 / Dashboard volumes (today, this month)',
          response: { 200: DashboardSummarySchema, ...errorResponses },
        },
      },
      async (request) => getDashboard(deps, request.actor),
    );

    app.get(
      '/api/public/operators',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['public'],
          summary: '已认定的市场采购贸易经营者（公开）/ Recognised operators (public)',
          querystring: OperatorsQuery,
          response: { 200: page(RecognisedOperatorSchema), ...errorResponses },
        },
      },
      async (request) => findRecognisedOperators(deps, request.query),
    );
  };
}

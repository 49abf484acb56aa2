import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import {
  containerView,
  findContainers,
  findTransactions,
  getTransaction,
  packContainer,
  registerTransaction,
  registerTransactions,
  transactionView,
} from '.';
import * as F from './flow.schemas';
import * as S from './procurement.schemas';

const tags = ['procurement'];

/** Transaction registration (交易登记) and consolidation (组货拼箱). */
export function transactionsRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/procurement/transactions',
      {
        config: { permission: 'procurement:register' },
        schema: {
          tags,
          summary: '交易登记 / Register a transaction',
          headers: F.IdempotencyHeaders,
          body: F.TransactionInputSchema,
          response: { 201: F.TransactionSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          transactionView(
            await registerTransaction(deps, request.actor, request.body, {
              idempotencyKey: request.headers['idempotency-key'],
            }),
          ),
        ),
    );

    app.post(
      '/api/procurement/transactions/batch',
      {
        config: { permission: 'procurement:register' },
        schema: {
          tags,
          summary: '批量交易登记（全部成功或全部失败）/ Register transactions (all or nothing)',
          headers: F.IdempotencyHeaders,
          body: F.TransactionBatchInput,
          response: { 201: Type.Object({ items: Type.Array(F.TransactionSchema) }), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send({
          items: (
            await registerTransactions(deps, request.actor, request.body, '/transactions', {
              idempotencyKey: request.headers['idempotency-key'],
            })
          ).map(transactionView),
        }),
    );

    app.get(
      '/api/procurement/transactions',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '交易查询 / Transactions',
          querystring: F.TransactionQuery,
          response: { 200: S.pageOf(F.TransactionSchema), ...errorResponses },
        },
      },
      async (request) => findTransactions(deps, request.actor, request.query),
    );

    app.get(
      '/api/procurement/transactions/:id',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '交易详情 / A transaction with lines, attachments and history',
          params: S.IdParams,
          response: { 200: F.TransactionDetailSchema, ...errorResponses },
        },
      },
      async (request) => getTransaction(deps, request.actor, request.params.id),
    );

    app.post(
      '/api/procurement/containers',
      {
        config: { permission: 'procurement:consolidate' },
        schema: {
          tags,
          summary: '组货拼箱 / Pack a container',
          body: F.ContainerInput,
          response: { 201: F.ContainerSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { container, packing } = await packContainer(deps, request.actor, request.body);
        return reply.status(201).send(containerView(container, packing));
      },
    );

    app.get(
      '/api/procurement/containers',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '集装箱 / Containers',
          querystring: Type.Object(S.PageQuery),
          response: { 200: S.pageOf(F.ContainerSchema), ...errorResponses },
        },
      },
      async (request) => findContainers(deps, request.actor, request.query),
    );
  };
}

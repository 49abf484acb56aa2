import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { declareVatFiling, findVatFilings, fxReport, generateVatFilings, recordFxCollection } from '.';
import * as D from './declarations.schemas';
import * as S from './procurement.schemas';

const tags = ['procurement'];

/** FX collection (收结汇) and VAT exemption (免税申报). */
export function settlementRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/procurement/fx-collections',
      {
        config: { permission: 'procurement:fx' },
        schema: {
          tags,
          summary: '收汇登记 / Record an FX credit',
          body: D.FxInput,
          response: { 201: D.FxSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const row = await recordFxCollection(deps, request.actor, request.body);
        return reply.status(201).send({
          id: row.id,
          declarationId: row.declaration_id,
          transactionId: row.transaction_id,
          bankReference: row.bank_reference,
          payerRole: row.payer_role,
          amount: row.amount,
          currency: row.currency,
          amountUsd: row.amount_usd,
          expectedUsd: row.expected_usd,
          overCollected: row.over_collected,
          creditedOn: row.credited_on,
        });
      },
    );

    app.get(
      '/api/procurement/fx/report',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '收汇情况（已收/未收/逾期）/ FX collected, outstanding, overdue',
          querystring: Type.Object({
            partyId: Type.Optional(Type.String({ maxLength: 64 })),
            declarationId: Type.Optional(Type.String({ maxLength: 64 })),
          }),
          response: { 200: D.FxReportSchema, ...errorResponses },
        },
      },
      async (request) => fxReport(deps, request.actor, request.query),
    );

    app.post(
      '/api/procurement/vat-filings/generate',
      {
        config: { permission: 'procurement:vat' },
        schema: {
          tags,
          summary: '生成免税申报（上月放行的报关单）/ Generate VAT-exemption filings for a month',
          body: Type.Object(
            {
              month: Type.String({
                pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
                description: 'filing month; covers declarations released in the month before',
              }),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ items: Type.Array(D.VatFilingSchema) }), ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ items: await generateVatFilings(deps, request.actor, request.body) }),
    );

    app.post(
      '/api/procurement/vat-filings/:id/declare',
      {
        config: { permission: 'procurement:vat' },
        schema: {
          tags,
          summary: '免税申报 / Declare a VAT-exemption filing',
          params: S.IdParams,
          response: { 200: D.VatFilingSchema, ...errorResponses },
        },
      },
      async (request) => declareVatFiling(deps, request.actor, { filingId: request.params.id }),
    );

    app.get(
      '/api/procurement/vat-filings',
      {
        config: { permission: 'procurement:read' },
        schema: {
          tags,
          summary: '免税申报查询（含逾期标记）/ VAT-exemption filings',
          querystring: Type.Object({
            period: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })),
            supplierId: Type.Optional(Type.String({ maxLength: 64 })),
            ...S.PageQuery,
          }),
          response: { 200: S.pageOf(D.VatFilingSchema), ...errorResponses },
        },
      },
      async (request) => findVatFilings(deps, request.actor, request.query),
    );
  };
}

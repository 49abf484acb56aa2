import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { actOnInventory } from './act-on-inventory';
import { getBondedStock, recordBondedEntry } from './bonded-stock';
import {
  ActionBody,
  BondedEntryBody,
  BondedStockSchema,
  EmsParams,
  FindInventoriesQuery,
  InventoryPage,
  InventoryParams,
  InventorySchema,
  OrderParams,
  OrderViewSchema,
  ReceiptsPage,
  ReceiptsQuery,
  ReferenceLoadBody,
  ReferenceParams,
  ReferenceQuery,
  SubmitQuery,
} from './ceb.schemas';
import { findInventories } from './find-inventories';
import { findReceipts } from './find-receipts';
import { getOrderView } from './get-order-view';
import { getTaxBill } from './get-tax-bill';
import type { CebIntakeService } from './intake-service';
import { findReference, loadReferenceCsv } from './reference-data';
import type { CebSubmissionResult } from './submit-messages';

const tags = ['ceb'];
const XML_TYPES = ['application/xml', 'text/xml'];

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function answer(request: FastifyRequest, reply: FastifyReply, result: CebSubmissionResult) {
  const status = result.outcome === 'format_error' ? 400 : 200;
  if (wantsJson(request)) return reply.status(status).type('application/json').send(result.json);
  return reply.status(status).type('application/xml; charset=utf-8').send(result.xml);
}

/** POST /api/ceb/messages: the raw body (bytes, so GBK and BOMs survive) in XML, DxpMsg or JSON. */
export function cebIntakeRoutes(intake: CebIntakeService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser([...XML_TYPES, 'application/json'], { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    app.post(
      '/api/ceb/messages',
      {
        config: { permission: 'ceb:submit' },
        schema: {
          tags,
          summary: '提交 CEB 报文（XML / DxpMsg / JSON），返回回执 / Submit a CEB message, get its receipt',
          description:
            'Body: the CEB message as XML (UTF-8 with or without BOM, or GB2312/GBK as declared), wrapped in a DxpMsg envelope, or JSON with the same element names. `Accept: application/json` answers with the receipt as JSON, otherwise XML. A format failure answers 400 with a CEB900 receipt listing every violation. `?dryRun=true` runs every check, stores nothing and answers with a diagnostic report (JSON).',
          querystring: SubmitQuery,
          response: {
            200: Type.Unknown({ description: 'the receipt (XML or JSON), or the dry-run report (JSON)' }),
            400: Type.Unknown({ description: 'CEB900 format-check receipt, or a request error' }),
            401: errorResponses[401],
            403: errorResponses[403],
            413: errorResponses[413],
          },
        },
      },
      async (request, reply) => {
        const body = request.body as Buffer | undefined;
        const contentType = request.headers['content-type'] ?? '';
        const format = contentType.includes('json') ? 'json' : 'xml';
        const item = { actor: request.actor, body: new Uint8Array(body ?? Buffer.alloc(0)), format } as const;
        if (request.query.dryRun) {
          const report = await intake.dryRun(item);
          return reply.status(200).type('application/json').send(report);
        }
        return answer(request, reply, await intake.submit(item));
      },
    );
  };
}

export function cebRoutes(deps: AppDeps, intake: CebIntakeService): FastifyPluginAsyncTypebox {
  const ceb = intake.deps;
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

    app.get(
      '/api/ceb/receipts',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '回执拉取（按 id 递增）/ Receipts addressed to you, after a receipt id',
          querystring: ReceiptsQuery,
          response: { 200: ReceiptsPage, ...errorResponses },
        },
      },
      async (request) => findReceipts(deps, request.actor, request.query),
    );

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

    app.get(
      '/api/ceb/reference/:table',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '正面清单 / 税率参数 / Positive list and tax rates',
          params: ReferenceParams,
          querystring: ReferenceQuery,
        },
      },
      async (request) => findReference(deps, { table: request.params.table, ...request.query }),
    );

    app.post(
      '/api/ceb/reference/:table',
      {
        config: { permission: 'ceb:reference:manage' },
        schema: {
          tags,
          summary: '导入正面清单或税率（CSV，按生效日期追加）/ Load the positive list or tax rates from CSV',
          params: ReferenceParams,
          body: ReferenceLoadBody,
          response: {
            201: Type.Object({ table: Type.String(), loaded: Type.Integer() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await loadReferenceCsv(deps, request.actor, { table: request.params.table, ...request.body }),
          ),
    );

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

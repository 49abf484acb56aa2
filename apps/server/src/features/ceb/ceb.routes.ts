import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { cebBondedStockRoutes } from './bonded-stock.routes';
import { SubmitQuery } from './ceb.schemas';
import type { CebIntakeService } from './intake-service';
import { cebInventoriesRoutes } from './inventories.routes';
import { cebInventoryActionsRoutes } from './inventory-actions.routes';
import { cebMessagesRoutes } from './messages.routes';
import { cebOrdersRoutes } from './orders.routes';
import { cebReceiptsRoutes } from './receipts.routes';
import { cebReferenceRoutes } from './reference.routes';
import type { CebSubmissionResult } from './submit-messages';
import { wantsJson } from './wants-json';

const tags = ['ceb'];
const XML_TYPES = ['application/xml', 'text/xml'];

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

/** The CEB routes other than the intake, one file per sub-resource, registered in this order. */
export function cebRoutes(deps: AppDeps, intake: CebIntakeService): FastifyPluginAsyncTypebox {
  const ceb = intake.deps;
  return async (app) => {
    await app.register(cebInventoriesRoutes(deps));
    await app.register(cebOrdersRoutes(deps));
    await app.register(cebMessagesRoutes(deps));
    await app.register(cebReceiptsRoutes(deps));
    await app.register(cebInventoryActionsRoutes(ceb));
    await app.register(cebReferenceRoutes(deps));
    await app.register(cebBondedStockRoutes(deps));
  };
}

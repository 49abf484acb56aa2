import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { MessageParams } from './ceb.schemas';
import { getOriginalMessage } from './get-original-message';

const tags = ['ceb'];

/** One message exactly as received (the bytes its signature covers). */
export function cebMessagesRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/ceb/messages/:id/original',
      {
        config: { permission: 'ceb:read' },
        schema: {
          tags,
          summary: '下载原始报文 / The message exactly as its sender sent it',
          description:
            'The stored bytes of an accepted message, unchanged (XML or JSON as sent), checked before they are returned against the SHA-256 that the evidence ledger committed to when the message was accepted (`x-kouan-body-sha256`; `x-kouan-evidence-index` names that ledger entry, whose evidence package proves it). The body holds personal information in clear: only the sending enterprise and regulators allowed to see it unmasked (pii:unmasked) may download it (403 CEB_ORIGINAL_UNMASKED_ONLY for other regulators); another enterprise gets 404. Every download is audited (ceb.message.original.read). Bytes that no longer match give 500 CEB_ORIGINAL_ALTERED and are not returned.',
          params: MessageParams,
          produces: ['application/xml', 'application/json'],
          response: {
            200: Type.Unknown({ description: 'the message body as received' }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const original = await getOriginalMessage(deps, request.actor, request.params.id);
        reply.header('x-kouan-body-sha256', original.sha256);
        if (original.evidenceIndex !== null)
          reply.header('x-kouan-evidence-index', String(original.evidenceIndex));
        // The guid is the sender's: only safe characters go into the header.
        const name = `${original.messageType}-${original.guid}`.replace(/[^A-Za-z0-9_-]/g, '_');
        reply.header('content-disposition', `attachment; filename="${name}.${original.format}"`);
        reply.header('cache-control', 'no-store');
        // No charset for XML: the bytes are as sent (GBK stays GBK) and declare their own encoding.
        return reply
          .type(original.format === 'xml' ? 'application/xml' : 'application/json; charset=utf-8')
          .send(original.body);
      },
    );
  };
}

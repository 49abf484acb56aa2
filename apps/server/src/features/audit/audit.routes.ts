import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { findAudit } from './find-audit';

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  requestId: Type.String(),
  actorType: Type.String(),
  actorId: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: '审计日志 / Audit log (newest first)',
          querystring: Type.Object(
            {
              targetType: Type.Optional(Type.String({ maxLength: 64 })),
              targetId: Type.Optional(Type.String({ maxLength: 64 })),
              action: Type.Optional(Type.String({ maxLength: 64 })),
              beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(AuditEntrySchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const items = await findAudit(deps, request.actor, request.query);
        return { items: items.map((e) => ({ ...e, at: e.at.toISOString() })) };
      },
    );
  };
}

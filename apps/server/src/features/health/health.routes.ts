import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../http/deps';
import { SOFTWARE_VERSION } from '../../lib/version';
import { getTreeSize } from '../evidence';

export function healthRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['public'],
          summary: '健康检查 / Health',
          response: {
            200: Type.Object({
              status: Type.Literal('ok'),
              version: Type.String(),
              database: Type.String(),
              evidenceTreeSize: Type.Integer(),
            }),
          },
        },
      },
      async () => ({
        status: 'ok' as const,
        version: SOFTWARE_VERSION,
        database: deps.databaseKind,
        evidenceTreeSize: await getTreeSize(deps),
      }),
    );
  };
}

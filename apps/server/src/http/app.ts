import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { auditRoutes } from '../features/audit/audit.routes';
import { cebIntakeDeps, cebIntakeRoutes, cebRoutes, createCebIntakeService } from '../features/ceb';
import { evidenceRoutes } from '../features/evidence/evidence.routes';
import { healthRoutes } from '../features/health/health.routes';
import { identityRoutes } from '../features/identity/identity.routes';
import { certificatesRoutes } from '../features/parties/certificates.routes';
import { partiesRoutes } from '../features/parties/parties.routes';
import { newId } from '../lib/ids';
import { SOFTWARE_VERSION } from '../lib/version';
import { installAuth } from './auth';
import type { AppDeps } from './deps';
import { installErrorHandler } from './error-handler';
import type { RegisteredRoute } from './route-config';

export interface BuiltApp {
  readonly app: FastifyInstance;
  /** Every route with its declared permission (the route test walks this). */
  readonly routes: readonly RegisteredRoute[];
}

/** Routes under these prefixes are served by plugins (API docs) and are public by declaration here. */
const PUBLIC_PLUGIN_PREFIXES = ['/docs'];

export async function buildApp(
  deps: AppDeps,
  options: { logger?: boolean; logStream?: NodeJS.WritableStream } = {},
): Promise<BuiltApp> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            // Never log query strings (they may carry identifiers) or headers (credentials).
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({
                method: req.method,
                path: req.url.split('?')[0],
                id: req.id,
              }),
            },
          },
    genReqId: () => newId('req'),
    requestIdHeader: false,
    bodyLimit: deps.config.bodyLimitBytes,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (
      route.config?.permission === undefined &&
      PUBLIC_PLUGIN_PREFIXES.some((p) => route.url.startsWith(p))
    ) {
      route.config = { ...route.config, permission: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routes.push({ method, url: route.url, permission: route.config?.permission });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) deps.afterWrite();
  });

  installErrorHandler(app);
  installAuth(app, { store: deps.store, clock: deps.clock });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kouan (口岸) API',
        version: SOFTWARE_VERSION,
        description:
          'Cross-border trade supervision and service platform. Authenticate with `Authorization: Bearer <session token>` (from /api/auth/login) or `X-Api-Key: <key>` for enterprise systems. Errors always have the shape `{ error: { code, message: { zh, en }, field?, requestId } }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes(deps));
  await app.register(identityRoutes(deps));
  await app.register(partiesRoutes(deps));
  await app.register(certificatesRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(evidenceRoutes(deps));
  const cebIntake = deps.cebIntake ?? createCebIntakeService(cebIntakeDeps(deps));
  await app.register(cebIntakeRoutes(cebIntake));
  await app.register(cebRoutes(deps, cebIntake));
  await app.ready();
  return { app, routes };
}

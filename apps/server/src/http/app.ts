import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { auditRoutes } from '../features/audit/audit.routes';
import { cebIntakeDeps, cebIntakeRoutes, cebRoutes, createCebIntakeService } from '../features/ceb';
import { dashboardRoutes } from '../features/dashboard/dashboard.routes';
import { evidenceRoutes } from '../features/evidence/evidence.routes';
import { healthRoutes } from '../features/health/health.routes';
import { identityRoutes } from '../features/identity/identity.routes';
import { certificatesRoutes } from '../features/parties/certificates.routes';
import { partiesRoutes } from '../features/parties/parties.routes';
import { catalogueRoutes } from '../features/procurement/catalogue.routes';
import { declarationsRoutes } from '../features/procurement/declarations.routes';
import { referenceRoutes } from '../features/procurement/reference.routes';
import { settlementRoutes } from '../features/procurement/settlement.routes';
import { traceRoutes } from '../features/procurement/trace.routes';
import { transactionsRoutes } from '../features/procurement/transactions.routes';
import { commonError } from '../lib/errors.common';
import { newId } from '../lib/ids';
import { SOFTWARE_VERSION } from '../lib/version';
import { installAuth } from './auth';
import { installConsole } from './console-static';
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

/**
 * An error for the log: its type, message, code and stack, and the same of its cause. Not its other
 * fields: a database driver's error carries the failed statement's `query` and bound `params`.
 */
export function serializeError(error: Error): {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
} {
  const code = (error as { code?: unknown }).code;
  const cause = error.cause;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack ?? '',
    ...(cause instanceof Error
      ? { cause: serializeError(cause) }
      : cause !== undefined
        ? { cause: String(cause) }
        : {}),
  };
}

type ParameterSchema = { properties?: Record<string, { type?: unknown }> } | undefined;

const invalidParameter = (field: string, reason: string, reasonZh: string) =>
  commonError('VALIDATION_FAILED', { field, reason, reasonZh }, { field });

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The JSON pointer of the first string in a parsed body that holds a control character, if any. */
function controlCharacterAt(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? path || '/' : undefined;
  if (value === null || typeof value !== 'object' || depth > 64 || Buffer.isBuffer(value)) return undefined;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const found = controlCharacterAt(inner, `${path}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Parameters the schema validator would let through to fail in the database or spoil a record: a NUL
 * (PostgreSQL text refuses it) and, for integer parameters, a number beyond 2^53 − 1 or an infinity
 * (the validator coerces `1e309` and `99999999999999999999` to numbers it accepts). Refused here with
 * 400, naming the parameter; and a control character in a JSON body's text.
 */
function refuseUnusableParameters(request: FastifyRequest): void {
  // A JSON body's text may not hold control characters (a NUL in a name, say): they cannot be stored
  // in PostgreSQL text, and no field of Kouan's means them. A raw body (a CEB message) is the
  // intake's own to check.
  const inBody = controlCharacterAt(request.body, '');
  if (inBody) {
    throw invalidParameter(inBody, 'contains a control character', '含有控制字符');
  }
  const schema = request.routeOptions.schema as { querystring?: unknown; params?: unknown } | undefined;
  const parts = [
    ['query', request.query, schema?.querystring],
    ['params', request.params, schema?.params],
  ] as const;
  for (const [part, values, partSchema] of parts) {
    const properties = (partSchema as ParameterSchema)?.properties ?? {};
    for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      const field = `${part}.${name}`;
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v !== 'string') continue;
        if (v.includes('\u0000'))
          throw invalidParameter(field, 'contains a NUL character', '含有空字符（NUL）');
        if (properties[name]?.type === 'integer' && v.trim() !== '' && !Number.isSafeInteger(Number(v))) {
          throw invalidParameter(
            field,
            `must be a whole number of at most ${Number.MAX_SAFE_INTEGER}`,
            `须为不超过 ${Number.MAX_SAFE_INTEGER} 的整数`,
          );
        }
      }
    }
  }
}

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
            // Never log query strings (they may carry identifiers) or headers (credentials), nor a
            // database error's statement and parameters (a searched name or ID number).
            serializers: {
              err: serializeError,
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
  app.addHook('preValidation', async (request) => refuseUnusableParameters(request));
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
  await app.register(dashboardRoutes(deps));
  await app.register(catalogueRoutes(deps));
  await app.register(referenceRoutes(deps));
  await app.register(transactionsRoutes(deps));
  await app.register(declarationsRoutes(deps));
  await app.register(settlementRoutes(deps));
  const cebIntake = deps.cebIntake ?? createCebIntakeService(cebIntakeDeps(deps));
  await app.register(cebIntakeRoutes(cebIntake));
  await app.register(cebRoutes(deps, cebIntake));
  await app.register(traceRoutes(deps));
  await installConsole(app);
  await app.ready();
  return { app, routes };
}

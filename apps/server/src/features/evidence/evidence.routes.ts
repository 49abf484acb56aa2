import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { EntrySchema, Index } from './evidence.schemas';
import { publicEvidenceRoutes } from './public-evidence.routes';
import { findEntries, getEntry, getEvidencePackage, getInclusionProof, toEntryView } from './read-evidence';

const tags = ['evidence'];

/** Evidence entries, their proofs and packages; then the public routes. */
export function evidenceRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/evidence/entries',
      {
        config: { permission: 'evidence:read' },
        schema: {
          tags,
          summary: '存证条目 / Evidence entries (newest first)',
          querystring: Type.Object(
            {
              subjectType: Type.Optional(Type.String()),
              subjectId: Type.Optional(Type.String()),
              kind: Type.Optional(Type.String()),
              beforeIndex: Type.Optional(Type.Integer({ minimum: 0 })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(EntrySchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        items: (
          await findEntries(deps, request.actor, { ...request.query, limit: request.query.limit ?? 50 })
        ).map(toEntryView),
      }),
    );

    app.get(
      '/api/evidence/entries/:index',
      {
        config: { permission: 'evidence:read' },
        schema: {
          tags,
          summary: '一条存证及其元数据 / One entry with its metadata',
          params: Index,
          response: { 200: EntrySchema, ...errorResponses },
        },
      },
      async (request) => toEntryView(await getEntry(deps, request.actor, request.params.index)),
    );

    app.get(
      '/api/evidence/entries/:index/inclusion-proof',
      {
        config: { permission: 'evidence:read' },
        schema: {
          tags,
          summary: '包含证明 / Inclusion proof in a tree size',
          params: Index,
          querystring: Type.Object({ treeSize: Type.Integer({ minimum: 1 }) }),
          response: {
            200: Type.Object({
              leafIndex: Type.Integer(),
              treeSize: Type.Integer(),
              hashes: Type.Array(Type.String()),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const proof = await getInclusionProof(deps, request.actor, {
          index: request.params.index,
          treeSize: request.query.treeSize,
        });
        return {
          leafIndex: request.params.index,
          treeSize: request.query.treeSize,
          hashes: proof.map((h) => h.toString('base64')),
        };
      },
    );

    app.get(
      '/api/evidence/entries/:index/package',
      {
        config: { permission: 'evidence:read' },
        schema: {
          tags,
          summary: '存证包（可离线验证）/ Evidence package for offline verification',
          description:
            'The entry bytes, metadata, the document the entry commits to, an inclusion proof and the signed checkpoint it leads to. A document that holds personal information in clear (party.filed) is included only for readers allowed to see it unmasked (pii:unmasked); for others the package leaves it out and still verifies (the document check is then skipped).',
          params: Index,
          response: { 200: Type.Unknown(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const pkg = await getEvidencePackage(deps, request.actor, request.params.index);
        return reply
          .header('content-disposition', `attachment; filename="evidence-${request.params.index}.json"`)
          .send(pkg);
      },
    );
    await app.register(publicEvidenceRoutes(deps));
  };
}

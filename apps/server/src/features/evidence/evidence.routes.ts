import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { getCheckpoint, getLatestCheckpoint } from './get-checkpoint';
import {
  findEntries,
  getConsistencyProof,
  getEntry,
  getEvidencePackage,
  getInclusionProof,
  toEntryView,
} from './read-evidence';

const tags = ['evidence'];
const Index = Type.Object({ index: Type.Integer({ minimum: 0 }) });
const EntrySchema = Type.Object({
  index: Type.Integer(),
  kind: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  actorType: Type.String(),
  actorId: Type.String(),
  organisation: Type.Union([Type.String(), Type.Null()]),
  parties: Type.Array(Type.String()),
  recordedAt: Type.String(),
  softwareVersion: Type.String(),
  leafHash: Type.String(),
  contentHash: Type.String(),
  leafBase64: Type.String(),
});
const ProofSchema = Type.Object({ hashes: Type.Array(Type.String({ description: 'base64' })) });

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

    app.get(
      '/api/public/evidence/consistency-proof',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['public'],
          summary: '一致性证明 / Consistency proof between two tree sizes',
          querystring: Type.Object({
            oldSize: Type.Integer({ minimum: 1 }),
            newSize: Type.Integer({ minimum: 1 }),
          }),
          response: {
            200: Type.Object({ oldSize: Type.Integer(), newSize: Type.Integer(), ...ProofSchema.properties }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const proof = await getConsistencyProof(deps, request.query);
        return { ...request.query, hashes: proof.map((h) => h.toString('base64')) };
      },
    );

    app.get(
      '/api/public/evidence/checkpoint',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['public'],
          summary: '最新签名检查点（C2SP tlog-checkpoint）/ Latest signed checkpoint',
          response: { 200: Type.String(), ...errorResponses },
        },
      },
      async (_request, reply) => {
        const latest = await getLatestCheckpoint(deps);
        return reply.type('text/plain; charset=utf-8').send(latest.note);
      },
    );

    app.get(
      '/api/public/evidence/checkpoints/:treeSize',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['public'],
          summary: '指定大小的检查点 / A past checkpoint',
          params: Type.Object({ treeSize: Type.Integer({ minimum: 1 }) }),
          response: { 200: Type.String(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const checkpoint = await getCheckpoint(deps, request.params.treeSize);
        return reply.type('text/plain; charset=utf-8').send(checkpoint.note);
      },
    );

    app.get(
      '/api/public/evidence/public-key',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['public'],
          summary: '检查点验签公钥 / Checkpoint verification key',
          response: {
            200: Type.Object({
              verifierKey: Type.String(),
              algorithm: Type.String(),
              keyName: Type.String(),
              origin: Type.String(),
              publicKeyPem: Type.String(),
            }),
          },
        },
      },
      async () => ({
        verifierKey: deps.signer.verifierKey(),
        algorithm: deps.signer.algorithm,
        keyName: deps.signer.name,
        origin: deps.config.evidence.origin,
        publicKeyPem: deps.publicKeyPem,
      }),
    );
  };
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/common.schemas';
import type { AppDeps } from '../../http/deps';
import { ProofSchema } from './evidence.schemas';
import { getCheckpoint, getLatestCheckpoint } from './get-checkpoint';
import { getConsistencyProof } from './read-evidence';

/** What anyone may read to check the log: consistency proofs, checkpoints and the verification key. */
export function publicEvidenceRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
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
              retiredVerifierKeys: Type.Array(Type.String(), {
                description:
                  '轮换前的验签公钥，验证其签发的历史检查点 / keys retired by rotation: they verify the checkpoints they signed',
              }),
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
        retiredVerifierKeys: [...deps.config.evidence.retiredVerifierKeys],
      }),
    );
  };
}

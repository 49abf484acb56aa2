import { Type } from '@sinclair/typebox';

export const Index = Type.Object({ index: Type.Integer({ minimum: 0 }) });
export const EntrySchema = Type.Object({
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
export const ProofSchema = Type.Object({ hashes: Type.Array(Type.String({ description: 'base64' })) });

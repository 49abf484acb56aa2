import { Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/common.schemas';
import { PARTY_KINDS } from './party-kinds';

const Kind = Type.Union(
  PARTY_KINDS.map((k) => Type.Literal(k)),
  { description: 'party kind' },
);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PartyInputSchema = Type.Object(
  {
    kind: Kind,
    legalForm: Type.Union([Type.Literal('organisation'), Type.Literal('individual')]),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    usci: Type.Optional(Type.String({ maxLength: 32, description: '统一社会信用代码 GB 32100-2015' })),
    customsCode: Type.Optional(Type.String({ maxLength: 32, description: '海关注册编码 (10)' })),
    residentId: Type.Optional(Type.String({ maxLength: 32, description: '居民身份证号 GB 11643-1999' })),
    passport: Type.Optional(
      Type.Object(
        {
          number: Type.String({ minLength: 1, maxLength: 40 }),
          nationality: Type.String({ minLength: 2, maxLength: 3 }),
        },
        { additionalProperties: false },
      ),
    ),
    nationality: Type.Optional(
      Type.String({ minLength: 2, maxLength: 3, description: 'ISO 3166; absent = CN' }),
    ),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    zoneId: Type.Optional(Type.String({ maxLength: 64 })),
    stallNo: Type.Optional(Type.String({ maxLength: 64 })),
    districtCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  },
  { additionalProperties: false },
);

export const FilePartiesBody = Type.Object(
  {
    parties: Type.Array(PartyInputSchema, { minItems: 1, maxItems: 100 }),
    self: Type.Optional(Type.Boolean({ description: 'file the calling enterprise itself' })),
  },
  { additionalProperties: false },
);

export const PartyViewSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  legalForm: Type.String(),
  name: Type.String(),
  usci: Nullable(Type.String()),
  customsCode: Nullable(Type.String()),
  residentId: Nullable(Type.String()),
  passport: Type.Union([Type.Object({ number: Type.String(), nationality: Type.String() }), Type.Null()]),
  nationality: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  zoneId: Nullable(Type.String()),
  stallNo: Nullable(Type.String()),
  districtCode: Nullable(Type.String()),
  status: Type.String(),
  recognition: Nullable(Type.String()),
  filedByOrgId: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  masked: Type.Boolean(),
});

export const PartyDetailSchema = Type.Object({
  party: PartyViewSchema,
  history: Type.Array(
    Type.Object({
      at: Type.String(),
      action: Type.String(),
      actorType: Type.String(),
      actorId: Type.String(),
      orgId: Nullable(Type.String()),
      requestId: Type.String(),
      reason: Nullable(Type.String()),
      before: Type.Unknown(),
      after: Type.Unknown(),
    }),
  ),
  recognitions: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.String(),
      appliedAt: Type.String(),
      appliedBy: Type.String(),
      statement: Type.String(),
      decidedAt: Nullable(Type.String()),
      decidedBy: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
});

export const FindPartiesQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    identifier: Type.Optional(Type.String({ maxLength: 64 })),
    kind: Type.Optional(Kind),
    status: Type.Optional(
      Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('revoked')]),
    ),
    recognition: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('recognised'), Type.Literal('refused')]),
    ),
    zoneId: Type.Optional(Type.String({ maxLength: 64 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const PartyIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const StatusBody = Type.Object(
  {
    action: Type.Union([Type.Literal('suspend'), Type.Literal('reinstate'), Type.Literal('revoke')]),
    reason: Type.String({ minLength: 2, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const ApplyRecognitionBody = Type.Object(
  { statement: Type.String({ minLength: 2, maxLength: 4000, description: 'the application statement' }) },
  { additionalProperties: false },
);

export const DecideRecognitionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('recognise'), Type.Literal('refuse')]),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const ZoneInputSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{2,32}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    districtCode: Type.String({ pattern: '^[0-9]{6}$' }),
    districtName: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.String({ maxLength: 4000 }),
    effectiveFrom: DateString,
    effectiveTo: Type.Optional(Type.Union([DateString, Type.Null()])),
  },
  { additionalProperties: false },
);

export const ZoneSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  districtCode: Type.String(),
  districtName: Type.String(),
  description: Type.String(),
  effectiveFrom: Type.String(),
  effectiveTo: Nullable(Type.String()),
});

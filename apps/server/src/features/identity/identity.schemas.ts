import { Type } from '@sinclair/typebox';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const LoginResponse = Type.Object({
  token: Type.String({ description: 'session token; send as Authorization: Bearer <token>' }),
  expiresAt: Type.String({ format: 'date-time' }),
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.String()),
  }),
  organisation: Type.Object({
    id: Type.String(),
    kind: Type.String(),
    department: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
  }),
});

export const MeResponse = Type.Object({
  actorType: Type.String(),
  id: Type.String(),
  displayName: Type.String(),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  organisationKind: Type.Union([Type.String(), Type.Null()]),
  department: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  scope: Type.Record(Type.String(), Type.Unknown()),
});

export const ApiKeyView = Type.Object({
  id: Type.String(),
  label: Type.String(),
  keyPrefix: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const CreateApiKeyBody = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const CreatedApiKey = Type.Object({
  id: Type.String(),
  label: Type.String(),
  key: Type.String({ description: 'the secret, shown only in this response' }),
});

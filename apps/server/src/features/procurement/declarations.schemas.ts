import { Type } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const DeclarationStatusSchema = Type.Union([
  Type.Literal('generated'),
  Type.Literal('declared'),
  Type.Literal('released'),
  Type.Literal('inspected'),
  Type.Literal('rejected'),
]);

export const PartyRefSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  usci: Nullable(Type.String()),
  customsCode: Nullable(Type.String()),
  nationality: Nullable(Type.String()),
  passport: Nullable(Type.String()),
  masked: Type.Boolean(),
});

export const GenerateInput = Type.Object(
  {
    brokerId: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'the customs broker lodging the declarations',
    }),
  },
  { additionalProperties: false },
);

export const DeclarationSummarySchema = Type.Object({
  id: Type.String(),
  declarationNo: Type.String(),
  customsEntryNo: Nullable(Type.String()),
  containerId: Type.String(),
  operatorId: Type.String(),
  brokerId: Type.String(),
  purchaserId: Type.String(),
  operatorName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  brokerName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  purchaserName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  totalValueUsd: Type.String(),
  simplified: Type.Boolean(),
  status: DeclarationStatusSchema,
  createdAt: Type.String(),
});

const DeclaredLine = Type.Object({
  no: Type.Integer(),
  basis: Type.String({ description: 'as-declared | top-value | not-simplifiable | chapter-merge' }),
  hsCode: Type.String(),
  name: Type.String(),
  quantities: Type.Array(Type.Object({ unit: Type.String(), quantity: Type.String() })),
  valueUsd: Type.String(),
  sourceLineIds: Type.Array(Type.String()),
});

export const DeclarationSchema = Type.Object({
  id: Type.String(),
  declarationNo: Type.String(),
  customsEntryNo: Nullable(Type.String()),
  tradeMode: Type.Literal('1039'),
  status: DeclarationStatusSchema,
  container: Type.Object({
    id: Type.String(),
    containerNo: Type.String(),
    sealNo: Type.String(),
    grossWeightKg: Type.String(),
    netWeightKg: Type.String(),
  }),
  consignor: PartyRefSchema,
  broker: PartyRefSchema,
  purchaser: PartyRefSchema,
  remarks: Type.String({
    description: "purchaser's name, nationality and passport/ID (masked unless allowed)",
  }),
  part: Type.Object({ index: Type.Integer(), count: Type.Integer() }),
  totalValueUsd: Type.String(),
  limitUsd: Type.String(),
  rateDate: Type.String(),
  simplified: Type.Boolean(),
  lines: Type.Array(DeclaredLine),
  items: Type.Array(
    Type.Object({
      packingLineId: Type.String(),
      transactionId: Type.String(),
      quantity: Type.String(),
      valueUsd: Type.String(),
    }),
  ),
  events: Type.Array(
    Type.Object({
      action: Type.String(),
      at: Type.String(),
      actorId: Type.String(),
      customsEntryNo: Nullable(Type.String()),
      note: Nullable(Type.String()),
    }),
  ),
  createdAt: Type.String(),
});

export const ClearanceInput = Type.Object(
  {
    action: Type.Union([
      Type.Literal('declared'),
      Type.Literal('released'),
      Type.Literal('inspected'),
      Type.Literal('rejected'),
    ]),
    customsEntryNo: Type.Optional(
      Type.String({ pattern: '^\\d{18}$', description: '18-digit customs entry number (when declared)' }),
    ),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const TraceSchema = Type.Object({
  declaration: Type.Object({
    id: Type.String(),
    declarationNo: Type.String(),
    customsEntryNo: Nullable(Type.String()),
    status: Type.String(),
    totalValueUsd: Type.String(),
    createdAt: Type.String(),
  }),
  container: Type.Union([
    Type.Object({
      id: Type.String(),
      containerNo: Type.String(),
      sealNo: Type.String(),
      status: Type.String(),
    }),
    Type.Null(),
  ]),
  transactions: Type.Array(Type.Unknown()),
  broker: Type.Union([PartyRefSchema, Type.Null()]),
  operator: Type.Union([PartyRefSchema, Type.Null()]),
  purchasers: Type.Array(PartyRefSchema),
  suppliers: Type.Array(PartyRefSchema),
  manufacturers: Type.Array(PartyRefSchema),
});

export const PartyTraceSchema = Type.Object({
  partyId: Type.String(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      declarationNo: Type.String(),
      customsEntryNo: Nullable(Type.String()),
      status: Type.String(),
      totalValueUsd: Type.String(),
      roles: Type.Array(Type.String()),
      createdAt: Type.String(),
    }),
  ),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
});

export const FxInput = Type.Object(
  {
    declarationId: Type.String({ minLength: 1, maxLength: 64 }),
    transactionId: Type.String({ minLength: 1, maxLength: 64 }),
    bankReference: Type.String({
      minLength: 1,
      maxLength: 64,
      description: "the bank's reference of the credit",
    }),
    payerRole: Type.Union([Type.Literal('operator'), Type.Literal('supplier'), Type.Literal('purchaser')]),
    amount: Type.String({ pattern: '^\\d{1,14}(\\.\\d{1,2})?$' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    creditedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  },
  { additionalProperties: false },
);

export const FxSchema = Type.Object({
  id: Type.String(),
  declarationId: Type.String(),
  transactionId: Type.String(),
  bankReference: Type.String(),
  payerRole: Type.String(),
  amount: Type.String(),
  currency: Type.String(),
  amountUsd: Type.String(),
  expectedUsd: Type.String(),
  overCollected: Type.Boolean(),
  creditedOn: Type.String(),
});

export const FxReportSchema = Type.Object({
  partyId: Nullable(Type.String()),
  dueDays: Type.Integer(),
  totals: Type.Object({
    declarations: Type.Integer(),
    declaredUsd: Type.String(),
    collectedUsd: Type.String(),
    outstandingUsd: Type.String(),
    overdue: Type.Integer(),
    overCollected: Type.Integer(),
  }),
  declarations: Type.Array(
    Type.Object({
      declarationId: Type.String(),
      declarationNo: Type.String(),
      status: Type.String(),
      declaredUsd: Type.String(),
      collectedUsd: Type.String(),
      outstandingUsd: Type.String(),
      collections: Type.Integer(),
      overCollected: Type.Boolean(),
      overdue: Type.Boolean(),
    }),
  ),
});

export const VatFilingSchema = Type.Object({
  id: Type.String(),
  supplierId: Type.String(),
  supplierName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  period: Type.String(),
  dueOn: Type.String(),
  transactionCount: Type.Integer(),
  totalAmountCny: Type.String(),
  status: Type.String(),
  overdue: Type.Boolean(),
  generatedAt: Type.String(),
  declaredAt: Nullable(Type.String()),
});

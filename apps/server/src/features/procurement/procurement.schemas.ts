import { type TSchema, Type } from '@sinclair/typebox';

const Id = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });
export const DecimalText = (description: string) =>
  Type.String({ pattern: '^\\d{1,14}(\\.\\d{1,6})?$', maxLength: 24, description });
const IsoDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code (CNY, USD, EUR…)' });

export const IdParams = Type.Object({ id: Id('record id') });
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};
export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
  });

export const AttachmentInputSchema = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    mediaType: Type.String({ minLength: 1, maxLength: 100 }),
    contentBase64: Type.String({ maxLength: 2_900_000, description: 'file content, base64 (≤ 2 MiB)' }),
  },
  { additionalProperties: false },
);

export const ProductInput = Type.Object(
  {
    supplierId: Id('the supplier (a party of kind supplier with a stall in a zone)'),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    hsCode: Type.String({ pattern: '^\\d{6,10}$', description: 'customs commodity code' }),
    unit: Type.String({ minLength: 1, maxLength: 20, description: 'unit (个, 双, 件, kg…)' }),
    referencePrice: DecimalText('reference unit price'),
    currency: Currency,
    brand: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    brandAuthorisation: Type.Optional(
      Type.Object(
        { reference: Type.String({ minLength: 1, maxLength: 100 }), sha256: Sha256 },
        { additionalProperties: false },
      ),
    ),
    manufacturerId: Type.Optional(Id('the manufacturer (party of kind manufacturer)')),
  },
  { additionalProperties: false },
);

export const ProductSchema = Type.Object({
  id: Type.String(),
  supplierId: Type.String(),
  supplierName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  name: Type.String(),
  hsCode: Type.String(),
  unit: Type.String(),
  referencePrice: Type.String(),
  currency: Type.String(),
  brand: Type.Union([Type.String(), Type.Null()]),
  brandAuthorisationRef: Type.Union([Type.String(), Type.Null()]),
  manufacturerId: Type.Union([Type.String(), Type.Null()]),
  manufacturerName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  createdAt: Type.String(),
});

export const PurchaserFileInput = Type.Object(
  {
    operatorId: Id('the operator keeping the file'),
    purchaserId: Id('the purchaser, filed in the parties registry (kind purchaser)'),
    agreement: Type.Object(
      {
        number: Type.String({ minLength: 1, maxLength: 64, description: '委托代理出口货物协议编号' }),
        sha256: Sha256,
        signedOn: IsoDate('signing date'),
        validUntil: Type.Optional(IsoDate('last day the agreement is valid')),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const PurchaserFileSchema = Type.Object({
  id: Type.String(),
  purchaserId: Type.String(),
  operatorId: Type.String(),
  purchaserName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  operatorName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  agreementNo: Type.String(),
  agreementSha256: Type.String(),
  signedOn: Type.String(),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const BadPurchaserInput = Type.Object(
  {
    purchaserId: Id('the purchaser'),
    action: Type.Union([Type.Literal('add'), Type.Literal('remove')]),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const BadPurchaserSchema = Type.Object({
  purchaserId: Type.String(),
  purchaserName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  reason: Type.String(),
  listedAt: Type.String(),
  listedBy: Type.String(),
});

export const RateInput = Type.Object(
  {
    currency: Currency,
    effectiveFrom: IsoDate('first day the rate applies (China date)'),
    rate: DecimalText('CNY per rateUnit units of the currency'),
    rateUnit: Type.Union([Type.Literal(1), Type.Literal(100)]),
  },
  { additionalProperties: false },
);
export const RateSchema = Type.Object({
  currency: Type.String(),
  effectiveFrom: Type.String(),
  rate: Type.String(),
  rateUnit: Type.Integer(),
});

const HsRuleKind = Type.Union([
  Type.Literal('prohibited'),
  Type.Literal('restricted'),
  Type.Literal('export_duty'),
  Type.Literal('legal_inspection'),
]);
export const HsRuleInput = Type.Object(
  {
    hsPrefix: Type.String({ pattern: '^\\d{2,10}$', description: 'HS code or its first digits' }),
    rule: HsRuleKind,
    action: Type.Union([Type.Literal('add'), Type.Literal('remove')]),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export const HsRuleSchema = Type.Object({
  hsPrefix: Type.String(),
  rule: Type.String(),
  reason: Type.String(),
  at: Type.String(),
});

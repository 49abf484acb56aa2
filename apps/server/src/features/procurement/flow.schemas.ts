import { Type } from '@sinclair/typebox';
import { AttachmentInputSchema, DecimalText } from './procurement.schemas';

const Id = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });
const IsoDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const TransactionStatusSchema = Type.Union([
  Type.Literal('registered'),
  Type.Literal('consolidated'),
  Type.Literal('declared'),
  Type.Literal('cleared'),
  Type.Literal('fx_collected'),
  Type.Literal('vat_exemption_declared'),
]);

export const TransactionInputSchema = Type.Object(
  {
    supplierId: Id('the supplier (stall in a market cluster zone)'),
    purchaserId: Id('the purchaser, with a file kept by the operator'),
    operatorId: Id('the recognised market-procurement operator'),
    stallNo: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    tradeDate: Type.Optional(IsoDate('China date of the sale; default today')),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    paymentMethod: Type.Union(
      [
        Type.Literal('bank_transfer'),
        Type.Literal('letter_of_credit'),
        Type.Literal('online_payment'),
        Type.Literal('card'),
        Type.Literal('cash'),
      ],
      { description: 'cash-settled goods are not eligible for 1039 (refused)' },
    ),
    lines: Type.Array(
      Type.Object(
        {
          productId: Id("a product of the supplier's catalogue"),
          quantity: DecimalText('quantity, up to 5 decimals'),
          unitPrice: DecimalText('unit price, up to 5 decimals'),
          amount: Type.Optional(DecimalText('quantity × unit price, cents; checked when given')),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    attachments: Type.Optional(Type.Array(AttachmentInputSchema, { maxItems: 10 })),
  },
  { additionalProperties: false },
);

export const TransactionBatchInput = Type.Object(
  { transactions: Type.Array(TransactionInputSchema, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);

export const TransactionSchema = Type.Object({
  id: Type.String(),
  zoneId: Type.String(),
  stallNo: Type.String(),
  supplierId: Type.String(),
  purchaserId: Type.String(),
  operatorId: Type.String(),
  supplierName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  purchaserName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  operatorName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  currency: Type.String(),
  totalAmount: Type.String(),
  paymentMethod: Type.String(),
  tradeDate: Type.String(),
  status: TransactionStatusSchema,
  registeredAt: Type.String(),
});

export const TransactionDetailSchema = Type.Intersect([
  TransactionSchema,
  Type.Object({
    lines: Type.Array(
      Type.Object({
        id: Type.String(),
        lineNo: Type.Integer(),
        productId: Type.String(),
        productName: Type.String(),
        hsCode: Type.String(),
        unit: Type.String(),
        quantity: Type.String(),
        unitPrice: Type.String(),
        amount: Type.String(),
        packedQuantity: Type.String(),
      }),
    ),
    attachments: Type.Array(
      Type.Object({
        id: Type.String(),
        fileName: Type.String(),
        mediaType: Type.String(),
        sha256: Type.String(),
        sizeBytes: Type.Integer(),
      }),
    ),
    history: Type.Array(
      Type.Object({
        from: Nullable(Type.String()),
        to: Type.String(),
        at: Type.String(),
        actorId: Type.String(),
        reference: Nullable(Type.String()),
      }),
    ),
    declarations: Type.Array(
      Type.Object({ id: Type.String(), declarationNo: Type.String(), status: Type.String() }),
    ),
  }),
]);

export const TransactionQuery = Type.Object({
  status: Type.Optional(TransactionStatusSchema),
  supplierId: Type.Optional(Type.String({ maxLength: 64 })),
  operatorId: Type.Optional(Type.String({ maxLength: 64 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const ContainerInput = Type.Object(
  {
    operatorId: Id('the operator packing the container'),
    containerNo: Type.String({ minLength: 1, maxLength: 32, description: 'ISO 6346, e.g. CSQU3054383' }),
    sealNo: Type.String({ minLength: 1, maxLength: 32 }),
    grossWeightKg: DecimalText('gross weight, kg'),
    netWeightKg: DecimalText('net weight, kg (≤ gross)'),
    lines: Type.Array(
      Type.Object(
        {
          transactionLineId: Id('a line of a registered transaction'),
          quantity: Type.Optional(DecimalText('default: what is left of the line')),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);

export const ContainerSchema = Type.Object({
  id: Type.String(),
  containerNo: Type.String(),
  sealNo: Type.String(),
  operatorId: Type.String(),
  operatorName: Type.Optional(
    Type.String({ description: 'party name on list responses (masked as the actor requires)' }),
  ),
  grossWeightKg: Type.String(),
  netWeightKg: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  lines: Type.Array(
    Type.Object({
      id: Type.String(),
      transactionLineId: Type.String(),
      transactionId: Type.String(),
      quantity: Type.String(),
    }),
  ),
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'a retry with the same key returns the first registration instead of registering again',
    }),
  ),
});

import { Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/common.schemas';

const Counts = Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() }));
const Sums = Type.Array(
  Type.Object({
    key: Type.String(),
    count: Type.Integer(),
    valueUsd: Type.String({ description: 'exact decimal' }),
  }),
);

export const DashboardSummarySchema = Type.Object({
  generatedAt: Type.String(),
  today: Type.String({ description: 'YYYY-MM-DD, China time' }),
  parties: Type.Object({ byKind: Counts, byStatus: Counts, byRecognition: Counts, byZone: Counts }),
  evidence: Type.Object({
    total: Type.Integer(),
    today: Type.Integer(),
    thisMonth: Type.Integer(),
    byKindThisMonth: Counts,
    byDay: Type.Array(Type.Object({ day: Type.String(), count: Type.Integer() })),
  }),
  ceb: Type.Union([
    Type.Object({
      inventoriesByStatusToday: Counts,
      inventoriesByStatusMonth: Counts,
      matched: Type.Integer(),
      declared: Type.Integer(),
      rejectionsByCode: Counts,
      quotaRefusals: Type.Integer(),
    }),
    Type.Null(),
  ]),
  procurement: Type.Object({
    declarationsByStatus: Sums,
    valueByZone: Sums,
    valueByCountry: Sums,
    fx: Type.Object({ declaredUsd: Type.String(), collectedUsd: Type.String() }),
  }),
});

export const OperatorsQuery = Type.Object(
  { name: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery },
  { additionalProperties: false },
);

export const RecognisedOperatorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  usci: Type.Union([Type.String(), Type.Null()]),
  customsCode: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.Union([Type.String(), Type.Null()]),
  recognisedSince: Type.String(),
});

import { Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/common.schemas';
import { CUSTOMS_ACTIONS } from './act-on-inventory';

const code = Type.String({ minLength: 1, maxLength: 60 });

export const SubmitQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ description: '只校验不保存 / run every check, store nothing' })),
});

export const InventorySchema = Type.Object({
  invtNo: Type.String(),
  preNo: Type.String(),
  orderNo: Type.String(),
  ebpCode: Type.String(),
  ebcCode: Type.String(),
  logisticsCode: Type.String(),
  logisticsNo: Type.String(),
  tradeMode: Type.String(),
  status: Type.String({
    description:
      '2 待对碰, 120 入库, 300 人工审核, 500 查验, 399 审结, 800 放行, 899 结关, 100 退单, 700 退运, cancelled 已撤销',
  }),
  hold: Type.Boolean(),
  declaredAt: Type.String({ format: 'date-time' }),
  findings: Type.Unknown(),
  tax: Type.Unknown(),
});

export const FindInventoriesQuery = Type.Object({
  orderNo: Type.Optional(code),
  logisticsNo: Type.Optional(code),
  invtNo: Type.Optional(code),
  buyerIdNumber: Type.Optional(
    Type.String({ minLength: 1, maxLength: 60, description: '订购人证件号（按盲索引检索）' }),
  ),
  status: Type.Optional(Type.String({ maxLength: 10 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...PageQuery,
});

export const InventoryPage = Type.Object({
  items: Type.Array(InventorySchema),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
});

export const InventoryParams = Type.Object({ invtNo: code });
export const MessageParams = Type.Object({
  id: Type.String({ pattern: '^cebmsg_[0-9A-Z]{26}$', description: '报文编号（四单视图中的 messageId）' }),
});
export const OrderParams = Type.Object({ ebpCode: code, orderNo: code });

export const ActionBody = Type.Object({
  action: Type.Union(CUSTOMS_ACTIONS.map((a) => Type.Literal(a))),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});

export const ReceiptsQuery = Type.Object({
  after: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        '上次取到的回执 id（按 order 的顺序继续）/ the last receipt id seen; the page continues after it in `order`',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  order: Type.Optional(
    Type.Union([Type.Literal('asc'), Type.Literal('desc')], {
      default: 'asc',
      description:
        'asc：最早在前（系统拉取）；desc：最新在前 / asc: oldest first (polling); desc: newest first',
    }),
  ),
  receiptType: Type.Optional(
    Type.String({
      pattern: '^CEB[0-9]{3}Message$',
      description: '只看此类回执，如 CEB622Message / one receipt type',
    }),
  ),
  errorsOnly: Type.Optional(
    Type.Boolean({
      description: '只看回执状态为负数（异常）的回执 / only receipts with a negative returnStatus',
    }),
  ),
});

export const ReceiptsPage = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      receiptType: Type.String(),
      guid: Type.String(),
      returnStatus: Type.String(),
      issuedAt: Type.String(),
      xml: Type.String(),
      json: Type.Unknown(),
    }),
  ),
  next: Type.Union([Type.String(), Type.Null()]),
});

export const OrderViewSchema = Type.Object({
  orderNo: Type.String(),
  ebpCode: Type.String(),
  documents: Type.Array(Type.Unknown()),
  inventory: Type.Union([InventorySchema, Type.Null()]),
  statusHistory: Type.Array(Type.Unknown()),
  receipts: Type.Array(Type.Unknown()),
});

export const ReferenceParams = Type.Object({
  table: Type.Union([Type.Literal('positive-list'), Type.Literal('tax-rates')]),
});

export const ReferenceQuery = Type.Object({
  hsCode: Type.Optional(Type.String({ pattern: '^([0-9]{8}|[0-9]{10})$' })),
  ...PageQuery,
});

export const ReferenceLoadBody = Type.Object({
  csv: Type.String({
    minLength: 1,
    maxLength: 5_000_000,
    description: 'CSV with a header row (see docs/retail-import.md)',
  }),
  effectiveFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '生效日期（中国时间）' }),
});

export const BondedEntryBody = Type.Object({
  emsNo: Type.String({ minLength: 1, maxLength: 30, description: '保税账册编号' }),
  reference: Type.String({ minLength: 1, maxLength: 60, description: '入区凭证（核注清单号）' }),
  items: Type.Array(
    Type.Object({
      itemRecordNo: Type.String({ minLength: 1, maxLength: 30, description: '账册备案料号' }),
      qty: Type.String({ minLength: 1, maxLength: 25, description: '数量（十进制字符串）' }),
    }),
    { minItems: 1, maxItems: 1000 },
  ),
});

export const BondedStockSchema = Type.Object({
  emsNo: Type.String(),
  stock: Type.Array(Type.Object({ itemRecordNo: Type.String(), quantity: Type.String() })),
});

export const EmsParams = Type.Object({ emsNo: Type.String({ minLength: 1, maxLength: 30 }) });

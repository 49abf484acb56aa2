/** Shapes of the CBEC (CEB) API, as features/ceb/ceb.schemas.ts and get-order-view.ts define them. */
export type Inventory = {
  invtNo: string;
  preNo: string;
  orderNo: string;
  ebpCode: string;
  ebcCode: string;
  logisticsCode: string;
  logisticsNo: string;
  tradeMode: string;
  status: string;
  hold: boolean;
  declaredAt: string;
  findings: unknown;
  tax: unknown;
};

export type Head = Record<string, unknown>;

export type OrderView = {
  orderNo: string;
  ebpCode: string;
  documents: {
    kind: string;
    docKey: string;
    version: number;
    appType: string;
    messageId: string;
    originalAvailable: boolean;
    receivedAt: string;
    head: Head;
    lists: Head[];
  }[];
  inventory: Inventory | null;
  statusHistory: {
    status: string;
    previousStatus: string | null;
    at: string;
    actor: string;
    reason: string | null;
  }[];
  receipts: { id: string; receiptType: string; returnStatus: string; issuedAt: string; json: unknown }[];
};

/** Inventory (清单) status codes of the CEB spec, as the server stores them. */
export const INVENTORY_STATUS = {
  '2': { zh: '待对碰', en: 'Awaiting match' },
  '120': { zh: '入库', en: 'Accepted' },
  '300': { zh: '人工审核', en: 'Manual review' },
  '399': { zh: '审结', en: 'Approved' },
  '500': { zh: '查验', en: 'Inspection' },
  '800': { zh: '放行', en: 'Released' },
  '899': { zh: '结关', en: 'Closed' },
  '100': { zh: '退单', en: 'Rejected' },
  '700': { zh: '退运', en: 'Returned' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};

export const DOCUMENT_KINDS = {
  order: { zh: '订单', en: 'Order' },
  payment: { zh: '支付单', en: 'Payment' },
  waybill: { zh: '运单', en: 'Waybill' },
  inventory: { zh: '清单', en: 'Inventory' },
  cancel: { zh: '撤销申请', en: 'Cancellation' },
  refund: { zh: '退货申请', en: 'Return' },
};

export const CUSTOMS_ACTIONS = ['review', 'release', 'hold', 'reject', 'close', 'return'] as const;

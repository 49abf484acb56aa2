import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkImportSet } from './check-import-set';
import { DEFAULT_RETAIL_POLICIES, retailPolicyAt } from './policy';
import { importSetFromXml, withChanges } from './testing';

const fixture = (name: string) => readFileSync(new URL(`../ceb/fixtures/${name}`, import.meta.url));
const base = importSetFromXml({
  order: fixture('ceb311-order.xml'),
  payment: fixture('ceb411-payment.xml'),
  waybill: fixture('ceb511-waybill.xml'),
  inventory: fixture('ceb621-inventory.xml'),
});
const policy = retailPolicyAt(DEFAULT_RETAIL_POLICIES, new Date('2024-06-11T03:05:00Z'));
const pick = (set: typeof base, p = policy) =>
  checkImportSet(set, p).map((f) => ({ code: f.code, severity: f.severity, field: f.field }));
const O = '/CEB311Message/Order[1]';
const P = '/CEB411Message/Payment[1]/PaymentHead';
const W = '/CEB511Message/Logistics[1]/LogisticsHead';
const V = '/CEB621Message/Inventory[1]';
const err = (code: string, field: string) => ({ code, severity: 'error', field });

describe('checkImportSet on the official-format fixtures', () => {
  it('finds nothing in the consistent set (order, payment, waybill and inventory of TM20240611000123)', () => {
    expect(checkImportSet(base, policy)).toEqual([]);
  });
});

describe('order amounts', () => {
  it('acturalPaid ≠ goodsValue + freight + taxTotal − discount → -301008, formula in the message', () => {
    const set = withChanges(base, { order: { acturalPaid: '414.20' }, payment: { amountPaid: '414.20' } });
    const found = checkImportSet(set, policy);
    expect(found.map((f) => [f.code, f.field])).toEqual([['-301008', `${O}/OrderHead/acturalPaid`]]);
    expect(found[0]?.en).toContain('398.00 + 0 + 36.22 − 20.00 = 414.22');
  });

  it('compares exact decimals, not text: 414.22000 equals 414.22', () => {
    const set = withChanges(base, { order: { acturalPaid: '414.22000' } });
    expect(checkImportSet(set, policy)).toEqual([]);
  });

  it('payment amountPaid ≠ order acturalPaid → -621003 on the payment', () => {
    const found = checkImportSet(withChanges(base, { payment: { amountPaid: '414.21' } }), policy);
    expect(found.map((f) => [f.code, f.field])).toEqual([['-621003', `${P}/amountPaid`]]);
    expect(found[0]?.zh).toBe(
      '支付凭证支付金额（amountPaid）414.21 与订单实际支付金额（acturalPaid）414.22 不一致',
    );
  });

  it('order line totalPrice ≠ price × qty → -301008 on that line', () => {
    const lines = base.order.lists.map((l) => (l.gnum === 1 ? { ...l, price: '169.01' } : l));
    expect(pick(withChanges(base, { orderLines: lines }))).toEqual([
      err('-301008', `${O}/OrderList[1]/totalPrice`),
    ]);
  });

  it('goodsValue ≠ Σ line totalPrice → -301008', () => {
    const set = withChanges(base, {
      order: { goodsValue: '399.00', acturalPaid: '415.22' },
      payment: { amountPaid: '415.22' },
    });
    expect(pick(set)).toEqual([err('-301008', `${O}/OrderHead/goodsValue`)]);
  });
});

describe('lines (gnum 1:1, gname, qty)', () => {
  it('an inventory line whose gname differs from the order item → -621003 naming both names', () => {
    const lines = base.inventory.lists.map((l) =>
      l.gnum === 2 ? { ...l, gname: 'Swisse 维生素C 120片' } : l,
    );
    const found = checkImportSet(withChanges(base, { inventoryLines: lines }), policy);
    expect(found.map((f) => [f.code, f.field])).toEqual([['-621003', `${V}/InventoryList[2]/gname`]]);
    expect(found[0]?.en).toContain(
      '"Swisse 维生素C 120片" differs from the order\'s itemName "Swisse 维生素C泡腾片 60片"',
    );
  });

  it('an inventory qty different from the order → -621003 on qty (and the line total)', () => {
    const lines = base.inventory.lists.map((l) =>
      l.gnum === 1 ? { ...l, qty: '3', totalPrice: '507.00' } : l,
    );
    expect(pick(withChanges(base, { inventoryLines: lines }))).toEqual([
      err('-621003', `${V}/InventoryList[1]/qty`),
      err('-621003', `${V}/InventoryList[1]/totalPrice`),
    ]);
  });

  it('an inventory line totalPrice ≠ price × qty → -621001', () => {
    const lines = base.inventory.lists.map((l) => (l.gnum === 2 ? { ...l, price: '59.00' } : l));
    expect(pick(withChanges(base, { inventoryLines: lines }))).toEqual([
      err('-621001', `${V}/InventoryList[2]/totalPrice`),
    ]);
  });

  it('an order line missing from the inventory → -621003 on the order line', () => {
    const lines = base.inventory.lists.filter((l) => l.gnum === 1);
    expect(pick(withChanges(base, { inventoryLines: lines }))).toEqual([
      err('-621003', `${O}/OrderList[2]/gnum`),
    ]);
  });

  it('an inventory gnum with no order line → -621003, and the unmatched order line too', () => {
    const lines = base.inventory.lists.map((l) => (l.gnum === 2 ? { ...l, gnum: 3 } : l));
    expect(pick(withChanges(base, { inventoryLines: lines }))).toEqual([
      err('-621003', `${V}/InventoryList[2]/gnum`),
      err('-621003', `${O}/OrderList[2]/gnum`),
    ]);
  });

  it('a repeated gnum → -621027 in the inventory, -301002 in the order', () => {
    const inv = base.inventory.lists.map((l) => ({ ...l, gnum: 1 }));
    expect(pick(withChanges(base, { inventoryLines: inv })).map((f) => f.code)).toContain('-621027');
    const ord = base.order.lists.map((l) => ({ ...l, gnum: 1 }));
    expect(pick(withChanges(base, { orderLines: ord }))[0]).toEqual(err('-301002', `${O}/OrderList[2]/gnum`));
  });
});

describe('parties', () => {
  it('consignee name, phone and address on the waybill ≠ order → one -621003 each, values masked', () => {
    const set = withChanges(base, {
      waybill: {
        consignee: '张薇',
        consigneeTelephone: '13812345679',
        consigneeAddress: '浙江省杭州市西湖区文三路478号华星时代广场A座1204室',
      },
    });
    const found = checkImportSet(set, policy);
    expect(found.map((f) => [f.code, f.field])).toEqual([
      ['-621003', `${W}/consignee`],
      ['-621003', `${W}/consigneeTelephone`],
      ['-621003', `${W}/consigneeAddress`],
    ]);
    expect(found[1]?.zh).toBe(
      '运单收货人电话（consigneeTelephone）138****5679 与订单（consigneeTelephone）138****5678 不一致',
    );
    expect(found.map((f) => f.zh + f.en).join()).not.toContain('13812345678');
  });

  it('inventory buyer ≠ order buyer → -621003 per field, ID numbers masked', () => {
    const set = withChanges(base, {
      inventory: { buyerName: '张卫', buyerIdNumber: '330106198803150425', buyerTelephone: '13812340000' },
    });
    const found = checkImportSet(set, policy);
    expect(found.map((f) => f.field)).toEqual([
      `${V}/InventoryHead/buyerName`,
      `${V}/InventoryHead/buyerIdNumber`,
      `${V}/InventoryHead/buyerTelephone`,
    ]);
    expect(found.every((f) => f.code === '-621003')).toBe(true);
    expect(found[1]?.en).toBe(
      'inventory buyerIdNumber 330***********0425 differs from buyerIdNumber 330***********0417 on the order',
    );
    expect(found.map((f) => f.zh + f.en).join()).not.toContain('330106198803150417');
  });

  it('an ID number ending in x equals the same number ending in X', () => {
    const set = withChanges(base, {
      order: { buyerIdNumber: '11010519491231002X' },
      payment: { payerIdNumber: '11010519491231002x' },
      inventory: { buyerIdNumber: '11010519491231002x' },
    });
    expect(checkImportSet(set, policy)).toEqual([]);
  });

  it('inventory consigneeAddress ≠ order → -621003', () => {
    expect(pick(withChanges(base, { inventory: { consigneeAddress: '上海市浦东新区张江路88弄' } }))).toEqual([
      err('-621003', `${V}/InventoryHead/consigneeAddress`),
    ]);
  });

  it('payer other than the buyer: a warning under the default policy, an error when the policy rejects', () => {
    const set = withChanges(base, { payment: { payerName: '李娜', payerIdNumber: '310115199001011234' } });
    expect(pick(set)).toEqual([
      { code: '-621003', severity: 'warning', field: `${P}/payerIdNumber` },
      { code: '-621003', severity: 'warning', field: `${P}/payerName` },
    ]);
    const strict = { ...policy, payerDifferentFromBuyer: 'reject' as const };
    expect(pick(set, strict).map((f) => f.severity)).toEqual(['error', 'error']);
    expect(checkImportSet(set, strict)[0]?.zh).toContain('不予接受');
  });
});

describe('codes fixed on import', () => {
  it('currency other than 142 → the code of the document carrying it', () => {
    const set = withChanges(base, {
      order: { currency: '502' },
      payment: { currency: '502' },
      waybill: { currency: '502' },
      inventory: { currency: '502' },
    });
    expect(pick(set)).toEqual([
      err('-301008', `${O}/OrderHead/currency`),
      err('-401009', `${P}/currency`),
      err('-504011', `${W}/currency`),
      err('-621001', `${V}/InventoryHead/currency`),
    ]);
  });

  it('packNo other than 1 → -504011 on the waybill, -621001 on the inventory', () => {
    expect(pick(withChanges(base, { waybill: { packNo: 2 }, inventory: { packNo: 2 } }))).toEqual([
      err('-504011', `${W}/packNo`),
      err('-621001', `${V}/InventoryHead/packNo`),
    ]);
  });

  it('an export flag on the inventory → -621001', () => {
    expect(pick(withChanges(base, { inventory: { ieFlag: 'E' } }))).toEqual([
      err('-621001', `${V}/InventoryHead/ieFlag`),
    ]);
  });
});

describe('references between the four documents', () => {
  it.each([
    ['payment orderNo', { payment: { orderNo: 'TM20240611000999' } }, `${P}/orderNo`],
    ['payment ebpCode', { payment: { ebpCode: '3301960ZZ9' } }, `${P}/ebpCode`],
    ['order payCode', { order: { payCode: '31222803XX' } }, `${O}/OrderHead/payCode`],
    ['order payTransactionId', { order: { payTransactionId: 'X1' } }, `${O}/OrderHead/payTransactionId`],
    ['waybill orderNo', { waybill: { orderNo: 'TM20240611000124' } }, `${W}/orderNo`],
    ['inventory orderNo', { inventory: { orderNo: 'TM20240611000124' } }, `${V}/InventoryHead/orderNo`],
    ['inventory ebpCode', { inventory: { ebpCode: '3301960ZZ9' } }, `${V}/InventoryHead/ebpCode`],
    ['inventory ebcCode', { inventory: { ebcCode: '3301963K60' } }, `${V}/InventoryHead/ebcCode`],
    [
      'inventory logisticsCode',
      { inventory: { logisticsCode: '4403180Z1B' } },
      `${V}/InventoryHead/logisticsCode`,
    ],
    [
      'inventory logisticsNo',
      { inventory: { logisticsNo: 'SF1402938475622' } },
      `${V}/InventoryHead/logisticsNo`,
    ],
  ] as const)('%s not matching → -621003', (_, changes, field) => {
    expect(pick(withChanges(base, changes))).toEqual([err('-621003', field)]);
  });

  it('an order without payCode / payTransactionId is not faulted for their absence', () => {
    const { payCode: _a, payTransactionId: _b, ...head } = base.order.head;
    expect(checkImportSet({ ...base, order: { head, lists: base.order.lists } }, policy)).toEqual([]);
  });

  it('locates findings in the unit position given (3rd order of its message)', () => {
    const set = { ...withChanges(base, { waybill: { orderNo: 'X' } }), unitIndexes: { waybill: 2 } };
    expect(pick(set)[0]?.field).toBe('/CEB511Message/Logistics[3]/LogisticsHead/orderNo');
  });

  it('reports every problem at once', () => {
    const set = withChanges(base, {
      payment: { amountPaid: '1', orderNo: 'Z' },
      waybill: { packNo: 3, consignee: '王五' },
      inventory: { logisticsNo: 'Q', buyerName: '李四' },
    });
    expect(checkImportSet(set, policy)).toHaveLength(6);
  });
});

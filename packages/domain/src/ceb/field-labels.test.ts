import { describe, expect, it } from 'vitest';
import { CEB_RECEIPT_NAMES, cebCodedValue, cebFieldLabel } from './field-labels';
import { CEB_RECEIPT_TYPE_FOR } from './message-types';
import { CEB_EXPORT_SCHEMA, CEB_IMPORT_SCHEMA } from './schema/generated';

/** The owners the four-document view and the receipt lists show. */
const SHOWN = ['OrderHead', 'OrderList', 'PaymentHead', 'LogisticsHead', 'InventoryHead', 'InventoryList'];

describe('CEB field labels', () => {
  it.each(SHOWN)('names every field of %s in Chinese', (owner) => {
    const type = CEB_IMPORT_SCHEMA.complexTypes[owner];
    expect(type, owner).toBeDefined();
    const unnamed = type!.children
      .filter((c) => c.kind === 'simple')
      .filter((c) => !/[\u4e00-\u9fff]/u.test(cebFieldLabel(owner, c.name) ?? ''))
      .map((c) => c.name);
    expect(unnamed).toEqual([]);
  });

  it('uses the table of the owner where the spec names a field differently', () => {
    expect(cebFieldLabel('InventoryHead', 'country')).toBe('起运国（地区）');
    expect(cebFieldLabel('InventoryList', 'country')).toBe('原产国（地区）');
    expect(cebFieldLabel('OrderHead', 'goodsValue')).toBe('商品价格');
    expect(cebFieldLabel('OrderHead', 'noSuchField')).toBeUndefined();
  });

  it('spells out coded values and leaves unknown ones alone', () => {
    expect(cebCodedValue('appType', '2')).toEqual({ zh: '变更', en: 'change' });
    expect(cebCodedValue('tradeMode', '1210')?.zh).toBe('保税进口');
    expect(cebCodedValue('appType', '9')).toBeUndefined();
    expect(cebCodedValue('orderNo', '1')).toBeUndefined();
  });
});

describe('CEB receipt names', () => {
  it('names every receipt Kouan issues, as its XSD documentation does', () => {
    const issued = [...Object.values(CEB_RECEIPT_TYPE_FOR), 'CEB900Message'];
    for (const type of issued) {
      const name = CEB_RECEIPT_NAMES[type];
      expect(name, type).toBeDefined();
      const doc = CEB_IMPORT_SCHEMA.docs[type] ?? CEB_EXPORT_SCHEMA.docs[type] ?? '';
      expect(doc, type).toContain(name!.replace('（出口）', ''));
    }
    expect(Object.keys(CEB_RECEIPT_NAMES).sort()).toEqual([...issued].sort());
  });
});

import { describe, expect, it } from 'vitest';
import {
  cebTime,
  fieldLabel,
  fieldValue,
  receiptInfo,
  receiptName,
  receiptSubject,
  returnStatusLabel,
} from './labels';

const REJECTED = {
  CEB622Message: {
    guid: 'A2E54712-F702-484B-A9AE-6876929B7E0A',
    version: '1.0',
    InventoryReturn: [
      {
        guid: '8824C362-40F8-4134-82CB-A63AD00BCFB0',
        copNo: 'CDEMO28',
        invtNo: '29912026I000000118',
        returnStatus: '-621005',
        returnInfo: '[-621005] 超过单笔限额[5000]',
      },
    ],
  },
};

describe('CEB labels in the console', () => {
  it('names fields as the spec does in Chinese and by their XML name in English', () => {
    expect(fieldLabel('OrderHead', 'goodsValue', 'zh')).toBe('商品价格');
    expect(fieldLabel('InventoryHead', 'country', 'zh')).toBe('起运国（地区）');
    expect(fieldLabel('OrderHead', 'goodsValue', 'en')).toBe('goodsValue');
    expect(fieldLabel('OrderHead', 'somethingNew', 'zh')).toBe('somethingNew');
  });

  it('spells out codes and times', () => {
    expect(fieldValue('appType', '1', 'zh')).toBe('1 新增');
    expect(fieldValue('currency', '142', 'en')).toBe('142 CNY');
    expect(fieldValue('appTime', '20261122031525', 'zh')).toBe('2026-11-22 03:15:25');
    expect(fieldValue('orderNo', '20261122031525', 'zh')).toBe('20261122031525');
    expect(fieldValue('note', '', 'zh')).toBe('—');
    expect(cebTime('20261122031525414')).toBe('2026-11-22 03:15:25');
  });

  it('names receipts and their statuses', () => {
    expect(receiptName('CEB622Message', 'zh')).toBe('进口清单回执 CEB622');
    expect(receiptName('CEB622Message', 'en')).toBe('CEB622');
    expect(returnStatusLabel('120', 'zh')).toBe('120 海关入库');
    expect(returnStatusLabel('-621005', 'zh')).toBe('-621005 清单的购买金额超过单笔限额');
    expect(returnStatusLabel('-621003', 'zh')).toBe('-621003 清单申报失败');
    expect(returnStatusLabel('-621003', 'en')).toBe('-621003 Inventory declaration failed');
    expect(returnStatusLabel('-301003', 'zh')).toBe('-301003 订单信息查询不存在');
    expect(returnStatusLabel('-999999', 'zh')).toBe('-999999');
    // Kouan's own codes (export messages the spec has no codes for) are named too.
    expect(returnStatusLabel('-9701003', 'zh')).toBe('-9701003 汇总申请单所列清单不存在或已撤销、已删除');
  });

  it('reads the subject and returnInfo out of a receipt', () => {
    expect(receiptSubject(REJECTED)).toBe('29912026I000000118');
    expect(receiptInfo(REJECTED)).toBe('[-621005] 超过单笔限额[5000]');
    expect(receiptInfo(null)).toBe('');
  });
});

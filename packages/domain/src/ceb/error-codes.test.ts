import { describe, expect, it } from 'vitest';
import {
  CEB_DXP_ERROR_CODES,
  CEB_ERROR_CODES,
  CEB_RETURN_STATUSES,
  CEB_RETURN_STATUSES_BY_RECEIPT,
  cebErrorEntries,
  isCebErrorCode,
  isKouanCebErrorCode,
  KOUAN_CEB_ERROR_CODES,
} from './error-codes';

describe('CEB error code table', () => {
  it('has the limit, quota, duplicate and signature codes with Chinese and English text', () => {
    expect(cebErrorEntries('-621005')[0]?.zh).toBe('清单[*]的购买金额超过单笔限额[[*]]');
    expect(cebErrorEntries('-621018')[0]?.en).toContain('annual limit');
    expect(cebErrorEntries('-621029')[0]).toMatchObject({ zh: '验签失败！', category: 'inventory' });
    expect(cebErrorEntries('-621028')[0]?.zh).toBe('加签数据比对失败！');
    expect(cebErrorEntries('-623029')[0]?.zh).toBe('验签失败*！');
    expect(cebErrorEntries('-625208')[0]?.category).toBe('refund');
    expect(cebErrorEntries('-301011')[0]?.zh).toBe('该订单已向海关申报清单，状态不符');
    expect(isCebErrorCode('-621005')).toBe(true);
    expect(isCebErrorCode('-999999')).toBe(false);
  });

  it('keeps both texts of the codes the spec lists twice', () => {
    expect(cebErrorEntries('-621027')).toHaveLength(2);
    expect(cebErrorEntries('-625022')).toHaveLength(2);
  });

  it('has a non-empty translation for every entry and only negative codes', () => {
    for (const e of CEB_ERROR_CODES) {
      expect(e.code).toMatch(/^-\d{5,6}$/);
      expect(e.zh.length).toBeGreaterThan(0);
      expect(e.en.length).toBeGreaterThan(0);
    }
    expect(CEB_ERROR_CODES.length).toBe(161);
  });

  it("keeps Kouan's own codes apart from the spec's: 7 digits after -9, never one of table 7-2", () => {
    const spec = new Set<string>(CEB_ERROR_CODES.map((e) => e.code));
    for (const e of KOUAN_CEB_ERROR_CODES) {
      expect(e.code).toMatch(/^-9\d{6}$/);
      expect(spec.has(e.code)).toBe(false);
      expect(isCebErrorCode(e.code)).toBe(false);
      expect(isKouanCebErrorCode(e.code)).toBe(true);
      expect(e.zh.length).toBeGreaterThan(0);
      expect(e.en.length).toBeGreaterThan(0);
    }
    expect(new Set(KOUAN_CEB_ERROR_CODES.map((e) => e.code)).size).toBe(KOUAN_CEB_ERROR_CODES.length);
    expect(cebErrorEntries('-9701003')).toEqual([expect.objectContaining({ origin: 'kouan' })]);
    expect(cebErrorEntries('-301010')).toEqual([expect.objectContaining({ origin: 'spec' })]);
  });

  it('lets CEB304, CEB404, CEB608 and CEB514 answer 120 海关入库, as their field tables list', () => {
    for (const type of ['CEB304Message', 'CEB404Message', 'CEB608Message', 'CEB514Message'] as const)
      expect(CEB_RETURN_STATUSES_BY_RECEIPT[type]).toContain('120');
  });

  it('describes every status a receipt may carry, and the DXP format codes', () => {
    for (const statuses of Object.values(CEB_RETURN_STATUSES_BY_RECEIPT)) {
      for (const s of statuses) expect(CEB_RETURN_STATUSES[s].zh.length).toBeGreaterThan(0);
    }
    expect(CEB_RETURN_STATUSES['120'].zh).toBe('海关入库');
    expect(CEB_DXP_ERROR_CODES['0002'].zh).toBe('数据包不能通过 schema 验证');
  });
});

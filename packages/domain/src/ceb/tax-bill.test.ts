import { describe, expect, it } from 'vitest';
import { SAMPLE_TAX_BILL } from './fixtures/sample-receipts';
import { readCebMessage } from './messages';
import { parseCebXml } from './parse';
import { buildCebTaxBill } from './tax-bill';
import { validateCebMessage } from './validate';

function read(xml: string) {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  if (!parsed.ok) throw new Error(parsed.error.detail);
  const report = validateCebMessage(parsed.value);
  if (!report.valid) throw new Error(report.violations.map((v) => v.messageEn).join('\n'));
  return readCebMessage(report.message).data as unknown as { Tax: { TaxHeadRd: Record<string, string> }[] };
}

describe('buildCebTaxBill (CEB816 电子税单)', () => {
  it('writes TaxHeadRd with totals that are the sums of the TaxListRd lines', () => {
    const bill = buildCebTaxBill(SAMPLE_TAX_BILL);
    if (!bill.ok) throw new Error('invalid');
    const head = read(bill.xml).Tax[0]?.TaxHeadRd;
    expect(head).toMatchObject({
      invtNo: '29912026I000000001',
      taxNo: 'TAX29912026I000000001',
      returnTime: '20261120100000123',
      customsTax: '0.00',
      valueAddedTax: '38.08',
      consumptionTax: '11.29',
      status: '1',
      customsCode: '2991',
    });
    expect(bill.xml).toContain(
      '<ceb:CEB816Message guid="6F1A0C52-8E1B-4C2B-9A4B-1F2E3D4C5B16" version="1.0"',
    );
    expect(bill.xml.match(/<ceb:TaxListRd>/g)).toHaveLength(2);
  });

  it('its JSON is the XML content', () => {
    const bill = buildCebTaxBill(SAMPLE_TAX_BILL);
    if (!bill.ok) throw new Error('invalid');
    expect(read(bill.xml)).toEqual(bill.json.CEB816Message);
  });

  it('never hands out a bill the schema refuses', () => {
    const bad = buildCebTaxBill({
      ...SAMPLE_TAX_BILL,
      lines: [{ ...SAMPLE_TAX_BILL.lines[0]!, gcode: '190110100', taxPrice: '1.123456' }],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.violations.map((v) => v.path).sort()).toEqual([
      '/CEB816Message/Tax/TaxListRd/gcode',
      '/CEB816Message/Tax/TaxListRd/taxPrice',
    ]);
  });
});

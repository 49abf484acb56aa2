/**
 * Conformance against the OFFICIAL 2022-05 XSDs, checked by libxml2 (xmllint), not by our own validator:
 * every fixture declaration, every receipt the builder emits and the CEB816 tax bill validate. And a
 * differential check: XSD-level mutations our validator rejects are rejected by xmllint too, and the
 * value-space cases we accept (trailing fraction zeros, whitespace around a decimal) xmllint accepts.
 * Fails (never skips) when xmllint is not installed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RECEIPT_INPUTS, SAMPLE_TAX_BILL } from '../src/ceb/fixtures/sample-receipts';
import type { CebBusinessReceiptType } from '../src/ceb/message-types';
import { parseCebXml } from '../src/ceb/parse';
import { buildCebReceipt, buildFormatErrorReceipt, CEB900_RETURN_STATUS } from '../src/ceb/receipts';
import { buildCebTaxBill } from '../src/ceb/tax-bill';
import { validateCebMessage } from '../src/ceb/validate';
import { officialXsdErrors, validateWithOfficialXsd } from './official-xsd';

const fixtures = new URL('../src/ceb/fixtures/', import.meta.url);
const fixture = (file: string) => readFileSync(new URL(file, fixtures), 'utf8');
const files = readdirSync(fixtures).filter((f) => f.endsWith('.xml'));

/** True when our validator finds no XSD-level violation. */
function oursAccepts(xml: string): boolean {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  return parsed.ok && validateCebMessage(parsed.value).violations.every((v) => v.source !== 'xsd');
}

describe('xmllint and the official XSDs', () => {
  it('xmllint rejects a message the official XSD does not allow (the check can fail)', () => {
    const broken = fixture('ceb311-order.xml').replace(/<ceb:orderNo>.*<\/ceb:orderNo>/, '');
    expect(officialXsdErrors(broken).join('\n')).toMatch(/orderNo|Missing child element/);
  });
});

describe('every fixture declaration validates against the official XSD', () => {
  it('covers all 17 declaration fixtures', () => {
    expect(files).toHaveLength(17);
    const verdicts = validateWithOfficialXsd(files.map(fixture));
    expect(files.filter((_, i) => !verdicts[i]?.valid)).toEqual([]);
  });
});

describe('every receipt the builder emits validates against the official XSD', () => {
  const types = Object.keys(SAMPLE_RECEIPT_INPUTS) as CebBusinessReceiptType[];

  it.each(types)('%s', (type) => {
    const result = buildCebReceipt(SAMPLE_RECEIPT_INPUTS[type] as never);
    if (!result.ok) throw new Error(`${type} did not build`);
    expect(officialXsdErrors(result.xml)).toEqual([]);
  });

  it('CEB900Message, with markup and "]]>" in the echoed body', () => {
    const result = buildFormatErrorReceipt({
      guid: '6F1A0C52-8E1B-4C2B-9A4B-1F2E3D4C5B90',
      returnStatus: CEB900_RETURN_STATUS.notWellFormed,
      returnTime: new Date('2026-11-20T02:00:00Z'),
      returnInfo: 'XML格式错误 & <不完整>',
      oriCopMsgId: 'KOUAN-1',
      oriBizMessage: '<CEB311Message>]]> broken',
    });
    if (!result.ok) throw new Error('CEB900 did not build');
    expect(officialXsdErrors(result.xml)).toEqual([]);
  });
});

describe('the CEB816 tax bill validates against the official XSD', () => {
  it('CEB816Message with TaxHeadRd and two TaxListRd', () => {
    const bill = buildCebTaxBill(SAMPLE_TAX_BILL);
    if (!bill.ok) throw new Error('CEB816 did not build');
    expect(officialXsdErrors(bill.xml)).toEqual([]);
  });
});

/** [label, fixture, from, to, valid per the XSD] */
const MUTATIONS: readonly [string, string, string | RegExp, string, boolean][] = [
  ['missing orderNo', 'ceb311-order.xml', /<ceb:orderNo>.*<\/ceb:orderNo>/, '', false],
  [
    'ebpName 101 chars',
    'ceb311-order.xml',
    '杭州海淘跨境电子商务平台有限公司</ceb:ebpName>',
    `${'杭'.repeat(101)}</ceb:ebpName>`,
    false,
  ],
  [
    'ebpName 100 chars',
    'ceb311-order.xml',
    '杭州海淘跨境电子商务平台有限公司</ceb:ebpName>',
    `${'杭'.repeat(100)}</ceb:ebpName>`,
    true,
  ],
  ['price 6 fraction digits', 'ceb311-order.xml', '<ceb:price>169.00<', '<ceb:price>169.123456<', false],
  ['price trailing zeros', 'ceb311-order.xml', '<ceb:price>169.00<', '<ceb:price>169.000000<', true],
  ['qty 20 digits', 'ceb311-order.xml', '<ceb:qty>2<', '<ceb:qty>123456789012345.12345<', false],
  ['gcode 9 digits', 'ceb621-inventory.xml', '<ceb:gcode>1901101000<', '<ceb:gcode>190110100<', false],
  [
    'unknown element',
    'ceb311-order.xml',
    '</ceb:OrderHead>',
    '<ceb:couponCode>1</ceb:couponCode></ceb:OrderHead>',
    false,
  ],
  [
    'swapped order',
    'ceb311-order.xml',
    /(<ceb:orderType>I<\/ceb:orderType>)(\s*)(<ceb:orderNo>[^<]*<\/ceb:orderNo>)/,
    '$3$2$1',
    false,
  ],
  ['gnum not integer', 'ceb311-order.xml', '<ceb:gnum>2<', '<ceb:gnum>2.5<', false],
  ['missing Signature', 'ceb623-cancel.xml', /<ds:Signature[\s\S]*<\/ds:Signature>/, '', false],
  [
    '101 orders',
    'ceb513-waybill-status.xml',
    /(<ceb:LogisticsStatus>[\s\S]*<\/ceb:LogisticsStatus>)/,
    '$1'.repeat(101),
    false,
  ],
  ['missing version', 'ceb303-export-order.xml', ' version="1.0" xmlns:ceb', ' xmlns:ceb', false],
  [
    'decimal with spaces',
    'ceb505-export-waybill.xml',
    '<ceb:grossWeight>1.25<',
    '<ceb:grossWeight> 1.25 <',
    true,
  ],
];

describe('our validator and xmllint agree on XSD-level mutations', () => {
  const cases = MUTATIONS.map(([label, file, from, to, valid]) => {
    const source = fixture(file);
    const xml = source.replace(from, to);
    if (xml === source) throw new Error(`mutation "${label}" did not apply`);
    return { label, xml, valid };
  });

  it('every mutation gets the same verdict from both, and the expected one', () => {
    const verdicts = validateWithOfficialXsd(cases.map((c) => c.xml));
    const seen = cases.map((c, i) => ({
      label: c.label,
      xmllint: verdicts[i]?.valid,
      ours: oursAccepts(c.xml),
    }));
    expect(seen).toEqual(cases.map((c) => ({ label: c.label, xmllint: c.valid, ours: c.valid })));
  });
});

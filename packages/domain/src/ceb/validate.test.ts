import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCebXml } from './parse';
import { CEB_MAX_VIOLATIONS, validateCebMessage } from './validate';
import type { CebViolation } from './violations';

const text = (file: string) => readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8');
const ORDER = text('ceb311-order.xml');
const INVENTORY = text('ceb621-inventory.xml');
const EXPORT_INVENTORY = text('ceb603-export-inventory.xml');
const SUMMARY = text('ceb701-export-summary.xml');
const ARRIVAL = text('ceb507-export-arrival.xml');

function violationsOf(xml: string): readonly CebViolation[] {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  if (!parsed.ok) throw new Error(`${parsed.error.code}: ${parsed.error.detail}`);
  return validateCebMessage(parsed.value).violations;
}

function mutate(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`mutation ${String(from)} did not apply`);
  return out;
}

const pick = (v: CebViolation) => ({ code: v.code, path: v.path });

describe('validateCebMessage: structure', () => {
  it('reports a missing required element with its path and Chinese field name', () => {
    const [v, ...rest] = violationsOf(mutate(ORDER, /<ceb:orderNo>.*<\/ceb:orderNo>\n/, ''));
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      code: 'MISSING_ELEMENT',
      path: '/CEB311Message/Order/OrderHead/orderNo',
      field: 'orderNo',
    });
    expect(v?.fieldZh).toBe('交易平台的订单编号');
    expect(v?.messageZh).toContain('缺少必填节点');
    expect(v?.messageEn).toContain('is required but missing');
  });

  it('reports an unknown element', () => {
    const xml = mutate(
      ORDER,
      '<ceb:note>满减优惠20元</ceb:note>',
      '<ceb:note>满减优惠20元</ceb:note><ceb:couponCode>X1</ceb:couponCode>',
    );
    expect(violationsOf(xml).map(pick)).toEqual([
      { code: 'UNEXPECTED_ELEMENT', path: '/CEB311Message/Order/OrderHead/couponCode' },
    ]);
  });

  it('reports two swapped elements once, as out of order (not also as missing)', () => {
    const xml = mutate(
      ORDER,
      '<ceb:orderType>I</ceb:orderType>\n      <ceb:orderNo>TM20240611000123</ceb:orderNo>',
      '<ceb:orderNo>TM20240611000123</ceb:orderNo>\n      <ceb:orderType>I</ceb:orderType>',
    );
    expect(violationsOf(xml).map(pick)).toEqual([
      { code: 'ELEMENT_OUT_OF_ORDER', path: '/CEB311Message/Order/OrderHead/orderType' },
    ]);
  });

  it('reports BaseTransfer placed after BaseSubscribe as out of order', () => {
    const bt = ORDER.slice(ORDER.indexOf('  <ceb:BaseTransfer>'), ORDER.indexOf('  <ceb:BaseSubscribe>'));
    const xml = mutate(ORDER.replace(bt, ''), '</ceb:BaseSubscribe>\n', `</ceb:BaseSubscribe>\n${bt}`);
    expect(violationsOf(xml).map(pick)).toEqual([
      { code: 'ELEMENT_OUT_OF_ORDER', path: '/CEB311Message/BaseTransfer' },
    ]);
  });

  it('reports more than 99 order lines (maxOccurs) once', () => {
    const line = ORDER.slice(
      ORDER.indexOf('    <ceb:OrderList>'),
      ORDER.indexOf('    <ceb:OrderList>', ORDER.indexOf('</ceb:OrderList>')),
    );
    const xml = mutate(ORDER, line, line.repeat(100));
    const v = violationsOf(xml);
    expect(v.map(pick)).toEqual([
      { code: 'TOO_MANY_OCCURRENCES', path: '/CEB311Message/Order/OrderList[100]' },
    ]);
    expect(v[0]?.expected).toBe('maxOccurs=99');
  });

  it('requires ds:Signature on CEB621 and checks its namespace', () => {
    const sig = INVENTORY.slice(
      INVENTORY.indexOf('  <ds:Signature'),
      INVENTORY.indexOf('</ceb:CEB621Message>'),
    );
    expect(violationsOf(INVENTORY.replace(sig, '')).map(pick)).toEqual([
      { code: 'MISSING_ELEMENT', path: '/CEB621Message/Signature' },
    ]);
    const wrongNs = mutate(
      INVENTORY,
      'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"',
      'xmlns:ds="http://example.com/sig"',
    );
    expect(violationsOf(wrongNs).map((v) => v.code)).toEqual(['SIGNATURE_INVALID']);
  });

  it('reports a missing root attribute and an element in no namespace', () => {
    const xml = mutate(ORDER, ' version="1.0" xmlns:ceb', ' xmlns:ceb').replace(
      '<ceb:freight>0</ceb:freight>',
      '<freight xmlns="">0</freight>',
    );
    expect(violationsOf(xml).map(pick)).toEqual([
      { code: 'MISSING_ATTRIBUTE', path: '/CEB311Message/@version' },
      { code: 'WRONG_NAMESPACE', path: '/CEB311Message/Order/OrderHead/freight' },
    ]);
  });
});

describe('validateCebMessage: values', () => {
  it('reports a too long value (length counts characters, not bytes)', () => {
    const name = '杭'.repeat(101);
    const [v] = violationsOf(
      mutate(
        ORDER,
        '<ceb:ebpName>杭州海淘跨境电子商务平台有限公司</ceb:ebpName>',
        `<ceb:ebpName>${name}</ceb:ebpName>`,
      ),
    );
    expect(v).toMatchObject({
      code: 'MAX_LENGTH',
      path: '/CEB311Message/Order/OrderHead/ebpName',
      expected: 'maxLength=100',
    });
    expect(v?.actual).toBe(`${'杭'.repeat(64)}…`);
    expect(
      violationsOf(
        mutate(
          ORDER,
          '<ceb:ebpName>杭州海淘跨境电子商务平台有限公司</ceb:ebpName>',
          `<ceb:ebpName>${'杭'.repeat(100)}</ceb:ebpName>`,
        ),
      ),
    ).toEqual([]);
  });

  it('reports a value outside the documented enumeration', () => {
    const [v] = violationsOf(mutate(ORDER, '<ceb:appType>1</ceb:appType>', '<ceb:appType>4</ceb:appType>'));
    expect(v).toMatchObject({
      code: 'ENUMERATION',
      path: '/CEB311Message/Order/OrderHead/appType',
      expected: '1 | 2 | 3',
      actual: '4',
      source: 'spec',
    });
  });

  it('reports an import currency other than 142', () => {
    const xml = mutate(
      ORDER,
      '<ceb:currency>142</ceb:currency>\n      <ceb:buyerRegNo>',
      '<ceb:currency>502</ceb:currency>\n      <ceb:buyerRegNo>',
    );
    expect(violationsOf(xml).map(pick)).toEqual([
      { code: 'ENUMERATION', path: '/CEB311Message/Order/OrderHead/currency' },
    ]);
  });

  it('holds an element to its XSD fixed value (export fFlag fixed="3") and a return to buyerIdType 1', () => {
    const exportInventory = text('ceb603-export-inventory.xml');
    expect(violationsOf(exportInventory)).toEqual([]);
    expect(
      violationsOf(exportInventory.replace('<ceb:fFlag>3</ceb:fFlag>', '<ceb:fFlag>1</ceb:fFlag>')).map(pick),
    ).toEqual([{ code: 'ENUMERATION', path: '/CEB603Message/Inventory/InventoryHead/fFlag' }]);
    const refund = text('ceb625-refund.xml');
    expect(
      violationsOf(
        refund.replace('<ceb:buyerIdType>1</ceb:buyerIdType>', '<ceb:buyerIdType>2</ceb:buyerIdType>'),
      ).map(pick),
    ).toEqual([{ code: 'ENUMERATION', path: '/CEB625Message/InvtRefund/InvtRefundHead/buyerIdType' }]);
  });

  it('reports a decimal with 6 fraction digits but accepts trailing zeros (value space)', () => {
    const six = violationsOf(
      mutate(ORDER, '<ceb:price>169.00</ceb:price>', '<ceb:price>169.123456</ceb:price>'),
    );
    expect(six.map(pick)).toEqual([
      { code: 'FRACTION_DIGITS', path: '/CEB311Message/Order/OrderList[1]/price' },
    ]);
    expect(six[0]?.expected).toBe('decimal(19,5)');
    expect(
      violationsOf(mutate(ORDER, '<ceb:price>169.00</ceb:price>', '<ceb:price>169.000000</ceb:price>')),
    ).toEqual([]);
  });

  it('reports too many total digits and a non-number', () => {
    const xml = mutate(ORDER, '<ceb:qty>2</ceb:qty>', '<ceb:qty>123456789012345.12345</ceb:qty>').replace(
      '<ceb:freight>0</ceb:freight>',
      '<ceb:freight>12,50</ceb:freight>',
    );
    expect(violationsOf(xml).map((v) => v.code)).toEqual(['NOT_DECIMAL', 'TOTAL_DIGITS']);
  });

  it('reports a 9-digit HS code', () => {
    const [v, ...rest] = violationsOf(
      mutate(INVENTORY, '<ceb:gcode>1901101000</ceb:gcode>', '<ceb:gcode>190110100</ceb:gcode>'),
    );
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      code: 'LENGTH',
      path: '/CEB621Message/Inventory/InventoryList[1]/gcode',
      expected: 'length=10',
    });
    const letters = violationsOf(
      mutate(INVENTORY, '<ceb:gcode>1901101000</ceb:gcode>', '<ceb:gcode>19011010AB</ceb:gcode>'),
    );
    expect(letters.map(pick)).toEqual([
      { code: 'HS_CODE', path: '/CEB621Message/Inventory/InventoryList[1]/gcode' },
    ]);
  });

  it('reports dates that do not exist and malformed date-times', () => {
    const feb30 = violationsOf(
      mutate(ORDER, '<ceb:appTime>20240611093015</ceb:appTime>', '<ceb:appTime>20230230093015</ceb:appTime>'),
    );
    expect(feb30.map(pick)).toEqual([
      { code: 'INVALID_DATE', path: '/CEB311Message/Order/OrderHead/appTime' },
    ]);
    const hour = violationsOf(
      mutate(ORDER, '<ceb:appTime>20240611093015</ceb:appTime>', '<ceb:appTime>20240611243015</ceb:appTime>'),
    );
    expect(hour.map((v) => v.code)).toEqual(['INVALID_DATE']);
    const dashes = violationsOf(
      mutate(INVENTORY, '<ceb:declTime>20240611</ceb:declTime>', '<ceb:declTime>2024-6-1</ceb:declTime>'),
    );
    expect(dashes.map((v) => v.code)).toEqual(['DATE_TIME_FORMAT']);
    const leap = violationsOf(
      mutate(INVENTORY, '<ceb:declTime>20240611</ceb:declTime>', '<ceb:declTime>20240229</ceb:declTime>'),
    );
    expect(leap).toEqual([]);
  });

  it('reports a lower-case guid, a non-integer gnum and an export tradeMode outside the documented set', () => {
    const xml = mutate(
      EXPORT_INVENTORY,
      '<ceb:tradeMode>9610</ceb:tradeMode>',
      '<ceb:tradeMode>0110</ceb:tradeMode>',
    )
      .replace('guid="F6071829-3A4B-4D5E-8F01-234567890121"', 'guid="f6071829-3a4b-4d5e-8f01-234567890121"')
      .replace('<ceb:gnum>2</ceb:gnum>', '<ceb:gnum>2.5</ceb:gnum>');
    expect(violationsOf(xml).map(pick)).toEqual([
      { code: 'PATTERN', path: '/CEB603Message/@guid' },
      { code: 'ENUMERATION', path: '/CEB603Message/Inventory/InventoryHead/tradeMode' },
      { code: 'NOT_INTEGER', path: '/CEB603Message/Inventory/InventoryList[2]/gnum' },
    ]);
  });

  it('reports every violation of a message, not just the first', () => {
    const xml = mutate(ORDER, '<ceb:appType>1</ceb:appType>', '<ceb:appType>9</ceb:appType>')
      .replace('<ceb:price>169.00</ceb:price>', '<ceb:price>1.1234567</ceb:price>')
      .replace(
        '<ceb:consigneeDistrict>330106</ceb:consigneeDistrict>',
        '<ceb:consigneeDistrict>33010</ceb:consigneeDistrict>',
      )
      .replace(/<ceb:buyerName>.*<\/ceb:buyerName>\n/, '')
      .replace('<ceb:dxpMode>DXP</ceb:dxpMode>', '<ceb:dxpMode>FTP</ceb:dxpMode>');
    expect(violationsOf(xml).map((v) => v.code)).toEqual([
      'ENUMERATION',
      'MISSING_ELEMENT',
      'LENGTH',
      'FRACTION_DIGITS',
      'ENUMERATION',
    ]);
  });
});

describe('validateCebMessage: limits', () => {
  it(`keeps the first ${CEB_MAX_VIOLATIONS} violations and says the list was truncated`, () => {
    const line = ORDER.slice(ORDER.indexOf('    <ceb:OrderList>'), ORDER.indexOf('</ceb:OrderList>') + 17);
    const badLines = line.replace('<ceb:price>169.00</ceb:price>', '<ceb:price>x</ceb:price>').repeat(99);
    const order = ORDER.slice(ORDER.indexOf('  <ceb:Order>'), ORDER.indexOf('  <ceb:BaseTransfer>'));
    const badOrder = order.replace(/ {4}<ceb:OrderList>[\s\S]*<\/ceb:OrderList>\n/, badLines);
    const xml = ORDER.replace(order, badOrder.repeat(11));
    const parsed = parseCebXml(new TextEncoder().encode(xml));
    if (!parsed.ok) throw new Error(parsed.error.code);
    const report = validateCebMessage(parsed.value);
    expect(report.valid).toBe(false);
    if (!report.valid) {
      expect(report.violations).toHaveLength(CEB_MAX_VIOLATIONS);
      expect(report.truncated).toBe(true);
      expect(report.violations[0]?.path).toBe('/CEB311Message/Order[1]/OrderList[1]/price');
    }
  });
});

const split = (xml: string, count: string, seq: string) =>
  mutate(
    xml,
    '<ceb:msgCount>1</ceb:msgCount>\n      <ceb:msgSeqNo>1</ceb:msgSeqNo>',
    `<ceb:msgCount>${count}</ceb:msgCount>\n      <ceb:msgSeqNo>${seq}</ceb:msgSeqNo>`,
  );

const withRange = (start: string | null, end: string | null) =>
  mutate(
    SUMMARY,
    '</ceb:declAgentName>\n',
    `</ceb:declAgentName>\n${start ? `<ceb:startTime>${start}</ceb:startTime>` : ''}${end ? `<ceb:endTime>${end}</ceb:endTime>` : ''}\n`,
  );

describe('two-field rules of the spec (split messages, CEB701 time range)', () => {
  it('accepts the parts of a split message numbered 1 to msgCount', () => {
    expect(violationsOf(split(ARRIVAL, '3', '1'))).toEqual([]);
    expect(violationsOf(split(ARRIVAL, '3', '3'))).toEqual([]);
    expect(violationsOf(split(SUMMARY, '2', '2'))).toEqual([]);
  });

  it('refuses a part numbered 0 or beyond msgCount, naming msgSeqNo and the total', () => {
    for (const seq of ['0', '4']) {
      const [v, ...rest] = violationsOf(split(ARRIVAL, '3', seq));
      expect(rest).toEqual([]);
      expect(v).toMatchObject({
        code: 'MESSAGE_SEQUENCE',
        path: '/CEB507Message/Arrival/ArrivalHead/msgSeqNo',
        field: 'msgSeqNo',
        actual: seq,
        source: 'spec',
      });
      expect(v?.messageZh).toContain('1 至报文总数 msgCount（3）');
      expect(v?.messageEn).toContain('expected 1 to msgCount (3)');
    }
  });

  it('takes a CEB701 time range only as a pair, ending no earlier than it starts', () => {
    expect(violationsOf(withRange('20240701000000', '20240731235959'))).toEqual([]);
    expect(violationsOf(withRange('20240701000000', '20240701000000'))).toEqual([]);
    const [unpaired, ...none] = violationsOf(withRange('20240701000000', null));
    expect(none).toEqual([]);
    expect(unpaired).toMatchObject({
      code: 'UNPAIRED_FIELD',
      path: '/CEB701Message/SummaryApply/SummaryApplyHead/endTime',
      actual: null,
    });
    expect(unpaired?.messageZh).toContain('与 startTime 成对填写');
    const [reversed] = violationsOf(withRange('20240731000000', '20240701000000'));
    expect(reversed).toMatchObject({
      code: 'RANGE_ORDER',
      path: '/CEB701Message/SummaryApply/SummaryApplyHead/endTime',
      actual: '20240701000000',
    });
    expect(reversed?.messageZh).toContain('大于等于开始时间 startTime（20240731000000）');
  });
});

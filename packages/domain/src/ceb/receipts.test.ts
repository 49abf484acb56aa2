import { describe, expect, it } from 'vitest';
import { CEB_RETURN_STATUSES_BY_RECEIPT } from './error-codes';
import { SAMPLE_RECEIPT_INPUTS } from './fixtures/sample-receipts';
import type { CebBusinessReceiptType } from './message-types';
import { CEB_RECEIPT_TYPE_FOR, schemaFor, schemaNameOf } from './message-types';
import { readCebMessage } from './messages';
import { parseCebXml } from './parse';
import {
  buildCebReceipt,
  buildFormatErrorReceipt,
  CEB900_RETURN_STATUS,
  cebReceiptJson,
  formatCebTimestamp,
} from './receipts';
import type { CebElement } from './tree';
import { validateCebMessage } from './validate';
import { cebTreeOf } from './xml-writer';

const types = Object.values(CEB_RECEIPT_TYPE_FOR) as CebBusinessReceiptType[];

function parseBack(xml: string) {
  const parsed = parseCebXml(new TextEncoder().encode(xml));
  if (!parsed.ok) throw new Error(parsed.error.code);
  return parsed.value;
}

describe('buildCebReceipt', () => {
  it.each(types)('%s validates against the schema generated from the official XSD', (type) => {
    const result = buildCebReceipt(SAMPLE_RECEIPT_INPUTS[type] as never);
    if (!result.ok) throw new Error(result.violations.map((v) => v.messageEn).join('\n'));
    const parsed = parseBack(result.xml);
    expect(parsed.messageType).toBe(type);
    expect(validateCebMessage(parsed).violations).toEqual([]);
    expect(result.xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(result.xml).toContain(`<ceb:${type} guid="`);
    expect(result.xml).toContain('xmlns:ceb="http://www.chinaport.gov.cn/ceb"');
  });

  it.each(types)('%s writes the unit fields in XSD order and its JSON equals the XML content', (type) => {
    const result = buildCebReceipt(SAMPLE_RECEIPT_INPUTS[type] as never);
    if (!result.ok) throw new Error('invalid');
    const parsed = parseBack(result.xml);
    const schema = schemaFor(schemaNameOf(type) ?? 'import');
    const unitParticle = schema.complexTypes[type]?.children[0];
    const order = schema.complexTypes[unitParticle?.type ?? '']?.children.map((p) => p.name) ?? [];
    const unit = parsed.root.children[0] as CebElement;
    const written = unit.children.map((c) => c.name);
    expect(written).toEqual(order.filter((name) => written.includes(name)));
    const report = validateCebMessage(parsed);
    if (!report.valid) throw new Error('invalid');
    expect(readCebMessage(report.message).data).toEqual(result.json[type as keyof typeof result.json]);
    // What the server answers from the stored XML alone.
    expect(cebReceiptJson(result.xml)).toEqual(result.json);
  });

  it.each(types)('%s is validated on the same tree its XML reads back as', (type) => {
    const result = buildCebReceipt(SAMPLE_RECEIPT_INPUTS[type] as never);
    if (!result.ok) throw new Error('invalid');
    const outline = (e: CebElement): unknown => ({
      name: e.name,
      namespace: e.namespace,
      attributes: e.attributes,
      text: e.children.length > 0 ? '' : e.text,
      path: e.path,
      children: e.children.map(outline),
    });
    const data = result.json[type as keyof typeof result.json] as unknown as Record<string, unknown>;
    expect(outline(cebTreeOf(type, data))).toEqual(outline(parseBack(result.xml).root));
  });

  it('writes CEB312 OrderReturn exactly as the spec lists it, with returnTime in China time', () => {
    const result = buildCebReceipt(SAMPLE_RECEIPT_INPUTS.CEB312Message);
    expect(result.ok && result.json.CEB312Message.OrderReturn[0]).toEqual({
      guid: '4CDE1CFD-EDED-46B1-946C-B8022E42FC91',
      ebpCode: '3301960ZZ1',
      ebcCode: '3301963K69',
      orderNo: 'TM20240611000123',
      returnStatus: '120',
      returnTime: '20240611093100123',
      returnInfo: '[Code:1800;Desc:入库成功]',
    });
  });

  it('escapes XML text and truncates returnInfo to 1000 characters', () => {
    const base = SAMPLE_RECEIPT_INPUTS.CEB312Message;
    const unit = {
      ...base.units[0],
      orderNo: 'A<&>"B',
      returnInfo: `${'错'.repeat(1200)}\u0001`,
    } as (typeof base.units)[number];
    const result = buildCebReceipt({ ...base, units: [unit] });
    if (!result.ok) throw new Error(result.violations.map((v) => v.messageEn).join('\n'));
    expect(result.xml).toContain('<ceb:orderNo>A&lt;&amp;&gt;"B</ceb:orderNo>');
    const info = result.json.CEB312Message.OrderReturn[0]?.returnInfo ?? '';
    expect([...info]).toHaveLength(1000);
    expect(info.endsWith('…')).toBe(true);
  });

  it('refuses to emit a receipt that would not validate, listing why', () => {
    const base = SAMPLE_RECEIPT_INPUTS.CEB622Message;
    const unit = { ...base.units[0], preNo: 'TOO-SHORT' } as (typeof base.units)[number];
    const result = buildCebReceipt({ ...base, units: [unit] });
    expect(result.ok ? [] : result.violations.map((v) => [v.code, v.path])).toEqual([
      ['LENGTH', '/CEB622Message/InventoryReturn/preNo'],
    ]);
  });

  it('types returnStatus per receipt from the statuses the XSD annotation lists', () => {
    expect(CEB_RETURN_STATUSES_BY_RECEIPT.CEB622Message).toContain('800');
    expect(CEB_RETURN_STATUSES_BY_RECEIPT.CEB312Message).not.toContain('800');
  });
});

describe('buildFormatErrorReceipt (CEB900)', () => {
  it('answers an unreadable body with a negative status, Unknown type and the original as CDATA', () => {
    const original = '<?xml version="1.0"?><CEB311Message>]]> broken';
    const result = buildFormatErrorReceipt({
      guid: '6F1A0C52-8E1B-4C2B-9A4B-1F2E3D4C5B90',
      returnStatus: CEB900_RETURN_STATUS.notWellFormed,
      returnTime: new Date('2024-06-11T01:31:00.123Z'),
      returnInfo: 'XML格式错误 / The XML is not well-formed',
      oriCopMsgId: 'KOUAN-20240611-0001',
      oriBizMessage: original,
    });
    if (!result.ok) throw new Error(result.violations.map((v) => v.messageEn).join('\n'));
    expect(result.xml).toContain('<ceb:oriBizMessage><![CDATA[');
    const unit = parseBack(result.xml).root.children[0];
    expect(unit?.children.map((c) => c.name)).toEqual([
      'guid',
      'returnStatus',
      'returnInfo',
      'returnTime',
      'oriCopMsgId',
      'oriMessageType',
      'oriBizMessage',
    ]);
    expect(unit?.children.find((c) => c.name === 'oriBizMessage')?.text).toBe(original);
    expect(result.json.CEB900Message.MessageReturn).toMatchObject({
      guid: '6F1A0C52-8E1B-4C2B-9A4B-1F2E3D4C5B90',
      returnStatus: '-1',
      oriMessageType: 'Unknown',
      returnTime: '20240611093100123',
    });
  });

  it('uses the original guid and message type when known, and falls back to Unknown for long names', () => {
    const input = {
      guid: '6F1A0C52-8E1B-4C2B-9A4B-1F2E3D4C5B91',
      originalGuid: '4CDE1CFD-EDED-46B1-946C-B8022E42FC94',
      returnStatus: CEB900_RETURN_STATUS.schemaInvalid,
      returnTime: new Date(0),
      returnInfo: 'x'.repeat(6000),
      oriMessageType: 'CEB311Message',
      oriBizMessage: '<ceb:CEB311Message/>',
    } as const;
    const result = buildFormatErrorReceipt(input);
    expect(result.ok && result.json.CEB900Message.MessageReturn.guid).toBe(input.originalGuid);
    expect(result.ok && result.json.CEB900Message.MessageReturn.oriMessageType).toBe('CEB311Message');
    expect(result.ok && [...result.json.CEB900Message.MessageReturn.returnInfo].length).toBe(5000);
    const long = buildFormatErrorReceipt({ ...input, oriMessageType: 'SomeVeryLongMessageName' });
    expect(long.ok && long.json.CEB900Message.MessageReturn.oriMessageType).toBe('Unknown');
  });
});

describe('formatCebTimestamp', () => {
  it('formats in China time (UTC+8) in the three CEB formats', () => {
    const instant = new Date('2023-12-31T16:05:09.007Z');
    expect(formatCebTimestamp(instant, 'yyyyMMdd')).toBe('20240101');
    expect(formatCebTimestamp(instant, 'yyyyMMddHHmmss')).toBe('20240101000509');
    expect(formatCebTimestamp(instant, 'yyyyMMddHHmmssSSS')).toBe('20240101000509007');
  });
});

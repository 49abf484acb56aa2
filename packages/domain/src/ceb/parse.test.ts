import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCebMessage } from './messages';
import type { CebParseResult } from './parse';
import {
  CEB_MAX_BODY_BYTES,
  CEB_MAX_DEPTH,
  CEB_MAX_ELEMENTS,
  parseCebBody,
  parseCebJson,
  parseCebXml,
} from './parse';
import { validateCebMessage } from './validate';

const ORDER = readFileSync(new URL('./fixtures/ceb311-order.xml', import.meta.url), 'utf8');
const utf8 = (s: string) => new TextEncoder().encode(s);
const CEB = 'http://www.chinaport.gov.cn/ceb';

function errorCode(result: CebParseResult): string {
  return result.ok ? 'OK' : result.error.code;
}

function dataOf(result: CebParseResult): unknown {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  const report = validateCebMessage(result.value);
  if (!report.valid) throw new Error(report.violations.map((v) => v.messageEn).join('\n'));
  return readCebMessage(report.message);
}

describe('parseCebXml: DTDs and entities are refused', () => {
  it('rejects a DOCTYPE', () => {
    const r = parseCebXml(
      utf8(`<?xml version="1.0"?>\n<!DOCTYPE CEB311Message>\n<CEB311Message xmlns="${CEB}"/>`),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'DTD_FORBIDDEN', line: 2, column: 1 });
  });

  it('rejects a billion-laughs entity bomb before expanding anything', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(errorCode(parseCebXml(utf8(bomb)))).toBe('DTD_FORBIDDEN');
  });

  it('rejects an external entity (XXE)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CEB311Message xmlns="${CEB}">&xxe;</CEB311Message>`;
    expect(errorCode(parseCebXml(utf8(xxe)))).toBe('DTD_FORBIDDEN');
  });

  it('rejects a reference to an undeclared entity and an unescaped ampersand', () => {
    expect(errorCode(parseCebXml(utf8(`<CEB311Message xmlns="${CEB}">&xxe;</CEB311Message>`)))).toBe(
      'UNDEFINED_ENTITY',
    );
    expect(errorCode(parseCebXml(utf8(`<CEB311Message xmlns="${CEB}">A & B</CEB311Message>`)))).toBe(
      'MALFORMED_XML',
    );
  });

  it('decodes the predefined entities, character references and CDATA', () => {
    const xml = ORDER.replace(
      '<ceb:note>满减优惠20元</ceb:note>',
      '<ceb:note>A&amp;B &#x4E2D;&#22269; <![CDATA[<x>&amp;]]></ceb:note>',
    );
    const r = parseCebXml(utf8(xml));
    if (!r.ok) throw new Error(r.error.code);
    const note = r.value.root.children[0]?.children[0]?.children.find((c) => c.name === 'note');
    expect(note?.text).toBe('A&B 中国 <x>&amp;');
  });
});

describe('parseCebXml: well-formedness and limits', () => {
  it.each([
    ['two roots', `<a xmlns="${CEB}"/><b/>`],
    ['mismatched tags', `<a xmlns="${CEB}"><b></a>`],
    ['"<" in an attribute', `<a xmlns="${CEB}" x="<"/>`],
    ['duplicate attribute', `<a xmlns="${CEB}" x="1" x="2"/>`],
    ['unclosed element', `<a xmlns="${CEB}"><b>`],
    ['text before the root', `hello<a xmlns="${CEB}"/>`],
    ['control character', `<a xmlns="${CEB}">\u0001</a>`],
  ])('rejects %s as MALFORMED_XML', (_name, xml) => {
    expect(errorCode(parseCebXml(utf8(xml)))).toBe('MALFORMED_XML');
  });

  it('reports the line and column of a syntax error', () => {
    const r = parseCebXml(utf8(ORDER.replace('<ceb:freight>0</ceb:freight>', '<ceb:freight>0</ceb:freigh>')));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'MALFORMED_XML', line: 16, column: 21 });
  });

  it('rejects an unbound prefix', () => {
    expect(errorCode(parseCebXml(utf8('<ceb:CEB311Message/>')))).toBe('NAMESPACE_UNBOUND');
  });

  it(`rejects nesting deeper than ${CEB_MAX_DEPTH}`, () => {
    const deep = `${'<a>'.repeat(CEB_MAX_DEPTH + 1)}${'</a>'.repeat(CEB_MAX_DEPTH + 1)}`;
    expect(errorCode(parseCebXml(utf8(`<r xmlns="${CEB}">${deep}</r>`)))).toBe('TOO_DEEP');
    const ok = `${'<a>'.repeat(CEB_MAX_DEPTH - 1)}${'</a>'.repeat(CEB_MAX_DEPTH - 1)}`;
    expect(errorCode(parseCebXml(utf8(`<CEB311Message xmlns="${CEB}">${ok}</CEB311Message>`)))).toBe('OK');
  });

  it(`rejects more than ${CEB_MAX_ELEMENTS} elements`, () => {
    const body = `<CEB311Message xmlns="${CEB}">${'<a/>'.repeat(CEB_MAX_ELEMENTS)}</CEB311Message>`;
    expect(errorCode(parseCebXml(utf8(body)))).toBe('TOO_MANY_ELEMENTS');
  });

  it('rejects an empty or oversized body', () => {
    expect(errorCode(parseCebXml(new Uint8Array()))).toBe('EMPTY_BODY');
    expect(errorCode(parseCebXml(new Uint8Array(CEB_MAX_BODY_BYTES + 1)))).toBe('BODY_TOO_LARGE');
  });

  it('rejects a root outside the CEB namespace and an unknown CEB root', () => {
    expect(errorCode(parseCebXml(utf8('<CEB311Message/>')))).toBe('NOT_CEB_NAMESPACE');
    const unknown = parseCebXml(utf8(`<CEB999Message xmlns="${CEB}"/>`));
    expect(unknown.ok ? 'OK' : [unknown.error.code, unknown.rootName]).toEqual([
      'UNKNOWN_MESSAGE_TYPE',
      'CEB999Message',
    ]);
  });
});

describe('parseCebXml: encodings', () => {
  it('strips a UTF-8 BOM', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(ORDER)]);
    const r = parseCebXml(withBom);
    expect(r.ok && r.value.encoding).toBe('UTF-8');
    expect(dataOf(r)).toEqual(dataOf(parseCebXml(utf8(ORDER))));
  });

  it.each(['GBK', 'GB2312', 'GB18030', 'gbk'])('decodes a body declared %s', (encoding) => {
    const xml = ORDER.replace('encoding="UTF-8"', `encoding="${encoding}"`);
    const bytes = iconv.encode(xml, encoding.toUpperCase() === 'GB18030' ? 'gb18030' : 'gbk');
    const r = parseCebXml(bytes);
    expect(r.ok && r.value.encoding).toBe(encoding.toUpperCase());
    expect(dataOf(r)).toEqual(dataOf(parseCebXml(utf8(ORDER))));
  });

  it('rejects GBK bytes declared as UTF-8, invalid GBK, a BOM contradicting the declaration, and UTF-16', () => {
    expect(errorCode(parseCebXml(iconv.encode(ORDER, 'gbk')))).toBe('INVALID_ENCODING');
    const badGbk = new Uint8Array([
      ...utf8(`<?xml version="1.0" encoding="GBK"?><a xmlns="${CEB}">`),
      0x81,
      0x20,
      ...utf8('</a>'),
    ]);
    expect(errorCode(parseCebXml(badGbk))).toBe('INVALID_ENCODING');
    const gbkWithBom = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...iconv.encode(ORDER.replace('UTF-8', 'GBK'), 'gbk'),
    ]);
    expect(errorCode(parseCebXml(gbkWithBom))).toBe('ENCODING_MISMATCH');
    expect(errorCode(parseCebXml(utf8(ORDER.replace('UTF-8', 'ISO-8859-1'))))).toBe('UNSUPPORTED_ENCODING');
    expect(errorCode(parseCebXml(new Uint8Array([0xff, 0xfe, 0x3c, 0x00])))).toBe('UNSUPPORTED_ENCODING');
  });
});

describe('parseCebXml: namespaces', () => {
  it('reads the ceb: prefix, the default namespace and any other prefix bound to the CEB namespace alike', () => {
    const prefixed = dataOf(parseCebXml(utf8(ORDER)));
    const defaultNs = ORDER.replace(/<(\/?)ceb:/g, '<$1').replace('xmlns:ceb=', 'xmlns=');
    const otherPrefix = ORDER.replace(/<(\/?)ceb:/g, '<$1c:').replace('xmlns:ceb=', 'xmlns:c=');
    expect(dataOf(parseCebXml(utf8(defaultNs)))).toEqual(prefixed);
    expect(dataOf(parseCebXml(utf8(otherPrefix)))).toEqual(prefixed);
  });

  it('gives every element its location path', () => {
    const r = parseCebXml(utf8(ORDER));
    if (!r.ok) throw new Error(r.error.code);
    const line2 = r.value.root.children[0]?.children[2];
    expect(line2?.path).toBe('/CEB311Message/Order/OrderList[2]');
    expect(line2?.children[0]?.path).toBe('/CEB311Message/Order/OrderList[2]/gnum');
    expect(line2?.line).toBe(48);
  });
});

function dxpEnvelope(data: string, copMsgId = 'KOUAN-20240611-0001'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<dxp:DxpMsg ver="1.0" xmlns:dxp="http://www.chinaport.gov.cn/dxp" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <dxp:TransInfo>
    <dxp:CopMsgId>${copMsgId}</dxp:CopMsgId>
    <dxp:SenderId>DXPENT0000012345</dxp:SenderId>
    <dxp:ReceiverIds><dxp:ReceiverId>DXPEDCCEB0000002</dxp:ReceiverId></dxp:ReceiverIds>
    <dxp:CreatTime>2024-06-11T09:30:20</dxp:CreatTime>
    <dxp:MsgType>CEB311Message</dxp:MsgType>
  </dxp:TransInfo>
  <dxp:Data>${data}</dxp:Data>
</dxp:DxpMsg>`;
}

describe('parseCebXml: DxpMsg envelope', () => {
  it('unwraps the base64 Data and keeps TransInfo', () => {
    const base64 = Buffer.from(ORDER, 'utf8')
      .toString('base64')
      .replace(/(.{76})/g, '$1\n');
    const r = parseCebXml(utf8(dxpEnvelope(base64)));
    expect(r.ok && r.value.envelope).toEqual({
      copMsgId: 'KOUAN-20240611-0001',
      senderId: 'DXPENT0000012345',
      receiverIds: ['DXPEDCCEB0000002'],
      creatTime: '2024-06-11T09:30:20',
      msgType: 'CEB311Message',
      textEncoding: undefined,
      signed: false,
    });
    expect(dataOf(r)).toEqual(dataOf(parseCebXml(utf8(ORDER))));
  });

  it('unwraps a transport-node DxpMsgSv around the DxpMsg', () => {
    const inner = dxpEnvelope(Buffer.from(ORDER).toString('base64')).replace(/^<\?xml[^>]*>\n/, '');
    const sv = `<dxp:DxpMsgSv ver="1.0" xmlns:dxp="http://www.chinaport.gov.cn/dxp"><dxp:SvNo Ver="1.0"><dxp:MsgId>0000000120240611093020000000001</dxp:MsgId><dxp:SendTime>2024-06-11T09:30:21</dxp:SendTime><dxp:EndNode>00000002</dxp:EndNode><dxp:StaNode>00000001</dxp:StaNode></dxp:SvNo>${inner.replace(' xmlns:dxp="http://www.chinaport.gov.cn/dxp"', '')}</dxp:DxpMsgSv>`;
    const r = parseCebXml(utf8(sv));
    expect(r.ok && [r.value.messageType, r.value.envelope?.senderId]).toEqual([
      'CEB311Message',
      'DXPENT0000012345',
    ]);
  });

  it('unwraps a GBK business message inside the envelope', () => {
    const gbk = iconv.encode(ORDER.replace('UTF-8', 'GBK'), 'gbk');
    const r = parseCebXml(utf8(dxpEnvelope(Buffer.from(gbk).toString('base64'))));
    expect(r.ok && r.value.encoding).toBe('GBK');
  });

  it('rejects bad base64, a missing TransInfo field, and an envelope inside an envelope', () => {
    expect(errorCode(parseCebXml(utf8(dxpEnvelope('not base64!'))))).toBe('ENVELOPE_INVALID');
    expect(errorCode(parseCebXml(utf8(dxpEnvelope('PGEvPg==', ''))))).toBe('ENVELOPE_INVALID');
    const inner = Buffer.from(dxpEnvelope(Buffer.from(ORDER).toString('base64'))).toString('base64');
    const nested = parseCebXml(utf8(dxpEnvelope(inner)));
    expect(nested.ok ? 'OK' : [nested.error.code, nested.envelope?.copMsgId]).toEqual([
      'ENVELOPE_INVALID',
      'KOUAN-20240611-0001',
    ]);
  });

  it('keeps the envelope on an inner format error (for the CEB900 oriCopMsgId)', () => {
    const r = parseCebXml(utf8(dxpEnvelope(Buffer.from('<broken').toString('base64'))));
    expect(r.ok ? 'OK' : [r.error.code, r.envelope?.copMsgId]).toEqual([
      'MALFORMED_XML',
      'KOUAN-20240611-0001',
    ]);
  });
});

const ORDER_JSON = {
  CEB311Message: {
    guid: '4CDE1CFD-EDED-46B1-946C-B8022E42FC94',
    version: '1.0',
    Order: [
      {
        OrderHead: {
          guid: '4CDE1CFD-EDED-46B1-946C-B8022E42FC91',
          appType: '1',
          appTime: '20240611093015',
          appStatus: '2',
          orderType: 'I',
          orderNo: 'TM20240611000123',
          ebpCode: '3301960ZZ1',
          ebpName: '杭州海淘跨境电子商务平台有限公司',
          ebcCode: '3301963K69',
          ebcName: '杭州优品进口贸易有限公司',
          goodsValue: '398.00',
          freight: 0,
          discount: '20.00',
          taxTotal: '36.22',
          acturalPaid: '414.22',
          currency: '142',
          buyerRegNo: 'zhangwei_1988',
          buyerName: '张伟',
          buyerTelephone: '13812345678',
          buyerIdType: '1',
          buyerIdNumber: '330106198803150417',
          payCode: '312228034T',
          payName: '支付宝（中国）网络技术有限公司',
          payTransactionId: '2024061122001498760512345678',
          consignee: '张伟',
          consigneeTelephone: '13812345678',
          consigneeAddress: '浙江省杭州市西湖区文三路478号华星时代广场A座1203室',
          consigneeDistrict: '330106',
          note: '满减优惠20元',
        },
        OrderList: [
          {
            gnum: 1,
            itemNo: 'SKU-A2-900G',
            itemName: 'a2 Platinum 白金版婴儿配方奶粉 1段 900克',
            gmodel: '900克/罐，0-6个月，乳清蛋白、乳糖、植物油，新西兰产',
            barCode: '9421902960055',
            unit: '122',
            qty: '2',
            price: '169.00',
            totalPrice: '338.00',
            currency: '142',
            country: '609',
            note: null,
          },
          {
            gnum: 2,
            itemNo: 'SKU-SWISSE-VC',
            itemName: 'Swisse 维生素C泡腾片 60片',
            gmodel: '60片/瓶，维生素C 1000毫克/片，澳大利亚产',
            unit: '142',
            qty: '1',
            price: '60.00',
            totalPrice: '60.00',
            currency: '142',
            country: '601',
            note: '赠品活动价',
          },
        ],
      },
    ],
    BaseTransfer: {
      copCode: '3301963K69',
      copName: '杭州优品进口贸易有限公司',
      dxpMode: 'DXP',
      dxpId: 'DXPENT0000012345',
      note: '电子订单',
    },
    BaseSubscribe: { status: 'RET', dxpMode: 'DXP', dxpAddress: 'DXPENT0000067890' },
  },
};

describe('parseCebJson', () => {
  it('turns the JSON form into the same message as the XML form', () => {
    const r = parseCebJson(utf8(JSON.stringify(ORDER_JSON)));
    expect(r.ok && [r.value.format, r.value.messageType]).toEqual(['json', 'CEB311Message']);
    expect(dataOf(r)).toEqual(dataOf(parseCebXml(utf8(ORDER))));
    expect(dataOf(parseCebBody(utf8(JSON.stringify(ORDER_JSON)), 'json'))).toEqual(dataOf(r));
  });

  it('validates JSON input with the same paths', () => {
    const bad = structuredClone(ORDER_JSON);
    const line = bad.CEB311Message.Order[0]?.OrderList[1];
    if (line) line.price = '60.123456';
    const r = parseCebJson(utf8(JSON.stringify(bad)));
    if (!r.ok) throw new Error(r.error.code);
    const report = validateCebMessage(r.value);
    expect(report.violations.map((v) => [v.code, v.path])).toEqual([
      ['FRACTION_DIGITS', '/CEB311Message/Order/OrderList[2]/price'],
    ]);
  });

  it('rejects numbers that cannot be represented exactly, malformed JSON and wrong shapes', () => {
    const imprecise =
      '{"CEB311Message":{"guid":"x","Order":[{"OrderHead":{"goodsValue":12345678901234567.5}}]}}';
    expect(errorCode(parseCebJson(utf8(imprecise)))).toBe('JSON_NUMBER_IMPRECISE');
    expect(errorCode(parseCebJson(utf8('{"CEB311Message":')))).toBe('MALFORMED_JSON');
    // What the same message as XML could not carry: refused, not written as U+FFFD into a receipt.
    for (const name of ['张三\\u0001', '\\ud800李四', '王\\uffff']) {
      const withControl = structuredClone(ORDER_JSON);
      const head = withControl.CEB311Message.Order[0]?.OrderHead as { buyerName: string };
      const text = JSON.stringify(withControl).replace(JSON.stringify(head.buyerName), `"${name}"`);
      const r = parseCebJson(utf8(text));
      expect(errorCode(r)).toBe('JSON_NOT_XML_CHAR');
      if (!r.ok) expect(r.error.detail).toMatch(/^buyerName: U\+(0001|D800|FFFF) at \d$/);
    }
    const fine = structuredClone(ORDER_JSON);
    (fine.CEB311Message.Order[0]?.OrderHead as { buyerName: string }).buyerName = '张三 😀\t\n';
    expect(parseCebJson(utf8(JSON.stringify(fine))).ok).toBe(true);
    expect(errorCode(parseCebJson(utf8('[1,2]')))).toBe('JSON_INVALID_SHAPE');
    expect(errorCode(parseCebJson(utf8('{"a":{},"b":{}}')))).toBe('JSON_INVALID_SHAPE');
    expect(errorCode(parseCebJson(utf8('{"CEB311Message":{"Order":[[1]]}}')))).toBe('JSON_INVALID_SHAPE');
    expect(errorCode(parseCebJson(utf8('{"CEB311Message":{"Order":true}}')))).toBe('JSON_INVALID_SHAPE');
  });
});

/**
 * Realistic CEB import sets (order CEB311, payment CEB411, waybill CEB511, inventory CEB621) as the
 * enterprises send them, for the demo traffic, the benchmark and the tests. Amounts are exact
 * decimal strings; acturalPaid = goodsValue + freight + taxTotal − discount = amountPaid.
 */
import { randomUUID } from 'node:crypto';
import type { CebDeclarationUnit } from '@kouan/domain/ceb';
import { formatCebTimestamp } from '@kouan/domain/ceb';
import { add, compare, decimal, formatDecimal, mul, sub, sum } from '@kouan/domain/money';
import {
  assessImportTax,
  DEFAULT_RETAIL_POLICIES,
  parseTaxRateCsv,
  retailPolicyAt,
  SAMPLE_TAX_RATES_CSV,
} from '@kouan/domain/retail-import';

const SAMPLE_RATES = parseTaxRateCsv(SAMPLE_TAX_RATES_CSV).rates;

/** The tax a platform withholds for these lines (sample rates, the policy in force): the order's taxTotal. */
export function sampleTaxTotal(lines: readonly SampleLine[], freight: string, at: Date): string {
  const inventory = {
    head: { freight, insuredFee: '0' },
    lists: lines.map((l, i) => ({
      gnum: i + 1,
      gcode: l.gcode,
      totalPrice: formatDecimal(mul(decimal(l.qty), decimal(l.price))),
    })),
  } as unknown as CebDeclarationUnit<'CEB621Message'>;
  const policy = retailPolicyAt(DEFAULT_RETAIL_POLICIES, at);
  const only = lines.length === 1 ? lines[0] : undefined;
  const singleOverLimit =
    only !== undefined &&
    compare(decimal(only.qty), decimal('1')) === 0 &&
    compare(decimal(only.price), decimal(policy.perTransactionLimitCny)) > 0;
  return assessImportTax({ inventory, rates: SAMPLE_RATES, policy, fullRate: singleOverLimit }).taxTotal;
}

export interface SampleParties {
  readonly ebp: { code: string; name: string };
  readonly ebc: { code: string; name: string };
  readonly payment: { code: string; name: string };
  readonly logistics: { code: string; name: string };
  /** The declarant of the inventory (a customs broker or the ebc itself). */
  readonly agent: { code: string; name: string };
}

export interface SampleLine {
  readonly gcode: string;
  readonly name: string;
  readonly qty: string;
  readonly price: string;
  readonly unit?: string;
  readonly country?: string;
  readonly itemRecordNo?: string;
}

export interface SampleBuyer {
  readonly name: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly address: string;
}

export interface SampleSetInput {
  readonly parties: SampleParties;
  readonly orderNo: string;
  readonly logisticsNo: string;
  readonly payTransactionId: string;
  readonly buyer: SampleBuyer;
  readonly lines: readonly SampleLine[];
  readonly freight?: string;
  readonly discount?: string;
  /** Tax declared on the order (the platform withholds it). */
  readonly taxTotal?: string;
  readonly at: Date;
  readonly tradeMode?: '9610' | '1210';
  readonly emsNo?: string;
  /** Faults: a payment amount different from the order's acturalPaid, a different waybill consignee. */
  readonly amountPaidOverride?: string;
  readonly waybillConsignee?: string;
  readonly customsCode?: string;
  /** Signs the inventory (the XSD requires a signature on CEB621); unsigned outline otherwise. */
  readonly signInventory?: (xml: string) => string;
}

export interface SampleSet {
  readonly order: string;
  readonly payment: string;
  readonly waybill: string;
  readonly inventory: string;
  readonly acturalPaid: string;
  readonly orderNo: string;
  readonly logisticsNo: string;
}

const NS = 'http://www.chinaport.gov.cn/ceb';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, value: string | undefined) =>
  value === undefined ? '' : `<ceb:${name}>${esc(value)}</ceb:${name}>`;
const guid = () => randomUUID().toUpperCase();

/**
 * The outline of an enveloped ds:Signature, for messages the XSD requires to be signed when no signing
 * key is at hand (signature policy off); a signer replaces it with a real one.
 */
export const UNSIGNED_SIGNATURE =
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><ds:SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><ds:DigestValue>AAAAAAAAAAAAAAAAAAAAAAAAAAA=</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>';

function wrap(
  type: string,
  body: string,
  cop: { code: string; name: string },
  dxpId: string,
  signature = '',
): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ceb:${type} guid="${guid()}" version="1.0" xmlns:ceb="${NS}">${body}<ceb:BaseTransfer>${el('copCode', cop.code)}${el('copName', cop.name)}${el('dxpMode', 'DXP')}${el('dxpId', dxpId)}</ceb:BaseTransfer>${signature}</ceb:${type}>`;
}

const head = (at: Date) =>
  `${el('guid', guid())}${el('appType', '1')}${el('appTime', formatCebTimestamp(at, 'yyyyMMddHHmmss'))}${el('appStatus', '2')}`;

export function buildSampleSet(input: SampleSetInput): SampleSet {
  const p = input.parties;
  const at = input.at;
  const freight = input.freight ?? '0';
  const discount = input.discount ?? '0';
  const taxTotal = input.taxTotal ?? sampleTaxTotal(input.lines, freight, at);
  const totals = input.lines.map((l) => mul(decimal(l.qty), decimal(l.price)));
  const goodsValue = sum(totals);
  const paid = sub(add(add(goodsValue, decimal(freight)), decimal(taxTotal)), decimal(discount));
  const acturalPaid = formatDecimal(paid);
  const b = input.buyer;
  const orderLines = input.lines
    .map(
      (l, i) =>
        `<ceb:OrderList>${el('gnum', String(i + 1))}${el('itemNo', `SKU-${l.gcode}-${i + 1}`)}${el('itemName', l.name)}${el('gmodel', l.name)}${el('unit', l.unit ?? '142')}${el('qty', l.qty)}${el('price', l.price)}${el('totalPrice', formatDecimal(totals[i] ?? goodsValue))}${el('currency', '142')}${el('country', l.country ?? '601')}</ceb:OrderList>`,
    )
    .join('');
  const order = wrap(
    'CEB311Message',
    `<ceb:Order><ceb:OrderHead>${head(at)}${el('orderType', 'I')}${el('orderNo', input.orderNo)}${el('ebpCode', p.ebp.code)}${el('ebpName', p.ebp.name)}${el('ebcCode', p.ebc.code)}${el('ebcName', p.ebc.name)}${el('goodsValue', formatDecimal(goodsValue))}${el('freight', freight)}${el('discount', discount)}${el('taxTotal', taxTotal)}${el('acturalPaid', acturalPaid)}${el('currency', '142')}${el('buyerRegNo', `u${b.phone}`)}${el('buyerName', b.name)}${el('buyerTelephone', b.phone)}${el('buyerIdType', '1')}${el('buyerIdNumber', b.idNumber)}${el('payCode', p.payment.code)}${el('payName', p.payment.name)}${el('payTransactionId', input.payTransactionId)}${el('consignee', b.name)}${el('consigneeTelephone', b.phone)}${el('consigneeAddress', b.address)}</ceb:OrderHead>${orderLines}</ceb:Order>`,
    p.ebc,
    'DXPENT0000000001',
  );
  const payment = wrap(
    'CEB411Message',
    `<ceb:Payment><ceb:PaymentHead>${head(at)}${el('payCode', p.payment.code)}${el('payName', p.payment.name)}${el('payTransactionId', input.payTransactionId)}${el('orderNo', input.orderNo)}${el('ebpCode', p.ebp.code)}${el('ebpName', p.ebp.name)}${el('payerIdType', '1')}${el('payerIdNumber', b.idNumber)}${el('payerName', b.name)}${el('telephone', b.phone)}${el('amountPaid', input.amountPaidOverride ?? acturalPaid)}${el('currency', '142')}${el('payTime', formatCebTimestamp(at, 'yyyyMMddHHmmss'))}</ceb:PaymentHead></ceb:Payment>`,
    p.payment,
    'DXPENT0000000002',
  );
  const waybill = wrap(
    'CEB511Message',
    `<ceb:Logistics><ceb:LogisticsHead>${head(at)}${el('logisticsCode', p.logistics.code)}${el('logisticsName', p.logistics.name)}${el('logisticsNo', input.logisticsNo)}${el('orderNo', input.orderNo)}${el('freight', freight)}${el('insuredFee', '0')}${el('currency', '142')}${el('weight', '1.2')}${el('packNo', '1')}${el(
      'goodsInfo',
      input.lines
        .map((l) => l.name)
        .join('；')
        .slice(0, 200),
    )}${el('consignee', input.waybillConsignee ?? b.name)}${el('consigneeAddress', b.address)}${el('consigneeTelephone', b.phone)}</ceb:LogisticsHead></ceb:Logistics>`,
    p.logistics,
    'DXPENT0000000003',
  );
  const bonded = input.tradeMode === '1210';
  const invLines = input.lines
    .map(
      (l, i) =>
        `<ceb:InventoryList>${el('gnum', String(i + 1))}${el('itemRecordNo', bonded ? (l.itemRecordNo ?? `${i + 1}`) : undefined)}${el('itemNo', `SKU-${l.gcode}-${i + 1}`)}${el('gcode', l.gcode)}${el('gname', l.name)}${el('gmodel', l.name)}${el('country', l.country ?? '601')}${el('currency', '142')}${el('qty', l.qty)}${el('unit', l.unit ?? '142')}${el('qty1', l.qty)}${el('unit1', '035')}${el('price', l.price)}${el('totalPrice', formatDecimal(totals[i] ?? goodsValue))}</ceb:InventoryList>`,
    )
    .join('');
  const customs = input.customsCode ?? '2991';
  const day = formatCebTimestamp(at, 'yyyyMMdd');
  const inventory = wrap(
    'CEB621Message',
    `<ceb:Inventory><ceb:InventoryHead>${head(at)}${el('orderNo', input.orderNo)}${el('ebpCode', p.ebp.code)}${el('ebpName', p.ebp.name)}${el('ebcCode', p.ebc.code)}${el('ebcName', p.ebc.name)}${el('logisticsNo', input.logisticsNo)}${el('logisticsCode', p.logistics.code)}${el('logisticsName', p.logistics.name)}${el('copNo', `C${input.orderNo}`.slice(0, 20))}${el('assureCode', p.ebc.code)}${el('emsNo', bonded ? input.emsNo : undefined)}${el('ieFlag', 'I')}${el('declTime', day)}${el('customsCode', customs)}${el('portCode', customs)}${el('ieDate', day)}${el('buyerIdType', '1')}${el('buyerIdNumber', b.idNumber)}${el('buyerName', b.name)}${el('buyerTelephone', b.phone)}${el('consigneeAddress', b.address)}${el('agentCode', p.agent.code)}${el('agentName', p.agent.name)}${el('areaCode', bonded ? p.agent.code : undefined)}${el('areaName', bonded ? p.agent.name : undefined)}${el('tradeMode', input.tradeMode ?? '9610')}${el('trafMode', bonded ? 'Y' : '5')}${el('trafNo', bonded ? undefined : 'CA1047')}${el('voyageNo', bonded ? undefined : day)}${el('billNo', bonded ? undefined : '999-12345675')}${el('country', bonded ? '142' : '601')}${el('freight', freight)}${el('insuredFee', '0')}${el('currency', '142')}${el('packNo', '1')}${el('grossWeight', '1.2')}${el('netWeight', '1')}</ceb:InventoryHead>${invLines}</ceb:Inventory>`,
    p.agent,
    'DXPENT0000000004',
    input.signInventory ? '' : UNSIGNED_SIGNATURE,
  );
  return {
    order,
    payment,
    waybill,
    inventory: input.signInventory ? input.signInventory(inventory) : inventory,
    acturalPaid,
    orderNo: input.orderNo,
    logisticsNo: input.logisticsNo,
  };
}

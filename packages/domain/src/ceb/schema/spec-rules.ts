/**
 * Format rules the official XSDs state only in prose (xs:documentation and the spec's field tables), not as
 * facets: the 2022-05 XSDs contain no xs:enumeration and no xs:pattern at all. Hand-written, each rule cites
 * the annotation it comes from; they are checked in addition to (never instead of) the XSD facets, and
 * violations carry `source: 'spec'`. Business cross-checks (totals, matching, limits) are not here.
 */
import type { CebSchemaName } from './schema-types';

export type CebDateTimeFormat = 'yyyyMMdd' | 'yyyyMMddHHmmss' | 'yyyyMMddHHmmssSSS';

export type SpecRule =
  | { readonly kind: 'enumeration'; readonly values: readonly string[] }
  | { readonly kind: 'dateTime'; readonly format: CebDateTimeFormat }
  | { readonly kind: 'hsCode' }
  | {
      readonly kind: 'pattern';
      readonly regex: RegExp;
      readonly describeZh: string;
      readonly describeEn: string;
    };

interface RuleEntry {
  /** Omitted: both XSDs. */
  readonly schema?: CebSchemaName;
  /** Complex type keys (as in generated.ts); omitted: any owner. */
  readonly owners?: readonly string[];
  /** Element names, or `@name` for root attributes. */
  readonly fields: readonly string[];
  readonly rule: SpecRule;
}

const IMPORT_HEADS = [
  'OrderHead',
  'PaymentHead',
  'LogisticsHead',
  'LogisticsStatus',
  'InventoryHead',
] as const;

const RULES: readonly RuleEntry[] = [
  // "格式:YYYYMMDDhhmmss" (appTime, payTime, logisticsTime, accountingDate, startTime/endTime; leaveTime is 14 chars)
  {
    fields: ['appTime', 'payTime', 'logisticsTime', 'accountingDate', 'leaveTime', 'startTime', 'endTime'],
    rule: { kind: 'dateTime', format: 'yyyyMMddHHmmss' },
  },
  // "格式:YYYYMMDD" (declTime, ieDate)
  { fields: ['declTime', 'ieDate'], rule: { kind: 'dateTime', format: 'yyyyMMdd' } },
  // "操作时间(格式:YYYYMMDDhhmmssSSS)" / "yyyyMMddHHmmssfff"
  { fields: ['returnTime', 'opDate'], rule: { kind: 'dateTime', format: 'yyyyMMddHHmmssSSS' } },
  // "海关商品编码（10位）": 8-digit tariff line + 2-digit supplementary code
  { fields: ['gcode'], rule: { kind: 'hsCode' } },
  // "报文的36位系统唯一序号（英文字母大写）"
  {
    fields: ['guid', '@guid'],
    rule: {
      kind: 'pattern',
      regex: /^[^a-z]*$/,
      describeZh: '英文字母须大写',
      describeEn: 'letters must be upper case',
    },
  },
  // "企业报送类型。1-新增 2-变更 3-删除"; CEB623 InvtCancel: "1-新增" only
  {
    owners: ['InvtCancel'],
    schema: 'import',
    fields: ['appType'],
    rule: { kind: 'enumeration', values: ['1'] },
  },
  { fields: ['appType'], rule: { kind: 'enumeration', values: ['1', '2', '3'] } },
  // "业务状态:1-暂存,2-申报"
  { fields: ['appStatus'], rule: { kind: 'enumeration', values: ['1', '2'] } },
  // "默认为DXP；指中国电子口岸数据交换平台"
  { fields: ['dxpMode'], rule: { kind: 'enumeration', values: ['DXP'] } },
  // "ALL-订阅数据和回执, DATA-只订阅数据, RET-只订阅回执"
  {
    owners: ['BaseSubscribe'],
    fields: ['status'],
    rule: { kind: 'enumeration', values: ['ALL', 'DATA', 'RET'] },
  },
  // import "电子订单类型：I进口"; export "I-进口商品订单；E-出口商品订单；B-B2B出口订单；W-外综服订单"
  { schema: 'import', fields: ['orderType'], rule: { kind: 'enumeration', values: ['I'] } },
  { schema: 'export', fields: ['orderType'], rule: { kind: 'enumeration', values: ['I', 'E', 'B', 'W'] } },
  // import currency "限定为人民币，填写“142”"
  {
    schema: 'import',
    owners: [...IMPORT_HEADS, 'OrderList', 'InventoryList'],
    fields: ['currency'],
    rule: { kind: 'enumeration', values: ['142'] },
  },
  // "1-身份证,2-其它。限定为身份证，填写“1”"
  {
    schema: 'import',
    owners: ['OrderHead', 'PaymentHead', 'InventoryHead', 'InvtCancel', 'InvtRefundHead'],
    fields: ['buyerIdType', 'payerIdType'],
    rule: { kind: 'enumeration', values: ['1'] },
  },
  // "物流签收状态，限定S"
  { schema: 'import', fields: ['logisticsStatus'], rule: { kind: 'enumeration', values: ['S'] } },
  // "I-进口,E-出口"
  { fields: ['ieFlag'], rule: { kind: 'enumeration', values: ['I', 'E'] } },
  // import "直购进口填写“9610”，保税进口填写“1210”"
  { schema: 'import', fields: ['tradeMode'], rule: { kind: 'enumeration', values: ['9610', '1210'] } },
  // export "一般出口为9610,特殊区域出口为1210/1239"; 9710/9810 added by the 2022-05 revision (B2B, overseas warehouse)
  {
    schema: 'export',
    fields: ['tradeMode'],
    rule: { kind: 'enumeration', values: ['9610', '1210', '1239', '9710', '9810'] },
  },
  // "申报业务类型：A-简化申报;B-汇总申报"
  { fields: ['statisticsFlag'], rule: { kind: 'enumeration', values: ['A', 'B'] } },
  // "1:按收发货人单一汇总，2:按收发货人和生产销售单位汇总"
  { fields: ['summaryFlag'], rule: { kind: 'enumeration', values: ['1', '2'] } },
  // "税单状态（1-已生成，2-已汇总 3-作废）"
  {
    owners: ['TaxHeadRd', 'TaxHeadStatus'],
    fields: ['status'],
    rule: { kind: 'enumeration', values: ['1', '2', '3'] },
  },
  // "4位海关编号" / JGS/T 18《海关关区代码》
  {
    fields: ['customsCode', 'portCode'],
    rule: {
      kind: 'pattern',
      regex: /^\d{4}$/,
      describeZh: '4位数字关区代码',
      describeEn: '4-digit customs code',
    },
  },
  // "参照国家统计局公布的国家行政区划标准填制" (6-digit district code)
  {
    fields: ['consigneeDistrict'],
    rule: {
      kind: 'pattern',
      regex: /^\d{6}$/,
      describeZh: '6位数字行政区划代码',
      describeEn: '6-digit district code',
    },
  },
  // "小于0数字表示…处理异常回执": a status code is a (possibly negative) integer
  {
    fields: ['returnStatus'],
    rule: { kind: 'pattern', regex: /^-?\d+$/, describeZh: '整数状态码', describeEn: 'integer status code' },
  },
];

/** Rules per schema, owner and field (nested maps: no key string per lookup). */
const cache = new Map<string, Map<string, Map<string, readonly SpecRule[]>>>();

/** Rules for one field; the first enumeration that matches wins (owner-specific entries come first). */
export function specRulesFor(schema: CebSchemaName, owner: string, field: string): readonly SpecRule[] {
  let byOwner = cache.get(schema);
  if (!byOwner) {
    byOwner = new Map();
    cache.set(schema, byOwner);
  }
  let byField = byOwner.get(owner);
  if (!byField) {
    byField = new Map();
    byOwner.set(owner, byField);
  }
  const hit = byField.get(field);
  if (hit) return hit;
  const rules: SpecRule[] = [];
  for (const entry of RULES) {
    if (entry.schema !== undefined && entry.schema !== schema) continue;
    if (entry.owners !== undefined && !entry.owners.includes(owner)) continue;
    if (!entry.fields.includes(field)) continue;
    if (entry.rule.kind === 'enumeration' && rules.some((r) => r.kind === 'enumeration')) continue;
    rules.push(entry.rule);
  }
  byField.set(field, rules);
  return rules;
}

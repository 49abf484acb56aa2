/**
 * Chinese names of CEB fields, as the field tables of the 2022-05 spec give them (中文名称 column,
 * ceb-message-spec-202205.txt §3), so that a screen shows 订单编号 where the XML says orderNo. The XML
 * name stays the English label: it is what an integrator knows. Where one field name has different
 * names in different tables (country is 起运国 on an import inventory's head and 原产国 on its lines),
 * the owner-qualified key (`InventoryHead/country`) holds the table's own name. Covers the import
 * declarations Kouan shows (order, payment, waybill, inventory with their lines) and their receipts;
 * cebFieldLabel falls back to the field name for anything else.
 */
const BY_FIELD: Readonly<Record<string, string>> = {
  guid: '系统唯一序号',
  appType: '报送类型',
  appTime: '报送时间',
  appStatus: '业务状态',
  orderType: '订单类型',
  orderNo: '订单编号',
  ebpCode: '电商平台代码',
  ebpName: '电商平台名称',
  ebcCode: '电商企业代码',
  ebcName: '电商企业名称',
  goodsValue: '商品价格',
  freight: '运杂费',
  discount: '非现金抵扣金额',
  taxTotal: '代扣税款',
  acturalPaid: '实际支付金额',
  currency: '币制',
  buyerRegNo: '订购人注册号',
  buyerName: '订购人姓名',
  buyerTelephone: '订购人电话',
  buyerIdType: '订购人证件类型',
  buyerIdNumber: '订购人证件号码',
  payCode: '支付企业代码',
  payName: '支付企业名称',
  payTransactionId: '支付交易编号',
  batchNumbers: '商品批次号',
  consignee: '收货人姓名',
  consigneeTelephone: '收货人电话',
  consigneeAddress: '收货地址',
  consigneeDistrict: '收货地址行政区划代码',
  note: '备注',
  gnum: '商品序号',
  itemNo: '企业商品货号',
  itemName: '企业商品名称',
  itemDescribe: '企业商品描述',
  itemRecordNo: '账册备案料号',
  gcode: '商品编码',
  gname: '商品名称',
  gmodel: '规格型号',
  barCode: '条形码',
  unit: '计量单位',
  unit1: '法定计量单位',
  unit2: '第二计量单位',
  qty: '数量',
  qty1: '法定数量',
  qty2: '第二数量',
  price: '单价',
  totalPrice: '总价',
  country: '原产国（地区）',
  payerIdType: '支付人证件类型',
  payerIdNumber: '支付人证件号码',
  payerName: '支付人姓名',
  telephone: '支付人电话',
  amountPaid: '支付金额',
  payTime: '支付时间',
  logisticsCode: '物流企业代码',
  logisticsName: '物流企业名称',
  logisticsNo: '物流运单编号',
  billNo: '提运单号',
  insuredFee: '保价费',
  weight: '毛重（公斤）',
  packNo: '件数',
  goodsInfo: '主要货物信息',
  copNo: '企业内部编号',
  preNo: '电子口岸编号',
  assureCode: '担保企业编号',
  emsNo: '账册编号',
  invtNo: '清单编号',
  ieFlag: '进出口标记',
  declTime: '申报日期',
  customsCode: '申报海关代码',
  portCode: '口岸海关代码',
  ieDate: '进口日期',
  agentCode: '申报企业代码',
  agentName: '申报企业名称',
  areaCode: '区内企业代码',
  areaName: '区内企业名称',
  tradeMode: '贸易方式',
  trafMode: '运输方式',
  trafNo: '运输工具编号',
  voyageNo: '航班航次号',
  loctNo: '监管场所代码',
  licenseNo: '许可证号',
  wrapType: '包装种类代码',
  grossWeight: '毛重（公斤）',
  netWeight: '净重（公斤）',
  tradeCountry: '贸易国',
  returnStatus: '回执状态',
  returnTime: '回执时间',
  returnInfo: '回执信息',
};

const BY_OWNER: Readonly<Record<string, string>> = {
  'InventoryHead/country': '起运国（地区）',
  'InventoryHead/freight': '运费',
  'InventoryHead/insuredFee': '保费',
  'InventoryHead/preNo': '预录入编号',
  'InventoryHead/licenseNo': '许可证件号',
  'InventoryList/gnum': '序号',
  'InventoryList/itemName': '企业商品品名',
  'InventoryList/gmodel': '商品规格型号',
  'InventoryList/barCode': '条码',
};

/** The Chinese name of `field` of `owner` (a complex type: OrderHead, InventoryList, …), or undefined. */
export function cebFieldLabel(owner: string, field: string): string | undefined {
  return BY_OWNER[`${owner}/${field}`] ?? BY_FIELD[field];
}

/** Meanings of the coded values the spec's tables spell out, by field name. */
const CODED: Readonly<Record<string, Readonly<Record<string, { zh: string; en: string }>>>> = {
  appType: {
    '1': { zh: '新增', en: 'new' },
    '2': { zh: '变更', en: 'change' },
    '3': { zh: '删除', en: 'delete' },
  },
  appStatus: { '1': { zh: '暂存', en: 'saved' }, '2': { zh: '申报', en: 'declared' } },
  orderType: { I: { zh: '进口', en: 'import' }, E: { zh: '出口', en: 'export' } },
  ieFlag: { I: { zh: '进口', en: 'import' }, E: { zh: '出口', en: 'export' } },
  buyerIdType: { '1': { zh: '身份证', en: 'ID card' }, '2': { zh: '其它', en: 'other' } },
  payerIdType: { '1': { zh: '身份证', en: 'ID card' }, '2': { zh: '其它', en: 'other' } },
  currency: { '142': { zh: '人民币', en: 'CNY' } },
  tradeMode: {
    '9610': { zh: '直购进口', en: 'direct purchase' },
    '1210': { zh: '保税进口', en: 'bonded' },
  },
};

/** What a coded value means (appType 1 → 新增), or undefined when the field is not coded or the value unknown. */
export function cebCodedValue(field: string, value: string): { zh: string; en: string } | undefined {
  return CODED[field]?.[value];
}

/**
 * Short Chinese names of the receipts Kouan issues, from each receipt's xs:documentation in the
 * official XSDs ("电子订单回执报文（…）" → 电子订单回执); the export side's CEB304/506/604 are marked
 * (出口) to tell them from their import namesakes.
 */
export const CEB_RECEIPT_NAMES: Readonly<Record<string, string>> = {
  CEB312Message: '电子订单回执',
  CEB412Message: '支付凭证回执',
  CEB512Message: '物流运单回执',
  CEB514Message: '物流运单状态回执',
  CEB622Message: '进口清单回执',
  CEB624Message: '撤销申请单回执',
  CEB626Message: '退货申请单回执',
  CEB712Message: '入库明细单回执',
  CEB900Message: '报文格式校验回执',
  CEB304Message: '电子订单回执（出口）',
  CEB404Message: '收款单回执',
  CEB506Message: '物流运单回执（出口）',
  CEB508Message: '物流运抵单回执',
  CEB510Message: '物流离境单回执',
  CEB604Message: '申报清单数据回执',
  CEB606Message: '撤销申请单回执（出口）',
  CEB608Message: '清单总分单回执',
  CEB702Message: '汇总申请单回执',
};

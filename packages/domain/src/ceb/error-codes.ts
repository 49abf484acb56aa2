/**
 * Return codes of the 2022-05 CEB spec, as a closed typed table.
 *
 * - returnStatus values of each receipt type, from the receipts' xs:documentation ("操作结果（2电子口岸申报中/…）").
 * - Negative business error codes, spec §7 table 7-2 (the title says export, the codes cover import
 *   order/payment/waybill/inventory/cancel/refund/warehouse-entry). Texts are the spec's; `[*]` and `*` are
 *   the spec's placeholders. The spec lists -621027 and -625022 twice with different texts: both are kept.
 * - Four-digit data-exchange (DXP) error codes, spec §7 table 7-1.
 */
import type { CebReceiptType } from './message-types';

export type CebReturnStatusCode =
  | '1'
  | '2'
  | '3'
  | '4'
  | '100'
  | '120'
  | '300'
  | '399'
  | '500'
  | '501'
  | '502'
  | '503'
  | '599'
  | '700'
  | '800'
  | '899';

export interface CebCodeText {
  readonly zh: string;
  readonly en: string;
}

export const CEB_RETURN_STATUSES: Readonly<Record<CebReturnStatusCode, CebCodeText>> = {
  '1': { zh: '电子口岸已暂存', en: 'Saved at China E-port' },
  '2': { zh: '电子口岸申报中', en: 'Being declared at China E-port' },
  '3': { zh: '发送海关成功', en: 'Sent to customs' },
  '4': { zh: '发送海关失败', en: 'Sending to customs failed' },
  '100': { zh: '海关退单', en: 'Rejected by customs' },
  '120': { zh: '海关入库', en: 'Accepted and stored by customs' },
  '300': { zh: '人工审核', en: 'Manual review' },
  '399': { zh: '海关审结', en: 'Customs review concluded' },
  '500': { zh: '查验', en: 'Inspection' },
  '501': { zh: '扣留移送通关', en: 'Detained, transferred to clearance' },
  '502': { zh: '扣留移送缉私', en: 'Detained, transferred to anti-smuggling' },
  '503': { zh: '扣留移送法规', en: 'Detained, transferred to legal affairs' },
  '599': { zh: '其它扣留', en: 'Other detention' },
  '700': { zh: '退运', en: 'Returned abroad' },
  '800': { zh: '放行', en: 'Released' },
  '899': { zh: '结关', en: 'Clearance closed' },
};

const IMPORT_BASIC = ['2', '3', '4', '100', '120', '399'] as const;
const IMPORT_STAGED = ['1', '2', '3', '4', '100', '120', '399'] as const;
const EXPORT_BASIC = ['1', '2', '3', '4', '100', '399'] as const;

/**
 * The non-negative returnStatus values each receipt's annotation lists; any receipt may also carry a
 * negative error code ("若小于0数字表示处理异常回执"). CEB510's annotation lists none ("回执状态"): the
 * common export set is used. CEB900 carries only negative codes ("小于0数字表示报文格式校验异常").
 */
export const CEB_RETURN_STATUSES_BY_RECEIPT = {
  CEB312Message: IMPORT_BASIC,
  CEB412Message: IMPORT_BASIC,
  CEB512Message: IMPORT_BASIC,
  CEB514Message: ['2', '3', '4', '100', '399'],
  CEB622Message: [
    '1',
    '2',
    '3',
    '4',
    '100',
    '120',
    '300',
    '399',
    '800',
    '899',
    '500',
    '501',
    '502',
    '503',
    '599',
    '700',
  ],
  CEB624Message: IMPORT_STAGED,
  CEB626Message: IMPORT_STAGED,
  CEB712Message: IMPORT_STAGED,
  CEB304Message: EXPORT_BASIC,
  CEB404Message: EXPORT_BASIC,
  CEB506Message: EXPORT_BASIC,
  CEB508Message: EXPORT_BASIC,
  CEB510Message: EXPORT_BASIC,
  CEB604Message: ['1', '2', '3', '4', '100', '120', '300', '399', '800', '899'],
  CEB606Message: EXPORT_BASIC,
  CEB608Message: EXPORT_BASIC,
  CEB702Message: EXPORT_BASIC,
  CEB900Message: [],
} as const satisfies Record<CebReceiptType, readonly CebReturnStatusCode[]>;

/** returnStatus a receipt of type T may carry: one of its listed statuses or a negative error code. */
export type CebReturnStatusFor<T extends CebReceiptType> =
  | (typeof CEB_RETURN_STATUSES_BY_RECEIPT)[T][number]
  | `-${number}`;

export type CebErrorCategory =
  | 'enterprise'
  | 'order'
  | 'payment'
  | 'waybill'
  | 'waybill-status'
  | 'inventory'
  | 'cancel'
  | 'refund'
  | 'delivery';

export const CEB_ERROR_CODES = [
  { code: '-10101', category: 'enterprise', zh: '无效企业类型', en: 'Invalid enterprise type' },
  { code: '-10102', category: 'enterprise', zh: '无效企业代码', en: 'Invalid enterprise code' },
  { code: '-301001', category: 'order', zh: '订单商品表体信息不存在', en: 'The order has no line items' },
  {
    code: '-301002',
    category: 'order',
    zh: '订单商品信息内有重复商品序号',
    en: 'The order line items contain a duplicate line number',
  },
  { code: '-301003', category: 'order', zh: '订单信息查询不存在[*]', en: 'Order not found [*]' },
  { code: '-301004', category: 'order', zh: '订单信息查询不存在[*]', en: 'Order not found [*]' },
  { code: '-301005', category: 'order', zh: '[*]订单信息查询不存在', en: '[*] order not found' },
  { code: '-301006', category: 'order', zh: '[*]检索到多条订单信息', en: '[*] matched more than one order' },
  {
    code: '-301007',
    category: 'order',
    zh: '订单业务报文信息不能为空',
    en: 'The order business message must not be empty',
  },
  { code: '-301008', category: 'order', zh: '参数校验不通过，*', en: 'Parameter validation failed: *' },
  {
    code: '-301009',
    category: 'order',
    zh: '订单标识(appType)不正确,未找到操作的订单',
    en: 'Wrong order operation (appType): no order to operate on',
  },
  {
    code: '-301010',
    category: 'order',
    zh: '已存在相同编号的订单',
    en: 'An order with the same number already exists',
  },
  {
    code: '-301011',
    category: 'order',
    zh: '该订单已向海关申报清单，状态不符',
    en: 'An inventory has already been declared for this order; status does not allow the change',
  },
  {
    code: '-301012',
    category: 'order',
    zh: '订单报文处理失败，未找到对应操作',
    en: 'Order message processing failed: no matching operation',
  },
  {
    code: '-301013',
    category: 'order',
    zh: '订单报文处理失败，系统异常',
    en: 'Order message processing failed: system error',
  },
  {
    code: '-301014',
    category: 'order',
    zh: '订单报文处理失败，接收报文为旧报文数据，不做处理',
    en: 'Order message not processed: the received message is older data',
  },
  {
    code: '-301015',
    category: 'order',
    zh: '订单报文处理失败，报文表头数据超过限制',
    en: 'Order message processing failed: too many heads in the message',
  },
  { code: '-401001', category: 'payment', zh: '支付凭证查询不存在[*]', en: 'Payment voucher not found [*]' },
  { code: '-401002', category: 'payment', zh: '支付状态查询不存在[*]', en: 'Payment status not found [*]' },
  {
    code: '-401003',
    category: 'payment',
    zh: '[*]对应多条支付凭证',
    en: '[*] matches more than one payment voucher',
  },
  { code: '-401004', category: 'payment', zh: '[*]对应支付凭证查询不存在', en: '[*] has no payment voucher' },
  {
    code: '-401005',
    category: 'payment',
    zh: '支付单业务报文不能为空',
    en: 'The payment business message must not be empty',
  },
  {
    code: '-401006',
    category: 'payment',
    zh: '支付单标识(appType)不正确,未找到对应操作的支付单',
    en: 'Wrong payment operation (appType): no payment to operate on',
  },
  {
    code: '-401007',
    category: 'payment',
    zh: '已存在相同编号的支付单',
    en: 'A payment with the same number already exists',
  },
  {
    code: '-401008',
    category: 'payment',
    zh: '该支付单已向海关申报支付单，状态不符',
    en: 'This payment has already been declared to customs; status does not allow the change',
  },
  {
    code: '-401009',
    category: 'payment',
    zh: '参数校验不通过，[paymentHead,payment]',
    en: 'Parameter validation failed [paymentHead,payment]',
  },
  {
    code: '-401010',
    category: 'payment',
    zh: '支付单报文处理失败，未找到对应操作',
    en: 'Payment message processing failed: no matching operation',
  },
  {
    code: '-401011',
    category: 'payment',
    zh: '支付单报文处理失败，系统异常',
    en: 'Payment message processing failed: system error',
  },
  {
    code: '-401012',
    category: 'payment',
    zh: '支付单报文处理失败，接收报文为旧报文数据，不做处理',
    en: 'Payment message not processed: the received message is older data',
  },
  {
    code: '-401013',
    category: 'payment',
    zh: '支付单报文处理失败，报文表头数据超过限制',
    en: 'Payment message processing failed: too many heads in the message',
  },
  {
    code: '-504000',
    category: 'waybill',
    zh: '运单报文解析失败！',
    en: 'The waybill message could not be parsed',
  },
  {
    code: '-504010',
    category: 'waybill',
    zh: '运单业务报文不能为空',
    en: 'The waybill business message must not be empty',
  },
  { code: '-504011', category: 'waybill', zh: '参数校验不通过，*', en: 'Parameter validation failed: *' },
  { code: '-504012', category: 'waybill', zh: '物流运单已存在', en: 'The waybill already exists' },
  {
    code: '-504013',
    category: 'waybill',
    zh: '物流运单报文数量超过限制',
    en: 'Too many waybills in the message',
  },
  {
    code: '-504014',
    category: 'waybill',
    zh: '运单标识(appType)不正确,未找到操作的运单',
    en: 'Wrong waybill operation (appType): no waybill to operate on',
  },
  {
    code: '-504015',
    category: 'waybill',
    zh: '已存在相同编号的运单',
    en: 'A waybill with the same number already exists',
  },
  {
    code: '-504016',
    category: 'waybill',
    zh: '该运单已向海关申报运单，状态不符',
    en: 'This waybill has already been declared to customs; status does not allow the change',
  },
  {
    code: '-505000',
    category: 'waybill-status',
    zh: '运单状态报文解析失败！',
    en: 'The waybill status message could not be parsed',
  },
  {
    code: '-505010',
    category: 'waybill-status',
    zh: '运单状态业务报文不能为空',
    en: 'The waybill status business message must not be empty',
  },
  { code: '-505011', category: 'waybill-status', zh: '参数校验不通过', en: 'Parameter validation failed' },
  {
    code: '-505012',
    category: 'waybill-status',
    zh: '物流运单状态已存在',
    en: 'The waybill status already exists',
  },
  {
    code: '-505013',
    category: 'waybill-status',
    zh: '物流运单状态报文数量超过限制',
    en: 'Too many waybill statuses in the message',
  },
  {
    code: '-505014',
    category: 'waybill-status',
    zh: '物流运单状态报文处理失败，未找到对应操作',
    en: 'Waybill status processing failed: no matching operation',
  },
  {
    code: '-505015',
    category: 'waybill-status',
    zh: '物流报文处理失败，系统异常',
    en: 'Logistics message processing failed: system error',
  },
  {
    code: '-505016',
    category: 'waybill-status',
    zh: '物流报文处理失败，接收报文为旧报文数据，不做处理',
    en: 'Logistics message not processed: the received message is older data',
  },
  {
    code: '-505017',
    category: 'waybill-status',
    zh: '报文处理失败，报文表头数据超过限制',
    en: 'Message processing failed: too many heads in the message',
  },
  {
    code: '-621000',
    category: 'inventory',
    zh: 'CEB621Message 接收失败，清单表体为空，报文业务主键[*]',
    en: 'CEB621Message rejected: the inventory has no lines, business key [*]',
  },
  {
    code: '-621001',
    category: 'inventory',
    zh: '清单报文校验失败，[*]',
    en: 'Inventory message validation failed: [*]',
  },
  {
    code: '-621002',
    category: 'inventory',
    zh: '四单回执解析失败，[*]！',
    en: 'Four-document receipt could not be parsed: [*]',
  },
  {
    code: '-621003',
    category: 'inventory',
    zh: '清单申报失败，[*]',
    en: 'Inventory declaration failed: [*]',
  },
  {
    code: '-621004',
    category: 'inventory',
    zh: '清单[*]已经申报过，请勿重复申报',
    en: 'Inventory [*] has already been declared; do not declare it again',
  },
  {
    code: '-621005',
    category: 'inventory',
    zh: '清单[*]的购买金额超过单笔限额[[*]]',
    en: 'The purchase amount of inventory [*] exceeds the single-transaction limit [[*]]',
  },
  {
    code: '-621006',
    category: 'inventory',
    zh: '未找到 headGuid 为[*]的清单',
    en: 'No inventory with headGuid [*]',
  },
  {
    code: '-621008',
    category: 'inventory',
    zh: '清单[*]发送海关成功，更新状态时发生错误',
    en: 'Inventory [*] was sent to customs, but updating its status failed',
  },
  {
    code: '-621009',
    category: 'inventory',
    zh: '清单[*]发送海关失败，更新状态时发生错误',
    en: 'Inventory [*] could not be sent to customs, and updating its status failed',
  },
  {
    code: '-621010',
    category: 'inventory',
    zh: '申报清单[*]发生错误，状态不是申报中',
    en: 'Error declaring inventory [*]: status is not "declaring"',
  },
  {
    code: '-621011',
    category: 'inventory',
    zh: '不存在已申报的清单[*]，无法进行改单操作',
    en: 'No declared inventory [*]; it cannot be modified',
  },
  {
    code: '-621012',
    category: 'inventory',
    zh: '清单[*]的申报状态不符合改单申报的条件',
    en: 'The status of inventory [*] does not allow a modification',
  },
  {
    code: '-621013',
    category: 'inventory',
    zh: '清单[*]，查询个人限额失败',
    en: 'Inventory [*]: the personal quota lookup failed',
  },
  {
    code: '-621014',
    category: 'inventory',
    zh: '清单[*]，核增个人[*]消费金额时出错',
    en: 'Inventory [*]: error adding to the spending of person [*]',
  },
  {
    code: '-621015',
    category: 'inventory',
    zh: '*[*]与卡信息[*]不匹配，没有权限进行操作',
    en: '*[*] does not match the card information [*]; not authorised',
  },
  {
    code: '-621016',
    category: 'inventory',
    zh: '[*]没有权限进行操作',
    en: '[*] is not authorised for this operation',
  },
  { code: '-621017', category: 'inventory', zh: '系统发生异常', en: 'System error' },
  {
    code: '-621018',
    category: 'inventory',
    zh: '清单[*]中购买人[*]已用购买额度为[*]，本次购买将超过年度限额[*]',
    en: 'In inventory [*], buyer [*] has used [*] of the quota; this purchase would exceed the annual limit [*]',
  },
  { code: '-621019', category: 'inventory', zh: '查无此数据', en: 'No such data' },
  {
    code: '-621020',
    category: 'inventory',
    zh: '请求参数错误，请重试',
    en: 'Bad request parameters; please retry',
  },
  {
    code: '-621021',
    category: 'inventory',
    zh: '申报失败[主键为空或未找到数据]，请重试',
    en: 'Declaration failed [empty key or data not found]; please retry',
  },
  {
    code: '-621022',
    category: 'inventory',
    zh: '申报失败[*]，请重试',
    en: 'Declaration failed [*]; please retry',
  },
  {
    code: '-621023',
    category: 'inventory',
    zh: '执行改单操作时发生错误，请重试',
    en: 'Error while modifying the inventory; please retry',
  },
  {
    code: '-621024',
    category: 'inventory',
    zh: '所有清单的表体均为空，无法完成申报操作',
    en: 'All inventories have empty line lists; nothing to declare',
  },
  {
    code: '-621025',
    category: 'inventory',
    zh: '保存签名信息发生错误！',
    en: 'Error saving the signature information',
  },
  {
    code: '-621026',
    category: 'inventory',
    zh: '保存签名信息发生错误,签名信息为空！',
    en: 'Error saving the signature information: the signature is empty',
  },
  {
    code: '-621027',
    category: 'inventory',
    zh: '保存失败，请确认状态并刷新重试',
    en: 'Save failed; check the status, refresh and retry',
  },
  {
    code: '-621027',
    category: 'inventory',
    zh: '请确认表体 gnum 无重复！',
    en: 'Make sure no line number (gnum) is repeated',
  },
  {
    code: '-621028',
    category: 'inventory',
    zh: '加签数据比对失败！',
    en: 'The signed data does not match the message',
  },
  { code: '-621029', category: 'inventory', zh: '验签失败！', en: 'Signature verification failed' },
  {
    code: '-621030',
    category: 'inventory',
    zh: 'CEB621Message 接收失败[*]，清单数据超过限制！',
    en: 'CEB621Message rejected [*]: inventory data exceeds the limit',
  },
  {
    code: '-623000',
    category: 'cancel',
    zh: 'CEB623Message 接收失败，撤单清单为空，报文业务主键[*]',
    en: 'CEB623Message rejected: the cancellation is empty, business key [*]',
  },
  { code: '-623001', category: 'cancel', zh: '报文校验失败，[*]', en: 'Message validation failed: [*]' },
  { code: '-623002', category: 'cancel', zh: '回执解析失败，[*]！', en: 'Receipt could not be parsed: [*]' },
  {
    code: '-623003',
    category: 'cancel',
    zh: '系统中不存在清单编号为[*]的清单！',
    en: 'No inventory with number [*] exists',
  },
  { code: '-623004', category: 'cancel', zh: '查无此数据', en: 'No such data' },
  {
    code: '-623005',
    category: 'cancel',
    zh: '清单的状态不符合撤单申报要求(清单编号[*])！',
    en: 'The inventory status does not allow cancellation (inventory [*])',
  },
  {
    code: '-623006',
    category: 'cancel',
    zh: '撤单清单[*]发送海关成功，更新状态时发生错误',
    en: 'Cancellation [*] was sent to customs, but updating its status failed',
  },
  {
    code: '-623007',
    category: 'cancel',
    zh: '撤单清单[*]发送海关失败，更新状态时发生错误',
    en: 'Cancellation [*] could not be sent to customs, and updating its status failed',
  },
  {
    code: '-623008',
    category: 'cancel',
    zh: 'CEB623Message 接收失败[*]，数据超过限制！',
    en: 'CEB623Message rejected [*]: data exceeds the limit',
  },
  {
    code: '-623009',
    category: 'cancel',
    zh: '撤单清单[*]已经申报过',
    en: 'Cancellation [*] has already been declared',
  },
  {
    code: '-623010',
    category: 'cancel',
    zh: '第*条，企业内部编号[*]:[*]',
    en: 'Item *, enterprise number [*]: [*]',
  },
  {
    code: '-623011',
    category: 'cancel',
    zh: '生成失败[主键为空或未找到数据]，请重试',
    en: 'Creation failed [empty key or data not found]; please retry',
  },
  {
    code: '-623012',
    category: 'cancel',
    zh: '生成失败[撤单原因为空]，请重试',
    en: 'Creation failed [cancellation reason is empty]; please retry',
  },
  {
    code: '-623013',
    category: 'cancel',
    zh: '撤单状态[*]不符合删除条件',
    en: 'Cancellation status [*] does not allow deletion',
  },
  { code: '-623014', category: 'cancel', zh: '校验失败[*]', en: 'Validation failed [*]' },
  {
    code: '-623016',
    category: 'cancel',
    zh: '保存签名信息发生错误！',
    en: 'Error saving the signature information',
  },
  {
    code: '-623017',
    category: 'cancel',
    zh: '保存签名信息发生错误,签名信息为空！',
    en: 'Error saving the signature information: the signature is empty',
  },
  {
    code: '-623018',
    category: 'cancel',
    zh: '请求参数错误，请重试',
    en: 'Bad request parameters; please retry',
  },
  {
    code: '-623019',
    category: 'cancel',
    zh: '申报失败[主键为空或未找到数据]，请重试',
    en: 'Declaration failed [empty key or data not found]; please retry',
  },
  {
    code: '-623020',
    category: 'cancel',
    zh: '申报失败[*]，请重试',
    en: 'Declaration failed [*]; please retry',
  },
  {
    code: '-623021',
    category: 'cancel',
    zh: '*[*]与卡信息[*]不匹配，没有权限进行操作',
    en: '*[*] does not match the card information [*]; not authorised',
  },
  {
    code: '-623022',
    category: 'cancel',
    zh: '保存失败，请确认状态并刷新重试',
    en: 'Save failed; check the status, refresh and retry',
  },
  {
    code: '-623023',
    category: 'cancel',
    zh: '撤单清单申报失败，[*]',
    en: 'Cancellation declaration failed: [*]',
  },
  {
    code: '-623024',
    category: 'cancel',
    zh: '通过界面申报清单[*]发生错误，状态不是申报中',
    en: 'Error declaring [*] through the user interface: status is not "declaring"',
  },
  {
    code: '-623025',
    category: 'cancel',
    zh: '清单[*]，核增个人[*]消费金额时出错',
    en: 'Inventory [*]: error adjusting the spending of person [*]',
  },
  {
    code: '-623026',
    category: 'cancel',
    zh: '[*]没有权限进行操作',
    en: '[*] is not authorised for this operation',
  },
  { code: '-623027', category: 'cancel', zh: '系统发生异常', en: 'System error' },
  {
    code: '-623028',
    category: 'cancel',
    zh: '申报请求发送失败[*]',
    en: 'Sending the declaration request failed [*]',
  },
  { code: '-623029', category: 'cancel', zh: '验签失败*！', en: 'Signature verification failed *' },
  {
    code: '-625001',
    category: 'refund',
    zh: '退货申请单报文校验失败，[*]',
    en: 'Return application validation failed: [*]',
  },
  {
    code: '-625002',
    category: 'refund',
    zh: '四单回执解析失败，[*]！',
    en: 'Four-document receipt could not be parsed: [*]',
  },
  {
    code: '-625003',
    category: 'refund',
    zh: '退货申请单业务报文不能为空！',
    en: 'The return application business message must not be empty',
  },
  {
    code: '-625004',
    category: 'refund',
    zh: '退货申请单申报失败，[*]',
    en: 'Return application declaration failed: [*]',
  },
  {
    code: '-625005',
    category: 'refund',
    zh: '退货申请单[*]验签失败！',
    en: 'Signature verification failed for return application [*]',
  },
  {
    code: '-625006',
    category: 'refund',
    zh: '退货申请单[*]表体无数据，不允许申报！',
    en: 'Return application [*] has no lines and cannot be declared',
  },
  {
    code: '-625007',
    category: 'refund',
    zh: '退货申请单[*]表体第[*]项商品未备案！',
    en: 'Return application [*], line [*]: the goods are not registered',
  },
  {
    code: '-625008',
    category: 'refund',
    zh: '退货申请单预录入号应由电子口岸生成！',
    en: 'The pre-entry number of a return application must be generated by China E-port',
  },
  {
    code: '-625009',
    category: 'refund',
    zh: '退货申请单[*]表体第[*]项的第二数量与第二单位不符合规则（当第二单位为空时，第二数量应为空；当第二单位有值时，第二数量应为正数）！',
    en: 'Return application [*], line [*]: second quantity and second unit are inconsistent (no second unit means no second quantity; with a second unit the quantity must be positive)',
  },
  {
    code: '-625010',
    category: 'refund',
    zh: '退货申请单[*]表体第[*]项的*[*]与备案库[*]不一致！',
    en: 'Return application [*], line [*]: *[*] differs from the registration record [*]',
  },
  {
    code: '-625011',
    category: 'refund',
    zh: '退货申请单[*]表体第[*]项在参数库中没有匹配商品编号[*]的商品！',
    en: 'Return application [*], line [*]: no goods with HS code [*] in the parameter library',
  },
  {
    code: '-625012',
    category: 'refund',
    zh: '退货申请单[*]表体第[*]项的*[*]与参数库[*]不一致！',
    en: 'Return application [*], line [*]: *[*] differs from the parameter library [*]',
  },
  {
    code: '-625013',
    category: 'refund',
    zh: '退货申请单[*]和证书中的“申报单位代码/名称”不一致！',
    en: 'Return application [*]: the declarant code/name differs from the certificate',
  },
  {
    code: '-625014',
    category: 'refund',
    zh: '退货申请单[*]金额超过单笔限额',
    en: 'Return application [*]: the amount exceeds the single-transaction limit',
  },
  {
    code: '-625015',
    category: 'refund',
    zh: '退货申请单[*]中购买人[*]的购买金额超过限额',
    en: 'Return application [*]: the purchases of buyer [*] exceed the limit',
  },
  { code: '-625016', category: 'refund', zh: '查无此数据', en: 'No such data' },
  {
    code: '-625017',
    category: 'refund',
    zh: '请求参数错误，请重试',
    en: 'Bad request parameters; please retry',
  },
  {
    code: '-625018',
    category: 'refund',
    zh: '申报失败[主键为空或未找到数据]，请重试',
    en: 'Declaration failed [empty key or data not found]; please retry',
  },
  {
    code: '-625019',
    category: 'refund',
    zh: '申报失败[系统错误]，请重试',
    en: 'Declaration failed [system error]; please retry',
  },
  {
    code: '-625020',
    category: 'refund',
    zh: '*[*]与卡信息[*]不匹配，没有权限进行操作',
    en: '*[*] does not match the card information [*]; not authorised',
  },
  {
    code: '-625021',
    category: 'refund',
    zh: '[*]没有权限进行操作',
    en: '[*] is not authorised for this operation',
  },
  {
    code: '-625022',
    category: 'refund',
    zh: '退货申请单[*]已经申报过，请勿重复申报',
    en: 'Return application [*] has already been declared; do not declare it again',
  },
  {
    code: '-625022',
    category: 'refund',
    zh: '退货申请单[*]的申报状态不符合改单申报的条件',
    en: 'The status of return application [*] does not allow a modification',
  },
  {
    code: '-625023',
    category: 'refund',
    zh: '所有退货申请单的表体均为空，无法完成批量申报操作',
    en: 'All return applications have empty line lists; the batch cannot be declared',
  },
  {
    code: '-625024',
    category: 'refund',
    zh: '退货申请单[*]，核增个人[*]消费金额时出错',
    en: 'Return application [*]: error adjusting the spending of person [*]',
  },
  {
    code: '-625025',
    category: 'refund',
    zh: '退货申请单[*]，新增个人消费金额时出错',
    en: 'Return application [*]: error adding personal spending',
  },
  {
    code: '-625026',
    category: 'refund',
    zh: '退货申请单[*]，查询个人限额失败',
    en: 'Return application [*]: the personal quota lookup failed',
  },
  {
    code: '-625027',
    category: 'refund',
    zh: '保存签名信息发生错误！',
    en: 'Error saving the signature information',
  },
  {
    code: '-625028',
    category: 'refund',
    zh: '保存签名信息发生错误,签名信息为空！',
    en: 'Error saving the signature information: the signature is empty',
  },
  {
    code: '-625029',
    category: 'refund',
    zh: '保存失败，请确认状态并刷新重试',
    en: 'Save failed; check the status, refresh and retry',
  },
  {
    code: '-625030',
    category: 'refund',
    zh: '申报失败[*]，请重试',
    en: 'Declaration failed [*]; please retry',
  },
  {
    code: '-625031',
    category: 'refund',
    zh: '所有退货申请单的表体均为空，无法完成批量申报操作',
    en: 'All return applications have empty line lists; the batch cannot be declared',
  },
  { code: '-625032', category: 'refund', zh: '查无此数据', en: 'No such data' },
  {
    code: '-625033',
    category: 'refund',
    zh: '退货申请单[*]已经申报过，请勿重复申报',
    en: 'Return application [*] has already been declared; do not declare it again',
  },
  { code: '-625110', category: 'refund', zh: '系统发生异常', en: 'System error' },
  {
    code: '-625113',
    category: 'refund',
    zh: '*[*]与卡信息[*]不匹配，没有权限进行操作',
    en: '*[*] does not match the card information [*]; not authorised',
  },
  {
    code: '-625114',
    category: 'refund',
    zh: '[*]没有权限进行操作',
    en: '[*] is not authorised for this operation',
  },
  { code: '-625116', category: 'refund', zh: '系统发生异常', en: 'System error' },
  {
    code: '-625200',
    category: 'refund',
    zh: 'CEB625Message 接收失败，退货申请单为空，报文业务主键[*]',
    en: 'CEB625Message rejected: the return application is empty, business key [*]',
  },
  {
    code: '-625202',
    category: 'refund',
    zh: '退货申请单[*]发送海关成功，更新状态时发生错误',
    en: 'Return application [*] was sent to customs, but updating its status failed',
  },
  {
    code: '-625203',
    category: 'refund',
    zh: '退货申请单[*]发送海关失败，更新状态时发生错误',
    en: 'Return application [*] could not be sent to customs, and updating its status failed',
  },
  {
    code: '-625204',
    category: 'refund',
    zh: '未找到 headGuid 为[*]的清单',
    en: 'No inventory with headGuid [*]',
  },
  {
    code: '-625205',
    category: 'refund',
    zh: '通过界面申报清单[*]发生错误，状态不是申报中',
    en: 'Error declaring [*] through the user interface: status is not "declaring"',
  },
  {
    code: '-625206',
    category: 'refund',
    zh: '退货申请单[*]发送海关成功，更新状态时发生错误',
    en: 'Return application [*] was sent to customs, but updating its status failed',
  },
  {
    code: '-625207',
    category: 'refund',
    zh: '退货申请单[*]发送海关失败，更新状态时发生错误',
    en: 'Return application [*] could not be sent to customs, and updating its status failed',
  },
  { code: '-625208', category: 'refund', zh: '验签失败*！', en: 'Signature verification failed *' },
  {
    code: '-625209',
    category: 'refund',
    zh: '退货申请单[*],在关联的清单中未找到表体序号为[*],商品编号为[*]的数据',
    en: 'Return application [*]: no line [*] with HS code [*] in the related inventory',
  },
  {
    code: '-800000',
    category: 'delivery',
    zh: '入库明细单表体信息不存在',
    en: 'The warehouse-entry list has no lines',
  },
  {
    code: '-800001',
    category: 'delivery',
    zh: '校验不通过，[错误信息]',
    en: 'Validation failed: [error message]',
  },
  {
    code: '-800002',
    category: 'delivery',
    zh: '入库明细单报文解析失败',
    en: 'The warehouse-entry list message could not be parsed',
  },
  {
    code: '-800003',
    category: 'delivery',
    zh: '入库明细单报已存在',
    en: 'The warehouse-entry list already exists',
  },
  {
    code: '-800004',
    category: 'delivery',
    zh: '入库明细单报文处理失败，系统异常',
    en: 'Warehouse-entry list processing failed: system error',
  },
  {
    code: '-800005',
    category: 'delivery',
    zh: '入库明细单报文处理失败，接收报文为旧报文数据，不做处理',
    en: 'Warehouse-entry list not processed: the received message is older data',
  },
  {
    code: '-800006',
    category: 'delivery',
    zh: '入库明细单报文处理失败，报文表头数据超过限制',
    en: 'Warehouse-entry list processing failed: too many heads in the message',
  },
] as const satisfies readonly ({
  readonly code: `-${number}`;
  readonly category: CebErrorCategory;
} & CebCodeText)[];

export type CebErrorCode = (typeof CEB_ERROR_CODES)[number]['code'];
export type CebErrorEntry = (typeof CEB_ERROR_CODES)[number];

/** All entries for a code (two codes have two texts in the spec); empty for an unknown code. */
export function cebErrorEntries(code: string): readonly CebErrorEntry[] {
  return CEB_ERROR_CODES.filter((e) => e.code === code);
}

export function isCebErrorCode(code: string): code is CebErrorCode {
  return CEB_ERROR_CODES.some((e) => e.code === code);
}

/** Data-exchange platform (DXP) error codes, spec §7 table 7-1 (4 digits, by range). */
export const CEB_DXP_ERROR_CODES = {
  '0001': { zh: '报文格式错误', en: 'Message format error' },
  '0002': { zh: '数据包不能通过 schema 验证', en: 'The data package fails schema validation' },
  '0999': { zh: '其他格式错误', en: 'Other format error' },
  '1001': { zh: '数字签名无效', en: 'Invalid digital signature' },
  '1002': { zh: '数字签名过期', en: 'Digital signature expired' },
  '1003': { zh: '报文解密错误', en: 'Message decryption error' },
  '1004': { zh: '签名与数据不符', en: 'Signature does not match the data' },
  '1999': { zh: '其他安全错误', en: 'Other security error' },
  '2001': { zh: '指定的接收方不存在', en: 'The specified receiver does not exist' },
  '2002': {
    zh: '地址不匹配，报文的实际接收方与该报文的“接收方”定义不同',
    en: "Address mismatch: the actual receiver differs from the message's receiver",
  },
  '2999': { zh: '其他业务逻辑错误', en: 'Other business logic error' },
  '3001': { zh: '数据库、中间件等系统错误', en: 'System error (database, middleware…)' },
  '3002': { zh: '远程连接错误', en: 'Remote connection error' },
  '3003': { zh: '远程连接超时', en: 'Remote connection timeout' },
  '3999': { zh: '其他系统级错误', en: 'Other system error' },
} as const satisfies Record<string, CebCodeText>;

export type CebDxpErrorCode = keyof typeof CEB_DXP_ERROR_CODES;

/** 三单对碰, people: consignee on order, waybill and inventory; buyer on order and inventory; payer. */
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../privacy';
import { type RetailFinding, retailError } from './finding';
import type { ImportSet, ImportSetPaths } from './import-set';
import type { RetailImportPolicy } from './policy';

type Masker = (value: string) => string;

interface Pair {
  readonly zh: string;
  readonly field: string;
  readonly otherField: string;
  readonly value: string;
  readonly other: string;
  readonly mask: Masker;
}

function mismatches(pairs: readonly Pair[], path: (f: string) => string, where: [string, string]) {
  const [thisDocZh, otherDocZh] = where;
  return pairs
    .filter((p) =>
      p.mask === maskIdNumber ? p.value.toUpperCase() !== p.other.toUpperCase() : p.value !== p.other,
    )
    .map((p) =>
      retailError(
        '-621003',
        path(p.field),
        `${thisDocZh}${p.zh}（${p.field}）${p.mask(p.value)} 与${otherDocZh}（${p.otherField}）${p.mask(p.other)} 不一致`,
        `${p.field} ${p.mask(p.value)} differs from ${p.otherField} ${p.mask(p.other)}`,
      ),
    );
}

export function checkConsignee(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const o = set.order.head;
  const w = set.waybill.head;
  const inv = set.inventory.head;
  const waybill = mismatches(
    [
      {
        zh: '收货人',
        field: 'consignee',
        otherField: 'consignee',
        value: w.consignee,
        other: o.consignee,
        mask: maskName,
      },
      {
        zh: '收货人电话',
        field: 'consigneeTelephone',
        otherField: 'consigneeTelephone',
        value: w.consigneeTelephone,
        other: o.consigneeTelephone,
        mask: maskPhone,
      },
      {
        zh: '收货地址',
        field: 'consigneeAddress',
        otherField: 'consigneeAddress',
        value: w.consigneeAddress,
        other: o.consigneeAddress,
        mask: maskAddress,
      },
    ],
    at.waybill,
    ['运单', '订单'],
  ).map((f) => ({ ...f, en: `waybill ${f.en} on the order` }));
  const inventory = mismatches(
    [
      {
        zh: '收件地址',
        field: 'consigneeAddress',
        otherField: 'consigneeAddress',
        value: inv.consigneeAddress,
        other: o.consigneeAddress,
        mask: maskAddress,
      },
    ],
    at.inventory,
    ['清单', '订单'],
  ).map((f) => ({ ...f, en: `inventory ${f.en} on the order` }));
  return [...waybill, ...inventory];
}

export function checkBuyer(set: ImportSet, at: ImportSetPaths): RetailFinding[] {
  const o = set.order.head;
  const v = set.inventory.head;
  const keep: Masker = (s) => s;
  return mismatches(
    [
      {
        zh: '订购人姓名',
        field: 'buyerName',
        otherField: 'buyerName',
        value: v.buyerName,
        other: o.buyerName,
        mask: maskName,
      },
      {
        zh: '订购人证件类型',
        field: 'buyerIdType',
        otherField: 'buyerIdType',
        value: v.buyerIdType,
        other: o.buyerIdType,
        mask: keep,
      },
      {
        zh: '订购人证件号码',
        field: 'buyerIdNumber',
        otherField: 'buyerIdNumber',
        value: v.buyerIdNumber,
        other: o.buyerIdNumber,
        mask: maskIdNumber,
      },
      {
        zh: '订购人电话',
        field: 'buyerTelephone',
        otherField: 'buyerTelephone',
        value: v.buyerTelephone,
        other: o.buyerTelephone,
        mask: maskPhone,
      },
    ],
    at.inventory,
    ['清单', '订单'],
  ).map((f) => ({ ...f, en: `inventory ${f.en} on the order` }));
}

export function checkPayer(set: ImportSet, at: ImportSetPaths, policy: RetailImportPolicy): RetailFinding[] {
  const p = set.payment.head;
  const o = set.order.head;
  const severity = policy.payerDifferentFromBuyer === 'reject' ? 'error' : 'warning';
  return mismatches(
    [
      {
        zh: '支付人证件号码',
        field: 'payerIdNumber',
        otherField: 'buyerIdNumber',
        value: p.payerIdNumber,
        other: o.buyerIdNumber,
        mask: maskIdNumber,
      },
      {
        zh: '支付人姓名',
        field: 'payerName',
        otherField: 'buyerName',
        value: p.payerName,
        other: o.buyerName,
        mask: maskName,
      },
    ],
    at.payment,
    ['支付凭证', '订单订购人'],
  ).map((f) => ({
    ...f,
    severity,
    zh: `${f.zh}：支付人与订购人不是同一人，${severity === 'error' ? '不予接受' : '需核实订购人身份'}（${policy.source}）`,
    en: `payment ${f.en} of the order's buyer: payer and buyer differ, ${severity === 'error' ? 'refused' : 'buyer identity to be verified'}`,
  }));
}

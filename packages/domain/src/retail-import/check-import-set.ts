/**
 * 三单对碰: the cross-document checks of one import set (order CEB311, payment CEB411, waybill CEB511,
 * inventory CEB621), all problems at once. Pure: the caller finds the four units (by orderNo + ebpCode,
 * logisticsCode + logisticsNo) and decides what the findings mean for the receipt.
 *
 * Input units come from validated messages (readCebDeclaration), so amounts are exact decimal(19,5) text;
 * they are compared as Decimal, never as floats, and `1.0` equals `1.00`. Texts are compared exactly
 * (the format check has already normalised white space), except ID numbers, whose check character `X`
 * may be written in either case.
 *
 * Check → spec error code (§7 table 7-2). The spec has no dedicated codes for 三单对碰 mismatches; a
 * fault inside one document gets that document's "参数校验不通过" code, a disagreement between documents
 * the inventory's "清单申报失败，[*]" because it is the declaration that is refused:
 *
 * | check                                                                  | code    |
 * |------------------------------------------------------------------------|---------|
 * | order acturalPaid = goodsValue + freight + taxTotal − discount         | -301008 |
 * | order goodsValue = Σ line totalPrice; line totalPrice = price × qty    | -301008 |
 * | order orderType I; order and line currency = policy currency (142)     | -301008 |
 * | order line gnum repeated                                               | -301002 |
 * | payment currency 142                                                   | -401009 |
 * | waybill currency 142; waybill packNo 1                                 | -504011 |
 * | inventory ieFlag I, currency 142 (head, lines), packNo 1               | -621001 |
 * | inventory line totalPrice = price × qty                                | -621001 |
 * | inventory line gnum repeated                                           | -621027 |
 * | payment amountPaid = order acturalPaid                                 | -621003 |
 * | inventory lines 1:1 with order lines by gnum, same gname, qty, total   | -621003 |
 * | consignee name / phone / address equal on order and waybill            | -621003 |
 * | inventory consigneeAddress = order consigneeAddress                    | -621003 |
 * | inventory buyer (name, ID type, ID number, phone) = order buyer        | -621003 |
 * | payer (payerName, payerIdNumber) ≠ buyer: policy warn or reject        | -621003 |
 * | references: payment orderNo/ebpCode, order payCode/payTransactionId,   | -621003 |
 * |   waybill orderNo, inventory orderNo/ebpCode/ebcCode/logisticsCode/No  |         |
 */
import { checkLines, checkOrderAmounts, checkPaymentAmount } from './check-set-amounts';
import { checkCodes, checkReferences } from './check-set-codes';
import { checkBuyer, checkConsignee, checkPayer } from './check-set-parties';
import type { RetailFinding } from './finding';
import type { ImportSet } from './import-set';
import { importSetPaths } from './import-set';
import type { RetailImportPolicy } from './policy';

/** Every cross-document problem of the set (empty: the four documents agree). */
export function checkImportSet(set: ImportSet, policy: RetailImportPolicy): RetailFinding[] {
  const at = importSetPaths(set.unitIndexes);
  return [
    ...checkOrderAmounts(set.order, at),
    ...checkPaymentAmount(set, at),
    ...checkLines(set, at),
    ...checkConsignee(set, at),
    ...checkBuyer(set, at),
    ...checkPayer(set, at, policy),
    ...checkCodes(set, at, policy),
    ...checkReferences(set, at),
  ];
}

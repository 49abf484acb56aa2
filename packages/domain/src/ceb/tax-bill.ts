/**
 * CEB816 电子税单 (ceb-import-2022.xsd, spec §3.17): the tax assessed for one import inventory, as
 * customs would send it — TaxHeadRd (totals) and one TaxListRd per goods line. The head amounts are
 * computed here as the sums of the lines, so the bill always adds up.
 */
import { decimal, formatDecimal, sum } from '../money';
import {
  buildValidatedCebMessage,
  CEB_RECEIPT_VERSION,
  type CebReceiptBuildResult,
  formatCebTimestamp,
} from './receipts';
import type { ImportTaxListRd } from './schema/generated-types';

/** TaxHeadRd status (税单状态): 1 已生成, 2 已汇总, 3 作废. */
export const CEB_TAX_BILL_STATUS = { generated: '1', summarised: '2', void: '3' } as const;
export type CebTaxBillStatus = (typeof CEB_TAX_BILL_STATUS)[keyof typeof CEB_TAX_BILL_STATUS];

/** One goods line: gnum, gcode and the amounts as exact decimal strings (at most 5 fraction digits). */
export type CebTaxBillLine = ImportTaxListRd;

export interface BuildCebTaxBillInput {
  /** guid of the CEB816 message itself (root attribute). */
  readonly guid: string;
  /** guid of the tax bill (TaxHeadRd/guid). */
  readonly billGuid: string;
  /** When the tax was assessed; written as yyyyMMddHHmmssSSS in China time. */
  readonly returnTime: Date;
  readonly invtNo: string;
  readonly taxNo: string;
  readonly status: CebTaxBillStatus;
  readonly note?: string;
  readonly assureCode?: string;
  readonly ebcCode?: string;
  readonly logisticsCode?: string;
  readonly agentCode?: string;
  readonly customsCode?: string;
  /** 1..99 lines (the XSD's limit, as for the inventory itself). */
  readonly lines: readonly CebTaxBillLine[];
}

/** Σ of one amount over the lines, with at least two fraction digits (fen). */
function total(lines: readonly CebTaxBillLine[], pick: (l: CebTaxBillLine) => string): string {
  const value = sum(lines.map((l) => decimal(pick(l))));
  return formatDecimal(value, Math.max(2, value.scale));
}

/** Builds a CEB816Message with one Tax; validated against the schema like every receipt. */
export function buildCebTaxBill(input: BuildCebTaxBillInput): CebReceiptBuildResult<'CEB816Message'> {
  const head = {
    guid: input.billGuid,
    returnTime: formatCebTimestamp(input.returnTime, 'yyyyMMddHHmmssSSS'),
    invtNo: input.invtNo,
    taxNo: input.taxNo,
    customsTax: total(input.lines, (l) => l.customsTax),
    valueAddedTax: total(input.lines, (l) => l.valueAddedTax),
    consumptionTax: total(input.lines, (l) => l.consumptionTax),
    status: input.status,
    note: input.note,
    assureCode: input.assureCode,
    ebcCode: input.ebcCode,
    logisticsCode: input.logisticsCode,
    agentCode: input.agentCode,
    customsCode: input.customsCode,
  };
  const TaxHeadRd = Object.fromEntries(Object.entries(head).filter(([, v]) => v !== undefined));
  const TaxListRd = input.lines.map((l) => ({
    gnum: l.gnum,
    gcode: l.gcode,
    taxPrice: l.taxPrice,
    customsTax: l.customsTax,
    valueAddedTax: l.valueAddedTax,
    consumptionTax: l.consumptionTax,
  }));
  const data = { guid: input.guid, version: CEB_RECEIPT_VERSION, Tax: [{ TaxHeadRd, TaxListRd }] };
  return buildValidatedCebMessage('CEB816Message', data);
}

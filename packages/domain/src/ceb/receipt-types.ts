/**
 * Typed inputs of the receipt builder: one interface per receipt unit (the `…Return` element), with the
 * fields the XSD requires (optional ones marked `?`). Element order is taken from the schema, not from
 * these interfaces. `returnTime` is an instant; it is written as yyyyMMddHHmmssSSS in China time (UTC+8).
 */
import type { CebReturnStatusFor } from './error-codes';
import type { CebBusinessReceiptType } from './message-types';

interface ReturnOutcome<T extends CebBusinessReceiptType> {
  /** One of the statuses the receipt's annotation lists, or a negative error code from error-codes.ts. */
  readonly returnStatus: CebReturnStatusFor<T>;
  readonly returnTime: Date;
  /** 回执详细信息; truncated to the receipt's maxLength (1000) with "…" if longer. */
  readonly returnInfo: string;
}

/** CEB312 OrderReturn / CEB304 OrderReturn */
export interface OrderReturnUnit<T extends 'CEB312Message' | 'CEB304Message'> extends ReturnOutcome<T> {
  readonly guid: string;
  readonly ebpCode: string;
  readonly ebcCode: string;
  readonly orderNo: string;
}

/** CEB412 PaymentReturn */
export interface PaymentReturnUnit extends ReturnOutcome<'CEB412Message'> {
  readonly guid: string;
  readonly payCode: string;
  readonly payTransactionId: string;
}

/** CEB512 LogisticsReturn / CEB506 LogisticsReturn */
export interface LogisticsReturnUnit<T extends 'CEB512Message' | 'CEB506Message'> extends ReturnOutcome<T> {
  readonly guid: string;
  readonly logisticsCode: string;
  readonly logisticsNo: string;
}

/** CEB514 LogisticsStatusReturn */
export interface LogisticsStatusReturnUnit extends ReturnOutcome<'CEB514Message'> {
  readonly guid: string;
  readonly logisticsCode: string;
  readonly logisticsNo: string;
  readonly logisticsStatus: string;
}

/** CEB622 InventoryReturn, CEB624 InvtCancelReturn, CEB626 InvtRefundReturn (same fields, import). */
export interface ImportInventoryReturnUnit<T extends 'CEB622Message' | 'CEB624Message' | 'CEB626Message'>
  extends ReturnOutcome<T> {
  readonly guid: string;
  readonly customsCode?: string;
  readonly ebpCode?: string;
  readonly ebcCode?: string;
  readonly agentCode?: string;
  readonly copNo: string;
  /** 18 characters, required by the XSD even before customs assigns the inventory number. */
  readonly preNo: string;
  readonly invtNo?: string;
}

/** CEB712 DeliveryReturn */
export interface DeliveryReturnUnit extends ReturnOutcome<'CEB712Message'> {
  readonly guid: string;
  readonly customsCode?: string;
  readonly operatorCode?: string;
  readonly copNo?: string;
  readonly preNo?: string;
  readonly rkdNo?: string;
}

/** CEB404 ReceiptsReturn */
export interface ReceiptsReturnUnit extends ReturnOutcome<'CEB404Message'> {
  readonly guid: string;
  readonly ebcCode: string;
  readonly orderNo: string;
  readonly payNo?: string;
}

/** CEB508 ArrivalReturn */
export interface ArrivalReturnUnit extends ReturnOutcome<'CEB508Message'> {
  readonly guid: string;
  readonly operatorCode: string;
  readonly logisticsCode: string;
  readonly preNo: string;
  readonly copNo: string;
  readonly billNo: string;
  readonly msgSeqNo: number;
}

/** CEB510 DepartureReturn */
export interface DepartureReturnUnit extends ReturnOutcome<'CEB510Message'> {
  readonly guid: string;
  readonly logisticsCode: string;
  readonly copNo: string;
  readonly preNo: string;
  readonly msgSeqNo: number;
}

/** CEB604 InventoryReturn (export) */
export interface ExportInventoryReturnUnit extends ReturnOutcome<'CEB604Message'> {
  readonly guid: string;
  readonly agentCode: string;
  readonly copNo: string;
  readonly preNo: string;
  readonly invtNo: string;
  readonly ebcCode: string;
  readonly ebpCode: string;
  readonly orderNo: string;
  readonly statisticsFlag: string;
}

/** CEB606 InvtCancelReturn (export) */
export interface ExportInvtCancelReturnUnit extends ReturnOutcome<'CEB606Message'> {
  readonly guid: string;
  readonly agentCode: string;
  readonly copNo: string;
  readonly preNo: string;
  readonly invtNo: string;
}

/** CEB608 WayBillReturn */
export interface WayBillReturnUnit extends ReturnOutcome<'CEB608Message'> {
  readonly guid: string;
  readonly agentCode: string;
  readonly logisticsCode: string;
  readonly copNo: string;
  readonly preNo: string;
  readonly billNo: string;
  readonly msgSeqNo: number;
}

/** CEB702 SummaryReturn */
export interface SummaryReturnUnit extends ReturnOutcome<'CEB702Message'> {
  readonly guid: string;
  readonly agentCode: string;
  readonly ebcCode: string;
  readonly copNo: string;
  readonly preNo: string;
  readonly sumNo?: string;
  readonly msgSeqNo: number;
}

export interface CebReceiptUnitMap {
  readonly CEB312Message: OrderReturnUnit<'CEB312Message'>;
  readonly CEB412Message: PaymentReturnUnit;
  readonly CEB512Message: LogisticsReturnUnit<'CEB512Message'>;
  readonly CEB514Message: LogisticsStatusReturnUnit;
  readonly CEB622Message: ImportInventoryReturnUnit<'CEB622Message'>;
  readonly CEB624Message: ImportInventoryReturnUnit<'CEB624Message'>;
  readonly CEB626Message: ImportInventoryReturnUnit<'CEB626Message'>;
  readonly CEB712Message: DeliveryReturnUnit;
  readonly CEB304Message: OrderReturnUnit<'CEB304Message'>;
  readonly CEB404Message: ReceiptsReturnUnit;
  readonly CEB506Message: LogisticsReturnUnit<'CEB506Message'>;
  readonly CEB508Message: ArrivalReturnUnit;
  readonly CEB510Message: DepartureReturnUnit;
  readonly CEB604Message: ExportInventoryReturnUnit;
  readonly CEB606Message: ExportInvtCancelReturnUnit;
  readonly CEB608Message: WayBillReturnUnit;
  readonly CEB702Message: SummaryReturnUnit;
}

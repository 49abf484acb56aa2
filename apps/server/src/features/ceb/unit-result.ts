import type { Actor } from '../../lib/actor';
import type { UnitSpec } from './ceb-units';
import type { Finding, SetUnit, TaxAssessment } from './checks';
import { describeFindings } from './import-set';
import type { PartyLookup } from './party-lookup';

export interface UnitInput {
  readonly spec: UnitSpec;
  readonly unit: SetUnit;
  readonly messageId: string;
  readonly copCode: string;
  readonly actor: Actor;
  readonly serial: number;
  /** 0-based position of the unit in its message (field paths). */
  readonly unitIndex: number;
  readonly parties: PartyLookup;
}

export interface UnitResult {
  readonly returnStatus: string;
  readonly returnInfo: string;
  readonly findings: readonly Finding[];
  readonly preNo?: string | undefined;
  readonly invtNo?: string | undefined;
  readonly sumNo?: string | undefined;
  readonly tax?: TaxAssessment | null;
  readonly docKey: string;
}

/**
 * returnInfo of an accepted unit that is stored only: what happened to its document. The status is
 * the type's accepted status whatever the appType (the operation was accepted; the spec has no
 * state for a change or a delete); the text says which it was.
 */
export function acceptedInfo(acceptedStatus: string, appType: string): string {
  if (appType === '3') return '删除成功 / deleted';
  if (appType === '2') return '变更成功 / changed';
  return acceptedStatus === '120' ? '海关入库 / stored' : '海关审结 / accepted';
}

/** A unit refused with these findings (the first one's code is the return status). */
export const refused = (
  key: string,
  findings: Finding[],
  numbers: { preNo?: string; invtNo?: string; sumNo?: string } = {},
): UnitResult => ({
  returnStatus: (findings[0] as Finding).code,
  returnInfo: describeFindings(findings),
  findings,
  docKey: key,
  ...numbers,
});

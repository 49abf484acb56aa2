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
  readonly tax?: TaxAssessment | null;
  readonly docKey: string;
}

/** A unit refused with these findings (the first one's code is the return status). */
export const refused = (
  key: string,
  findings: Finding[],
  numbers: { preNo?: string; invtNo?: string } = {},
): UnitResult => ({
  returnStatus: (findings[0] as Finding).code,
  returnInfo: describeFindings(findings),
  findings,
  docKey: key,
  ...numbers,
});

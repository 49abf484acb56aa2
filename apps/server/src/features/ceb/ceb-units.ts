/**
 * What Kouan needs to know about each accepted declaration type: the business key of a unit, which
 * parties it names, who may send it (BaseTransfer.copCode must be one of them), the document number
 * that must be unique, the spec's error codes for duplicates and changes, and its receipt unit.
 */
import type { CebDeclarationType } from '@kouan/domain/ceb';
import { EXPORT_UNIT_SPECS } from './export-units';
import { IMPORT_UNIT_SPECS } from './import-units';
import type { UnitSpec } from './unit-spec';

export {
  type Head,
  type NumberClaim,
  str,
  type UnitKind,
  type UnitOutcome,
  type UnitSpec,
} from './unit-spec';

export const UNIT_SPECS: Readonly<Record<CebDeclarationType, UnitSpec>> = {
  ...IMPORT_UNIT_SPECS,
  ...EXPORT_UNIT_SPECS,
};

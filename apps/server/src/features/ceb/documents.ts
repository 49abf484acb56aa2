import type { PiiVault } from '../../lib/pii';
import type { CebDocumentRow } from './ceb.repository';
import type { Head } from './ceb-units';
import type { SetUnit } from './checks';

type SealedUnit = Pick<CebDocumentRow, 'data' | 'data_enc'>;

/**
 * Units already in clear, per row object: those sealed in this process (a set's inventory reads
 * its order, payment and waybill, often written in the same batch) and those opened once. Rows
 * are never changed, and a unit is read-only, so the clear unit stays that of the row.
 */
const inClear = new WeakMap<SealedUnit, SetUnit>();

function unitOf(json: string): SetUnit {
  const parsed = JSON.parse(json) as { head: Head; lists: Head[] };
  return { head: parsed.head, lists: parsed.lists };
}

/** The unit (head and lines) of a stored document version; the data holds personal information. */
export function readUnit(vault: PiiVault, row: SealedUnit): SetUnit {
  const known = inClear.get(row);
  if (known) return known;
  const unit = unitOf(
    row.data ? vault.openBody(row.data).toString('utf8') : vault.decrypt(row.data_enc ?? ''),
  );
  inClear.set(row, unit);
  return unit;
}

/**
 * The sealed unit of a new row (PiiVault.sealBody of its JSON). Pass the row to `remember`, so that
 * reading it in this process does not open it again: the unit remembered is parsed back from the
 * same JSON, exactly what reading the stored row would give.
 */
export function sealUnit(
  vault: PiiVault,
  unit: SetUnit,
): { columns: SealedUnit; remember: (row: SealedUnit) => void } {
  const json = JSON.stringify({ head: unit.head, lists: unit.lists });
  return {
    columns: { data: vault.sealBody(Buffer.from(json, 'utf8')), data_enc: null },
    remember: (row) => inClear.set(row, unitOf(json)),
  };
}

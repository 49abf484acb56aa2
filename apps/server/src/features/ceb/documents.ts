import type { PiiVault } from '../../lib/pii';
import type { CebDocumentRow } from './ceb.repository';
import type { Head } from './ceb-units';
import type { SetUnit } from './checks';

/** The unit (head and lines) of a stored document version; the data holds personal information. */
export function readUnit(vault: PiiVault, row: Pick<CebDocumentRow, 'data_enc'>): SetUnit {
  const parsed = JSON.parse(vault.decrypt(row.data_enc)) as { head: Head; lists: Head[] };
  return { head: parsed.head, lists: parsed.lists };
}

export function sealUnit(vault: PiiVault, unit: SetUnit): string {
  return vault.encrypt(JSON.stringify({ head: unit.head, lists: unit.lists }));
}

import {
  type CebDeclarationType,
  isCebDeclarationType,
  parseCebBody,
  readCebDeclaration,
  type ValidCebMessage,
} from '@kouan/domain/ceb';
import type { PiiVault } from '../../lib/pii';
import type { CebDocumentRow } from './ceb.repository';
import type { Head } from './ceb-units';
import type { SetUnit } from './checks';
import type { CebMessageRow } from './messages.repository';

type StoredUnit = Pick<CebDocumentRow, 'message_id' | 'unit_index' | 'data' | 'data_enc'>;
type StoredBody = Pick<CebMessageRow, 'id' | 'message_type' | 'format' | 'body' | 'body_enc'>;

/** Where units held in their messages are read from: the vault, and the messages' stored bodies. */
export interface UnitSource {
  readonly vault: PiiVault;
  readonly messageBodies: (ids: readonly string[]) => Promise<StoredBody[]>;
}

/**
 * Units already in clear, per row object: those written in this process (a set's inventory reads
 * its order, payment and waybill, often written in the same batch) and those opened once. Rows are
 * never changed, and a unit is read-only, so the clear unit stays that of the row.
 */
const inClear = new WeakMap<StoredUnit, SetUnit>();

/** The body of a stored message: sealed bytes since migration 0015, encrypted base64 before it. */
export function openStoredBody(vault: PiiVault, row: Pick<CebMessageRow, 'body' | 'body_enc'>): Buffer {
  if (row.body) return vault.openBody(row.body);
  return Buffer.from(vault.decrypt(row.body_enc ?? ''), 'base64');
}

/**
 * The units of a stored message, in order, read as the intake read them when it accepted the
 * message (parse, then the declaration view). The message passed the format check then; it is not
 * checked again, so that a rule added since cannot make an accepted document unreadable.
 */
export function unitsOfStoredMessage(vault: PiiVault, row: StoredBody): SetUnit[] {
  const parsed = parseCebBody(openStoredBody(vault, row), row.format);
  const type = row.message_type;
  if (!parsed.ok || !isCebDeclarationType(type))
    throw new Error(
      `stored message ${row.id} (${type}) cannot be read: ${parsed.ok ? 'type' : parsed.error.code}`,
    );
  const view = readCebDeclaration(parsed.value as ValidCebMessage, type as CebDeclarationType);
  if (!view) throw new Error(`stored message ${row.id} is not a ${type}`);
  return view.units.map((u) => ({
    head: u.head as unknown as SetUnit['head'],
    lists: u.lists as unknown as SetUnit['lists'],
  }));
}

function unitOfJson(json: string): SetUnit {
  const parsed = JSON.parse(json) as { head: Head; lists: Head[] };
  return { head: parsed.head, lists: parsed.lists };
}

/**
 * Opens the units of these rows at once: those held in their messages (one statement for all the
 * messages, each decoded once), and those stored as sealed JSON before migration 0019.
 */
export async function openUnits(source: UnitSource, rows: readonly StoredUnit[]): Promise<void> {
  const waiting = rows.filter((r) => !inClear.has(r));
  const inMessages = waiting.filter((r) => r.unit_index !== null);
  const bodies = inMessages.length
    ? await source.messageBodies([...new Set(inMessages.map((r) => r.message_id))])
    : [];
  const byMessage = new Map<string, SetUnit[]>();
  for (const body of bodies) byMessage.set(body.id, unitsOfStoredMessage(source.vault, body));
  for (const row of waiting) {
    if (row.unit_index === null) {
      const json = row.data
        ? source.vault.openBody(row.data).toString('utf8')
        : source.vault.decrypt(row.data_enc ?? '');
      inClear.set(row, unitOfJson(json));
      continue;
    }
    const unit = byMessage.get(row.message_id)?.[row.unit_index];
    if (!unit) throw new Error(`unit ${row.unit_index} of message ${row.message_id} is not stored`);
    inClear.set(row, unit);
  }
}

/** The unit (head and lines) of a stored document version; it holds personal information. */
export async function readUnit(source: UnitSource, row: StoredUnit): Promise<SetUnit> {
  const known = inClear.get(row);
  if (known) return known;
  await openUnits(source, [row]);
  return inClear.get(row) as SetUnit;
}

/**
 * The columns of a new version whose unit is the `unitIndex`th of its message (the message row is
 * written in the same transaction). Pass the row to `remember`, so that reading it in this process
 * needs no decoding: the unit remembered is the one the intake read from the same message body,
 * exactly what reading the stored row gives.
 */
export function unitInMessage(
  unit: SetUnit,
  unitIndex: number,
): {
  columns: Pick<CebDocumentRow, 'unit_index' | 'data' | 'data_enc'>;
  remember: (row: StoredUnit) => void;
} {
  return {
    columns: { unit_index: unitIndex, data: null, data_enc: null },
    remember: (row) => inClear.set(row, unit),
  };
}

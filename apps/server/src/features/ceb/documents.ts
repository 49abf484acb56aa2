import {
  type CebDeclarationType,
  type CebDeclarationView,
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
  return setUnitsOf(view);
}

/** The units of a declaration as the handlers take them (head and lines). */
export function setUnitsOf(view: CebDeclarationView<CebDeclarationType>): SetUnit[] {
  return view.units.map((u) => ({
    head: u.head as unknown as SetUnit['head'],
    lists: u.lists as unknown as SetUnit['lists'],
  }));
}

function unitOfJson(json: string): SetUnit {
  const parsed = JSON.parse(json) as { head: Head; lists: Head[] };
  return { head: parsed.head, lists: parsed.lists };
}

/** Most units the decoded messages kept across batches hold together (a message holds 1 to 100). */
const RECENT_UNITS_MAX = 5_000;

/**
 * Messages decoded lately, by id, least recently used first: the units of a message whose sets
 * complete over several batches (a 100-order CEB311, its orders' inventories arriving later) are
 * decoded once, not once per batch. Messages are never changed, and units are read-only.
 */
const recentlyDecoded = new Map<string, SetUnit[]>();
let recentUnits = 0;

function rememberDecoded(id: string, units: SetUnit[]): void {
  const known = recentlyDecoded.get(id);
  if (known) {
    recentlyDecoded.delete(id);
    recentUnits -= known.length;
  }
  recentlyDecoded.set(id, units);
  recentUnits += units.length;
  for (const [oldest, held] of recentlyDecoded) {
    if (recentUnits <= RECENT_UNITS_MAX || oldest === id) break;
    recentlyDecoded.delete(oldest);
    recentUnits -= held.length;
  }
}

function recallDecoded(id: string): SetUnit[] | undefined {
  const units = recentlyDecoded.get(id);
  if (units) {
    // Most recently used now: moved to the end.
    recentlyDecoded.delete(id);
    recentlyDecoded.set(id, units);
  }
  return units;
}

/** Forgets every decoded message kept (a process that starts afresh: tests of the reading path). */
export function forgetDecodedMessages(): void {
  recentlyDecoded.clear();
  recentUnits = 0;
}

/**
 * Remembers the units of a message this process accepted (as the intake read them, which is what
 * decoding its stored body gives): the later batches that read its documents — a set's inventory
 * arriving after its order, payment and waybill — need not decode it again.
 */
export function rememberMessageUnits(messageId: string, units: readonly SetUnit[]): void {
  rememberDecoded(messageId, [...units]);
}

/**
 * Reads the units of stored document versions for one transaction or request. The bodies of the
 * messages they are in are fetched in bulk (`prefetch`: one statement), and a message is decoded
 * only when a unit of it is first read, then kept for later batches (recentlyDecoded).
 */
export class UnitReader {
  readonly #bodies = new Map<string, StoredBody>();

  constructor(private readonly source: UnitSource) {}

  /** Fetches, in one statement, the bodies of the messages these rows' units are in (not decoded). */
  async prefetch(rows: readonly StoredUnit[]): Promise<void> {
    const ids = new Set<string>();
    for (const row of rows) {
      if (row.unit_index === null || inClear.has(row)) continue;
      if (!this.#bodies.has(row.message_id) && !recentlyDecoded.has(row.message_id)) ids.add(row.message_id);
    }
    if (ids.size === 0) return;
    for (const body of await this.source.messageBodies([...ids])) this.#bodies.set(body.id, body);
  }

  /** The unit (head and lines) of a stored document version; it holds personal information. */
  async read(row: StoredUnit): Promise<SetUnit> {
    const known = inClear.get(row);
    if (known) return known;
    let unit: SetUnit | undefined;
    if (row.unit_index === null) {
      const json = row.data
        ? this.source.vault.openBody(row.data).toString('utf8')
        : this.source.vault.decrypt(row.data_enc ?? '');
      unit = unitOfJson(json);
    } else {
      unit = (await this.#unitsOf(row.message_id))[row.unit_index];
      if (!unit) throw new Error(`unit ${row.unit_index} of message ${row.message_id} is not stored`);
    }
    inClear.set(row, unit);
    return unit;
  }

  /** The units of these rows, in their order (their messages fetched in one statement). */
  async readAll(rows: readonly StoredUnit[]): Promise<SetUnit[]> {
    await this.prefetch(rows);
    const units: SetUnit[] = [];
    for (const row of rows) units.push(await this.read(row));
    return units;
  }

  async #unitsOf(messageId: string): Promise<SetUnit[]> {
    const recalled = recallDecoded(messageId);
    if (recalled) return recalled;
    let body = this.#bodies.get(messageId);
    if (!body) {
      [body] = await this.source.messageBodies([messageId]);
      if (!body) throw new Error(`message ${messageId} is not stored`);
    }
    this.#bodies.delete(messageId);
    const units = unitsOfStoredMessage(this.source.vault, body);
    rememberDecoded(messageId, units);
    return units;
  }
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

/**
 * Everything one transaction of CEB work produces besides the documents themselves: receipts, status
 * history, audit and evidence entries. Collected while units are processed and written in bulk at the
 * end (evidence last, as recordEvidence asks), so a batch of messages costs a few statements.
 */
import { randomUUID } from 'node:crypto';
import type { CebBusinessReceiptType } from '@kouan/domain/ceb';
import { buildCebReceipt, cebGuid } from '@kouan/domain/ceb';
import type { Config } from '../../config/config';
import type { Repositories } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { PiiVault } from '../../lib/pii';
import type { AuditRecord } from '../audit/audit.repository';
import type { EvidenceEvent } from '../evidence';
import { recordEvidence } from '../evidence';
import { BatchExportInventories } from './batch-export-inventories';
import { BatchInventories } from './batch-inventories';
import { BatchUsage } from './batch-usage';
import type {
  CebBondedMovementRow,
  CebDocumentRow,
  CebInventoryRow,
  CebMessageRow,
  CebNumberRow,
  CebReceiptRow,
  CebStatusRow,
  CebUsageEntryRow,
} from './ceb.repository';
import type { NumberClaim } from './ceb-units';
import type { SetChecks } from './checks';
import { UnitReader } from './documents';
import { LostRace } from './lost-race';

/** What a batch reads ahead, in a few set-based statements, before its units are processed. */
export interface BatchReadAhead {
  /** Documents whose latest version the units need (their own keys, and the sets' order/waybill). */
  readonly docKeys: readonly string[];
  /** Orders the batch touches: their payments and inventories. */
  readonly orderNos: readonly string[];
  /** Numbers the batch's new documents claim. */
  readonly claims: readonly NumberClaim[];
  /** Export inventories the units declare (document keys) or name (invtNos). */
  readonly exportInventories: { readonly docKeys: readonly string[]; readonly invtNos: readonly string[] };
}

const claimKey = (c: { kind: string; ownerCode: string; number: string }) =>
  `${c.kind}|${c.ownerCode}|${c.number}`;

export interface CebDeps {
  readonly vault: PiiVault;
  readonly clock: Clock;
  readonly config: Config['ceb'];
  readonly checks: SetChecks;
}

export interface IssuedReceipt {
  readonly id: string;
  readonly type: CebBusinessReceiptType;
  readonly xml: string;
  readonly json: unknown;
  /** What the evidence ledger holds of the receipt (its own entry, or inside the caller's entry). */
  readonly evidence: Record<string, unknown>;
}

export class BatchContext {
  readonly receipts: CebReceiptRow[] = [];
  readonly statuses: CebStatusRow[] = [];
  readonly audit: AuditRecord[] = [];
  readonly evidence: EvidenceEvent[] = [];
  readonly usageEntries: CebUsageEntryRow[] = [];
  readonly movements: CebBondedMovementRow[] = [];
  /** Party ids per customs code, for evidence visibility. */
  readonly partyIdsByCode = new Map<string, readonly string[]>();
  /** Documents written in this transaction, by key (and payments by order): read without a round trip. */
  readonly written = new Map<string, CebDocumentRow>();
  readonly writtenPayments = new Map<string, CebDocumentRow>();
  /** Reference data read in this batch, per `table|code|day` (most sets share their goods). */
  readonly referenceCache = new Map<string, unknown>();
  /** Accepted messages and document versions, inserted in bulk at flush. */
  readonly messages: CebMessageRow[] = [];
  readonly documents: CebDocumentRow[] = [];
  /** Latest stored version per document key, read ahead (null: none stored). */
  private readonly storedDocs = new Map<string, CebDocumentRow | null>();
  /** Stored payments per order number, read ahead. */
  private readonly storedPayments = new Map<string, CebDocumentRow[]>();
  /** Number claims: read ahead (null: free), and those this batch makes (inserted at flush). */
  private readonly storedNumbers = new Map<string, CebNumberRow | null>();
  private readonly claimedNumbers = new Set<string>();
  private readonly newNumbers: CebNumberRow[] = [];
  private readonly reclaimedNumbers: { row: CebNumberRow; before: Date }[] = [];
  /** Inventories as this transaction sees them, and the versions they have in the database. */
  private readonly inventories: BatchInventories;
  /** Annual usage of the buyers this batch holds the locks of: stored, and as changed by the batch. */
  private readonly usage: BatchUsage;
  /** Export inventories (CEB603) as this transaction sees them: their state for the export checks. */
  readonly exportInventories: BatchExportInventories;
  /** The units of stored document versions, read from their messages (documents.ts). */
  readonly units: UnitReader;

  constructor(
    readonly repos: Repositories,
    readonly deps: CebDeps,
    readonly now: Date,
    readonly dryRun: boolean,
  ) {
    this.inventories = new BatchInventories(repos);
    this.usage = new BatchUsage(repos);
    this.exportInventories = new BatchExportInventories(repos);
    this.units = new UnitReader({ vault: deps.vault, messageBodies: (ids) => repos.ceb.messageBodies(ids) });
  }

  partyIds(codes: readonly string[]): string[] {
    const ids = codes.flatMap((c) => this.partyIdsByCode.get(c) ?? []);
    return [...new Set(ids)];
  }

  /** The evidence of an inventory's status change (import or export), read by its parties. */
  recordInventoryStatusEvidence(
    inv: { invt_no: string; party_codes: readonly string[] },
    actor: Actor,
    document: Record<string, unknown>,
  ): void {
    this.evidence.push({
      kind: 'status.changed',
      subject: { type: 'ceb_inventory', id: inv.invt_no },
      actor,
      at: this.now,
      partyIds: this.partyIds(inv.party_codes),
      document: { invtNo: inv.invt_no, ...document },
    });
  }

  /** Appends one status-history row (who, when, why; the receipt it was answered with, if any). */
  recordStatus(input: {
    docKey: string;
    status: string;
    previous: string | null;
    actor: Actor;
    reason: string;
    receiptId?: string | null;
  }): void {
    this.statuses.push({
      id: newId('cebst', this.now.getTime()),
      doc_key: input.docKey,
      status: input.status,
      previous_status: input.previous,
      at: this.now,
      actor_type: input.actor.type === 'anonymous' ? 'system' : input.actor.type,
      actor_id: input.actor.id,
      request_id: input.actor.requestId,
      reason: input.reason,
      receipt_id: input.receiptId ?? null,
    });
  }

  /**
   * Builds, validates (the domain refuses an invalid receipt) and queues one receipt message. With
   * `inEvidenceOf: 'caller'` the receipt gets no evidence entry of its own: the caller records it
   * inside the entry of the event it answers (the message accepted, the status changed), which
   * holds both.
   */
  issueReceipt(input: {
    inEvidenceOf?: 'caller';
    type: CebBusinessReceiptType;
    units: readonly Record<string, unknown>[];
    actor: Actor;
    messageId: string | null;
    docKey: string | null;
    recipientCodes: readonly string[];
    id?: string;
  }): IssuedReceipt {
    const id = input.id ?? newId('rcpt', this.now.getTime());
    const guid = cebGuid(randomUUID());
    // The unit types are enforced by ceb-units.ts; the builder validates the result against the XSD.
    const built = buildCebReceipt({ type: input.type, guid, units: input.units as never });
    if (!built.ok) {
      const first = built.violations[0];
      throw new Error(`receipt ${input.type} failed its own schema: ${first?.messageEn ?? 'unknown'}`);
    }
    const firstStatus = String((input.units[0] as { returnStatus?: unknown })?.returnStatus ?? '');
    this.receipts.push({
      id,
      receipt_type: input.type,
      guid,
      message_id: input.messageId,
      doc_key: input.docKey,
      return_status: firstStatus,
      recipient_codes: [...new Set(input.recipientCodes)],
      xml: built.xml,
      // The JSON form is read back from the XML when asked for (migration 0020).
      json: null,
      issued_at: this.now,
    });
    const evidence = {
      receiptId: id,
      receiptType: input.type,
      guid,
      messageId: input.messageId,
      docKey: input.docKey,
      receipt: built.json,
    };
    if (input.inEvidenceOf !== 'caller') {
      this.evidence.push({
        kind: 'receipt.issued',
        subject: { type: 'ceb_receipt', id },
        actor: input.actor,
        at: this.now,
        partyIds: this.partyIds(input.recipientCodes),
        document: evidence,
      });
    }
    return { id, type: input.type, xml: built.xml, json: built.json, evidence };
  }

  /** Reads everything the batch's units will look up, a few statements for the whole batch. */
  async readAhead(input: BatchReadAhead): Promise<void> {
    const repo = this.repos.ceb;
    const keys = [...new Set(input.docKeys)].filter((k) => !this.storedDocs.has(k));
    const orders = this.inventories.unknownOrders(input.orderNos);
    const claims = input.claims.filter((c) => !this.storedNumbers.has(claimKey(c)));
    const [docs, payments, inventories, numbers] = await Promise.all([
      keys.length ? repo.latestDocuments(keys) : [],
      orders.length ? repo.latestByOrders('payment', orders) : [],
      orders.length ? repo.inventoriesForOrders(orders) : [],
      claims.length ? repo.findNumbers(claims) : [],
      this.exportInventories.readAhead(input.exportInventories),
    ]);
    // The messages their units are in: one statement for the batch (decoded only when read).
    await this.units.prefetch([...docs, ...payments]);
    for (const k of keys) this.storedDocs.set(k, null);
    for (const d of docs) this.storedDocs.set(d.doc_key, d);
    for (const o of orders) this.storedPayments.set(o, []);
    for (const p of payments) if (p.order_no) this.storedPayments.get(p.order_no)?.push(p);
    this.inventories.readAhead(orders, inventories);
    for (const c of claims) this.storedNumbers.set(claimKey(c), null);
    for (const n of numbers)
      this.storedNumbers.set(claimKey({ kind: n.kind, ownerCode: n.owner_code, number: n.number }), n);
  }

  /**
   * Takes the usage locks of these buyers (sorted; a batch takes them once, after its set locks) and
   * reads their usage. While the transaction holds a buyer's lock no other can change its usage, so
   * the checks done in memory are exact; the net change is written at flush.
   */
  async loadUsage(keys: readonly { buyerHash: string; year: number }[]): Promise<void> {
    await this.usage.load(keys);
  }

  /** Adds to a buyer's annual usage only if the total stays within `limit`. */
  async addUsage(input: {
    buyerHash: string;
    year: number;
    amount: string;
    limit: string;
  }): Promise<boolean> {
    return this.usage.add(input);
  }

  /** Gives back to a buyer's annual usage (never below zero). */
  async subtractUsage(input: { buyerHash: string; year: number; amount: string }): Promise<void> {
    await this.usage.subtract(input);
  }

  async getUsage(buyerHash: string, year: number): Promise<string> {
    return this.usage.get(buyerHash, year);
  }

  /** Latest version of a document: written by this batch, read ahead, or read now. */
  async latestDocument(key: string): Promise<CebDocumentRow | undefined> {
    const written = this.written.get(key);
    if (written) return written;
    if (this.storedDocs.has(key)) return this.storedDocs.get(key) ?? undefined;
    const row = await this.repos.ceb.latestDocument(key);
    this.storedDocs.set(key, row ?? null);
    return row;
  }

  /** Stored payments (latest versions) naming this order; those written by this batch are separate. */
  async storedPaymentsFor(orderNo: string): Promise<CebDocumentRow[]> {
    const known = this.storedPayments.get(orderNo);
    if (known) return known;
    const rows = await this.repos.ceb.latestByOrder('payment', orderNo);
    this.storedPayments.set(orderNo, rows);
    return rows;
  }

  /** Queues one document version (inserted at flush); later look-ups in the batch see it. */
  addDocument(row: CebDocumentRow): void {
    this.documents.push(row);
    this.written.set(row.doc_key, row);
    if (row.kind === 'payment' && row.order_no)
      this.writtenPayments.set(`${row.order_no}|${row.ebp_code}`, row);
  }

  /**
   * Claims a document number for its owner (written at flush). False when it is taken, by a stored
   * claim or earlier in this batch; a claim first seen before `reusableBefore` may be claimed again.
   */
  async claimNumber(claim: NumberClaim, docKey: string, reusableBefore: Date | null): Promise<boolean> {
    const key = claimKey(claim);
    if (this.claimedNumbers.has(key)) return false;
    if (!this.storedNumbers.has(key)) {
      const [found] = await this.repos.ceb.findNumbers([claim]);
      this.storedNumbers.set(key, found ?? null);
    }
    const stored = this.storedNumbers.get(key) ?? null;
    const row: CebNumberRow = {
      kind: claim.kind,
      owner_code: claim.ownerCode,
      number: claim.number,
      doc_key: docKey,
      first_seen_at: this.now,
    };
    if (stored === null) this.newNumbers.push(row);
    else if (reusableBefore && stored.first_seen_at < reusableBefore)
      this.reclaimedNumbers.push({ row, before: reusableBefore });
    else return false;
    this.claimedNumbers.add(key);
    return true;
  }

  /** Inventories read or written so far. */
  readInventories(): IterableIterator<CebInventoryRow> {
    return this.inventories.values();
  }

  /** The inventory under this key as the transaction sees it. */
  async getInventory(key: string, orderNo: string): Promise<CebInventoryRow | undefined> {
    return this.inventories.get(key, orderNo);
  }

  async getInventoryByInvtNo(invtNo: string): Promise<CebInventoryRow | undefined> {
    return this.inventories.getByInvtNo(invtNo);
  }

  /** Every inventory naming this order, as the transaction sees them. */
  async inventoriesForOrder(orderNo: string): Promise<CebInventoryRow[]> {
    return this.inventories.forOrder(orderNo);
  }

  /** Queues a new inventory (inserted at flush). */
  insertInventory(row: CebInventoryRow): void {
    this.inventories.insert(row);
  }

  /**
   * Optimistic change of an inventory the caller read at `inv.version`: false when the transaction
   * already changed it since. The database row is checked against the version read at flush.
   */
  updateInventory(inv: CebInventoryRow, changes: Partial<CebInventoryRow>): CebInventoryRow | null {
    return this.inventories.update(inv, changes);
  }

  /** Writes everything collected; evidence last (it takes the ledger's append lock). */
  async flush(): Promise<void> {
    if (this.dryRun) return;
    const repo = this.repos.ceb;
    // Numbers first: they are the uniqueness gate (a concurrent claim waits for the other to end).
    if ((await repo.insertNumbers(this.newNumbers)) !== this.newNumbers.length)
      throw new LostRace('a document number');
    for (const { row, before } of this.reclaimedNumbers) {
      const ok = await repo.claimNumber({
        kind: row.kind,
        ownerCode: row.owner_code,
        number: row.number,
        docKey: row.doc_key,
        at: row.first_seen_at,
        reusableBefore: before,
      });
      if (!ok) throw new LostRace('a document number');
    }
    try {
      // A concurrent batch that wrote the same message guid or document version first: retried, this
      // batch then answers the message as a replay and appends the next version.
      await repo.insertMessages(this.messages);
      await repo.insertDocuments(this.documents);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new LostRace('a message or document version');
      throw error;
    }
    await this.inventories.flush();
    await this.exportInventories.flush();
    await this.usage.flush();
    await this.repos.ceb.insertReceipts(this.receipts);
    await this.repos.ceb.appendStatus(this.statuses);
    await this.repos.ceb.insertUsageEntries(this.usageEntries);
    await this.repos.ceb.insertMovements(this.movements);
    await this.repos.audit.recordMany(this.audit);
    await recordEvidence({ evidence: this.repos.evidence, vault: this.deps.vault }, this.evidence);
  }
}

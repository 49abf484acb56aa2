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
import type {
  CebBondedMovementRow,
  CebDocumentRow,
  CebReceiptRow,
  CebStatusRow,
  CebUsageEntryRow,
} from './ceb.repository';
import type { SetChecks } from './checks';

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
}

export class BatchContext {
  readonly receipts: CebReceiptRow[] = [];
  readonly statuses: CebStatusRow[] = [];
  readonly audit: AuditRecord[] = [];
  readonly evidence: EvidenceEvent[] = [];
  readonly usageEntries: CebUsageEntryRow[] = [];
  readonly movements: CebBondedMovementRow[] = [];
  /** Party ids per customs code, for evidence visibility. */
  readonly partyIdsByCode = new Map<string, string>();
  /** Documents written in this transaction, by key (and payments by order): read without a round trip. */
  readonly written = new Map<string, CebDocumentRow>();
  readonly writtenPayments = new Map<string, CebDocumentRow>();
  /** Reference data read in this batch, per `table|code|day` (most sets share their goods). */
  readonly referenceCache = new Map<string, unknown>();

  constructor(
    readonly repos: Repositories,
    readonly deps: CebDeps,
    readonly now: Date,
    readonly dryRun: boolean,
  ) {}

  partyIds(codes: readonly string[]): string[] {
    const ids = codes.map((c) => this.partyIdsByCode.get(c)).filter((v): v is string => v !== undefined);
    return [...new Set(ids)];
  }

  /** Builds, validates (the domain refuses an invalid receipt) and queues one receipt message. */
  issueReceipt(input: {
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
      json: JSON.stringify(built.json),
      issued_at: this.now,
    });
    this.evidence.push({
      kind: 'receipt.issued',
      subject: { type: 'ceb_receipt', id },
      actor: input.actor,
      at: this.now,
      partyIds: this.partyIds(input.recipientCodes),
      document: {
        receiptType: input.type,
        guid,
        messageId: input.messageId,
        docKey: input.docKey,
        receipt: built.json,
      },
    });
    return { id, type: input.type, xml: built.xml, json: built.json };
  }

  /** Writes everything collected; evidence last (it takes the ledger's append lock). */
  async flush(): Promise<void> {
    if (this.dryRun) return;
    await this.repos.ceb.insertReceipts(this.receipts);
    await this.repos.ceb.appendStatus(this.statuses);
    await this.repos.ceb.insertUsageEntries(this.usageEntries);
    await this.repos.ceb.insertMovements(this.movements);
    await this.repos.audit.recordMany(this.audit);
    await recordEvidence({ evidence: this.repos.evidence, vault: this.deps.vault }, this.evidence);
  }
}

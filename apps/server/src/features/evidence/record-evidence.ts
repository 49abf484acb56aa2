import { createHash } from 'node:crypto';
import {
  canonicalJson,
  hashLeaf,
  MerkleFrontier,
  nodeGetterFromMap,
  nodesNeededForRoot,
} from '@kouan/domain/evidence';
import type { Actor } from '../../lib/actor';
import type { PiiVault } from '../../lib/pii';
import { SOFTWARE_VERSION } from '../../lib/version';
import type { EvidenceKind } from './event-kinds';
import type { EntryRow, EvidenceRepository, NodeRow } from './evidence.repository';

export interface EvidenceEvent {
  readonly kind: EvidenceKind;
  readonly subject: { readonly type: string; readonly id: string };
  readonly actor: Actor;
  readonly at: Date;
  /** Parties the event is about: their enterprises may read the entry. */
  readonly partyIds: readonly string[];
  /** The full record (JSON). Stored encrypted; the leaf commits only to its SHA-256. */
  readonly document: unknown;
}

export interface RecordedEntry {
  readonly index: number;
  readonly leafHash: Buffer;
  readonly contentHash: Buffer;
}

const SOURCE_OF: Record<Actor['type'], string> = {
  user: 'user',
  api_key: 'api_key',
  system: 'system_job',
  anonymous: 'public',
};

/**
 * The leaf bytes: canonical JSON (RFC 8785) of
 * `{v, index, kind, time, actor, organisation, source, requestId, softwareVersion, subjectType,
 *   subjectId, parties, contentHash}` where actor is `<type>:<id>` — no personal information,
 * only the SHA-256 of the document (see docs/evidence.md).
 */
export function leafBytes(index: number, event: EvidenceEvent, contentHash: Buffer): Uint8Array {
  return canonicalJson({
    v: 1,
    index,
    kind: event.kind,
    time: event.at.toISOString(),
    actor: `${event.actor.type}:${event.actor.id}`,
    organisation: event.actor.orgId,
    source: SOURCE_OF[event.actor.type],
    requestId: event.actor.requestId,
    softwareVersion: SOFTWARE_VERSION,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    parties: [...event.partyIds].sort(),
    contentHash: contentHash.toString('hex'),
  });
}

/**
 * Appends events to the evidence ledger. Call it inside the transaction that makes the state
 * change (Store.transaction): the entries, the Merkle nodes they complete and the documents commit
 * or roll back with it. Appends are serialised by an advisory lock held to the end of the
 * transaction, so call it last in the transaction to keep that short.
 */
export async function recordEvidence(
  deps: { evidence: EvidenceRepository; vault: PiiVault },
  events: readonly EvidenceEvent[],
): Promise<RecordedEntry[]> {
  if (events.length === 0) return [];
  await deps.evidence.lockForAppend();
  const size = await deps.evidence.treeSize();
  const needed = nodesNeededForRoot(size);
  const frontier = MerkleFrontier.fromStore(size, nodeGetterFromMap(await deps.evidence.getNodes(needed)));
  const entries: EntryRow[] = [];
  const nodes: NodeRow[] = [];
  const documents: { contentHash: Uint8Array; bodyEnc: string; createdAt: Date }[] = [];
  const recorded: RecordedEntry[] = [];
  for (const event of events) {
    const documentBytes = canonicalJson(event.document);
    const contentHash = createHash('sha256').update(documentBytes).digest();
    const index = frontier.size;
    const leaf = leafBytes(index, event, contentHash);
    const leafHash = hashLeaf(leaf);
    for (const node of frontier.append(leafHash)) if (node.level > 0) nodes.push(node);
    entries.push({
      idx: index,
      kind: event.kind,
      leaf,
      leafHash,
      contentHash,
      subjectType: event.subject.type,
      subjectId: event.subject.id,
      actorType: event.actor.type,
      actorId: event.actor.id,
      orgId: event.actor.orgId,
      partyIds: event.partyIds,
      recordedAt: event.at,
      softwareVersion: SOFTWARE_VERSION,
    });
    documents.push({
      contentHash,
      bodyEnc: deps.vault.encrypt(Buffer.from(documentBytes).toString('utf8')),
      createdAt: event.at,
    });
    recorded.push({ index, leafHash, contentHash });
  }
  await deps.evidence.insertEntries(entries);
  await deps.evidence.insertNodes(nodes);
  await deps.evidence.insertDocuments(documents);
  return recorded;
}

import {
  buildEvidencePackage,
  consistencyProof,
  EVIDENCE_KINDS_WITH_PERSONAL_DATA,
  type EvidenceKind,
  type EvidencePackage,
  inclusionProof,
  type NoteSigner,
  nodeGetterFromMap,
  nodesNeededForConsistency,
  nodesNeededForInclusion,
} from '@kouan/domain/evidence';
import type { Repositories, Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import type { PiiVault } from '../../lib/pii';
import { readCommittedDocument } from './committed-document';
import { evidenceError } from './evidence.errors';
import type { CheckpointRow, EntryRow } from './evidence.repository';

export interface EntryView {
  readonly index: number;
  readonly kind: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly organisation: string | null;
  readonly parties: string[];
  readonly recordedAt: string;
  readonly softwareVersion: string;
  readonly leafHash: string;
  readonly contentHash: string;
  /** The canonical leaf bytes, base64. */
  readonly leafBase64: string;
}

export function toEntryView(row: EntryRow): EntryView {
  return {
    index: row.idx,
    kind: row.kind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    actorType: row.actorType,
    actorId: row.actorId,
    organisation: row.orgId,
    parties: [...row.partyIds],
    recordedAt: row.recordedAt.toISOString(),
    softwareVersion: row.softwareVersion,
    leafHash: Buffer.from(row.leafHash).toString('hex'),
    contentHash: Buffer.from(row.contentHash).toString('hex'),
    leafBase64: Buffer.from(row.leaf).toString('base64'),
  };
}

/** Regulators read every entry; an enterprise reads entries about its own party or made by it. */
function mayRead(actor: Actor, row: EntryRow): boolean {
  if (!can(actor, 'evidence:read')) return false;
  const { scope } = actor;
  switch (scope.kind) {
    case 'all':
    case 'district':
      return true;
    case 'enterprise':
      return row.orgId === scope.orgId || (scope.partyId !== null && row.partyIds.includes(scope.partyId));
    case 'public':
      return false;
  }
}

export async function getEntry(deps: { store: Store }, actor: Actor, index: number): Promise<EntryRow> {
  if (!can(actor, 'evidence:read')) throw commonError('FORBIDDEN', { permission: 'evidence:read' });
  const row = await deps.store.repos.evidence.getEntry(index);
  if (!row || !mayRead(actor, row)) throw evidenceError('EVIDENCE_ENTRY_NOT_FOUND', { index });
  return row;
}

export async function findEntries(
  deps: { store: Store },
  actor: Actor,
  input: {
    subjectType?: string | undefined;
    subjectId?: string | undefined;
    kind?: string | undefined;
    beforeIndex?: number | undefined;
    limit: number;
  },
): Promise<EntryRow[]> {
  if (!can(actor, 'evidence:read')) throw commonError('FORBIDDEN', { permission: 'evidence:read' });
  const scope = actor.scope;
  return deps.store.repos.evidence.findEntries({
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    kind: input.kind,
    beforeIdx: input.beforeIndex,
    limit: input.limit,
    ...(scope.kind === 'enterprise' ? { orgId: scope.orgId, partyId: scope.partyId ?? undefined } : {}),
  });
}

async function requireSize(repos: Repositories, treeSize: number, minimum: number): Promise<void> {
  const size = await repos.evidence.treeSize();
  if (!Number.isSafeInteger(treeSize) || treeSize < minimum || treeSize > size) {
    throw evidenceError('EVIDENCE_TREE_SIZE', {
      zh: `应在 ${minimum} 与当前大小 ${size} 之间，实际为 ${treeSize}`,
      en: `must be between ${minimum} and the current size ${size}, got ${treeSize}`,
    });
  }
}

export async function getInclusionProof(
  deps: { store: Store },
  actor: Actor,
  input: { index: number; treeSize: number },
): Promise<Buffer[]> {
  await getEntry(deps, actor, input.index);
  const { repos } = deps.store;
  await requireSize(repos, input.treeSize, input.index + 1);
  const nodes = await repos.evidence.getNodes(nodesNeededForInclusion(input.index, input.treeSize));
  return inclusionProof(input.index, input.treeSize, nodeGetterFromMap(nodes));
}

/** Public: lets an auditor holding an old checkpoint check the log only grew. */
export async function getConsistencyProof(
  deps: { store: Store },
  input: { oldSize: number; newSize: number },
): Promise<Buffer[]> {
  const { repos } = deps.store;
  await requireSize(repos, input.newSize, 1);
  if (!Number.isSafeInteger(input.oldSize) || input.oldSize < 1 || input.oldSize > input.newSize) {
    throw evidenceError('EVIDENCE_TREE_SIZE', {
      zh: `旧大小应在 1 与 ${input.newSize} 之间`,
      en: `oldSize must be between 1 and ${input.newSize}`,
    });
  }
  const nodes = await repos.evidence.getNodes(nodesNeededForConsistency(input.oldSize, input.newSize));
  return consistencyProof(input.oldSize, input.newSize, nodeGetterFromMap(nodes));
}

/**
 * The evidence package of one entry: its bytes, metadata, the document it commits to, an inclusion
 * proof and the signed checkpoint that proof leads to (issued now if none covers the entry yet).
 */
export async function getEvidencePackage(
  deps: {
    store: Store;
    vault: PiiVault;
    signer: NoteSigner;
    issueCheckpoint: () => Promise<CheckpointRow | undefined>;
  },
  actor: Actor,
  index: number,
): Promise<EvidencePackage> {
  const entry = await getEntry(deps, actor, index);
  const { evidence } = deps.store.repos;
  const checkpoint = (await evidence.checkpointCovering(index + 1)) ?? (await deps.issueCheckpoint());
  if (!checkpoint) throw evidenceError('EVIDENCE_NO_CHECKPOINT');
  const nodes = await evidence.getNodes(nodesNeededForInclusion(index, checkpoint.treeSize));
  const proof = inclusionProof(index, checkpoint.treeSize, nodeGetterFromMap(nodes));
  // A document holding personal information in clear is left out for readers who see it masked
  // elsewhere; the package still proves the entry (and the content hash its leaf commits to).
  const withheld =
    EVIDENCE_KINDS_WITH_PERSONAL_DATA.has(entry.kind as EvidenceKind) && !can(actor, 'pii:unmasked');
  const opened = withheld ? undefined : await readCommittedDocument(evidence, deps.vault, entry);
  if (opened && !opened.ok) throw evidenceError('EVIDENCE_DOCUMENT_CORRUPT', { index: entry.idx });
  const document = opened?.bytes;
  const leaf = JSON.parse(Buffer.from(entry.leaf).toString('utf8')) as Record<string, string | null>;
  return buildEvidencePackage({
    index,
    entryBytes: entry.leaf,
    metadata: {
      kind: entry.kind,
      actor: String(leaf.actor),
      organisation: entry.orgId,
      source: String(leaf.source),
      time: String(leaf.time),
      softwareVersion: entry.softwareVersion,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
    },
    ...(document ? { document } : {}),
    inclusionProof: proof,
    treeSize: checkpoint.treeSize,
    checkpoint: checkpoint.note,
    verifierKey: deps.signer.verifierKey(),
  });
}

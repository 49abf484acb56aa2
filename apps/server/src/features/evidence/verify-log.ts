import { createHash } from 'node:crypto';
import type { NoteVerifier } from '@kouan/domain/evidence';
import { hashChildren, hashLeaf, openCheckpoint } from '@kouan/domain/evidence';
import type { Store } from '../../db/store';
import type { PiiVault } from '../../lib/pii';

/** Entries read per round trip while re-verifying. */
const VERIFY_BATCH = 5000;

export interface LogVerification {
  readonly ok: boolean;
  readonly treeSize: number;
  readonly entriesChecked: number;
  readonly nodesChecked: number;
  /** The first problem found, naming the entry or node. */
  readonly problem?: string;
}

function eq(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/**
 * Re-verifies the whole stored log against the latest checkpoint: every leaf hash is recomputed
 * from its stored bytes, every document from its hash, every stored node from its children, the
 * root from the stored nodes, and the checkpoint's signature. Names the first bad entry or node.
 */
export async function verifyLog(deps: {
  store: Store;
  vault: PiiVault;
  verifier: NoteVerifier;
}): Promise<LogVerification> {
  const { evidence } = deps.store.repos;
  const checkpoint = await evidence.latestCheckpoint();
  if (!checkpoint) return { ok: true, treeSize: 0, entriesChecked: 0, nodesChecked: 0 };
  let opened: ReturnType<typeof openCheckpoint>;
  try {
    opened = openCheckpoint(checkpoint.note, [deps.verifier]);
  } catch (error) {
    return fail(checkpoint.treeSize, 0, 0, `checkpoint ${checkpoint.treeSize}: ${(error as Error).message}`);
  }
  if (opened.verified.length === 0)
    return fail(checkpoint.treeSize, 0, 0, `checkpoint ${checkpoint.treeSize}: signature does not verify`);
  const size = opened.checkpoint.treeSize;
  let level: Buffer[] = [];
  let entriesChecked = 0;
  for (let from = 0; from < size; from += VERIFY_BATCH) {
    const rows = await evidence.entriesInRange(from, Math.min(size, from + VERIFY_BATCH));
    for (const row of rows) {
      if (row.idx !== from + (entriesChecked - from))
        return fail(size, entriesChecked, 0, `entry ${entriesChecked} is missing`);
      if (!eq(hashLeaf(row.leaf), row.leafHash))
        return fail(size, entriesChecked, 0, `entry ${row.idx}: stored bytes do not match its leaf hash`);
      const leaf = JSON.parse(Buffer.from(row.leaf).toString('utf8')) as {
        index?: number;
        contentHash?: string;
      };
      if (leaf.index !== row.idx)
        return fail(size, entriesChecked, 0, `entry ${row.idx}: its bytes name index ${leaf.index}`);
      if (leaf.contentHash !== Buffer.from(row.contentHash).toString('hex')) {
        return fail(
          size,
          entriesChecked,
          0,
          `entry ${row.idx}: content hash column differs from the committed one`,
        );
      }
      const doc = await evidence.getDocument(row.contentHash);
      if (doc !== undefined) {
        const digest = createHash('sha256')
          .update(Buffer.from(deps.vault.decrypt(doc), 'utf8'))
          .digest();
        if (!eq(digest, row.contentHash))
          return fail(
            size,
            entriesChecked,
            0,
            `entry ${row.idx}: its document does not match its content hash`,
          );
      }
      level.push(Buffer.from(row.leafHash));
      entriesChecked += 1;
    }
  }
  if (entriesChecked !== size) return fail(size, entriesChecked, 0, `entry ${entriesChecked} is missing`);
  // Rebuild each level from the one below and compare with the stored complete subtrees.
  let nodesChecked = 0;
  let levelNo = 0;
  const rightEdge: Buffer[] = [];
  while (level.length > 1 || (levelNo === 0 && level.length === 1)) {
    if (level.length % 2 === 1) rightEdge.push(level[level.length - 1]!);
    const parents: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) parents.push(hashChildren(level[i]!, level[i + 1]!));
    levelNo += 1;
    const stored = await evidence.nodesInRange(levelNo, 0, parents.length);
    for (let i = 0; i < parents.length; i += 1) {
      const node = stored[i];
      if (!node || node.index !== i)
        return fail(size, entriesChecked, nodesChecked, `node (level ${levelNo}, index ${i}) is missing`);
      if (!eq(node.hash, parents[i]!))
        return fail(
          size,
          entriesChecked,
          nodesChecked,
          `node (level ${levelNo}, index ${i}) does not match its children`,
        );
      nodesChecked += 1;
    }
    level = parents;
    if (level.length === 0) break;
  }
  if (level.length === 1) rightEdge.push(level[0]!);
  let root = rightEdge[0]!;
  for (let i = 1; i < rightEdge.length; i += 1) root = hashChildren(rightEdge[i]!, root);
  if (!eq(root, opened.checkpoint.rootHash)) {
    return fail(
      size,
      entriesChecked,
      nodesChecked,
      `the recomputed root differs from checkpoint ${size}'s root`,
    );
  }
  return { ok: true, treeSize: size, entriesChecked, nodesChecked };
}

function fail(
  treeSize: number,
  entriesChecked: number,
  nodesChecked: number,
  problem: string,
): LogVerification {
  return { ok: false, treeSize, entriesChecked, nodesChecked, problem };
}

import {
  hashLeaf,
  isStoredLevel,
  MerkleFrontier,
  type NoteVerifier,
  openCheckpoint,
} from '@kouan/domain/evidence';
import type { Store } from '../../db/store';
import type { PiiVault } from '../../lib/pii';
import { openCommittedDocument } from './committed-document';
import type { CheckpointRow, EntryRow, EvidenceRepository } from './evidence.repository';

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

/** What is wrong with one stored entry, if anything. */
function entryProblem(row: EntryRow, expectedIndex: number, document: string | undefined, vault: PiiVault) {
  if (row.idx !== expectedIndex) return `entry ${expectedIndex} is missing`;
  if (!eq(hashLeaf(row.leaf), row.leafHash))
    return `entry ${row.idx}: stored bytes do not match its leaf hash`;
  let leaf: Record<string, unknown>;
  try {
    leaf = JSON.parse(Buffer.from(row.leaf).toString('utf8')) as Record<string, unknown>;
  } catch {
    return `entry ${row.idx}: its bytes are not JSON`;
  }
  if (leaf.index !== row.idx) return `entry ${row.idx}: its bytes name index ${String(leaf.index)}`;
  // The lookup columns (who may read the entry, what it is about) must say what the leaf says.
  const parties = Array.isArray(leaf.parties) ? leaf.parties : [];
  if (
    leaf.kind !== row.kind ||
    leaf.subjectType !== row.subjectType ||
    leaf.subjectId !== row.subjectId ||
    leaf.organisation !== row.orgId ||
    parties.join(',') !== [...row.partyIds].sort().join(',')
  ) {
    return `entry ${row.idx}: its lookup columns differ from its bytes`;
  }
  if (document !== undefined) {
    const opened = openCommittedDocument(vault, document, row.contentHash);
    if (!opened.ok) return `entry ${row.idx}: its document ${opened.problem}`;
  }
  return undefined;
}

/**
 * The root a stored checkpoint's note signs, if the note is a checkpoint of its size signed by one of
 * `verifiers` (the current key and the retired ones that signed earlier checkpoints).
 */
function signedRoot(row: CheckpointRow, verifiers: readonly NoteVerifier[]): Buffer | undefined {
  try {
    const note = openCheckpoint(row.note, verifiers);
    if (note.verified.length === 0 || note.checkpoint.treeSize !== row.treeSize) return undefined;
    return Buffer.from(note.checkpoint.rootHash);
  } catch {
    return undefined;
  }
}

/** The stored nodes (stored levels ≥ 1) that appending leaves [from, to) completes, keyed `level:index`. */
async function nodesCompletedBy(evidence: EvidenceRepository, from: number, to: number) {
  const nodes = new Map<string, Buffer>();
  for (let level = 1, width = 2; width <= to; level += 1, width *= 2) {
    if (!isStoredLevel(level)) continue;
    const first = Math.ceil((from + 1) / width) - 1;
    const end = Math.floor(to / width);
    if (end <= first) continue;
    for (const n of await evidence.nodesInRange(level, first, end))
      nodes.set(`${level}:${n.index}`, Buffer.from(n.hash));
  }
  return nodes;
}

/**
 * Re-verifies the whole stored log against the latest checkpoint: every leaf hash is recomputed
 * from its stored bytes, every document from its hash, the tree is rebuilt leaf by leaf and every
 * stored node it completes (the levels isStoredLevel keeps) must match, the root must equal every
 * stored checkpoint's at its size and the latest's signed root, whose signature must verify.
 * Entries appended since are checked the same way but for a root. Names the first bad entry or
 * node, or the range between checkpoints. Memory stays O(batch + log n + checkpoints).
 */
export async function verifyLog(deps: {
  store: Store;
  vault: PiiVault;
  /** The log's current key first, then keys retired by rotation (KOUAN_EVIDENCE_RETIRED_KEYS). */
  verifiers: readonly NoteVerifier[];
}): Promise<LogVerification> {
  const { evidence } = deps.store.repos;
  const checkpoint = await evidence.latestCheckpoint();
  let entriesChecked = 0;
  let nodesChecked = 0;
  const result = (treeSize: number, problem?: string): LogVerification => ({
    ok: problem === undefined,
    treeSize,
    entriesChecked,
    nodesChecked,
    ...(problem === undefined ? {} : { problem }),
  });
  if (!checkpoint) return result(0);
  let opened: ReturnType<typeof openCheckpoint>;
  try {
    opened = openCheckpoint(checkpoint.note, deps.verifiers);
  } catch (error) {
    return result(checkpoint.treeSize, `checkpoint ${checkpoint.treeSize}: ${(error as Error).message}`);
  }
  const size = opened.checkpoint.treeSize;
  if (opened.verified.length === 0) return result(size, `checkpoint ${size}: signature does not verify`);
  const frontier = MerkleFrontier.empty();
  // Every earlier checkpoint is opened (its signature verified) and its root compared, as the
  // rebuilt tree reaches its size: an entry rewritten together with its leaf hash is then placed
  // between the last checkpoint that still agrees and the first that does not.
  let agreedAt = 0;
  const rootProblem = (at: number) =>
    `the recomputed root differs from checkpoint ${at}'s root: an entry in ${agreedAt}–${at - 1} (after checkpoint ${agreedAt}, which still agrees) was rewritten with its leaf hash, or a node above them`;
  // Entries appended after the checkpoint are checked too (their bytes, hashes, lookup columns and
  // completed nodes), though no signed root covers them yet.
  const total = Math.max(size, await evidence.treeSize());
  // A node beyond the log would make the append that completes it fail, and every state change with it.
  const beyond = await evidence.firstNodeBeyond(total);
  if (beyond)
    return result(
      size,
      `node (level ${beyond.level}, index ${beyond.index}) lies beyond the log's ${total} entries`,
    );
  for (let from = 0; from < total; from += VERIFY_BATCH) {
    const to = Math.min(total, from + VERIFY_BATCH);
    const rows = await evidence.entriesInRange(from, to);
    const stored = await nodesCompletedBy(evidence, from, to);
    const roots = new Map<number, Buffer>();
    for (const row of from < size ? await evidence.checkpointsBetween(from, Math.min(to, size)) : []) {
      const root = signedRoot(row, deps.verifiers);
      if (!root)
        return result(
          size,
          `checkpoint ${row.treeSize}: its note is not a checkpoint of that size signed by this log's key or a retired one (KOUAN_EVIDENCE_RETIRED_KEYS)`,
        );
      roots.set(row.treeSize, root);
    }
    for (const { entry: row, document } of rows) {
      const problem = entryProblem(row, entriesChecked, document, deps.vault);
      if (problem) return result(size, problem);
      entriesChecked += 1;
      for (const node of frontier.append(row.leafHash)) {
        if (node.level === 0 || !isStoredLevel(node.level)) continue;
        const kept = stored.get(`${node.level}:${node.index}`);
        if (!kept) return result(size, `node (level ${node.level}, index ${node.index}) is missing`);
        if (!eq(kept, node.hash)) {
          const first = node.index * 2 ** node.level;
          return result(
            size,
            `node (level ${node.level}, index ${node.index}) does not match its children: it or one of entries ${first}–${first + 2 ** node.level - 1} was altered`,
          );
        }
        nodesChecked += 1;
      }
      const root = roots.get(entriesChecked);
      if (root) {
        if (!eq(frontier.root(), root)) return result(size, rootProblem(entriesChecked));
        agreedAt = entriesChecked;
      }
    }
  }
  if (entriesChecked < size) return result(size, `entry ${entriesChecked} is missing`);
  return result(size);
}

import {
  EVIDENCE_KINDS,
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

const KNOWN_KINDS: ReadonlySet<unknown> = new Set(EVIDENCE_KINDS);

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
  // Kinds are never renamed or removed (event-kinds.ts): one outside the vocabulary was not written by Kouan.
  if (!KNOWN_KINDS.has(leaf.kind))
    return `entry ${row.idx}: its kind ${JSON.stringify(leaf.kind)} is not an evidence kind`;
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

/** A checkpoint kept outside the database (an auditor's copy), checked against the stored log. */
export interface OutsideCheckpoint {
  /** Where it came from, for messages (a file name). */
  readonly label: string;
  /** The signed note. */
  readonly note: string;
}

/** The rebuilt root must equal these roots at their sizes (stored checkpoints and outside ones). */
type KnownRoot = { readonly root: Buffer; readonly label: string };

/**
 * Re-verifies the whole stored log against the latest checkpoint: every leaf hash is recomputed
 * from its stored bytes, every document from its hash, the tree is rebuilt leaf by leaf and every
 * stored node it completes (the levels isStoredLevel keeps) must match, the root must equal every
 * stored checkpoint's at its size and the latest's signed root, whose signature must verify, and
 * whose row must say what its note says. Entries appended since are checked the same way but for a
 * root. Checkpoints kept outside the database (`outside`) are checked the same way: a rewrite by
 * someone who also replaced the stored checkpoints, or removed the newest, still shows. A log with
 * entries but no checkpoint is reported (nothing signed covers it). Names the first bad entry or
 * node, or the range between checkpoints. Memory stays O(batch + log n + checkpoints).
 */
export async function verifyLog(deps: {
  store: Store;
  vault: PiiVault;
  /** The log's current key first, then keys retired by rotation (KOUAN_EVIDENCE_RETIRED_KEYS). */
  verifiers: readonly NoteVerifier[];
  outside?: readonly OutsideCheckpoint[];
}): Promise<LogVerification> {
  const { evidence } = deps.store.repos;
  const checkpoint = await evidence.latestCheckpoint();
  let entriesChecked = 0;
  let nodesChecked = 0;
  const size = checkpoint?.treeSize ?? 0;
  const result = (problem?: string): LogVerification => ({
    ok: problem === undefined,
    treeSize: size,
    entriesChecked,
    nodesChecked,
    ...(problem === undefined ? {} : { problem }),
  });
  if (checkpoint) {
    const problem = latestProblem(checkpoint, deps.verifiers);
    if (problem) return result(problem);
  }
  const outside = new Map<number, KnownRoot>();
  for (const given of deps.outside ?? []) {
    let opened: ReturnType<typeof openCheckpoint>;
    try {
      opened = openCheckpoint(given.note, deps.verifiers);
    } catch (error) {
      return result(`${given.label}: ${(error as Error).message}`);
    }
    const at = opened.checkpoint.treeSize;
    if (opened.verified.length === 0)
      return result(`${given.label}: not signed by this log's key or a retired one`);
    if (at > size)
      return result(
        `${given.label} is a checkpoint of size ${at}, but the newest stored checkpoint is of size ${size}: newer checkpoints were removed from the database`,
      );
    const root = Buffer.from(opened.checkpoint.rootHash);
    const known = outside.get(at);
    if (known && !eq(known.root, root))
      return result(`${given.label} and ${known.label} are both of size ${at} with different roots`);
    outside.set(at, { root, label: `${given.label} (size ${at})` });
  }
  const frontier = MerkleFrontier.empty();
  // Every earlier checkpoint is opened (its signature verified) and its root compared, as the
  // rebuilt tree reaches its size: an entry rewritten together with its leaf hash is then placed
  // between the last checkpoint that still agrees and the first that does not.
  let agreedAt = 0;
  const rootProblem = (label: string, at: number) =>
    `the recomputed root differs from ${label}'s root: an entry in ${agreedAt}–${at - 1}${agreedAt > 0 ? ` (after checkpoint ${agreedAt}, which still agrees)` : ''} was rewritten with its leaf hash, or a node above them`;
  // Entries appended after the checkpoint are checked too (their bytes, hashes, lookup columns and
  // completed nodes), though no signed root covers them yet.
  const total = Math.max(size, await evidence.treeSize());
  // A node beyond the log would make the append that completes it fail, and every state change with it.
  const beyond = await evidence.firstNodeBeyond(total);
  if (beyond)
    return result(
      `node (level ${beyond.level}, index ${beyond.index}) lies beyond the log's ${total} entries`,
    );
  for (let from = 0; from < total; from += VERIFY_BATCH) {
    const to = Math.min(total, from + VERIFY_BATCH);
    const rows = await evidence.entriesInRange(from, to);
    const stored = await nodesCompletedBy(evidence, from, to);
    const roots = new Map<number, KnownRoot[]>();
    for (const row of from < size ? await evidence.checkpointsBetween(from, Math.min(to, size)) : []) {
      const root = signedRoot(row, deps.verifiers);
      if (!root)
        return result(
          `checkpoint ${row.treeSize}: its note is not a checkpoint of that size signed by this log's key or a retired one (KOUAN_EVIDENCE_RETIRED_KEYS)`,
        );
      roots.set(row.treeSize, [{ root, label: `checkpoint ${row.treeSize}` }]);
    }
    for (const [at, known] of outside)
      if (at > from && at <= to) roots.set(at, [...(roots.get(at) ?? []), known]);
    for (const { entry: row, document } of rows) {
      const problem = entryProblem(row, entriesChecked, document, deps.vault);
      if (problem) return result(problem);
      entriesChecked += 1;
      for (const node of frontier.append(row.leafHash)) {
        if (node.level === 0 || !isStoredLevel(node.level)) continue;
        const kept = stored.get(`${node.level}:${node.index}`);
        if (!kept) return result(`node (level ${node.level}, index ${node.index}) is missing`);
        if (!eq(kept, node.hash)) {
          const first = node.index * 2 ** node.level;
          return result(
            `node (level ${node.level}, index ${node.index}) does not match its children: it or one of entries ${first}–${first + 2 ** node.level - 1} was altered`,
          );
        }
        nodesChecked += 1;
      }
      const due = roots.get(entriesChecked);
      if (due) {
        for (const known of due)
          if (!eq(frontier.root(), known.root)) return result(rootProblem(known.label, entriesChecked));
        agreedAt = entriesChecked;
      }
    }
  }
  if (entriesChecked < size) return result(`entry ${entriesChecked} is missing`);
  if (!checkpoint && entriesChecked > 0)
    return result(
      `no signed checkpoint covers the log's ${entriesChecked} entries (the server signs one within seconds of an append; none is stored)`,
    );
  const wrongIndex = await evidence.firstBundleWithWrongPartyIndex();
  if (wrongIndex)
    return result(
      `entries ${wrongIndex.firstIdx}–${wrongIndex.firstIdx + wrongIndex.entryCount - 1}: their bundle's party index (party_ids) differs from the parties the entries name`,
    );
  return result();
}

/** What is wrong with the latest stored checkpoint: its signature, or a row that says another size or root. */
function latestProblem(row: CheckpointRow, verifiers: readonly NoteVerifier[]): string | undefined {
  let opened: ReturnType<typeof openCheckpoint>;
  try {
    opened = openCheckpoint(row.note, verifiers);
  } catch (error) {
    return `checkpoint ${row.treeSize}: ${(error as Error).message}`;
  }
  if (opened.checkpoint.treeSize !== row.treeSize || !eq(opened.checkpoint.rootHash, row.rootHash))
    return `checkpoint ${row.treeSize}: its row says size ${row.treeSize} but its note is of size ${opened.checkpoint.treeSize}${opened.checkpoint.treeSize === row.treeSize ? ' with another root' : ''}`;
  if (opened.verified.length === 0) return `checkpoint ${row.treeSize}: signature does not verify`;
  return undefined;
}

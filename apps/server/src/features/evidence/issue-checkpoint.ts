import type { NoteSigner } from '@kouan/domain/evidence';
import {
  consistencyProof,
  MerkleFrontier,
  nodeGetterFromMap,
  nodeKey,
  nodesNeededForConsistency,
  nodesNeededForRoot,
  noteTextUnverified,
  parseCheckpoint,
  signCheckpoint,
  verifyConsistency,
} from '@kouan/domain/evidence';
import type { Store } from '../../db/store';
import type { Clock } from '../../lib/clock';
import type { CheckpointRow } from './evidence.repository';

export interface CheckpointDeps {
  readonly store: Store;
  readonly signer: NoteSigner;
  readonly origin: string;
  readonly clock: Clock;
}

/**
 * Signs a checkpoint of the current tree (C2SP tlog-checkpoint) unless the latest one already
 * covers it. Returns the checkpoint now in force, or undefined while the log is empty.
 *
 * A log must never sign a checkpoint inconsistent with one it signed before (C2SP tlog-checkpoint):
 * the stored tree is first proved consistent with the latest checkpoint's signed root, and nothing
 * is signed when it is not (an entry or node was rewritten since). The error names both sizes; the
 * checkpointer reports it at every tick until the log is repaired (evidence:verify names the entry).
 */
export async function issueCheckpoint(deps: CheckpointDeps): Promise<CheckpointRow | undefined> {
  return deps.store.transaction(async (repos) => {
    await repos.evidence.lockForAppend();
    const size = await repos.evidence.treeSize();
    const latest = await repos.evidence.latestCheckpoint();
    if (size === 0) return undefined;
    if (latest && latest.treeSize > size) {
      // Refused at insert since migration 0016; a row from before would otherwise stop checkpointing.
      throw new Error(
        `the latest checkpoint is of size ${latest.treeSize} but the log has ${size} entries: run evidence:verify`,
      );
    }
    if (latest && latest.treeSize === size) return latest;
    const needed = nodesNeededForRoot(size);
    if (latest) needed.push(...nodesNeededForConsistency(latest.treeSize, size));
    const unique = [...new Map(needed.map((a) => [nodeKey(a), a])).values()];
    const nodes = nodeGetterFromMap(await repos.evidence.getNodes(unique));
    const rootHash = MerkleFrontier.fromStore(size, nodes).root();
    if (latest) refuseInconsistent(latest, size, rootHash, consistencyProof(latest.treeSize, size, nodes));
    const note = signCheckpoint({ origin: deps.origin, treeSize: size, rootHash }, [deps.signer]);
    const row: CheckpointRow = {
      treeSize: size,
      rootHash,
      note,
      keyId: Buffer.from(deps.signer.keyId).toString('hex'),
      algorithm: deps.signer.algorithm,
      issuedAt: deps.clock.now(),
    };
    await repos.evidence.insertCheckpoint(row);
    return row;
  });
}

/** Throws unless the tree of `size` with root `rootHash` extends the one `latest` signed. */
function refuseInconsistent(latest: CheckpointRow, size: number, rootHash: Buffer, proof: Buffer[]): void {
  // The root the note signed (the row's column could differ from its note in rows from before 0017).
  const signed = parseCheckpoint(noteTextUnverified(latest.note));
  const consistent =
    signed.treeSize === latest.treeSize &&
    verifyConsistency({
      oldSize: latest.treeSize,
      newSize: size,
      oldRoot: signed.rootHash,
      newRoot: rootHash,
      proof,
    });
  if (!consistent) {
    throw new Error(
      `refusing to sign a checkpoint of size ${size}: the stored log is not consistent with the signed checkpoint of size ${latest.treeSize} (an entry or node was rewritten); run evidence:verify`,
    );
  }
}

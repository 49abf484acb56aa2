import type { NoteSigner } from '@kouan/domain/evidence';
import {
  MerkleFrontier,
  nodeGetterFromMap,
  nodesNeededForRoot,
  signCheckpoint,
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
    const nodes = await repos.evidence.getNodes(nodesNeededForRoot(size));
    const rootHash = MerkleFrontier.fromStore(size, nodeGetterFromMap(nodes)).root();
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

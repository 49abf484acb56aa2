import type { Store } from '../../db/store';
import { commonError } from '../../lib/errors.common';
import { evidenceError } from './evidence.errors';
import type { CheckpointRow } from './evidence.repository';

/** The latest signed checkpoint; one is issued now if the log has entries but none is signed yet. */
export async function getLatestCheckpoint(deps: {
  store: Store;
  issueCheckpoint: () => Promise<CheckpointRow | undefined>;
}): Promise<CheckpointRow> {
  const latest = (await deps.store.repos.evidence.latestCheckpoint()) ?? (await deps.issueCheckpoint());
  if (!latest) throw evidenceError('EVIDENCE_NO_CHECKPOINT');
  return latest;
}

/** A past checkpoint of exactly this tree size, as published then. */
export async function getCheckpoint(deps: { store: Store }, treeSize: number): Promise<CheckpointRow> {
  const checkpoint = await deps.store.repos.evidence.getCheckpoint(treeSize);
  if (!checkpoint) throw commonError('NOT_FOUND', { what: `checkpoint ${treeSize}` });
  return checkpoint;
}

/** The number of entries in the log. */
export async function getTreeSize(deps: { store: Store }): Promise<number> {
  return deps.store.repos.evidence.treeSize();
}

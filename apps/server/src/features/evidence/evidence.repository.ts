import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createEvidenceBundlesRepository } from './bundles.repository';
import { createEvidenceEntriesRepository } from './entries.repository';
import type { EvidenceTip } from './evidence-tip';
import { createEvidenceTreeRepository } from './tree.repository';

export { MAX_BUNDLE_ENTRIES, type NewBundle } from './bundles.repository';
export { type EntryRow, toEntry } from './entries.repository';
export type { CheckpointRow, NodeRow } from './tree.repository';

/** What a transaction offers the ledger beyond its executor (Store.transaction). */
export interface EvidenceSession {
  /** The tree edge this process last committed (shared by the store's transactions). */
  readonly tip: EvidenceTip;
  /** Runs `fn` once the transaction has committed; absent outside a transaction. */
  readonly afterCommit?: (fn: () => void) => void;
}

/**
 * The evidence repositories (bundles, entries, tree), bound to one executor and offered to
 * use-cases as one surface (`repos.evidence.…`).
 */
export function createEvidenceRepository(db: Kysely<Database>, session?: EvidenceSession) {
  return {
    ...createEvidenceBundlesRepository(db),
    ...createEvidenceEntriesRepository(db),
    ...createEvidenceTreeRepository(db),
    /** The frontier of a tree of `size` entries if this process committed it last (EvidenceTip). */
    knownFrontier(size: number) {
      return session?.tip.frontierAt(size);
    },
    /** Remembers the frontier once (and only if) this transaction commits. */
    rememberAfterCommit(size: number, hashes: readonly Uint8Array[]): void {
      const { tip, afterCommit } = session ?? {};
      if (tip && afterCommit) afterCommit(() => tip.remember(size, hashes));
    },
  };
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createEvidenceBundlesRepository } from './bundles.repository';
import { createEvidenceEntriesRepository } from './entries.repository';
import { createEvidenceTreeRepository } from './tree.repository';

export { MAX_BUNDLE_ENTRIES, type NewBundle } from './bundles.repository';
export { type EntryRow, toEntry } from './entries.repository';
export type { CheckpointRow, NodeRow } from './tree.repository';

/**
 * The evidence repositories (bundles, entries, tree), bound to one executor and offered to
 * use-cases as one surface (`repos.evidence.…`).
 */
export function createEvidenceRepository(db: Kysely<Database>) {
  return {
    ...createEvidenceBundlesRepository(db),
    ...createEvidenceEntriesRepository(db),
    ...createEvidenceTreeRepository(db),
  };
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;

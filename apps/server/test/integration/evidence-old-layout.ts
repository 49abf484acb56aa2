import { createHash } from 'node:crypto';
import { canonicalJsonString, hashLeaf, MerkleFrontier } from '@kouan/domain/evidence';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/db/schema';
import type { EvidenceEvent } from '../../src/features/evidence';
import { leafBytes } from '../../src/features/evidence/record-evidence';
import type { PiiVault } from '../../src/lib/pii';
import { SOFTWARE_VERSION } from '../../src/lib/version';

/**
 * Writes ledger entries the way the code of migrations 0002/0006 did — one evidence_entries row
 * and one evidence_documents row (shared by identical documents) per entry, and the Merkle nodes
 * of the levels `keep` selects — so migration tests can convert a ledger written before them.
 */
export function oldLayoutWriter(db: Kysely<Database>, vault: PiiVault, keep: (level: number) => boolean) {
  const frontier = MerkleFrontier.empty();
  let size = 0;
  return async (events: readonly EvidenceEvent[]): Promise<void> => {
    for (const event of events) {
      const document = canonicalJsonString(event.document);
      const contentHash = createHash('sha256').update(document).digest();
      const leaf = leafBytes(size, event, contentHash);
      const leafHash = hashLeaf(leaf);
      await sql`insert into evidence_entries (idx, kind, leaf, leaf_hash, content_hash, subject_type, subject_id,
          actor_type, actor_id, org_id, party_ids, recorded_at, software_version)
        values (${size}, ${event.kind}, ${leaf}, ${leafHash}, ${contentHash}, ${event.subject.type},
          ${event.subject.id}, ${event.actor.type}, ${event.actor.id}, ${event.actor.orgId},
          ${[...event.partyIds]}::text[], ${event.at}, ${SOFTWARE_VERSION})`.execute(db);
      await sql`insert into evidence_documents (content_hash, body_enc, created_at)
        values (${contentHash}, ${vault.encrypt(document)}, ${event.at})
        on conflict (content_hash) do nothing`.execute(db);
      for (const node of frontier.append(leafHash)) {
        if (node.level === 0 || !keep(node.level)) continue;
        await sql`insert into evidence_nodes (level, idx, hash)
          values (${node.level}, ${node.index}, ${node.hash})`.execute(db);
      }
      size += 1;
    }
  };
}

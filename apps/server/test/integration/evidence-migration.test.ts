import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  consistencyProof,
  ed25519Signer,
  hashLeaf,
  inclusionProof,
  mthOfLeaves,
  nodeGetterFromMap,
  nodesNeededForConsistency,
  nodesNeededForInclusion,
  noteVerifierFromKey,
  verifyConsistency,
  verifyInclusion,
} from '@kouan/domain/evidence';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { createStore, type Store } from '../../src/db/store';
import { type EvidenceEvent, recordEvidence } from '../../src/features/evidence';
import { issueCheckpoint } from '../../src/features/evidence/issue-checkpoint';
import { verifyLog } from '../../src/features/evidence/verify-log';
import { systemActor } from '../../src/lib/actor';
import { fixedClock } from '../../src/lib/clock';
import { createPiiVault } from '../../src/lib/pii';
import { openTestDatabase } from '../harness';
import { oldLayoutWriter } from './evidence-old-layout';

/**
 * A ledger written under the 0002 layout (a node row for every complete subtree) is converted by
 * migration 0006 (only every 4th level kept) and then 0013 (bundles), and still verifies, with the
 * same roots and proofs.
 */

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');

let db: DbHandle;
let store: Store;
let drop: (() => Promise<void>) | undefined;
const vault = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
const { privateKey } = generateKeyPairSync('ed25519');
const signer = ed25519Signer('kouan.test/evidence', privateKey);
const verifier = noteVerifierFromKey(signer.verifierKey());
const clock = fixedClock(new Date('2026-11-20T02:00:00Z'));

/** Applies the named migration files exactly as migrate() would, recording their checksums. */
async function applyOnly(names: readonly string[]) {
  await sql`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(
    db.db,
  );
  for (const name of names) {
    const text = readFileSync(path.join(MIGRATIONS, name), 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    await db.db.transaction().execute(async (trx) => {
      await sql.raw(text).execute(trx);
      await sql`insert into schema_migrations (name, checksum) values (${name}, ${checksum})`.execute(trx);
    });
  }
}

function events(count: number, tag: string): EvidenceEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'decision.taken' as const,
    subject: { type: 'test', id: `${tag}-${i}` },
    actor: systemActor(`req_${tag}`),
    at: clock.now(),
    partyIds: [],
    document: { tag, i },
  }));
}

async function append(count: number, tag: string) {
  await store.transaction((repos) => recordEvidence({ evidence: repos.evidence, vault }, events(count, tag)));
}

async function leaves(): Promise<Buffer[]> {
  const rows = await sql<{ leaf: Uint8Array }>`select leaf from evidence_entries order by idx`.execute(db.db);
  return rows.rows.map((r) => Buffer.from(r.leaf));
}

async function nodeLevels(): Promise<number[]> {
  const rows = await sql<{ level: number }>`select distinct level from evidence_nodes order by level`.execute(
    db.db,
  );
  return rows.rows.map((r) => Number(r.level));
}

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  store = createStore(db.db);
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe('migration 0006: Merkle nodes of every 4th level only', () => {
  const SIZE = 1 + 2 + 3 + 29 + 300 + 700;

  it('converts a ledger written under the 0002 layout, which then verifies with the same root', async () => {
    await applyOnly(['0001_foundation.sql', '0002_evidence.sql']);
    const writeOld = oldLayoutWriter(db.db, vault, (level) => level > 0);
    for (const [n, tag] of [
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [29, 'd'],
      [300, 'e'],
      [700, 'f'],
    ] as const) {
      await writeOld(events(n, tag));
    }
    // The 0002 layout: every complete subtree of level >= 1 has a row.
    const stored = await leaves();
    expect(stored).toHaveLength(SIZE);
    expect(await nodeLevels()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    await migrate(db.db);

    const checkpoint = await issueCheckpoint({ store, signer, origin: 'kouan.test/evidence', clock });
    expect(checkpoint!.rootHash.equals(mthOfLeaves(stored))).toBe(true);
    expect(await nodeLevels()).toEqual([4, 8]);
    const count = await sql<{ n: number }>`select count(*)::int as n from evidence_nodes`.execute(db.db);
    expect(count.rows[0]!.n).toBe(Math.floor(SIZE / 16) + Math.floor(SIZE / 256));
    const report = await verifyLog({ store, vault, verifiers: [verifier] });
    expect(report).toMatchObject({ ok: true, treeSize: SIZE, entriesChecked: SIZE });
  });

  it('serves inclusion and consistency proofs that check against the checkpoint root', async () => {
    const root = (await store.repos.evidence.latestCheckpoint())!.rootHash;
    const stored = await leaves();
    for (const index of [0, 1, 15, 16, 255, 256, 500, 1000, SIZE - 1]) {
      const nodes = await store.repos.evidence.getNodes(nodesNeededForInclusion(index, SIZE));
      const proof = inclusionProof(index, SIZE, nodeGetterFromMap(nodes));
      expect(
        verifyInclusion({
          leafIndex: index,
          treeSize: SIZE,
          leafHash: hashLeaf(stored[index]!),
          proof,
          rootHash: root,
        }),
      ).toBe(true);
    }
    for (const oldSize of [1, 3, 6, 35, 335, 512]) {
      const nodes = await store.repos.evidence.getNodes(nodesNeededForConsistency(oldSize, SIZE));
      const proof = consistencyProof(oldSize, SIZE, nodeGetterFromMap(nodes));
      const oldRoot = mthOfLeaves(stored.slice(0, oldSize));
      expect(verifyConsistency({ oldSize, newSize: SIZE, oldRoot, newRoot: root, proof })).toBe(true);
    }
  });

  it('keeps appending on the new layout, and refuses a node at a level that is not stored', async () => {
    await append(1000, 'g');
    await issueCheckpoint({ store, signer, origin: 'kouan.test/evidence', clock });
    const report = await verifyLog({ store, vault, verifiers: [verifier] });
    expect(report).toMatchObject({ ok: true, treeSize: SIZE + 1000 });
    expect(
      (await store.repos.evidence.latestCheckpoint())!.rootHash.equals(mthOfLeaves(await leaves())),
    ).toBe(true);
    await expect(
      sql`insert into evidence_nodes (level, idx, hash) values (2, 999999, ${Buffer.alloc(32)})`.execute(
        db.db,
      ),
    ).rejects.toThrow(/evidence_nodes_stored_level/);
  });

  it('after a key rotation, re-verification opens the old checkpoints with the retired key it is given', async () => {
    // Checkpoints so far were signed by `signer`; the deployer rotates to a new key of the same origin.
    const rotated = ed25519Signer('kouan.test/evidence', generateKeyPairSync('ed25519').privateKey);
    await append(20, 'h');
    await issueCheckpoint({ store, signer: rotated, origin: 'kouan.test/evidence', clock });
    const current = noteVerifierFromKey(rotated.verifierKey());
    const withoutRetired = await verifyLog({ store, vault, verifiers: [current] });
    expect(withoutRetired.ok).toBe(false);
    expect(withoutRetired.problem).toMatch(/^checkpoint \d+: .*KOUAN_EVIDENCE_RETIRED_KEYS/);
    const report = await verifyLog({ store, vault, verifiers: [current, verifier] });
    expect(report).toMatchObject({ ok: true, treeSize: SIZE + 1020, entriesChecked: SIZE + 1020 });
  });
});

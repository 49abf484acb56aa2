import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ed25519Signer,
  hashLeaf,
  inclusionProof,
  isStoredLevel,
  mthOfLeaves,
  nodeGetterFromMap,
  nodesNeededForInclusion,
  noteVerifierFromKey,
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
import { type Actor, systemActor } from '../../src/lib/actor';
import { fixedClock } from '../../src/lib/clock';
import { createPiiVault } from '../../src/lib/pii';
import { openTestDatabase } from '../harness';
import { oldLayoutWriter } from './evidence-old-layout';

/**
 * Migration 0013 turns the entry and document rows of 0002/0006 into bundles: every entry keeps
 * its bytes, metadata and document (a purged one stays purged, a shared one is readable from each
 * entry), the root and proofs are unchanged, lookups by subject and party still find them, and
 * appends go on.
 */

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations');
const BEFORE_0013 = [
  '0001_foundation.sql',
  '0002_evidence.sql',
  '0005_party_certificates.sql',
  '0006_evidence_stored_levels.sql',
];
/** More than two bundles (250 entries each) and a partial one. */
const SIZE = 613;

let db: DbHandle;
let store: Store;
let drop: (() => Promise<void>) | undefined;
const vault = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
const { privateKey } = generateKeyPairSync('ed25519');
const signer = ed25519Signer('kouan.test/evidence', privateKey);
const verifier = noteVerifierFromKey(signer.verifierKey());
const clock = fixedClock(new Date('2026-11-20T02:00:00Z'));
const enterprise: Actor = { ...systemActor('req_ent'), type: 'api_key', id: 'key_ent', orgId: 'org_ent' };

function event(i: number): EvidenceEvent {
  return {
    kind: i % 2 === 0 ? 'decision.taken' : 'party.filed',
    subject: { type: 'test', id: `s-${i}` },
    actor: i % 3 === 0 ? enterprise : systemActor(`req_${i}`),
    at: new Date(clock.now().getTime() + i * 1000),
    partyIds: i % 5 === 0 ? ['party_b', 'party_a'] : [],
    // Entries 10 and 11 commit to the same document (one row under 0002).
    document: i === 11 ? { i: 10 } : { i },
  };
}

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

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  store = createStore(db.db);
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe('migration 0013: entries and documents in bundles', () => {
  const before: { leaf: Buffer; document: string | undefined }[] = [];

  it('converts a ledger written under the 0006 layout, which then verifies with the same root', async () => {
    await applyOnly(BEFORE_0013);
    const writeOld = oldLayoutWriter(db.db, vault, isStoredLevel);
    await writeOld(Array.from({ length: SIZE }, (_, i) => event(i)));
    // Entry 7's document is purged under the old layout (the purge flag, then DELETE).
    await db.db.transaction().execute(async (trx) => {
      await sql`select set_config('kouan.allow_document_purge', 'on', true)`.execute(trx);
      await sql`delete from evidence_documents d using evidence_entries e
        where e.idx = 7 and d.content_hash = e.content_hash`.execute(trx);
    });
    const rows = await sql<{ leaf: Uint8Array; body_enc: string | null }>`select e.leaf, d.body_enc
      from evidence_entries e left join evidence_documents d using (content_hash) order by e.idx`.execute(
      db.db,
    );
    for (const r of rows.rows) before.push({ leaf: Buffer.from(r.leaf), document: r.body_enc ?? undefined });
    const rootBefore = mthOfLeaves(before.map((b) => b.leaf));

    await migrate(db.db);

    const bundles = await sql<{ n: number }>`select count(*)::int as n from evidence_bundles`.execute(db.db);
    expect(bundles.rows[0]!.n).toBe(Math.ceil(SIZE / 250));
    expect(await store.repos.evidence.treeSize()).toBe(SIZE);
    const checkpoint = await issueCheckpoint({ store, signer, origin: 'kouan.test/evidence', clock });
    expect(checkpoint!.rootHash.equals(rootBefore)).toBe(true);
    const report = await verifyLog({ store, vault, verifiers: [verifier] });
    expect(report).toMatchObject({ ok: true, treeSize: SIZE, entriesChecked: SIZE });
    const leaves = await sql<{ leaf: Uint8Array }>`select leaf from evidence_entries order by idx`.execute(
      db.db,
    );
    expect(mthOfLeaves(leaves.rows.map((r) => Buffer.from(r.leaf))).equals(rootBefore)).toBe(true);
  });

  it('keeps every entry: bytes, metadata, document (purged stays purged, shared is read from each)', async () => {
    const { evidence } = store.repos;
    for (const i of [0, 3, 7, 10, 11, 249, 250, 251, 499, 500, SIZE - 1]) {
      const entry = (await evidence.getEntry(i))!;
      const e = event(i);
      expect(Buffer.from(entry.leaf).equals(before[i]!.leaf)).toBe(true);
      expect(entry).toMatchObject({
        idx: i,
        kind: e.kind,
        subjectType: 'test',
        subjectId: `s-${i}`,
        actorType: e.actor.type,
        actorId: e.actor.id,
        orgId: e.actor.orgId,
        partyIds: e.partyIds,
        recordedAt: e.at,
      });
      const document = await evidence.getDocumentOf(i);
      expect(document).toBe(before[i]!.document);
      if (i === 7) expect(document).toBeUndefined();
      else expect(JSON.parse(vault.decrypt(document!))).toEqual(e.document);
    }
    expect(await evidence.getEntry(SIZE)).toBeUndefined();
  });

  it('finds entries by subject, party and organisation, newest first, in pages', async () => {
    const { evidence } = store.repos;
    const bySubject = await evidence.findEntries({ subjectId: 's-260', limit: 50 });
    expect(bySubject.map((e) => e.idx)).toEqual([260]);
    const byParty = await evidence.findEntries({ partyId: 'party_a', limit: 3 });
    expect(byParty.map((e) => e.idx)).toEqual([610, 605, 600]);
    const page = await evidence.findEntries({
      partyId: 'party_a',
      orgId: 'org_ent',
      beforeIdx: 255,
      limit: 4,
    });
    // Entries about party_a (every 5th) or made by org_ent (every 3rd), below 255.
    expect(page.map((e) => e.idx)).toEqual([252, 250, 249, 246]);
    const kinds = await evidence.findEntries({ kind: 'party.filed', subjectType: 'test', limit: 2 });
    expect(kinds.map((e) => e.idx)).toEqual([611, 609]);
  });

  it('serves inclusion proofs that check against the checkpoint root, and keeps appending', async () => {
    const root = (await store.repos.evidence.latestCheckpoint())!.rootHash;
    for (const index of [0, 249, 250, 251, SIZE - 1]) {
      const nodes = await store.repos.evidence.getNodes(nodesNeededForInclusion(index, SIZE));
      const proof = inclusionProof(index, SIZE, nodeGetterFromMap(nodes));
      expect(
        verifyInclusion({
          leafIndex: index,
          treeSize: SIZE,
          leafHash: hashLeaf(before[index]!.leaf),
          proof,
          rootHash: root,
        }),
      ).toBe(true);
    }
    await store.transaction((repos) =>
      recordEvidence(
        { evidence: repos.evidence, vault },
        Array.from({ length: 300 }, (_, i) => event(SIZE + i)),
      ),
    );
    await issueCheckpoint({ store, signer, origin: 'kouan.test/evidence', clock });
    expect(await verifyLog({ store, vault, verifiers: [verifier] })).toMatchObject({
      ok: true,
      treeSize: SIZE + 300,
    });
    // Five bundles now (three converted, two appended): a page walks them newest first and
    // misses none of the matching entries.
    const all = Array.from({ length: SIZE + 300 }, (_, i) => i).reverse();
    const aboutA = await store.repos.evidence.findEntries({ partyId: 'party_a', limit: 200 });
    expect(aboutA.map((e) => e.idx)).toEqual(all.filter((i) => i % 5 === 0));
    const page = await store.repos.evidence.findEntries({ subjectType: 'test', beforeIdx: 700, limit: 200 });
    expect(page.map((e) => e.idx)).toEqual(all.filter((i) => i < 700).slice(0, 200));
    // The entry view has the former table's columns, read from the bundles and the leaves.
    const view = await sql<Record<string, unknown>>`select * from evidence_entries where idx = 3`.execute(
      db.db,
    );
    const e3 = event(3);
    expect(view.rows[0]).toMatchObject({
      idx: 3,
      kind: e3.kind,
      subject_type: 'test',
      subject_id: 's-3',
      actor_type: 'api_key',
      actor_id: 'key_ent',
      org_id: 'org_ent',
      recorded_at: e3.at,
    });
    expect(Buffer.from(view.rows[0]!.leaf as Uint8Array).equals(before[3]!.leaf)).toBe(true);
    // The old tables are gone; the entry view refuses edits like the table did.
    await expect(sql`select 1 from evidence_documents`.execute(db.db)).rejects.toThrow();
    await expect(sql`update evidence_entries set kind = 'x' where idx = 1`.execute(db.db)).rejects.toThrow(
      /KOUAN_APPEND_ONLY/,
    );
  });
});

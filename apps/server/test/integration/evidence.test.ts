import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  mthOfLeaves,
  noteVerifierFromKey,
  openCheckpoint,
  verifyCheckpointConsistency,
  verifyEvidencePackage,
  verifyInclusion,
} from '@kouan/domain/evidence';
import { main as verifyCli } from '@kouan/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvidence } from '../../src/features/evidence';
import { verifyLog } from '../../src/features/evidence/verify-log';
import { systemActor } from '../../src/lib/actor';
import { rewriteEntryWithLeafHash } from '../evidence-helpers';
import { startTestPlatform, type TestPlatform } from '../harness';

let t: TestPlatform;
let verifierKey: string;
beforeAll(async () => {
  t = await startTestPlatform();
  verifierKey = t.platform.deps.signer.verifierKey();
});
afterAll(async () => t?.close());

const sink = () => {
  let text = '';
  return {
    write: (s: string) => (text += s),
    get text() {
      return text;
    },
  };
};

async function appendSystemEvents(count: number, tag: string) {
  const actor = systemActor(`req_test_${tag}`);
  await t.platform.store.transaction((repos) =>
    recordEvidence(
      { evidence: repos.evidence, vault: t.platform.deps.vault },
      Array.from({ length: count }, (_, i) => ({
        kind: 'decision.taken' as const,
        subject: { type: 'test', id: `${tag}-${i}` },
        actor,
        at: t.clock.now(),
        partyIds: [],
        document: { tag, i },
      })),
    ),
  );
}

async function verifyAll() {
  return verifyLog({
    store: t.platform.store,
    vault: t.platform.deps.vault,
    verifiers: [noteVerifierFromKey(verifierKey)],
  });
}

describe('evidence ledger', () => {
  it('records the demo filings and publishes a signed checkpoint and the public key', async () => {
    await t.platform.deps.issueCheckpoint();
    const key = await t.request('GET', '/api/public/evidence/public-key');
    expect(key.status).toBe(200);
    expect(key.body.verifierKey).toBe(verifierKey);
    expect(key.body.retiredVerifierKeys).toEqual([]);
    const cp = await t.request('GET', '/api/public/evidence/checkpoint');
    expect(cp.status).toBe(200);
    const opened = openCheckpoint(cp.text, [noteVerifierFromKey(verifierKey)]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.checkpoint.treeSize).toBeGreaterThan(10);
  });

  it('exports an evidence package that verifies offline, in the library and in the CLI', async () => {
    const token = await t.login('commerce');
    const list = await t.request('GET', '/api/evidence/entries?kind=party.filed&limit=1', { token });
    const index = list.body.items[0].index as number;
    const res = await t.request('GET', `/api/evidence/entries/${index}/package`, { token });
    expect(res.status).toBe(200);
    const report = verifyEvidencePackage(res.body, verifierKey);
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(report.ok).toBe(true);
    const doc = JSON.parse(Buffer.from(res.body.document.bytesBase64, 'base64').toString('utf8'));
    expect(doc.party.kind).toBeDefined();

    const dir = mkdtempSync(path.join(tmpdir(), 'kouan-pkg-'));
    const good = path.join(dir, 'package.json');
    writeFileSync(good, JSON.stringify(res.body));
    const out = sink();
    expect(await verifyCli([good, '--public-key', verifierKey], { stdout: out, stderr: out })).toBe(0);

    const tampered = structuredClone(res.body);
    const leaf = JSON.parse(Buffer.from(tampered.entry.bytesBase64, 'base64').toString('utf8'));
    leaf.subjectId = 'party_FORGED';
    tampered.entry.bytesBase64 = Buffer.from(JSON.stringify(leaf)).toString('base64');
    const bad = path.join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(tampered));
    const out2 = sink();
    expect(await verifyCli([bad, '--public-key', verifierKey], { stdout: out2, stderr: out2 })).toBe(1);
  });

  it("leaves a filed party's identifiers out of the package for a reader who sees them masked; it still verifies", async () => {
    const officer = await t.login('commerce');
    const list = await t.request('GET', '/api/evidence/entries?kind=party.filed&limit=50', {
      token: officer,
    });
    // An individual filed in the demo: its document names the person in clear.
    let index: number | undefined;
    for (const item of list.body.items as { index: number }[]) {
      const pkg = await t.request('GET', `/api/evidence/entries/${item.index}/package`, { token: officer });
      const doc = Buffer.from(pkg.body.document.bytesBase64, 'base64').toString('utf8');
      if (JSON.parse(doc).party.legalForm === 'individual') {
        index = item.index;
        break;
      }
    }
    expect(index).toBeDefined();
    const viewer = await t.login('district');
    const res = await t.request('GET', `/api/evidence/entries/${index}/package`, { token: viewer });
    expect(res.status).toBe(200);
    expect(res.body.document).toBeUndefined();
    const report = verifyEvidencePackage(res.body, verifierKey);
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.id === 'document-hash')?.status).toBe('skipped');
  });

  it('gives inclusion proofs that verify against the checkpoint root', async () => {
    const cp = await t.platform.deps.issueCheckpoint();
    const token = await t.login('customs');
    for (const index of [0, 1, Math.floor(cp!.treeSize / 2), cp!.treeSize - 1]) {
      const entry = await t.request('GET', `/api/evidence/entries/${index}`, { token });
      const proof = await t.request(
        'GET',
        `/api/evidence/entries/${index}/inclusion-proof?treeSize=${cp!.treeSize}`,
        { token },
      );
      expect(proof.status).toBe(200);
      expect(
        verifyInclusion({
          leafHash: Buffer.from(entry.body.leafHash, 'hex'),
          leafIndex: index,
          treeSize: cp!.treeSize,
          proof: proof.body.hashes.map((h: string) => Buffer.from(h, 'base64')),
          rootHash: cp!.rootHash,
        }),
      ).toBe(true);
    }
    const beyond = await t.request(
      'GET',
      `/api/evidence/entries/0/inclusion-proof?treeSize=${cp!.treeSize + 1000}`,
      { token },
    );
    expect(beyond.status).toBe(422);
    expect(beyond.body.error.code).toBe('EVIDENCE_TREE_SIZE');
  });

  it('lets an auditor holding an old checkpoint prove the log only grew (public consistency proof)', async () => {
    const old = await t.platform.deps.issueCheckpoint();
    await appendSystemEvents(37, 'grow');
    const fresh = await t.platform.deps.issueCheckpoint();
    const proof = await t.request(
      'GET',
      `/api/public/evidence/consistency-proof?oldSize=${old!.treeSize}&newSize=${fresh!.treeSize}`,
    );
    expect(proof.status).toBe(200);
    const report = verifyCheckpointConsistency(old!.note, fresh!.note, proof.body, verifierKey);
    expect(report.ok).toBe(true);
    const wrong = { ...proof.body, hashes: [...proof.body.hashes].reverse() };
    expect(verifyCheckpointConsistency(old!.note, fresh!.note, wrong, verifierKey).ok).toBe(false);
  });

  it('stores exactly the RFC 9162 tree: the checkpoint root equals a brute-force root of the stored leaves', async () => {
    for (const n of [1, 2, 3, 5, 8, 13, 100, 255]) await appendSystemEvents(n, `bulk${n}`);
    const cp = await t.platform.deps.issueCheckpoint();
    const leaves = await t.sql<{ leaf: Uint8Array }>('select leaf from evidence_entries order by idx');
    expect(leaves).toHaveLength(cp!.treeSize);
    expect(mthOfLeaves(leaves.map((r) => Buffer.from(r.leaf))).equals(cp!.rootHash)).toBe(true);
  });

  it('a write that fails records no evidence (same transaction)', async () => {
    const before = await t.platform.store.repos.evidence.treeSize();
    await expect(
      t.platform.store.transaction(async (repos) => {
        await recordEvidence({ evidence: repos.evidence, vault: t.platform.deps.vault }, [
          {
            kind: 'decision.taken',
            subject: { type: 'test', id: 'rolled-back' },
            actor: systemActor('req_rb'),
            at: t.clock.now(),
            partyIds: [],
            document: {},
          },
        ]);
        throw new Error('state change failed after the evidence was written');
      }),
    ).rejects.toThrow('state change failed');
    expect(await t.platform.store.repos.evidence.treeSize()).toBe(before);
  });

  it('appends stay exact when a transaction rolls back after appending and when another process appends', async () => {
    // This process keeps the tree edge of its last committed append (EvidenceTip); neither a
    // rolled-back append nor another process's appends may make it use a wrong one.
    await appendSystemEvents(300, 'tip-a');
    const event = (id: string) => ({
      kind: 'decision.taken' as const,
      subject: { type: 'test', id },
      actor: systemActor('req_tip'),
      at: t.clock.now(),
      partyIds: [],
      document: { id },
    });
    await expect(
      t.platform.store.transaction(async (repos) => {
        await recordEvidence(
          { evidence: repos.evidence, vault: t.platform.deps.vault },
          Array.from({ length: 70 }, (_, i) => event(`tip-rolled-back-${i}`)),
        );
        throw new Error('rolled back after appending');
      }),
    ).rejects.toThrow('rolled back');
    // Another process then appends as many entries as were rolled back: the same tree size, other
    // leaves — the edge the rolled-back transaction had computed would now be wrong.
    await t.otherStore().transaction((repos) =>
      recordEvidence(
        { evidence: repos.evidence, vault: t.platform.deps.vault },
        Array.from({ length: 70 }, (_, i) => event(`tip-other-${i}`)),
      ),
    );
    await appendSystemEvents(7, 'tip-c');
    const cp = await t.platform.deps.issueCheckpoint();
    const leaves = await t.sql<{ leaf: Uint8Array }>('select leaf from evidence_entries order by idx');
    expect(leaves).toHaveLength(cp!.treeSize);
    expect(mthOfLeaves(leaves.map((r) => Buffer.from(r.leaf))).equals(cp!.rootHash)).toBe(true);
    expect((await verifyAll()).ok).toBe(true);
  });

  it('a batch with one refused event writes none of it, even when the caller catches the error', async () => {
    const before = await t.platform.store.repos.evidence.treeSize();
    const actor = systemActor('req_refused');
    const events = Array.from({ length: 600 }, (_, i) => ({
      kind: 'decision.taken' as const,
      subject: { type: 'test', id: `refused-${i}` },
      actor,
      at: t.clock.now(),
      partyIds: [],
      // The 551st document is not JSON data (undefined member): canonical JSON refuses it.
      document: i === 550 ? { amount: undefined } : { i },
    }));
    const outcome = await t.platform.store.transaction(async (repos) => {
      const deps = { evidence: repos.evidence, vault: t.platform.deps.vault };
      let message = 'recorded';
      try {
        await recordEvidence(deps, events);
      } catch (error) {
        message = (error as Error).message;
      }
      // the transaction goes on: the valid event after it is appended where the refused batch began
      const [entry] = await recordEvidence(deps, [{ ...events[0]!, subject: { type: 'test', id: 'after' } }]);
      return { message, index: entry!.index };
    });
    expect(outcome.message).toMatch(/\$\.amount/);
    expect(outcome.index).toBe(before);
    expect(await t.platform.store.repos.evidence.treeSize()).toBe(before + 1);
    await t.platform.deps.issueCheckpoint();
    expect((await verifyAll()).ok).toBe(true);
  });

  it('an enterprise reads entries about its own records only; the public reads neither', async () => {
    const operator = t.demo.enterprises.find((e) => e.key === 'operator')!;
    const ebcKey = t.apiKey('ebc');
    const own = await t.request('GET', `/api/evidence/entries?subjectId=${operator.partyId}`, {
      apiKey: t.apiKey('operator'),
    });
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    const index = own.body.items[0].index;
    const other = await t.request('GET', `/api/evidence/entries/${index}`, { apiKey: ebcKey });
    expect(other.status).toBe(404);
    const otherList = await t.request('GET', `/api/evidence/entries?subjectId=${operator.partyId}`, {
      apiKey: ebcKey,
    });
    expect(otherList.body.items).toEqual([]);
    const anonymous = await t.request('GET', `/api/evidence/entries/${index}`);
    expect(anonymous.status).toBe(401);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the ledger tables', async () => {
    for (const statement of [
      'update evidence_entries set kind = kind where idx = 0',
      'delete from evidence_entries where idx = 0',
      'update evidence_nodes set hash = hash',
      'delete from evidence_nodes',
      'update evidence_checkpoints set note = note',
      'delete from evidence_checkpoints',
      'update evidence_bundles set kinds = kinds',
      'update evidence_bundles set documents = documents',
      'delete from evidence_bundles',
      'truncate evidence_bundles',
      'truncate evidence_nodes',
      'truncate evidence_checkpoints',
    ]) {
      await expect(t.sql(statement), statement).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    }
  });

  it('the database refuses inserts that would break the log: an overlapping bundle, a node or a checkpoint beyond it', async () => {
    await appendSystemEvents(40, 'guards');
    await t.platform.deps.issueCheckpoint();
    const size = await t.platform.store.repos.evidence.treeSize();
    // a forged second copy of entry 1 (a bundle starting inside the first one)
    await expect(
      t.sql(`insert into evidence_bundles (first_idx, entry_count, leaves, leaf_ends, leaf_hashes, kinds,
          subject_types, subject_ids, org_ids, parties, party_ids, documents, recorded_at)
        select 1, 1, leaves, leaf_ends[1:1], substring(leaf_hashes from 1 for 32), kinds[1:1], subject_types[1:1],
          subject_ids[1:1], org_ids[1:1], parties[1:1], party_ids, '', recorded_at
        from evidence_bundles where first_idx = 0`),
    ).rejects.toThrow(/evidence bundle at 1 refused/);
    // a node whose leaves are not there yet: the append that completes it would fail for good
    await expect(
      t.sql(`insert into evidence_nodes (level, idx, hash) values (4, ${(size >> 4) + 1}, '\\x00'::bytea)`),
    ).rejects.toThrow(/evidence node \(level 4, index \d+\) refused/);
    // a checkpoint of a size the log does not have: checkpointing would stop
    await expect(
      t.sql(`insert into evidence_checkpoints (tree_size, root_hash, note, key_id, algorithm, issued_at)
        values (${size + 1_000_000}, '\\x00'::bytea, 'garbage', 'x', 'x', now())`),
    ).rejects.toThrow(/evidence checkpoint of size \d+ refused/);
    // the log goes on: appends, checkpoints, verification
    await appendSystemEvents(20, 'guards-after');
    const checkpoint = await t.platform.deps.issueCheckpoint();
    expect(checkpoint?.treeSize).toBe(size + 20);
    expect((await verifyAll()).ok).toBe(true);
  });

  it('purges one document under the purge flag only; the log still verifies and other documents stay', async () => {
    await appendSystemEvents(5, 'purge');
    const idx = (
      await t.sql<{ idx: number }>(
        `select max(idx)::int as idx from evidence_entries where subject_id = 'purge-2'`,
      )
    )[0]!.idx;
    const documentOf = (i: number) => t.platform.store.repos.evidence.getDocumentOf(i);
    expect(await documentOf(idx)).toBeDefined();
    // Without the flag the bundle refuses the same rewrite.
    await expect(
      t.sql(
        `update evidence_bundles set documents = '' where first_idx <= ${idx} and first_idx + entry_count > ${idx}`,
      ),
    ).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    expect(await t.platform.store.repos.evidence.purgeDocument(idx)).toBe(true);
    expect(await documentOf(idx)).toBeUndefined();
    expect(await documentOf(idx - 1)).toBeDefined();
    expect(await documentOf(idx + 1)).toBeDefined();
    // The flag allows blanking documents, nothing else: not a leaf, not another document's bytes.
    const withFlag = (set: string) =>
      t.sql(`with allow as (select set_config('kouan.allow_document_purge', 'on', true) as on)
        update evidence_bundles set ${set} from allow where first_idx <= ${idx} and first_idx + entry_count > ${idx}`);
    await expect(withFlag(`leaves = leaves || '\\x00'::bytea`)).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    await expect(withFlag(`documents = documents || 'x'`)).rejects.toThrow(/KOUAN_APPEND_ONLY/);
    await t.platform.deps.issueCheckpoint();
    const report = await verifyAll();
    expect(report.ok).toBe(true);
    const token = await t.login('commerce');
    const pkg = await t.request('GET', `/api/evidence/entries/${idx}/package`, { token });
    expect(pkg.status).toBe(200);
    expect(pkg.body.document).toBeUndefined();
  });

  it('re-verification also checks the entries appended since the latest checkpoint', async () => {
    await t.platform.deps.issueCheckpoint();
    await appendSystemEvents(5, 'unsigned-yet');
    const last = (await t.platform.store.repos.evidence.treeSize()) - 1;
    const flip = `update evidence_bundles set leaves = set_byte(leaves,
        coalesce(leaf_ends[${last} - first_idx::int], 0) + 12, get_byte(leaves, coalesce(leaf_ends[${last} - first_idx::int], 0) + 12) # 1)
      where first_idx <= ${last} and first_idx + entry_count > ${last}`;
    await t.sql('alter table evidence_bundles disable trigger evidence_bundles_guard');
    await t.sql(flip);
    const report = await verifyAll();
    await t.sql(flip);
    await t.sql('alter table evidence_bundles enable trigger evidence_bundles_guard');
    expect(report.problem).toBe(`entry ${last}: stored bytes do not match its leaf hash`);
    expect((await verifyAll()).ok).toBe(true);
  });

  it('re-verification places an entry rewritten together with its leaf hash between two checkpoints', async () => {
    await appendSystemEvents(30, 'rewrite-a');
    const before = (await t.platform.deps.issueCheckpoint())!.treeSize;
    await appendSystemEvents(30, 'rewrite-b');
    const after = (await t.platform.deps.issueCheckpoint())!.treeSize;
    expect((await verifyAll()).ok).toBe(true);
    // The last entry before `after`: its time changed by one digit, its leaf hash recomputed to match,
    // so the entry alone looks sound and only the checkpoints can tell.
    const restore = await rewriteEntryWithLeafHash(t.sql, after - 1);
    const report = await verifyAll();
    await restore();
    expect(report.ok).toBe(false);
    expect(report.problem).toContain(`an entry in ${before}–${after - 1}`);
    expect((await verifyAll()).ok).toBe(true);
  });

  it('re-verification names the first tampered entry or node', async () => {
    await t.platform.deps.issueCheckpoint();
    expect((await verifyAll()).ok).toBe(true);

    // Byte 12 of entry 7's leaf, inside the bundle that holds it.
    const flipEntry7 = `update evidence_bundles set leaves = set_byte(leaves,
        coalesce(leaf_ends[7 - first_idx::int], 0) + 12, get_byte(leaves, coalesce(leaf_ends[7 - first_idx::int], 0) + 12) # 1)
      where first_idx <= 7 and first_idx + entry_count > 7`;
    await t.sql('alter table evidence_bundles disable trigger evidence_bundles_guard');
    await t.sql(flipEntry7);
    const entryResult = await verifyAll();
    expect(entryResult.ok).toBe(false);
    expect(entryResult.problem).toContain('entry 7');
    await t.sql(flipEntry7);
    // A lookup column that no longer says what the leaf says (who may read the entry) is named too.
    const retag = (kind: string) =>
      `update evidence_bundles set kinds[8 - first_idx::int] = '${kind}' where first_idx <= 7 and first_idx + entry_count > 7`;
    const kind = (await t.sql<{ kind: string }>('select kind from evidence_entries where idx = 7'))[0]!.kind;
    await t.sql(retag('decision.taken.elsewhere'));
    expect((await verifyAll()).problem).toBe('entry 7: its lookup columns differ from its bytes');
    await t.sql(retag(kind));
    await t.sql('alter table evidence_bundles enable trigger evidence_bundles_guard');
    expect((await verifyAll()).ok).toBe(true);

    // Entry 7's stored document altered (one base64 character of its ciphertext): its package is
    // refused with a clear code, and re-verification names it.
    const bundle = (
      await t.sql<{ f: string; d: string }>(`select first_idx as f, documents as d from evidence_bundles
        where first_idx <= 7 and first_idx + entry_count > 7`)
    )[0]!;
    const documents = bundle.d.split('\u001e');
    const at = 7 - Number(bundle.f);
    const sealed = documents[at]!;
    expect(sealed).toMatch(/^v2\./);
    const tampered = documents.map((d, i) =>
      i === at ? `${d.slice(0, 30)}${d[30] === 'A' ? 'B' : 'A'}${d.slice(31)}` : d,
    );
    const setDocuments = (text: string) =>
      t.sql(`update evidence_bundles set documents = '${text}' where first_idx = ${bundle.f}`);
    await t.sql('alter table evidence_bundles disable trigger evidence_bundles_guard');
    await setDocuments(tampered.join('\u001e'));
    const pkg = await t.request('GET', '/api/evidence/entries/7/package', {
      token: await t.login('customs'),
    });
    expect(pkg.status).toBe(500);
    expect(pkg.body.error.code).toBe('EVIDENCE_DOCUMENT_CORRUPT');
    expect((await verifyAll()).problem).toBe('entry 7: its document does not match its content hash');
    // Cut short, it cannot even be decrypted: named as such, and the package is refused the same way.
    await setDocuments(documents.map((d, i) => (i === at ? 'v2.AAAA' : d)).join('\u001e'));
    expect((await verifyAll()).problem).toBe('entry 7: its document cannot be decrypted');
    const cut = await t.request('GET', '/api/evidence/entries/7/package', {
      token: await t.login('customs'),
    });
    expect(cut.body.error.code).toBe('EVIDENCE_DOCUMENT_CORRUPT');
    await setDocuments(bundle.d);
    await t.sql('alter table evidence_bundles enable trigger evidence_bundles_guard');
    expect((await verifyAll()).ok).toBe(true);

    await t.sql('alter table evidence_nodes disable trigger evidence_nodes_append_only');
    await t.sql(
      `update evidence_nodes set hash = set_byte(hash, 0, get_byte(hash, 0) # 1) where level = 4 and idx = 1`,
    );
    const nodeResult = await verifyAll();
    expect(nodeResult.ok).toBe(false);
    expect(nodeResult.problem).toContain('level 4, index 1');
    await t.sql(
      `update evidence_nodes set hash = set_byte(hash, 0, get_byte(hash, 0) # 1) where level = 4 and idx = 1`,
    );
    await t.sql('alter table evidence_nodes enable trigger evidence_nodes_append_only');
    expect((await verifyAll()).ok).toBe(true);
  });

  // Last: the forged checkpoint it leaves cannot be removed.
  it('re-verification names a node beyond the log and a checkpoint whose note does not verify', async () => {
    const size = await t.platform.store.repos.evidence.treeSize();
    // a node past the end, left by someone who lifted the insert guard (or from before it existed)
    await t.sql('alter table evidence_nodes disable trigger evidence_nodes_insert_guard');
    await t.sql(
      `insert into evidence_nodes (level, idx, hash) values (4, ${(size >> 4) + 3}, '\\x00'::bytea)`,
    );
    await t.sql('alter table evidence_nodes enable trigger evidence_nodes_insert_guard');
    expect((await verifyAll()).problem).toBe(
      `node (level 4, index ${(size >> 4) + 3}) lies beyond the log's ${size} entries`,
    );
    await t.sql('alter table evidence_nodes disable trigger evidence_nodes_append_only');
    await t.sql(`delete from evidence_nodes where level = 4 and idx = ${(size >> 4) + 3}`);
    await t.sql('alter table evidence_nodes enable trigger evidence_nodes_append_only');
    expect((await verifyAll()).ok).toBe(true);
    // a checkpoint row of a size the log has, but not signed by the log: named, not blamed on entries
    const [{ free }] = (await t.sql<{ free: number }>(
      `select min(s)::int as free from generate_series(1, ${size}) s
        where not exists (select 1 from evidence_checkpoints c where c.tree_size = s)`,
    )) as [{ free: number }];
    // (refused at insert since 0017: left by someone who lifted the guard)
    await t.sql('alter table evidence_checkpoints disable trigger evidence_checkpoints_insert_guard');
    await t.sql(`insert into evidence_checkpoints (tree_size, root_hash, note, key_id, algorithm, issued_at)
      values (${free}, '\\x00'::bytea, 'garbage', 'x', 'x', now())`);
    await t.sql('alter table evidence_checkpoints enable trigger evidence_checkpoints_insert_guard');
    expect((await verifyAll()).problem).toBe(
      `checkpoint ${free}: its note is not a checkpoint of that size signed by this log's key or a retired one (KOUAN_EVIDENCE_RETIRED_KEYS)`,
    );
  });
});

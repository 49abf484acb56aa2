import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { noteVerifierFromKey } from '@kouan/domain/evidence';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { resolveSecrets } from '../../src/config/secrets';
import { createPglite, type DbHandle } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { createStore, type Store } from '../../src/db/store';
import { recordEvidence } from '../../src/features/evidence';
import { createEvidenceSigner, logVerifierKeys } from '../../src/features/evidence/evidence-signer';
import { issueCheckpoint } from '../../src/features/evidence/issue-checkpoint';
import { verifyLog } from '../../src/features/evidence/verify-log';
import { systemActor } from '../../src/lib/actor';
import { systemClock } from '../../src/lib/clock';
import { createPiiVault } from '../../src/lib/pii';
import { rewriteEntryWithLeafHash } from '../evidence-helpers';
import { openTestDatabase } from '../harness';

const run = promisify(execFile);
const SERVER_DIR = path.resolve(import.meta.dirname, '../..');
const ORIGIN = 'kouan.test/evidence';

const newSigner = () =>
  createEvidenceSigner({
    keyName: ORIGIN,
    privateKeyPem: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  });

/** A bare ledger (no demo data, no checkpoint yet) on the test database. */
async function openLedger(db?: DbHandle) {
  const opened = db ? { db, drop: async () => undefined } : await openTestDatabase();
  await migrate(opened.db.db);
  const store = createStore(opened.db.db);
  const vault = createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) });
  const signer = newSigner();
  const verifiers = [noteVerifierFromKey(signer.verifierKey())];
  return {
    store,
    sql: async <T>(text: string) => (await sql.raw(text).execute(opened.db.db)).rows as T[],
    append: (count: number, tag: string, parties: string[] = []) =>
      store.transaction((repos) =>
        recordEvidence(
          { evidence: repos.evidence, vault },
          Array.from({ length: count }, (_, i) => ({
            kind: 'decision.taken' as const,
            subject: { type: 'test', id: `${tag}-${i}` },
            actor: systemActor(`req_${tag}`),
            at: new Date(),
            partyIds: parties,
            document: { tag, i },
          })),
        ),
      ),
    checkpoint: () => issueCheckpoint({ store, signer, origin: ORIGIN, clock: systemClock }),
    verify: (outside: { label: string; note: string }[] = []) =>
      verifyLog({ store, vault, verifiers, outside }),
    signer,
    close: async () => {
      await opened.db.close();
      await opened.drop();
    },
  };
}

let ledger: Awaited<ReturnType<typeof openLedger>> | undefined;
afterEach(async () => {
  await ledger?.close();
  ledger = undefined;
});

describe('evidence re-verification (evidence:verify)', () => {
  it('a log with entries but no signed checkpoint is reported, not called intact', async () => {
    ledger = await openLedger();
    expect(await ledger.verify()).toMatchObject({ ok: true, entriesChecked: 0 });
    await ledger.append(20, 'unsigned');
    const report = await ledger.verify();
    expect(report.ok).toBe(false);
    expect(report.entriesChecked).toBe(20);
    expect(report.problem).toMatch(/no signed checkpoint covers the log's 20 entries/);
    await ledger.checkpoint();
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('the server refuses to sign a checkpoint inconsistent with the one it signed before', async () => {
    ledger = await openLedger();
    await ledger.append(35, 'a');
    await ledger.checkpoint();
    await rewriteEntryWithLeafHash(ledger.sql, 33);
    await ledger.append(5, 'b');
    await expect(ledger.checkpoint()).rejects.toThrow(
      /refusing to sign a checkpoint of size 40: the stored log is not consistent with the signed checkpoint of size 35/,
    );
    const [{ n }] = (await ledger.sql<{ n: number }>(
      'select count(*)::int as n from evidence_checkpoints',
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('refuses a checkpoint row whose note is of another size or root, or not newer than the latest', async () => {
    ledger = await openLedger();
    await ledger.append(25, 'a');
    const first = (await ledger.checkpoint())!;
    await ledger.append(10, 'b');
    const insert = (size: number, root: Buffer, note: string) =>
      ledger!.sql(`insert into evidence_checkpoints (tree_size, root_hash, note, key_id, algorithm, issued_at)
        values (${size}, '\\x${root.toString('hex')}'::bytea, '${note}', 'x', 'x', now())`);
    // the genuine note of size 25 under size 35: the public route would serve the older checkpoint
    await expect(insert(35, Buffer.from(first.rootHash), first.note)).rejects.toThrow(
      /checkpoint of size 35 refused: its note is of another size or root/,
    );
    await expect(insert(20, Buffer.from(first.rootHash), first.note)).rejects.toThrow(
      /checkpoint of size 20 refused: a checkpoint of size 25 exists/,
    );
    // the same row slipped in with the guard lifted: re-verification names it
    await ledger.sql('alter table evidence_checkpoints disable trigger evidence_checkpoints_insert_guard');
    await insert(35, Buffer.from(first.rootHash), first.note);
    await ledger.sql('alter table evidence_checkpoints enable trigger evidence_checkpoints_insert_guard');
    expect((await ledger.verify()).problem).toBe(
      'checkpoint 35: its row says size 35 but its note is of size 25',
    );
  });

  it('checks checkpoints kept outside the database: a rewrite hidden by replaced checkpoints, and removed checkpoints', async () => {
    ledger = await openLedger();
    await ledger.append(30, 'a');
    const kept = (await ledger.checkpoint())!;
    const outside = [{ label: 'the checkpoint in old.txt', note: kept.note }];
    expect((await ledger.verify(outside)).ok).toBe(true);
    // With the stored checkpoints gone (by someone who lifted the triggers), only the auditor's copy can tell.
    await ledger.sql('alter table evidence_checkpoints disable trigger evidence_checkpoints_no_truncate');
    await ledger.sql('truncate evidence_checkpoints');
    await ledger.sql('alter table evidence_checkpoints enable trigger evidence_checkpoints_no_truncate');
    expect((await ledger.verify(outside)).problem).toBe(
      'the checkpoint in old.txt is a checkpoint of size 30, but the newest stored checkpoint is of size 0: newer checkpoints were removed from the database',
    );
    // An entry rewritten with its leaf hash (beyond the last complete stored node) and a checkpoint
    // signed over the rewritten log: the stored checkpoint agrees, the auditor's copy does not.
    await rewriteEntryWithLeafHash(ledger.sql, 20);
    await ledger.checkpoint();
    expect((await ledger.verify()).ok).toBe(true);
    expect((await ledger.verify(outside)).problem).toBe(
      "the recomputed root differs from the checkpoint in old.txt (size 30)'s root: an entry in 0–29 was rewritten with its leaf hash, or a node above them",
    );
  });

  it("names a bundle whose party index hides entries from a party's list", async () => {
    ledger = await openLedger();
    await ledger.append(10, 'p', ['party_a', 'party_b']);
    await ledger.checkpoint();
    expect((await ledger.verify()).ok).toBe(true);
    await ledger.sql('alter table evidence_bundles disable trigger evidence_bundles_guard');
    await ledger.sql(`update evidence_bundles set party_ids = array['party_a']`);
    await ledger.sql('alter table evidence_bundles enable trigger evidence_bundles_guard');
    expect((await ledger.verify()).problem).toBe(
      "entries 0–9: their bundle's party index (party_ids) differs from the parties the entries name",
    );
  });

  it('refuses an event kind outside the vocabulary at run time, and re-verification names a stored one', async () => {
    ledger = await openLedger();
    await ledger.append(3, 'k');
    await expect(
      ledger.store.transaction((repos) =>
        recordEvidence(
          {
            evidence: repos.evidence,
            vault: createPiiVault({ piiKey: randomBytes(32), piiHashKey: randomBytes(32) }),
          },
          [
            {
              kind: 'message.forged' as never,
              subject: { type: 'test', id: 'x' },
              actor: systemActor('req_k'),
              at: new Date(),
              partyIds: [],
              document: {},
            },
          ],
        ),
      ),
    ).rejects.toThrow('evidence kind "message.forged" is not in EVIDENCE_KINDS');
    await ledger.checkpoint();
    // entry 1's kind renamed in its bytes, leaf hash and lookup column together
    const [bundle] = await ledger.sql<{ leaves: Buffer; ends: number[]; hashes: Buffer }>(
      'select leaves, leaf_ends as ends, leaf_hashes as hashes from evidence_bundles where first_idx = 0',
    );
    const leaves = Buffer.from(bundle!.leaves);
    const hashes = Buffer.from(bundle!.hashes);
    const leaf = leaves.subarray(bundle!.ends[0]!, bundle!.ends[1]!);
    const at = leaf.indexOf('"decision.taken"');
    leaf.write('"decision.forge"', at);
    createHash('sha256')
      .update(Buffer.from([0]))
      .update(leaf)
      .digest()
      .copy(hashes, 32);
    await ledger.sql('alter table evidence_bundles disable trigger evidence_bundles_guard');
    await ledger.sql(
      `update evidence_bundles set leaves = '\\x${leaves.toString('hex')}'::bytea, leaf_hashes = '\\x${hashes.toString('hex')}'::bytea,
        kinds[2] = 'decision.forge' where first_idx = 0`,
    );
    await ledger.sql('alter table evidence_bundles enable trigger evidence_bundles_guard');
    expect((await ledger.verify()).problem).toBe(
      'entry 1: its kind "decision.forge" is not an evidence kind',
    );
  });

  it('refuses to start with the current signing key listed as retired', async () => {
    const signer = newSigner();
    expect(() => logVerifierKeys(signer, [signer.verifierKey()])).toThrow(
      /KOUAN_EVIDENCE_RETIRED_KEYS lists the current signing key's verifier key/,
    );
  });
});

describe('npm run evidence:verify', () => {
  const cli = (env: Record<string, string>, args: string[] = []) =>
    run('npx', ['tsx', 'src/evidence-verify-cli.ts', ...args], {
      cwd: SERVER_DIR,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('pointed at a place with no database, creates nothing and says why it cannot run (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kouan-nodb-'));
    const result = await cli({ KOUAN_DATA_DIR: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('evidence:verify could not run:');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('checks an embedded database against its own checkpoint and an outside copy, with its own key or a given one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kouan-cli-'));
    const config = loadConfig({ KOUAN_DATA_DIR: dir, KOUAN_EVIDENCE_ORIGIN: ORIGIN });
    const secrets = resolveSecrets(config);
    const db = await createPglite(dir);
    await migrate(db.db);
    const store: Store = createStore(db.db);
    const vault = createPiiVault(secrets);
    const signer = createEvidenceSigner({ keyName: ORIGIN, privateKeyPem: secrets.evidenceSigningKeyPem });
    await store.transaction((repos) =>
      recordEvidence(
        { evidence: repos.evidence, vault },
        Array.from({ length: 12 }, (_, i) => ({
          kind: 'decision.taken' as const,
          subject: { type: 'test', id: `cli-${i}` },
          actor: systemActor('req_cli'),
          at: new Date(),
          partyIds: [],
          document: { i },
        })),
      ),
    );
    const checkpoint = (await issueCheckpoint({ store, signer, origin: ORIGIN, clock: systemClock }))!;
    await db.close();
    const saved = path.join(dir, 'auditor-copy.txt');
    writeFileSync(saved, checkpoint.note);
    const env = { KOUAN_DATA_DIR: dir, KOUAN_EVIDENCE_ORIGIN: ORIGIN };

    const intact = await cli(env, ['--checkpoint', saved]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(
      `checked 12 entries and 0 stored nodes against the stored checkpoint of size 12, the checkpoint in ${saved}; the log is intact.`,
    );
    // checked with another log's key (as an auditor given the wrong key would): not this log's checkpoint
    const wrongKey = await cli(env, ['--public-key', newSigner().verifierKey()]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toContain('BAD ');
    expect(wrongKey.stdout).toContain('first problem: checkpoint 12:');
    const missing = await cli(env, ['--checkpoint', path.join(dir, 'no-such-file.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-file.txt');
    expect(existsSync(path.join(dir, 'secrets.json'))).toBe(true);
  });
});

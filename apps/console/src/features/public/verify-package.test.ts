import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  buildEvidencePackage,
  canonicalJson,
  type EvidenceEntryMetadata,
  ed25519Signer,
  hashLeaf,
  inclusionProof,
  MerkleFrontier,
  nodeGetterFromMap,
  nodeKey,
  noteTextUnverified,
  signCheckpoint,
  signNote,
  verifyEvidencePackage,
} from '@kouan/domain/evidence';
import { describe, expect, it } from 'vitest';
import { verifyPackage } from './verify-package';

const ORIGIN = 'kouan.test/evidence';
const LOG_SIZE = 13;

/** A log of LOG_SIZE entries with a signed checkpoint at every size, built with the server's own code. */
function testLog() {
  const signer = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey);
  const nodes = new Map<string, Buffer>();
  const frontier = MerkleFrontier.empty();
  const entries: { bytes: Uint8Array; metadata: EvidenceEntryMetadata; document: Buffer }[] = [];
  const checkpoints: string[] = [''];
  for (let index = 0; index < LOG_SIZE; index += 1) {
    const document = Buffer.from(`{"declaration":${index},"note":"口岸"}`);
    const metadata: EvidenceEntryMetadata = {
      kind: 'party.filed',
      actor: 'user_01',
      organisation: index % 2 ? 'org_01' : null,
      source: 'api',
      time: `2026-11-20T08:00:${String(index).padStart(2, '0')}.000Z`,
      softwareVersion: '0.1.0',
      subjectType: 'party',
      subjectId: `party_${index}`,
    };
    const contentHash = createHash('sha256').update(document).digest('hex');
    const bytes = canonicalJson({ ...metadata, index, contentHash, parties: ['party_é'] });
    for (const node of frontier.append(hashLeaf(bytes))) nodes.set(nodeKey(node), node.hash);
    entries.push({ bytes, metadata, document });
    checkpoints.push(
      signCheckpoint({ origin: ORIGIN, treeSize: frontier.size, rootHash: frontier.root() }, [signer]),
    );
  }
  const getNode = nodeGetterFromMap(nodes);
  const packageFor = (index: number, treeSize: number) => {
    const entry = entries[index]!;
    return buildEvidencePackage({
      index,
      entryBytes: entry.bytes,
      metadata: entry.metadata,
      document: entry.document,
      inclusionProof: inclusionProof(index, treeSize, getNode),
      treeSize,
      checkpoint: checkpoints[treeSize]!,
    });
  };
  return { signer, packageFor };
}

const log = testLog();
const key = log.signer.verifierKey();
const statuses = (checks: readonly { id: string; status: string }[]) =>
  Object.fromEntries(checks.map((c) => [c.id, c.status]));
const signatureCheck = (report: { checks: readonly { id: string; status: string; detail: string }[] }) =>
  report.checks.find((c) => c.id === 'checkpoint-signature');

/** Both verifiers' verdict and signature check on a package, for comparing them. */
async function bothVerdicts(pkg: unknown, verifierKey = key) {
  const browser = await verifyPackage(pkg, verifierKey);
  const domain = verifyEvidencePackage(pkg, verifierKey);
  return { browser, domain, signature: signatureCheck(browser), domainSignature: signatureCheck(domain) };
}

describe('in-browser evidence verification (WebCrypto)', () => {
  it('accepts every entry at every tree size, as the server-side verifier does', async () => {
    for (let size = 1; size <= LOG_SIZE; size += 1) {
      for (let index = 0; index < size; index += 1) {
        const pkg = log.packageFor(index, size);
        const browser = await verifyPackage(pkg, key);
        expect(browser.ok, `leaf ${index} of ${size}: ${JSON.stringify(browser.checks)}`).toBe(true);
        expect(statuses(browser.checks)).toEqual(statuses(verifyEvidencePackage(pkg, key).checks));
      }
    }
  });

  it('names the failed check for each kind of tampering, agreeing with the server-side verifier', async () => {
    const cases: [string, (p: ReturnType<typeof log.packageFor>) => void, string][] = [
      ['metadata', (p) => (p.entry.metadata.subjectId = 'party_other'), 'entry-metadata'],
      ['leaf hash', (p) => (p.entry.leafHash = '0'.repeat(64)), 'leaf-hash'],
      ['proof', (p) => p.inclusionProof.hashes.reverse(), 'inclusion-proof'],
      [
        'checkpoint',
        (p) => (p.checkpoint = p.checkpoint.replace(/\n\d+\n/, '\n999\n')),
        'checkpoint-signature',
      ],
    ];
    for (const [name, tamper, failedCheck] of cases) {
      const pkg = log.packageFor(5, 11);
      tamper(pkg);
      const browser = await verifyPackage(pkg, key);
      expect(browser.ok, name).toBe(false);
      expect(statuses(browser.checks)[failedCheck], name).toBe('failed');
      expect(statuses(browser.checks), name).toEqual(statuses(verifyEvidencePackage(pkg, key).checks));
    }
  });

  // Regression: the browser checked only the LAST line by the key, the CLI only the first.
  it('rejects a checkpoint with two signature lines by the key, in either order, as the CLI does', async () => {
    const pkg = log.packageFor(5, 11);
    const [text, good] = pkg.checkpoint.split('\n\n') as [string, string];
    const signature = Buffer.from(good.trim().split(' ')[2]!, 'base64');
    const garbage = `— ${ORIGIN} ${Buffer.concat([signature.subarray(0, 4), Buffer.alloc(64, 9)]).toString('base64')}\n`;
    for (const lines of [`${good}${garbage}`, `${garbage}${good}`, `${good}${good}`]) {
      const {
        browser,
        domain,
        signature: check,
        domainSignature,
      } = await bothVerdicts({
        ...pkg,
        checkpoint: `${text}\n\n${lines}`,
      });
      expect(browser.ok, lines).toBe(false);
      expect(domain.ok, lines).toBe(false);
      expect(check?.status).toBe('failed');
      expect(check?.detail).toMatch(/^MALFORMED_NOTE: more than one signature line by the known key /);
      expect(check?.detail).toBe(domainSignature?.detail);
    }
  });

  // Regression: the browser accepted a checkpoint signed under a key not named after its origin.
  it('requires the key to be named after the checkpoint origin, as the CLI does', async () => {
    const pkg = log.packageFor(5, 11);
    const elsewhere = ed25519Signer('someone.else/log', generateKeyPairSync('ed25519').privateKey);
    const checkpoint = signNote(noteTextUnverified(pkg.checkpoint), [elsewhere]);
    const {
      browser,
      signature: check,
      domainSignature,
    } = await bothVerdicts({ ...pkg, checkpoint }, elsewhere.verifierKey());
    expect(browser.ok).toBe(false);
    expect(check?.detail).toBe(
      'the key is named "someone.else/log" but the checkpoint origin is "kouan.test/evidence"; the log signs under its origin',
    );
    expect(check?.detail).toBe(domainSignature?.detail);
  });

  it('reads the checkpoint text and signature lines by the same rules as the CLI', async () => {
    const pkg = log.packageFor(5, 11);
    const text = noteTextUnverified(pkg.checkpoint);
    const cases = [
      signNote(`${text}${'extension\n'.repeat(17)}`, [log.signer]),
      signNote(text.replace('\n11\n', '\n011\n'), [log.signer]),
      `${pkg.checkpoint}not a signature line\n`,
      pkg.checkpoint.replace('\u2014', '-'),
    ];
    for (const checkpoint of cases) {
      const { browser, signature: check, domainSignature } = await bothVerdicts({ ...pkg, checkpoint });
      expect(browser.ok, checkpoint).toBe(false);
      expect(check?.status, checkpoint).toBe('failed');
      expect(check?.detail, checkpoint).toBe(domainSignature?.detail);
    }
  });

  it('fails entry bytes with no canonical form (a lone surrogate) as the CLI does', async () => {
    const pkg = log.packageFor(5, 11);
    const entry = Buffer.from(pkg.entry.bytesBase64, 'base64').toString('utf8');
    const bytes = Buffer.from(entry.replace('"kind":"party.filed"', '"kind":"\\ud800"'));
    const hostile = {
      ...pkg,
      entry: {
        ...pkg.entry,
        bytesBase64: bytes.toString('base64'),
        leafHash: hashLeaf(bytes).toString('hex'),
        metadata: { ...pkg.entry.metadata, kind: '\ud800' },
      },
    };
    const browser = await verifyPackage(hostile, key);
    const metadata = browser.checks.find((c) => c.id === 'entry-metadata');
    expect(metadata?.status).toBe('failed');
    expect(metadata?.detail).toMatch(/lone surrogate/);
    expect(metadata?.detail).toBe(
      verifyEvidencePackage(hostile, key).checks.find((c) => c.id === 'entry-metadata')?.detail,
    );
  });

  it('refuses a package signed by another key, and a malformed package', async () => {
    const other = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey).verifierKey();
    const report = await verifyPackage(log.packageFor(2, 4), other);
    expect(statuses(report.checks)['checkpoint-signature']).toBe('failed');
    expect(report.ok).toBe(false);
    const malformed = await verifyPackage({ format: 'something-else' }, key);
    expect(statuses(malformed.checks)['package-format']).toBe('failed');
  });
});

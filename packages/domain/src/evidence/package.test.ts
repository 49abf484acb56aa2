import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { signCheckpoint } from './checkpoint';
import { verifyCheckpointConsistency } from './consistency';
import { consistencyProof, hashLeaf, inclusionProof, nodeGetterFromMap, nodeKey } from './merkle';
import { MerkleFrontier } from './merkle-frontier';
import {
  buildEvidencePackage,
  type EvidenceEntryMetadata,
  type EvidencePackage,
  verifyEvidencePackage,
} from './package';
import type { VerificationReport } from './report';
import { ed25519Signer, type NoteSigner, noteTextUnverified, signNote } from './signed-note';

const ORIGIN = 'kouan.test/evidence';

function testLog(count: number) {
  const signer = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey);
  const nodes = new Map<string, Buffer>();
  const frontier = MerkleFrontier.empty();
  const entries: Array<{ bytes: Uint8Array; metadata: EvidenceEntryMetadata; document: Buffer }> = [];
  const checkpoints: string[] = [''];
  const logId = randomUUID();
  for (let index = 0; index < count; index += 1) {
    const document = Buffer.from(`<declaration no="${index}">口岸</declaration>`);
    const metadata: EvidenceEntryMetadata = {
      kind: 'declaration.submitted',
      actor: 'user_01J0000000000000000000000',
      organisation: index % 2 === 0 ? null : 'org_01J0000000000000000000000',
      source: 'single-window',
      time: `2024-06-01T08:00:${String(index % 60).padStart(2, '0')}.000Z`,
      softwareVersion: '0.1.0',
      subjectType: 'declaration',
      subjectId: `decl_${index}`,
    };
    const contentHash = createHash('sha256').update(document).digest('hex');
    const bytes = canonicalJson({
      ...metadata,
      index,
      contentHash,
      payload: { amountFen: 1000 * index, logId },
    });
    for (const node of frontier.append(hashLeaf(bytes))) nodes.set(nodeKey(node), node.hash);
    entries.push({ bytes, metadata, document });
    checkpoints.push(
      signCheckpoint({ origin: ORIGIN, treeSize: frontier.size, rootHash: frontier.root() }, [signer]),
    );
  }
  const getNode = nodeGetterFromMap(nodes);
  const packageFor = (index: number, treeSize = count, withDocument = true): EvidencePackage => {
    const entry = entries[index]!;
    return buildEvidencePackage({
      index,
      entryBytes: entry.bytes,
      metadata: entry.metadata,
      ...(withDocument ? { document: entry.document } : {}),
      inclusionProof: inclusionProof(index, treeSize, getNode),
      treeSize,
      checkpoint: checkpoints[treeSize]!,
      verifierKey: signer.verifierKey(),
    });
  };
  return { signer, entries, checkpoints, getNode, packageFor };
}

function statuses(report: VerificationReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

function failedIds(report: VerificationReport): string[] {
  return report.checks.filter((c) => c.status === 'failed').map((c) => c.id);
}

function detailOf(report: VerificationReport, id: string): string {
  return report.checks.find((c) => c.id === id)?.detail ?? '';
}

/** A deep copy to tamper with. */
function copy(pkg: EvidencePackage): EvidencePackage {
  return JSON.parse(JSON.stringify(pkg)) as EvidencePackage;
}

function reencode(base64: string, change: (bytes: Buffer) => void): string {
  const bytes = Buffer.from(base64, 'base64');
  change(bytes);
  return bytes.toString('base64');
}

describe('verifyEvidencePackage', () => {
  const log = testLog(13);
  const key = log.signer.verifierKey();

  it('accepts a package built from the log, at every index', () => {
    for (let index = 0; index < 13; index += 1) {
      const report = verifyEvidencePackage(log.packageFor(index), key);
      expect(failedIds(report)).toEqual([]);
      expect(report.ok).toBe(true);
    }
    const report = verifyEvidencePackage(log.packageFor(5), key);
    expect(statuses(report)).toEqual({
      'package-format': 'passed',
      'leaf-hash': 'passed',
      'entry-metadata': 'passed',
      'document-hash': 'passed',
      'checkpoint-signature': 'passed',
      'inclusion-proof': 'passed',
    });
    expect(report.warnings).toEqual([]);
    expect(detailOf(report, 'inclusion-proof')).toMatch(
      /^leaf 5 and 4 proof hashes give root .+, the checkpoint root for size 13$/,
    );
  });

  it('accepts a package against an older checkpoint', () => {
    expect(verifyEvidencePackage(log.packageFor(3, 6), key).ok).toBe(true);
  });

  it('skips the document check when the document is not included, and still passes', () => {
    const report = verifyEvidencePackage(log.packageFor(4, 13, false), key);
    expect(report.ok).toBe(true);
    expect(statuses(report)['document-hash']).toBe('skipped');
    expect(detailOf(report, 'document-hash')).toContain('the entry commits to contentHash');
  });

  type Tamper = [string, (pkg: EvidencePackage) => void, string | string[], RegExp];
  const tampers: Tamper[] = [
    [
      'the claimed leaf hash',
      (p) => {
        p.entry.leafHash = '00'.repeat(32);
      },
      'leaf-hash',
      /but entry.leafHash is 0{64}/,
    ],
    [
      'the entry bytes (leaf hash recomputed to match)',
      (p) => {
        const entry = JSON.parse(Buffer.from(p.entry.bytesBase64, 'base64').toString('utf8'));
        entry.payload.amountFen = 1;
        const bytes = canonicalJson(entry);
        p.entry.bytesBase64 = Buffer.from(bytes).toString('base64');
        p.entry.leafHash = hashLeaf(bytes).toString('hex');
      },
      'inclusion-proof',
      /give root .+, but the checkpoint root for size 13 is/,
    ],
    [
      'the metadata',
      (p) => {
        p.entry.metadata.actor = 'user_02';
      },
      'entry-metadata',
      /metadata.actor is "user_02" but the entry bytes say/,
    ],
    [
      'the entry index',
      (p) => {
        p.entry.index = 6;
      },
      ['entry-metadata', 'inclusion-proof'],
      /entry.index is 6 but the entry bytes say 5/,
    ],
    [
      'the document bytes',
      (p) => {
        p.document!.bytesBase64 = reencode(p.document!.bytesBase64, (b) => {
          b[0]! ^= 1;
        });
      },
      'document-hash',
      /but document.sha256 is .+ and the entry's contentHash is/,
    ],
    [
      'the document hash',
      (p) => {
        p.document!.sha256 = 'ab'.repeat(32);
      },
      'document-hash',
      /document.sha256 is (ab){32}/,
    ],
    [
      'a proof hash',
      (p) => {
        p.inclusionProof.hashes[1] = reencode(p.inclusionProof.hashes[1]!, (b) => {
          b[7]! ^= 0x40;
        });
      },
      'inclusion-proof',
      /but the checkpoint root for size 13 is/,
    ],
    [
      'the proof index',
      (p) => {
        p.inclusionProof.leafIndex = 4;
      },
      'inclusion-proof',
      /the proof is for leaf 4, the entry is leaf 5/,
    ],
    [
      'the proof size',
      (p) => {
        p.inclusionProof.treeSize = 12;
      },
      'inclusion-proof',
      /the proof is for tree size 12, the checkpoint is for size 13/,
    ],
    [
      'a dropped proof hash',
      (p) => {
        p.inclusionProof.hashes.pop();
      },
      'inclusion-proof',
      /cannot be a proof for leaf 5/,
    ],
    [
      'the checkpoint body',
      (p) => {
        p.checkpoint = p.checkpoint.replace('\n13\n', '\n12\n');
      },
      ['checkpoint-signature', 'inclusion-proof'],
      /INVALID_SIGNATURE/,
    ],
    [
      'the checkpoint signature',
      (p) => {
        const [text, line] = p.checkpoint.split('\n\n') as [string, string];
        const [dash, name, signature] = line.trim().split(' ') as [string, string, string];
        p.checkpoint = `${text}\n\n${dash} ${name} ${reencode(signature, (b) => {
          b[20]! ^= 1;
        })}\n`;
      },
      'checkpoint-signature',
      /INVALID_SIGNATURE: the signature by kouan.test\/evidence\+[0-9a-f]{8} does not verify/,
    ],
    [
      'the package format',
      (p) => {
        (p as { format: string }).format = 'kouan-evidence-package/2';
      },
      'package-format',
      /this verifier reads "kouan-evidence-package\/1"/,
    ],
    [
      'a proof hash encoding',
      (p) => {
        p.inclusionProof.hashes[0] = 'not base64';
      },
      'package-format',
      /inclusionProof.hashes\[0\] is not the base64 of 32 bytes/,
    ],
  ];

  it.each(tampers)(
    'tampering with %s fails the %s check, naming the reason',
    (_, tamper, failing, reason) => {
      const pkg = copy(log.packageFor(5));
      tamper(pkg);
      const report = verifyEvidencePackage(pkg, key);
      const expected = typeof failing === 'string' ? [failing] : failing;
      expect(report.ok).toBe(false);
      expect(failedIds(report)).toEqual(expected);
      expect(detailOf(report, expected[0]!)).toMatch(reason);
    },
  );

  it('a re-signed checkpoint for a forged tree fails under the real key', () => {
    const forger = testLog(13);
    const report = verifyEvidencePackage(forger.packageFor(5), key);
    expect(failedIds(report)).toEqual(['checkpoint-signature']);
    expect(detailOf(report, 'checkpoint-signature')).toMatch(/UNKNOWN_KEY: no signature by a known key/);
  });

  it('fails when the key is not named after the checkpoint origin', () => {
    const otherName: NoteSigner = ed25519Signer(
      'someone.else/log',
      generateKeyPairSync('ed25519').privateKey,
    );
    const report = verifyEvidencePackage(log.packageFor(5), otherName.verifierKey());
    expect(failedIds(report)).toEqual(['checkpoint-signature']);
    expect(detailOf(report, 'checkpoint-signature')).toMatch(
      /the key is named "someone.else\/log" but the checkpoint origin is "kouan.test\/evidence"/,
    );
    expect(detailOf(report, 'inclusion-proof')).toContain('not authenticated');
  });

  it('fails on an unusable key', () => {
    const report = verifyEvidencePackage(log.packageFor(5), 'not a key');
    expect(failedIds(report)).toEqual(['checkpoint-signature']);
    expect(detailOf(report, 'checkpoint-signature')).toMatch(/MALFORMED_VERIFIER_KEY/);
  });

  it('fails entry bytes that are not canonical JSON', () => {
    const pkg = copy(log.packageFor(5));
    const pretty = Buffer.from(
      `${JSON.stringify(JSON.parse(Buffer.from(pkg.entry.bytesBase64, 'base64').toString()), null, 1)}`,
    );
    pkg.entry.bytesBase64 = pretty.toString('base64');
    pkg.entry.leafHash = hashLeaf(pretty).toString('hex');
    const report = verifyEvidencePackage(pkg, key);
    expect(failedIds(report)).toEqual(['entry-metadata', 'document-hash', 'inclusion-proof']);
    expect(detailOf(report, 'entry-metadata')).toBe('the entry bytes are not RFC 8785 canonical JSON');
  });

  // Regression: canonicalJsonString threw out of the "never throws" verifier on such bytes.
  it.each([
    ['a number out of range', '{"kind":1e400}', /Infinity is not a JSON number/],
    ['a lone surrogate', '{"kind":"\\ud800"}', /lone surrogate/],
    ['nesting deeper than 64', `{"kind":${'['.repeat(70)}${']'.repeat(70)}}`, /nesting deeper than 64/],
  ])('fails the entry metadata check on entry bytes with %s, without throwing', (_, json, reason) => {
    const pkg = copy(log.packageFor(5));
    const bytes = Buffer.from(json);
    pkg.entry.bytesBase64 = bytes.toString('base64');
    pkg.entry.leafHash = hashLeaf(bytes).toString('hex');
    const report = verifyEvidencePackage(pkg, key);
    expect(report.ok).toBe(false);
    expect(report.checks.map((c) => c.id)).toEqual([
      'package-format',
      'leaf-hash',
      'entry-metadata',
      'document-hash',
      'checkpoint-signature',
      'inclusion-proof',
    ]);
    expect(statuses(report)['entry-metadata']).toBe('failed');
    expect(detailOf(report, 'entry-metadata')).toMatch(/^the entry bytes are not RFC 8785 canonical JSON: /);
    expect(detailOf(report, 'entry-metadata')).toMatch(reason);
  });

  it('reports a malformed package once and skips the rest', () => {
    const report = verifyEvidencePackage({ format: 'kouan-evidence-package/1', entry: {} }, key);
    expect(report.ok).toBe(false);
    expect(statuses(report)).toMatchObject({
      'package-format': 'failed',
      'leaf-hash': 'skipped',
      'inclusion-proof': 'skipped',
    });
    expect(detailOf(report, 'package-format')).toMatch(
      /entry.index .*; .*inclusionProof is missing.*; checkpoint is not a string/,
    );
    expect(verifyEvidencePackage('nonsense', key).ok).toBe(false);
  });

  it('warns about unchecked fields and a different embedded key', () => {
    const pkg = { ...log.packageFor(5), exportedBy: 'someone' };
    const other = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey).verifierKey();
    const report = verifyEvidencePackage({ ...pkg, verifierKey: other }, key);
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([
      'fields not covered by any check were ignored: exportedBy',
      'the package names a different verifierKey than the one checked against',
    ]);
  });
});

describe('verification across a key rotation (several keys)', () => {
  const log = testLog(9);
  const current = log.signer;
  const retired = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey);
  const keys = [current.verifierKey(), retired.verifierKey()];
  const signedBy = (note: string, signers: NoteSigner[]) => signNote(noteTextUnverified(note), signers);
  const label = (signer: NoteSigner) => `${ORIGIN}+${Buffer.from(signer.keyId).toString('hex')}`;

  it('accepts a checkpoint signed by a retired key when it is among the keys, naming the key', () => {
    const pkg = copy(log.packageFor(3, 6));
    pkg.checkpoint = signedBy(pkg.checkpoint, [retired]);
    expect(detailOf(verifyEvidencePackage(pkg, current.verifierKey()), 'checkpoint-signature')).toMatch(
      /UNKNOWN_KEY/,
    );
    const report = verifyEvidencePackage(pkg, keys);
    expect(failedIds(report)).toEqual([]);
    expect(detailOf(report, 'checkpoint-signature')).toMatch(
      new RegExp(`^Ed25519 signature by ${label(retired).replace('+', '\\+')} verifies over checkpoint`),
    );
    expect(report.warnings).toEqual([]);
    const stranger = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey).verifierKey();
    expect(verifyEvidencePackage({ ...pkg, verifierKey: stranger }, keys).warnings).toEqual([
      'the package names a different verifierKey than the ones checked against',
    ]);
  });

  it('names every given key that co-signed, and fails if any of them does not verify', () => {
    const pkg = copy(log.packageFor(3, 6));
    const both = signedBy(pkg.checkpoint, [current, retired]);
    pkg.checkpoint = both;
    expect(detailOf(verifyEvidencePackage(pkg, keys), 'checkpoint-signature')).toContain(
      `Ed25519 signature by ${label(current)} and Ed25519 signature by ${label(retired)} verify`,
    );
    const [text, lines] = both.split('\n\n') as [string, string];
    const [good, other] = lines.split('\n') as [string, string];
    const garbage = other.replace(/ (\S{6})\S{80}/, (_, keyId: string) => ` ${keyId}${'A'.repeat(80)}`);
    pkg.checkpoint = `${text}\n\n${good}\n${garbage}\n`;
    const report = verifyEvidencePackage(pkg, keys);
    expect(failedIds(report)).toEqual(['checkpoint-signature']);
    expect(detailOf(report, 'checkpoint-signature')).toMatch(/INVALID_SIGNATURE/);
  });

  it('counts a key given twice once, and fails when no key is named after the origin', () => {
    const upper = current
      .verifierKey()
      .replace(/\+([0-9a-f]{8})\+/, (_, id: string) => `+${id.toUpperCase()}+`);
    expect(verifyEvidencePackage(log.packageFor(2), [current.verifierKey(), upper]).ok).toBe(true);
    const elsewhere = ed25519Signer('someone.else/log', generateKeyPairSync('ed25519').privateKey);
    const report = verifyEvidencePackage(log.packageFor(2), [
      elsewhere.verifierKey(),
      elsewhere.verifierKey(),
    ]);
    expect(detailOf(report, 'checkpoint-signature')).toMatch(/the key is named "someone.else\/log"/);
    const two = verifyEvidencePackage(log.packageFor(2), [elsewhere.verifierKey(), 'not a key']);
    expect(detailOf(two, 'checkpoint-signature')).toMatch(/^public key 2 of 2 cannot be used: /);
    expect(detailOf(verifyEvidencePackage(log.packageFor(2), []), 'checkpoint-signature')).toBe(
      'no public key was given',
    );
  });

  it('checks consistency between a checkpoint of the retired key and one of the current key', () => {
    const older = signedBy(log.checkpoints[4]!, [retired]);
    const proof = {
      oldSize: 4,
      newSize: 9,
      hashes: consistencyProof(4, 9, log.getNode).map((h) => h.toString('base64')),
    };
    const report = verifyCheckpointConsistency(older, log.checkpoints[9]!, proof, keys);
    expect(failedIds(report)).toEqual([]);
    expect(detailOf(report, 'old-checkpoint-signature')).toContain(`by ${label(retired)} verifies`);
    expect(detailOf(report, 'new-checkpoint-signature')).toContain(`by ${label(current)} verifies`);
    expect(
      failedIds(verifyCheckpointConsistency(older, log.checkpoints[9]!, proof, current.verifierKey())),
    ).toEqual(['old-checkpoint-signature']);
  });
});

describe('verifyCheckpointConsistency', () => {
  const log = testLog(11);
  const key = log.signer.verifierKey();
  const proofJson = (oldSize: number, newSize: number) => ({
    oldSize,
    newSize,
    hashes: consistencyProof(oldSize, newSize, log.getNode).map((h) => h.toString('base64')),
  });

  it('accepts two checkpoints of the log with the proof between them', () => {
    for (const [a, b] of [
      [1, 11],
      [4, 11],
      [6, 7],
      [11, 11],
    ] as const) {
      const report = verifyCheckpointConsistency(
        log.checkpoints[a]!,
        log.checkpoints[b]!,
        proofJson(a, b),
        key,
      );
      expect(failedIds(report)).toEqual([]);
      expect(report.ok).toBe(true);
    }
  });

  it('fails a tampered proof, swapped checkpoints, mismatched sizes, another log and a bad key', () => {
    const good = proofJson(5, 9);
    const tampered = {
      ...good,
      hashes: good.hashes.map((h, i) =>
        i === 0
          ? reencode(h, (b) => {
              b[0]! ^= 1;
            })
          : h,
      ),
    };
    const run = (oldNote: string, newNote: string, proof: unknown, k = key) =>
      verifyCheckpointConsistency(oldNote, newNote, proof, k);
    const [c5, c9] = [log.checkpoints[5]!, log.checkpoints[9]!];

    expect(failedIds(run(c5, c9, tampered))).toEqual(['consistency-proof']);
    expect(detailOf(run(c5, c9, tampered), 'consistency-proof')).toMatch(
      /do not show the new tree extends the old one/,
    );
    expect(failedIds(run(c9, c5, good))).toEqual(['consistency-proof']);
    expect(failedIds(run(c5, log.checkpoints[10]!, good))).toEqual(['consistency-proof']);
    expect(failedIds(run(c5, c9, { oldSize: 5 }))).toEqual(['proof-format', 'consistency-proof']);

    const other = testLog(9);
    expect(failedIds(run(c5, other.checkpoints[9]!, good))).toEqual([
      'new-checkpoint-signature',
      'consistency-proof',
    ]);
    expect(failedIds(run(c5, c9, good, other.signer.verifierKey()))).toEqual([
      'old-checkpoint-signature',
      'new-checkpoint-signature',
    ]);
  });
});

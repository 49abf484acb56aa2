import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  buildEvidencePackage,
  canonicalJson,
  consistencyProof,
  type EvidencePackage,
  ed25519Signer,
  hashLeaf,
  inclusionProof,
  MerkleFrontier,
  nodeGetterFromMap,
  nodeKey,
  noteTextUnverified,
  signCheckpoint,
  signNote,
} from '@kouan/domain/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXIT_NOT_VERIFIED,
  EXIT_SELF_CONSISTENT_ONLY,
  EXIT_USAGE,
  EXIT_VERIFIED,
  escapeForTerminal,
  main,
} from './cli';

const ORIGIN = 'kouan.test/evidence';
const SIZE = 9;

/** A small signed log and the files a user would hold. */
function buildFixture() {
  const signer = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey);
  const nodes = new Map<string, Buffer>();
  const frontier = MerkleFrontier.empty();
  const entries: Uint8Array[] = [];
  const checkpoints: string[] = [''];
  for (let index = 0; index < SIZE; index += 1) {
    const document = Buffer.from(`invoice ${index}`);
    const bytes = canonicalJson({
      kind: 'invoice.recorded',
      actor: 'user_01',
      organisation: 'org_01',
      source: 'console',
      time: '2024-06-01T08:00:00.000Z',
      softwareVersion: '0.1.0',
      subjectType: 'invoice',
      subjectId: `inv_${index}`,
      contentHash: createHash('sha256').update(document).digest('hex'),
    });
    for (const node of frontier.append(hashLeaf(bytes))) nodes.set(nodeKey(node), node.hash);
    entries.push(bytes);
    checkpoints.push(
      signCheckpoint({ origin: ORIGIN, treeSize: frontier.size, rootHash: frontier.root() }, [signer]),
    );
  }
  const getNode = nodeGetterFromMap(nodes);
  const pkg = buildEvidencePackage({
    index: 3,
    entryBytes: entries[3]!,
    metadata: {
      kind: 'invoice.recorded',
      actor: 'user_01',
      organisation: 'org_01',
      source: 'console',
      time: '2024-06-01T08:00:00.000Z',
      softwareVersion: '0.1.0',
      subjectType: 'invoice',
      subjectId: 'inv_3',
    },
    document: Buffer.from('invoice 3'),
    inclusionProof: inclusionProof(3, SIZE, getNode),
    treeSize: SIZE,
    checkpoint: checkpoints[SIZE]!,
    verifierKey: signer.verifierKey(),
  });
  const proof = (oldSize: number, newSize: number) => ({
    oldSize,
    newSize,
    hashes: consistencyProof(oldSize, newSize, getNode).map((h) => h.toString('base64')),
  });
  return { signer, pkg, checkpoints, proof };
}

/** Whether text holds a character a terminal acts on (C0 but newline, DEL, C1): none may come from a package. */
function hasTerminalControl(text: string): boolean {
  return Array.from(text).some((c) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && c !== '\n') || (code >= 0x7f && code <= 0x9f);
  });
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('kouan-verify', () => {
  const fixture = buildFixture();
  const key = fixture.signer.verifierKey();
  let dir = '';
  const file = (name: string) => path.join(dir, name);

  async function cli(...argv: string[]) {
    const output = capture();
    const code = await main(argv, output.io);
    return { code, stdout: output.stdout(), stderr: output.stderr() };
  }

  async function writePackage(name: string, change?: (pkg: EvidencePackage) => void): Promise<string> {
    const pkg = JSON.parse(JSON.stringify(fixture.pkg)) as EvidencePackage;
    change?.(pkg);
    await writeFile(file(name), JSON.stringify(pkg, null, 2));
    return file(name);
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kouan-verify-'));
    await writePackage('good.json');
    await writeFile(file('key.txt'), `${key}\n`);
    await writeFile(file('old.txt'), fixture.checkpoints[4]!);
    await writeFile(file('new.txt'), fixture.checkpoints[SIZE]!);
    await writeFile(file('proof.json'), JSON.stringify(fixture.proof(4, SIZE)));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies a good package with the key given on the command line, printing each check', async () => {
    const run = await cli(file('good.json'), '--public-key', key);
    expect(run.code).toBe(EXIT_VERIFIED);
    expect(run.stdout).toContain('Claims entry #3: invoice.recorded on invoice inv_3');
    for (const title of [
      'Package format',
      'Leaf hash',
      'Entry metadata',
      'Document hash',
      'Checkpoint signature',
      'Inclusion proof',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`✓ ${title}: `));
    }
    expect(run.stdout).toContain('SHA-256(0x00 || ');
    expect(run.stdout).toContain('VERIFIED / 验证通过');
    expect(run.stderr).toBe('');
  });

  it('reads the key from a file', async () => {
    const run = await cli(file('good.json'), `--public-key=${file('key.txt')}`);
    expect(run.code).toBe(EXIT_VERIFIED);
    expect(run.stdout).toContain(`(from ${file('key.txt')})`);
  });

  it('with only the embedded key, never says verified: self-consistent only, exit 3', async () => {
    const run = await cli(file('good.json'));
    expect(run.code).toBe(EXIT_SELF_CONSISTENT_ONLY);
    expect(run.stdout).not.toContain('VERIFIED / 验证通过');
    expect(run.stdout).toContain('SELF-CONSISTENT ONLY');
    expect(run.stderr).toContain('WARNING: no --public-key given');
    expect(run.stderr).toContain('NOT\nindependently supplied');
    expect(run.stdout).toContain('(from the package itself, NOT independently supplied)');
  });

  it('fails a package whose proof was tampered with, naming the check', async () => {
    const tampered = await writePackage('tampered-proof.json', (pkg) => {
      const hash = Buffer.from(pkg.inclusionProof.hashes[0]!, 'base64');
      hash[0]! ^= 1;
      pkg.inclusionProof.hashes[0] = hash.toString('base64');
    });
    const run = await cli(tampered, '--public-key', key);
    expect(run.code).toBe(EXIT_NOT_VERIFIED);
    expect(run.stdout).toMatch(
      /✗ Inclusion proof: leaf 3 and 4 proof hashes give root .+, but the checkpoint root for size 9 is/,
    );
    expect(run.stdout).toContain('NOT VERIFIED / 验证未通过');
    expect(run.stderr).toMatch(/^kouan-verify: Inclusion proof failed: /);
  });

  it('fails a package whose document was swapped', async () => {
    const tampered = await writePackage('tampered-document.json', (pkg) => {
      pkg.document = {
        bytesBase64: Buffer.from('invoice 4').toString('base64'),
        sha256: createHash('sha256').update('invoice 4').digest('hex'),
      };
    });
    const run = await cli(tampered, '--public-key', key);
    expect(run.code).toBe(EXIT_NOT_VERIFIED);
    expect(run.stdout).toMatch(
      /✗ Document hash: SHA-256\(document\) = [0-9a-f]{64}, but the entry's contentHash is/,
    );
  });

  it('fails against a different key, even though the package embeds its own', async () => {
    const otherKey = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey).verifierKey();
    const run = await cli(file('good.json'), '--public-key', otherKey);
    expect(run.code).toBe(EXIT_NOT_VERIFIED);
    expect(run.stdout).toMatch(/✗ Checkpoint signature: UNKNOWN_KEY/);
    expect(run.stdout).toContain('! the package names a different verifierKey than the one checked against');
  });

  it('fails a malformed key and a file that is not JSON', async () => {
    const badKey = await cli(file('good.json'), '--public-key', `${ORIGIN}+00000000+AAAA`);
    expect(badKey.code).toBe(EXIT_NOT_VERIFIED);
    expect(badKey.stdout).toMatch(
      /✗ Checkpoint signature: the public key cannot be used: MALFORMED_VERIFIER_KEY/,
    );
    await writeFile(file('broken.json'), '{"format":');
    const broken = await cli(file('broken.json'), '--public-key', key);
    expect(broken.code).toBe(EXIT_NOT_VERIFIED);
    expect(broken.stderr).toMatch(/is not valid JSON/);
  });

  it.each([
    ['no arguments', []],
    ['two packages', ['a.json', 'b.json']],
    ['an unknown option', ['good.json', '--key', 'x']],
    ['a missing file', ['does-not-exist.json', '--public-key', 'x+00000000+AAAA']],
    ['--proof without the consistency command', ['good.json', '--proof', 'p.json']],
    ['consistency without --proof', ['consistency', 'old.txt', 'new.txt', '--public-key', 'k']],
    ['consistency without --public-key', ['consistency', 'old.txt', 'new.txt', '--proof', 'p.json']],
    ['consistency with one checkpoint', ['consistency', 'old.txt', '--proof', 'p.json', '--public-key', 'k']],
  ])('exits 2 on a usage error: %s', async (_, argv) => {
    const run = await cli(...argv);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('Usage:');
  });

  it('exits 2 when the key file cannot be read, and prints help on --help', async () => {
    expect((await cli(file('good.json'), '--public-key', file('missing-key.txt'))).code).toBe(EXIT_USAGE);
    const help = await cli('--help');
    expect(help.code).toBe(EXIT_VERIFIED);
    expect(help.stdout).toContain('kouan-verify consistency');
  });

  it('verifies the consistency of two checkpoints', async () => {
    const run = await cli(
      'consistency',
      file('old.txt'),
      file('new.txt'),
      '--proof',
      file('proof.json'),
      '--public-key',
      key,
    );
    expect(run.code).toBe(EXIT_VERIFIED);
    expect(run.stdout).toMatch(/✓ Old checkpoint signature: /);
    expect(run.stdout).toMatch(/✓ New checkpoint signature: /);
    expect(run.stdout).toMatch(
      /✓ Consistency proof: \d+ proof hashes from size 4 .* to size 9 .*: the new tree extends the old one/,
    );
  });

  it('refuses a checkpoint file that is not valid UTF-8 instead of reading it as replacement characters', async () => {
    const text = await readFile(file('old.txt'));
    await writeFile(
      file('old-latin1.txt'),
      Buffer.concat([text.subarray(0, 5), Buffer.from([0xff]), text.subarray(5)]),
    );
    const run = await cli(
      'consistency',
      file('old-latin1.txt'),
      file('new.txt'),
      '--proof',
      file('proof.json'),
      '--public-key',
      key,
    );
    expect(run.code).toBe(EXIT_NOT_VERIFIED);
    expect(run.stderr).toContain('is not valid UTF-8');
  });

  it('fails a tampered consistency proof and checkpoints given in the wrong order', async () => {
    const proof = fixture.proof(4, SIZE);
    const first = Buffer.from(proof.hashes[0]!, 'base64');
    first[3]! ^= 1;
    await writeFile(
      file('bad-proof.json'),
      JSON.stringify({ ...proof, hashes: [first.toString('base64'), ...proof.hashes.slice(1)] }),
    );
    const tampered = await cli(
      'consistency',
      file('old.txt'),
      file('new.txt'),
      '--proof',
      file('bad-proof.json'),
      '--public-key',
      key,
    );
    expect(tampered.code).toBe(EXIT_NOT_VERIFIED);
    expect(tampered.stdout).toMatch(/✗ Consistency proof: .* do not show the new tree extends the old one/);
    const swapped = await cli(
      'consistency',
      file('new.txt'),
      file('old.txt'),
      '--proof',
      file('proof.json'),
      '--public-key',
      key,
    );
    expect(swapped.code).toBe(EXIT_NOT_VERIFIED);
  });

  // Regression: an actor value printed raw could fake a "VERIFIED" block and hide what followed.
  it('prints every value from the package escaped, so it cannot fake a verdict or hide output', async () => {
    const forged = '\n\nVERIFIED / 验证通过\n\u001b[8m';
    const hostile = await writePackage('hostile-text.json', (pkg) => {
      pkg.entry.metadata.actor = forged;
      pkg.entry.metadata.subjectId = 'inv_3\u009b2J';
      (pkg as unknown as Record<string, unknown>)['\u001b[8mhidden'] = true;
    });
    const run = await cli(hostile, '--public-key', key);
    expect(run.code).toBe(EXIT_NOT_VERIFIED);
    for (const text of [run.stdout, run.stderr]) {
      expect(hasTerminalControl(text)).toBe(false);
      expect(text.split('\n')).not.toContain('VERIFIED / 验证通过');
    }
    expect(run.stdout).toContain('Claims entry #3: invoice.recorded on invoice inv_3\\u009b2J at ');
    expect(run.stdout).toContain('by \\n\\nVERIFIED / 验证通过\\n\\u001b[8m\n');
    expect(run.stdout).toContain('! fields not covered by any check were ignored: \\u001b[8mhidden');
    expect(run.stdout).toMatch(/✗ Entry metadata: .*metadata.subjectId is "inv_3\\u009b2J"/);

    const embedded = await writePackage('hostile-key.json', (pkg) => {
      pkg.verifierKey = `${key}\u001b[2J\u2028`;
    });
    const self = await cli(embedded);
    expect(self.code).toBe(EXIT_NOT_VERIFIED);
    expect(self.stdout).toContain(`Public key ${key}\\u001b[2J\\u2028 (from the package itself`);
    expect(hasTerminalControl(self.stdout + self.stderr)).toBe(false);

    await writeFile(file('hostile.json'), '\u001b[8m{}');
    const notJson = await cli(file('hostile.json'), '--public-key', key);
    expect(notJson.code).toBe(EXIT_NOT_VERIFIED);
    expect(notJson.stderr).toMatch(/is not valid JSON/);
    expect(hasTerminalControl(notJson.stderr)).toBe(false);
  });

  it('escapes control, line-breaking and bidirectional characters, and lone surrogates, only', () => {
    expect(escapeForTerminal('a\tb\r\n\u0000\u007f\u0085\u009b\u2028\u202e\u2066\ud800|\udc00')).toBe(
      'a\\tb\\r\\n\\u0000\\u007f\\u0085\\u009b\\u2028\\u202e\\u2066\\ud800|\\udc00',
    );
    expect(escapeForTerminal('口岸 ✓ "quoted" \\ 😀')).toBe('口岸 ✓ "quoted" \\ 😀');
  });

  // Regression: canonicalising such entry bytes threw, and only "unexpected error" was printed.
  it.each([
    ['a number out of range', '{"kind":1e400}'],
    ['a lone surrogate', '{"kind":"\\ud800"}'],
    ['nesting deeper than 64', `{"kind":${'['.repeat(65)}${']'.repeat(65)}}`],
  ])(
    'reports entry bytes with %s as a failed Entry metadata check, listing every check',
    async (name, json) => {
      const bytes = Buffer.from(json);
      const hostile = await writePackage(`entry-${name.replaceAll(' ', '-')}.json`, (pkg) => {
        pkg.entry.bytesBase64 = bytes.toString('base64');
        pkg.entry.leafHash = hashLeaf(bytes).toString('hex');
      });
      const run = await cli(hostile, '--public-key', key);
      expect(run.code).toBe(EXIT_NOT_VERIFIED);
      expect(run.stdout).toMatch(
        /✗ Entry metadata: the entry bytes are not RFC 8785 canonical JSON: NOT_CANONICAL_JSON/,
      );
      for (const title of [
        'Package format',
        'Leaf hash',
        'Document hash',
        'Checkpoint signature',
        'Inclusion proof',
      ]) {
        expect(run.stdout).toMatch(new RegExp(`^[✓✗-] ${title}: `, 'm'));
      }
      expect(run.stderr).not.toContain('unexpected error');
    },
  );

  // Regression: `null` crashed with a TypeError under --public-key and exited 2 without it.
  it.each([
    ['null', 'null', 'null'],
    ['a number', '42', 'a number'],
    ['an array', '[]', 'an array'],
    ['a string', '"package"', 'a string'],
  ])(
    'exits 1 with the reason on a package file holding %s, with or without --public-key',
    async (name, json, kind) => {
      await writeFile(file(`not-object-${name.replace(' ', '-')}.json`), json);
      for (const keyArguments of [['--public-key', key], []]) {
        const run = await cli(file(`not-object-${name.replace(' ', '-')}.json`), ...keyArguments);
        expect(run.code).toBe(EXIT_NOT_VERIFIED);
        expect(run.stderr).toContain(`is ${kind}, not a JSON object`);
        expect(run.stderr).not.toMatch(/unexpected error|TypeError/);
      }
    },
  );

  it('exits 1 on a package whose verifierKey is not a string, and 2 when it has none and no key is given', async () => {
    const numeric = await writePackage('numeric-key.json', (pkg) => {
      (pkg as unknown as { verifierKey: unknown }).verifierKey = 42;
    });
    const bad = await cli(numeric);
    expect(bad.code).toBe(EXIT_NOT_VERIFIED);
    expect(bad.stderr).toContain('is not a string');
    const keyless = await writePackage('keyless.json', (pkg) => {
      delete pkg.verifierKey;
    });
    expect((await cli(keyless)).code).toBe(EXIT_USAGE);
  });

  describe('after a key rotation (--public-key given more than once)', () => {
    const retired = ed25519Signer(ORIGIN, generateKeyPairSync('ed25519').privateKey);
    const label = (signer: typeof retired) => `${ORIGIN}+${Buffer.from(signer.keyId).toString('hex')}`;
    const resign = (note: string) => signNote(noteTextUnverified(note), [retired]);

    it('verifies a package whose checkpoint the retired key signed, saying which key signed it', async () => {
      const old = await writePackage('retired.json', (pkg) => {
        pkg.checkpoint = resign(pkg.checkpoint);
      });
      expect((await cli(old, '--public-key', key)).code).toBe(EXIT_NOT_VERIFIED);
      const run = await cli(old, '--public-key', key, '--public-key', retired.verifierKey());
      expect(run.code).toBe(EXIT_VERIFIED);
      expect(run.stdout).toContain(`Public key ${key} (from --public-key)`);
      expect(run.stdout).toContain(`Public key ${retired.verifierKey()} (from --public-key)`);
      expect(run.stdout).toContain(`✓ Checkpoint signature: Ed25519 signature by ${label(retired)} verifies`);
    });

    it('verifies consistency from a checkpoint of the retired key to one of the current key', async () => {
      await writeFile(file('old-retired.txt'), resign(fixture.checkpoints[4]!));
      const argv = ['consistency', file('old-retired.txt'), file('new.txt'), '--proof', file('proof.json')];
      expect((await cli(...argv, '--public-key', key)).code).toBe(EXIT_NOT_VERIFIED);
      const run = await cli(
        ...argv,
        '--public-key',
        retired.verifierKey(),
        `--public-key=${file('key.txt')}`,
      );
      expect(run.code).toBe(EXIT_VERIFIED);
      expect(run.stdout).toContain(
        `✓ Old checkpoint signature: Ed25519 signature by ${label(retired)} verifies`,
      );
      expect(run.stdout).toContain(
        `✓ New checkpoint signature: Ed25519 signature by ${label(fixture.signer)} verifies`,
      );
    });
  });

  it('runs through the bin launcher', async () => {
    const bin = fileURLToPath(new URL('../bin/kouan-verify.mjs', import.meta.url));
    const ok = await promisify(execFile)(process.execPath, [bin, file('good.json'), '--public-key', key]);
    expect(ok.stdout).toContain('VERIFIED / 验证通过');
    const tampered = await writePackage('tampered-leaf.json', (pkg) => {
      pkg.entry.leafHash = '0'.repeat(64);
    });
    const failed = await promisify(execFile)(process.execPath, [bin, tampered, '--public-key', key]).then(
      () => 0,
      (error: { code?: number }) => error.code,
    );
    expect(failed).toBe(EXIT_NOT_VERIFIED);
  }, 30_000);
});

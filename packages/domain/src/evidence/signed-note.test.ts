import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EvidenceError } from './errors';
import {
  ed25519PublicKeyFromRaw,
  ed25519RawPublicKey,
  ed25519Signer,
  ed25519VerifierFromKey,
  noteKeyId,
  noteTextUnverified,
  noteVerifierFromKey,
  openNote,
  parseVerifierKey,
  signNote,
} from './signed-note';

// Vectors from golang.org/x/mod/sumdb/note (note_test.go).
const PETER_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

/** The Go signer key's seed as a node:crypto private key (PKCS#8 DER prefix for Ed25519). */
function peterPrivateKey() {
  const seed = Buffer.from(PETER_SIGNER_KEY.split('+').slice(4).join('+'), 'base64').subarray(1);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof EvidenceError) return error.code;
    throw error;
  }
  return undefined;
}

describe('keys', () => {
  it('derives the sumdb/note key ID and verifier key from the Ed25519 key', () => {
    const signer = ed25519Signer('PeterNeumann', peterPrivateKey());
    expect(Buffer.from(signer.keyId).toString('hex')).toBe('c74f20a3');
    expect(signer.verifierKey()).toBe(PETER_KEY);
    const parsed = parseVerifierKey(PETER_KEY);
    expect(noteKeyId(parsed.name, parsed.signatureType, parsed.publicKey).toString('hex')).toBe('c74f20a3');
    expect(ed25519RawPublicKey(ed25519PublicKeyFromRaw(parsed.publicKey))).toEqual(parsed.publicKey);
  });

  it('accepts the published verifier keys', () => {
    expect(ed25519VerifierFromKey(PETER_KEY)).toMatchObject({ name: 'PeterNeumann', algorithm: 'Ed25519' });
    expect(noteVerifierFromKey(ENOCH_KEY).name).toBe('EnochRoot');
  });

  it('rejects every truncation and every single-character change of a verifier key', () => {
    for (let i = 0; i <= PETER_KEY.length; i += 1) {
      for (let j = i + 1; j <= PETER_KEY.length; j += 1) {
        if (i === 0 && j === PETER_KEY.length) continue;
        expect(() => ed25519VerifierFromKey(PETER_KEY.slice(i, j)), PETER_KEY.slice(i, j)).toThrow(
          EvidenceError,
        );
      }
    }
    for (let i = 0; i < PETER_KEY.length; i += 1) {
      const changed =
        PETER_KEY.slice(0, i) + String.fromCharCode(PETER_KEY.charCodeAt(i) + 1) + PETER_KEY.slice(i + 1);
      expect(() => ed25519VerifierFromKey(changed), changed).toThrow(EvidenceError);
    }
  });

  it('rejects wrong lengths and unknown algorithms with matching key IDs', () => {
    const wrongLength = 'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==';
    const unknownAlgorithm = 'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
    expect(errorCode(() => ed25519VerifierFromKey(wrongLength))).toBe('MALFORMED_VERIFIER_KEY');
    expect(errorCode(() => noteVerifierFromKey(unknownAlgorithm))).toBe('UNSUPPORTED_ALGORITHM');
  });

  it('refuses a private key that is not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(errorCode(() => ed25519Signer('x', privateKey))).toBe('UNSUPPORTED_ALGORITHM');
  });
});

describe('signNote / openNote', () => {
  const peter = () => ed25519VerifierFromKey(PETER_KEY);
  const enoch = () => ed25519VerifierFromKey(ENOCH_KEY);

  it('signs exactly as golang.org/x/mod/sumdb/note does', () => {
    expect(signNote(TEXT, [ed25519Signer('PeterNeumann', peterPrivateKey())])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('opens the published doubly-signed note', () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = openNote(note, [peter()]);
    expect(one.text).toBe(TEXT);
    expect(one.verified.map((s) => `${s.name}+${s.keyIdHex}`)).toEqual(['PeterNeumann+c74f20a3']);
    expect(one.unverified.map((s) => `${s.name}+${s.keyIdHex}`)).toEqual(['EnochRoot+af0cfe78']);
    const both = openNote(note, [peter(), enoch()]);
    expect(both.verified).toHaveLength(2);
    expect(both.unverified).toHaveLength(0);
  });

  it('rejects a note with no signature by a known key', () => {
    expect(errorCode(() => openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe('UNKNOWN_KEY');
    expect(errorCode(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [peter()]))).toBe('UNKNOWN_KEY');
  });

  it('rejects the whole note when a known key’s signature is bad', () => {
    const bad = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(errorCode(() => openNote(`${TEXT}\n${bad}`, [peter()]))).toBe('INVALID_SIGNATURE');
    expect(errorCode(() => openNote(`${TEXT}\n${ENOCH_SIG}${bad}`, [peter(), enoch()]))).toBe(
      'INVALID_SIGNATURE',
    );
  });

  it('rejects ambiguous verifiers and too many signatures', () => {
    expect(errorCode(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch(), peter(), enoch()]))).toBe(
      'AMBIGUOUS_KEY',
    );
    expect(errorCode(() => openNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter()]))).toBe('MALFORMED_NOTE');
  });

  // Regression: a second line by a known key was skipped unverified, so valid + garbage verified.
  it('rejects a note with more than one signature line by the same known key, in either order', () => {
    const garbage = `— PeterNeumann ${Buffer.concat([Buffer.from('c74f20a3', 'hex'), Buffer.alloc(64, 7)]).toString('base64')}\n`;
    for (const lines of [
      `${PETER_SIG}${garbage}`,
      `${garbage}${PETER_SIG}`,
      `${PETER_SIG}${PETER_SIG}`,
      `${PETER_SIG}${ENOCH_SIG}${PETER_SIG}`,
    ]) {
      let caught: unknown;
      try {
        openNote(`${TEXT}\n${lines}`, [peter(), enoch()]);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(EvidenceError);
      expect((caught as EvidenceError).code).toBe('MALFORMED_NOTE');
      expect((caught as EvidenceError).message).toContain(
        'more than one signature line by the known key PeterNeumann+c74f20a3',
      );
      expect((caught as EvidenceError).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('still ignores repeated lines by a key it does not know, listing them once', () => {
    const opened = openNote(`${TEXT}\n${ENOCH_SIG}${PETER_SIG}${ENOCH_SIG}`, [peter()]);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
  });

  it.each([
    ['text only', TEXT],
    ['no signatures', `${TEXT}\n`],
    ['unterminated signature line', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['a control character', `\u0001${TEXT}\n${PETER_SIG}`],
    [
      'a name with a space',
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ],
    ['a line after the signatures', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['a hyphen instead of the em dash', `${TEXT}\n${PETER_SIG.replace('—', '-')}`],
    ['non-canonical base64', `${TEXT}\n${PETER_SIG.replace('AM=', 'AN=')}`],
    ['a signature of only a key ID', `${TEXT}\n— PeterNeumann x08gow==\n`],
  ])('rejects a malformed note: %s', (_, note) => {
    expect(errorCode(() => openNote(note, [peter()]))).toBe('MALFORMED_NOTE');
  });

  it('round-trips with a fresh key; any flipped byte or another key fails', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = ed25519Signer('kouan.example/evidence', privateKey);
    const verifier = ed25519VerifierFromKey(signer.verifierKey());
    const text = 'kouan.example/evidence\n42\nabc\n';
    const note = signNote(text, [signer]);
    expect(openNote(note, [verifier]).text).toBe(text);
    expect(noteTextUnverified(note)).toBe(text);

    const flippedBody = note.replace('42', '43');
    expect(errorCode(() => openNote(flippedBody, [verifier]))).toBe('INVALID_SIGNATURE');
    const line = note.slice(text.length + 1);
    const signature = Buffer.from(line.split(' ')[2]!.trim(), 'base64');
    signature[10]! ^= 0x01;
    const flippedSignature = `${text}\n— kouan.example/evidence ${signature.toString('base64')}\n`;
    expect(errorCode(() => openNote(flippedSignature, [verifier]))).toBe('INVALID_SIGNATURE');

    const other = ed25519Signer('kouan.example/evidence', generateKeyPairSync('ed25519').privateKey);
    expect(errorCode(() => openNote(note, [ed25519VerifierFromKey(other.verifierKey())]))).toBe(
      'UNKNOWN_KEY',
    );
  });

  it('refuses to sign malformed text or with a bad signer name', () => {
    const signer = ed25519Signer('PeterNeumann', peterPrivateKey());
    expect(errorCode(() => signNote('abc', [signer]))).toBe('MALFORMED_NOTE');
    expect(errorCode(() => signNote(TEXT, []))).toBe('MALFORMED_NOTE');
    expect(errorCode(() => signNote(TEXT, [signer, signer]))).toBe('MALFORMED_NOTE');
    expect(errorCode(() => ed25519Signer('a+b', peterPrivateKey()))).toBe('MALFORMED_VERIFIER_KEY');
  });
});

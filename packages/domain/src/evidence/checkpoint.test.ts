import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint';
import { EvidenceError } from './errors';
import { EMPTY_ROOT } from './merkle';
import { ed25519Signer, ed25519VerifierFromKey } from './signed-note';

// The example of c2sp.org/tlog-checkpoint.
const C2SP_TEXT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const ROOT = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');

describe('checkpoint text', () => {
  it('parses the C2SP example and formats it back byte for byte', () => {
    const checkpoint = parseCheckpoint(C2SP_TEXT);
    expect(checkpoint).toEqual({
      origin: 'example.com/behind-the-sofa',
      treeSize: 20852163,
      rootHash: ROOT,
      extensions: [],
    });
    expect(formatCheckpoint(checkpoint)).toBe(C2SP_TEXT);
  });

  it('keeps extension lines and the empty tree', () => {
    const text = formatCheckpoint({
      origin: 'kouan.local/evidence',
      treeSize: 0,
      rootHash: EMPTY_ROOT,
      extensions: ['t 1700000000'],
    });
    expect(text).toBe(
      'kouan.local/evidence\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nt 1700000000\n',
    );
    expect(parseCheckpoint(text).extensions).toEqual(['t 1700000000']);
  });

  it.each([
    ['no final newline', C2SP_TEXT.slice(0, -1)],
    ['a trailing blank line', `${C2SP_TEXT}\n`],
    ['an empty extension line', `${C2SP_TEXT}\nx\n`],
    ['only two lines', 'example.com/log\n5\n'],
    ['an empty origin', `\n5\n${ROOT.toString('base64')}\n`],
    ['a leading zero', C2SP_TEXT.replace('20852163', '020852163')],
    ['a plus sign', C2SP_TEXT.replace('20852163', '+20852163')],
    ['an exponent', C2SP_TEXT.replace('20852163', '2e7')],
    ['a space', C2SP_TEXT.replace('20852163', ' 20852163')],
    ['a size beyond 2^53', C2SP_TEXT.replace('20852163', '9007199254740993')],
    ['a 31-byte root', C2SP_TEXT.replace(ROOT.toString('base64'), ROOT.subarray(1).toString('base64'))],
    ['unpadded base64', C2SP_TEXT.replace('q2I=', 'q2I')],
    ['non-canonical base64', C2SP_TEXT.replace('q2I=', 'q2J=')],
    ['a carriage return', C2SP_TEXT.replace('\n20852163', '\r\n20852163')],
  ])('rejects %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(EvidenceError);
    expect(() => parseCheckpoint(text)).toThrow(/MALFORMED_CHECKPOINT/);
  });

  it('refuses to format an invalid checkpoint', () => {
    expect(() => formatCheckpoint({ origin: 'a\nb', treeSize: 1, rootHash: ROOT })).toThrow(EvidenceError);
    expect(() => formatCheckpoint({ origin: 'a', treeSize: -1, rootHash: ROOT })).toThrow(EvidenceError);
    expect(() => formatCheckpoint({ origin: 'a', treeSize: 1, rootHash: ROOT.subarray(2) })).toThrow(
      EvidenceError,
    );
    expect(() => formatCheckpoint({ origin: 'a', treeSize: 1, rootHash: ROOT, extensions: [''] })).toThrow(
      EvidenceError,
    );
  });
});

describe('signed checkpoints', () => {
  it('sign and open round trip; tampering fails', () => {
    const signer = ed25519Signer('kouan.example/evidence', generateKeyPairSync('ed25519').privateKey);
    const verifier = ed25519VerifierFromKey(signer.verifierKey());
    const note = signCheckpoint({ origin: 'kouan.example/evidence', treeSize: 7, rootHash: ROOT }, [signer]);
    const opened = openCheckpoint(note, [verifier]);
    expect(opened.checkpoint).toMatchObject({
      origin: 'kouan.example/evidence',
      treeSize: 7,
      rootHash: ROOT,
    });
    expect(opened.verified).toHaveLength(1);
    expect(() => openCheckpoint(note.replace('\n7\n', '\n8\n'), [verifier])).toThrow(/INVALID_SIGNATURE/);
  });
});

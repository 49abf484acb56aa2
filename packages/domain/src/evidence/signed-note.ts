/**
 * C2SP signed notes (c2sp.org/signed-note, golang.org/x/mod/sumdb/note):
 *
 *   <text, ending in "\n">
 *   <blank line>
 *   — <key name> <base64(4-byte key ID || signature)>\n     (one or more; "— " is U+2014 then a space)
 *
 * The signature covers the text including its final newline. Key names are non-empty without
 * Unicode spaces or "+". Key ID = SHA-256(key name || 0x0A || signature type || public key)[:4].
 * A verifier key is written `<name>+<hex8 key ID>+<base64(signature type || public key)>`.
 * A known key signs a note at most once: a second line by it makes the note malformed, as in Go.
 * The syntax (./note-syntax) is shared with the console's in-browser verifier.
 *
 * Signature types are pluggable: Ed25519 (0x01) is built in; another algorithm (SM2 with SM3, under
 * 0xff plus a longer identifier as the spec reserves) is added by implementing NoteSigner and
 * NoteVerifier and registering a NoteVerifierFactory.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { toBase64, toHex } from './encoding';
import { EvidenceError } from './errors';
import {
  hasForbiddenNoteCharacters,
  invalidSignatureError,
  isValidKeyName,
  matchNoteSignatures,
  NOTE_KEY_ID_BYTES,
  type NoteSignatureLine,
  splitSignedNote,
  splitVerifierKey,
} from './note-syntax';

export {
  isValidKeyName,
  MAX_NOTE_LENGTH_CHARS,
  MAX_NOTE_SIGNATURES,
  noteTextUnverified,
} from './note-syntax';

export const ED25519_SIGNATURE_TYPE = 0x01;

const SIGNATURE_LINE_PREFIX = '\u2014 ';
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;

export interface NoteSigner {
  readonly name: string;
  /** 4 bytes. */
  readonly keyId: Uint8Array;
  readonly algorithm: string;
  sign(message: Uint8Array): Uint8Array;
  verifierKey(): string;
}

export interface NoteVerifier {
  readonly name: string;
  /** 4 bytes. */
  readonly keyId: Uint8Array;
  readonly algorithm: string;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** A signature line of an opened note. */
export type NoteSignature = { name: string; keyIdHex: string; signatureBase64: string };

export type OpenedNote = {
  /** The signed text, ending in "\n". */
  text: string;
  /** Signatures by the given verifiers, all of which verified. */
  verified: NoteSignature[];
  /** Signatures by keys not among the verifiers (ignored, as the spec requires). */
  unverified: NoteSignature[];
};

export type ParsedVerifierKey = {
  name: string;
  keyId: Buffer;
  signatureType: number;
  /** The public key encoding after the signature type byte. */
  publicKey: Buffer;
};

export type NoteVerifierFactory = (key: ParsedVerifierKey) => NoteVerifier;

export function noteKeyId(name: string, signatureType: number, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, signatureType))
    .update(publicKey)
    .digest()
    .subarray(0, NOTE_KEY_ID_BYTES);
}

export function encodeVerifierKey(name: string, signatureType: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name))
    throw new EvidenceError('MALFORMED_VERIFIER_KEY', `invalid key name ${JSON.stringify(name)}`);
  const keyId = noteKeyId(name, signatureType, publicKey);
  return `${name}+${toHex(keyId)}+${toBase64(Buffer.concat([Uint8Array.of(signatureType), publicKey]))}`;
}

export function parseVerifierKey(verifierKey: string): ParsedVerifierKey {
  const { name, keyIdHex, encoded } = splitVerifierKey(verifierKey);
  const keyId = Buffer.from(keyIdHex, 'hex');
  const signatureType = encoded[0]!;
  const publicKey = Buffer.from(encoded.subarray(1));
  const expected = noteKeyId(name, signatureType, publicKey);
  if (!keyId.equals(expected)) {
    throw new EvidenceError(
      'MALFORMED_VERIFIER_KEY',
      `key ID ${keyIdHex} does not match the key (expected ${toHex(expected)})`,
    );
  }
  return { name, keyId, signatureType, publicKey };
}

export function ed25519PublicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new EvidenceError(
      'MALFORMED_VERIFIER_KEY',
      `an Ed25519 public key has ${ED25519_PUBLIC_KEY_BYTES} bytes`,
    );
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function ed25519RawPublicKey(key: KeyObject): Buffer {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  if (
    spki.length !== ED25519_SPKI_PREFIX.length + ED25519_PUBLIC_KEY_BYTES ||
    !spki.subarray(0, 12).equals(ED25519_SPKI_PREFIX)
  ) {
    throw new EvidenceError('UNSUPPORTED_ALGORITHM', 'the key is not an Ed25519 key');
  }
  return spki.subarray(ED25519_SPKI_PREFIX.length);
}

export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new EvidenceError('UNSUPPORTED_ALGORITHM', 'ed25519Signer needs an Ed25519 private key');
  }
  const publicKey = ed25519RawPublicKey(privateKey);
  const verifierKey = encodeVerifierKey(name, ED25519_SIGNATURE_TYPE, publicKey);
  return {
    name,
    keyId: noteKeyId(name, ED25519_SIGNATURE_TYPE, publicKey),
    algorithm: 'Ed25519',
    sign: (message) => sign(null, message, privateKey),
    verifierKey: () => verifierKey,
  };
}

function ed25519Verifier(key: ParsedVerifierKey): NoteVerifier {
  if (key.signatureType !== ED25519_SIGNATURE_TYPE) {
    throw new EvidenceError(
      'UNSUPPORTED_ALGORITHM',
      `signature type 0x${key.signatureType.toString(16)} is not Ed25519`,
    );
  }
  const publicKey = ed25519PublicKeyFromRaw(key.publicKey);
  return {
    name: key.name,
    keyId: key.keyId,
    algorithm: 'Ed25519',
    verify: (message, signature) => {
      if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
      try {
        return verify(null, message, publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}

export function ed25519VerifierFromKey(verifierKey: string): NoteVerifier {
  return ed25519Verifier(parseVerifierKey(verifierKey));
}

export const NOTE_VERIFIER_FACTORIES: ReadonlyMap<number, NoteVerifierFactory> = new Map([
  [ED25519_SIGNATURE_TYPE, ed25519Verifier],
]);

/** A verifier for any registered signature type. */
export function noteVerifierFromKey(
  verifierKey: string,
  factories: ReadonlyMap<number, NoteVerifierFactory> = NOTE_VERIFIER_FACTORIES,
): NoteVerifier {
  const key = parseVerifierKey(verifierKey);
  const factory = factories.get(key.signatureType);
  if (factory === undefined) {
    throw new EvidenceError(
      'UNSUPPORTED_ALGORITHM',
      `no verifier for signature type 0x${key.signatureType.toString(16)}`,
    );
  }
  return factory(key);
}

function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n') || hasForbiddenNoteCharacters(text)) {
    throw new EvidenceError(
      'MALFORMED_NOTE',
      'note text must be non-empty, end in a newline and hold no control characters',
    );
  }
}

/** Signs `text` (which must end in "\n") with every signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new EvidenceError('MALFORMED_NOTE', 'a note needs at least one signer');
  const message = Buffer.from(text, 'utf8');
  const seen = new Set<string>();
  const lines = signers.map((signer) => {
    const id = `${signer.name}+${toHex(signer.keyId)}`;
    if (!isValidKeyName(signer.name) || signer.keyId.length !== NOTE_KEY_ID_BYTES || seen.has(id)) {
      throw new EvidenceError('MALFORMED_NOTE', `invalid or repeated signer ${id}`);
    }
    seen.add(id);
    const signature = Buffer.concat([signer.keyId, signer.sign(message)]);
    return `${SIGNATURE_LINE_PREFIX}${signer.name} ${toBase64(signature)}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

function publicSignature(line: NoteSignatureLine): NoteSignature {
  return { name: line.name, keyIdHex: line.keyIdHex, signatureBase64: line.signatureBase64 };
}

/**
 * Opens a signed note. Signatures by keys not among `verifiers` are listed as unverified and
 * otherwise ignored. Throws EvidenceError: MALFORMED_NOTE (syntax, or a known key signing twice),
 * INVALID_SIGNATURE (a known key's signature does not verify: the whole note is rejected),
 * AMBIGUOUS_KEY (two verifiers share name and key ID), UNKNOWN_KEY (no signature by any given verifier).
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, lines } = splitSignedNote(note);
  const { known, unknown } = matchNoteSignatures(lines, verifiers);
  const message = Buffer.from(text, 'utf8');
  for (const { key, line } of known) {
    if (!key.verify(message, line.signature)) throw invalidSignatureError(line);
  }
  return {
    text,
    verified: known.map(({ line }) => publicSignature(line)),
    unverified: unknown.map(publicSignature),
  };
}

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
 *
 * Signature types are pluggable: Ed25519 (0x01) is built in; another algorithm (SM2 with SM3, under
 * 0xff plus a longer identifier as the spec reserves) is added by implementing NoteSigner and
 * NoteVerifier and registering a NoteVerifierFactory.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { decodeBase64Strict, hasUnsafeCharacters, toBase64, toHex } from './encoding';
import { EvidenceError } from './errors';

export const ED25519_SIGNATURE_TYPE = 0x01;
/** Signatures beyond this make a note malformed (the spec requires accepting at least 16). */
export const MAX_NOTE_SIGNATURES = 100;
export const MAX_NOTE_LENGTH_CHARS = 1_048_576;

const SIGNATURE_LINE_PREFIX = '\u2014 ';
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
const KEY_ID_BYTES = 4;
const VERIFIER_KEY = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/s;

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

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && !hasForbiddenCharacters(name);
}

/** ASCII controls other than newline, or lone surrogates (not representable in UTF-8). */
function hasForbiddenCharacters(text: string): boolean {
  return hasUnsafeCharacters(text, { allowNewline: true });
}

export function noteKeyId(name: string, signatureType: number, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, signatureType))
    .update(publicKey)
    .digest()
    .subarray(0, KEY_ID_BYTES);
}

export function encodeVerifierKey(name: string, signatureType: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name))
    throw new EvidenceError('MALFORMED_VERIFIER_KEY', `invalid key name ${JSON.stringify(name)}`);
  const keyId = noteKeyId(name, signatureType, publicKey);
  return `${name}+${toHex(keyId)}+${toBase64(Buffer.concat([Uint8Array.of(signatureType), publicKey]))}`;
}

export function parseVerifierKey(verifierKey: string): ParsedVerifierKey {
  const malformed = (why: string) => new EvidenceError('MALFORMED_VERIFIER_KEY', why);
  const match = VERIFIER_KEY.exec(verifierKey);
  const [, name, keyIdHex, keyBase64] = match ?? [];
  if (name === undefined || keyIdHex === undefined || keyBase64 === undefined) {
    throw malformed('expected <name>+<8 hex digits>+<base64 key>');
  }
  if (!isValidKeyName(name)) throw malformed(`invalid key name ${JSON.stringify(name)}`);
  const encoded = decodeBase64Strict(keyBase64);
  if (encoded === undefined || encoded.length < 2) throw malformed('the key is not valid base64');
  const keyId = Buffer.from(keyIdHex, 'hex');
  const signatureType = encoded[0]!;
  const publicKey = encoded.subarray(1);
  if (!keyId.equals(noteKeyId(name, signatureType, publicKey))) {
    throw malformed(
      `key ID ${keyIdHex} does not match the key (expected ${toHex(noteKeyId(name, signatureType, publicKey))})`,
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
  if (text.length === 0 || !text.endsWith('\n') || hasForbiddenCharacters(text)) {
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
    if (!isValidKeyName(signer.name) || signer.keyId.length !== KEY_ID_BYTES || seen.has(id)) {
      throw new EvidenceError('MALFORMED_NOTE', `invalid or repeated signer ${id}`);
    }
    seen.add(id);
    const signature = Buffer.concat([signer.keyId, signer.sign(message)]);
    return `${SIGNATURE_LINE_PREFIX}${signer.name} ${toBase64(signature)}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

type SignatureLine = NoteSignature & { keyId: Buffer; signature: Buffer };

function parseSignatureLine(line: string): SignatureLine {
  const malformed = () => new EvidenceError('MALFORMED_NOTE', `bad signature line ${JSON.stringify(line)}`);
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) throw malformed();
  const rest = line.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw malformed();
  const name = rest.slice(0, space);
  const signatureBase64 = rest.slice(space + 1);
  const decoded = decodeBase64Strict(signatureBase64);
  if (!isValidKeyName(name) || decoded === undefined || decoded.length <= KEY_ID_BYTES) throw malformed();
  const keyId = decoded.subarray(0, KEY_ID_BYTES);
  return { name, keyIdHex: toHex(keyId), signatureBase64, keyId, signature: decoded.subarray(KEY_ID_BYTES) };
}

/**
 * The text of a signed note WITHOUT checking any signature: for reporting what a note claims when
 * its signature does not verify. Never trust the result on its own.
 */
export function noteTextUnverified(note: string): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new EvidenceError('MALFORMED_NOTE', 'no blank line before the signatures');
  return note.slice(0, split + 1);
}

/**
 * Opens a signed note. Signatures by keys not among `verifiers` are listed as unverified and
 * otherwise ignored. Throws EvidenceError: MALFORMED_NOTE (syntax), INVALID_SIGNATURE (a known key's
 * signature does not verify: the whole note is rejected), AMBIGUOUS_KEY (two verifiers share name
 * and key ID), UNKNOWN_KEY (no signature by any given verifier).
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  if (note.length > MAX_NOTE_LENGTH_CHARS || hasForbiddenCharacters(note)) {
    throw new EvidenceError('MALFORMED_NOTE', 'note too long or holds control characters');
  }
  const split = note.lastIndexOf('\n\n');
  const block = split < 0 ? '' : note.slice(split + 2);
  if (split < 0 || !block.endsWith('\n')) {
    throw new EvidenceError(
      'MALFORMED_NOTE',
      'expected text, a blank line, then signature lines each ending in a newline',
    );
  }
  const text = note.slice(0, split + 1);
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new EvidenceError('MALFORMED_NOTE', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const message = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const line of lines.map(parseSignatureLine)) {
    const id = `${line.name}+${line.keyIdHex}`;
    const matches = verifiers.filter(
      (v) => v.name === line.name && Buffer.compare(v.keyId, line.keyId) === 0,
    );
    const signature = { name: line.name, keyIdHex: line.keyIdHex, signatureBase64: line.signatureBase64 };
    if (matches.length > 1) throw new EvidenceError('AMBIGUOUS_KEY', `more than one verifier for ${id}`);
    const [verifier] = matches;
    if (verifier === undefined) {
      if (!unverified.some((u) => u.signatureBase64 === line.signatureBase64 && u.name === line.name)) {
        unverified.push(signature);
      }
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    if (!verifier.verify(message, line.signature)) {
      throw new EvidenceError('INVALID_SIGNATURE', `the signature by ${id} does not verify`);
    }
    verified.push(signature);
  }
  if (verified.length === 0) {
    const present = unverified.map((u) => `${u.name}+${u.keyIdHex}`).join(', ');
    const known = verifiers.map((v) => `${v.name}+${toHex(v.keyId)}`).join(', ') || 'none';
    throw new EvidenceError(
      'UNKNOWN_KEY',
      `no signature by a known key (signed by ${present}; known: ${known})`,
    );
  }
  return { text, verified, unverified };
}

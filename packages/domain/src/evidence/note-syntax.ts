/**
 * The syntax rules of C2SP signed notes and verifier keys (c2sp.org/signed-note), with no
 * cryptography and no node: imports, so that the Node verifier (./signed-note) and the console's
 * WebCrypto verifier read a note by one set of rules and cannot disagree about which signature
 * lines count. Hashing and signature checks stay with each caller.
 */
import { hasUnsafeCharacters } from './encoding';
import { EvidenceError } from './errors';

/** Signatures beyond this make a note malformed (the spec requires accepting at least 16). */
export const MAX_NOTE_SIGNATURES = 100;
export const MAX_NOTE_LENGTH_CHARS = 1_048_576;
export const NOTE_KEY_ID_BYTES = 4;

const SIGNATURE_LINE_PREFIX = '\u2014 ';
const VERIFIER_KEY = /^([^+]+)\+([0-9a-fA-F]{8})\+(.+)$/s;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One signature line of a note, decoded but not checked. */
export type NoteSignatureLine = {
  name: string;
  keyIdHex: string;
  signatureBase64: string;
  keyId: Uint8Array;
  signature: Uint8Array;
};

export type SplitNote = {
  /** The signed text, ending in "\n". */
  text: string;
  lines: NoteSignatureLine[];
};

/** What identifies a key in a signature line: its name and 4-byte key ID. */
export type NoteKeyIdentity = { readonly name: string; readonly keyId: Uint8Array };

export type MatchedSignatures<K extends NoteKeyIdentity> = {
  /** The one signature line of each known key that signed, in note order: every one must verify. */
  known: { key: K; line: NoteSignatureLine }[];
  /** Lines by keys not among the known ones (identical lines once), to be ignored. */
  unknown: NoteSignatureLine[];
};

/** A verifier key split into its parts; the key ID is not yet checked against the key. */
export type VerifierKeyParts = {
  name: string;
  keyIdHex: string;
  /** The signature type byte followed by the public key. */
  encoded: Uint8Array;
};

/** ASCII controls other than newline, or lone surrogates (not representable in UTF-8). */
export function hasForbiddenNoteCharacters(text: string): boolean {
  return hasUnsafeCharacters(text, { allowNewline: true });
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s\u0085+]/u.test(name) && !hasForbiddenNoteCharacters(name);
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Canonical padded base64 only (the one spelling an encoder writes), else undefined. */
function decodeBase64Canonical(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return btoa(binary) === text ? bytes : undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** `<name>+<hex8>`, the label the errors use for a key. */
export function noteKeyLabel(key: { name: string; keyIdHex: string }): string {
  return `${key.name}+${key.keyIdHex}`;
}

export function splitVerifierKey(verifierKey: string): VerifierKeyParts {
  const malformed = (why: string) => new EvidenceError('MALFORMED_VERIFIER_KEY', why);
  const [, name, keyIdHex, keyBase64] = VERIFIER_KEY.exec(verifierKey) ?? [];
  if (name === undefined || keyIdHex === undefined || keyBase64 === undefined) {
    throw malformed('expected <name>+<8 hex digits>+<base64 key>');
  }
  if (!isValidKeyName(name)) throw malformed(`invalid key name ${JSON.stringify(name)}`);
  const encoded = decodeBase64Canonical(keyBase64);
  if (encoded === undefined || encoded.length < 2) throw malformed('the key is not valid base64');
  return { name, keyIdHex, encoded };
}

function parseSignatureLine(line: string): NoteSignatureLine {
  const malformed = () => new EvidenceError('MALFORMED_NOTE', `bad signature line ${JSON.stringify(line)}`);
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) throw malformed();
  const rest = line.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw malformed();
  const name = rest.slice(0, space);
  const signatureBase64 = rest.slice(space + 1);
  const decoded = decodeBase64Canonical(signatureBase64);
  if (!isValidKeyName(name) || decoded === undefined || decoded.length <= NOTE_KEY_ID_BYTES)
    throw malformed();
  const keyId = decoded.subarray(0, NOTE_KEY_ID_BYTES);
  return {
    name,
    keyIdHex: bytesToHex(keyId),
    signatureBase64,
    keyId,
    signature: decoded.subarray(NOTE_KEY_ID_BYTES),
  };
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

/** Splits a note into its text and decoded signature lines; throws MALFORMED_NOTE on any syntax fault. */
export function splitSignedNote(note: string): SplitNote {
  if (note.length > MAX_NOTE_LENGTH_CHARS || hasForbiddenNoteCharacters(note)) {
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
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new EvidenceError('MALFORMED_NOTE', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  return { text: note.slice(0, split + 1), lines: lines.map(parseSignatureLine) };
}

/**
 * Pairs each signature line with the known key it names (same name and key ID). As Go's note.Open
 * does, a second line by the same known key makes the note malformed: the spec says a known key's
 * signature MUST be verified, and with two lines a verifier that checks only one of them (the first
 * or the last) could accept a line it never checked. Throws EvidenceError: AMBIGUOUS_KEY (two known
 * keys share name and key ID), MALFORMED_NOTE (a known key signs twice), UNKNOWN_KEY (no line by any
 * known key).
 */
export function matchNoteSignatures<K extends NoteKeyIdentity>(
  lines: readonly NoteSignatureLine[],
  keys: readonly K[],
): MatchedSignatures<K> {
  const known: MatchedSignatures<K>['known'] = [];
  const unknown: NoteSignatureLine[] = [];
  for (const line of lines) {
    const label = noteKeyLabel(line);
    const matches = keys.filter((k) => k.name === line.name && sameBytes(k.keyId, line.keyId));
    if (matches.length > 1) throw new EvidenceError('AMBIGUOUS_KEY', `more than one verifier for ${label}`);
    const [key] = matches;
    if (key === undefined) {
      if (!unknown.some((u) => u.signatureBase64 === line.signatureBase64 && u.name === line.name)) {
        unknown.push(line);
      }
    } else if (known.some((k) => k.key === key)) {
      throw new EvidenceError(
        'MALFORMED_NOTE',
        `more than one signature line by the known key ${label}; a key signs a note once / ` +
          `同一已知公钥（${label}）有多于一行签名，注记无效`,
      );
    } else known.push({ key, line });
  }
  if (known.length === 0) {
    const present = unknown.map(noteKeyLabel).join(', ');
    const given = keys.map((k) => noteKeyLabel({ name: k.name, keyIdHex: bytesToHex(k.keyId) }));
    throw new EvidenceError(
      'UNKNOWN_KEY',
      `no signature by a known key (signed by ${present}; known: ${given.join(', ') || 'none'})`,
    );
  }
  return { known, unknown };
}

/** The error for a known key's signature that does not verify: the whole note is rejected. */
export function invalidSignatureError(line: NoteSignatureLine): EvidenceError {
  return new EvidenceError('INVALID_SIGNATURE', `the signature by ${noteKeyLabel(line)} does not verify`);
}

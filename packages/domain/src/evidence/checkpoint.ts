/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the text of a signed note committing to the
 * Merkle tree head.
 *
 *   <origin>\n
 *   <tree size, ASCII decimal, no leading zeros>\n
 *   <base64 of the 32-byte RFC 9162 root hash>\n
 *   [<extension line>\n ...]            (optional, non-empty)
 *
 * Kouan signs it as a signed note (./signed-note) whose key name is the origin.
 */
import { decodeBase64Strict, hasUnsafeCharacters, toBase64 } from './encoding';
import { EvidenceError } from './errors';
import { HASH_SIZE_BYTES } from './merkle';
import { type NoteSignature, type NoteSigner, type NoteVerifier, openNote, signNote } from './signed-note';

export const MAX_CHECKPOINT_EXTENSION_LINES = 16;

export type Checkpoint = {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  extensions: string[];
};

export type CheckpointInput = {
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
};

export type OpenedCheckpoint = {
  checkpoint: Checkpoint;
  verified: NoteSignature[];
  unverified: NoteSignature[];
};

const TREE_SIZE = /^(?:0|[1-9][0-9]*)$/;

function isPlainLine(line: string): boolean {
  return line.length > 0 && !hasUnsafeCharacters(line, { allowNewline: false });
}

function malformed(why: string): EvidenceError {
  return new EvidenceError('MALFORMED_CHECKPOINT', why);
}

function checkExtensions(extensions: readonly string[]): void {
  if (extensions.length > MAX_CHECKPOINT_EXTENSION_LINES) {
    throw malformed(`more than ${MAX_CHECKPOINT_EXTENSION_LINES} extension lines`);
  }
  if (!extensions.every(isPlainLine)) throw malformed('extension lines must be non-empty single lines');
}

export function formatCheckpoint(input: CheckpointInput): string {
  const { origin, treeSize, rootHash, extensions = [] } = input;
  if (!isPlainLine(origin)) throw malformed('the origin must be a non-empty single line');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw malformed(`bad tree size ${treeSize}`);
  if (rootHash.length !== HASH_SIZE_BYTES)
    throw malformed(`the root hash must have ${HASH_SIZE_BYTES} bytes`);
  checkExtensions(extensions);
  return [origin, String(treeSize), toBase64(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses checkpoint text (the note text, not the signed note). Strict: one spelling per checkpoint. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('the checkpoint text must end in a newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || size === undefined || root === undefined) {
    throw malformed('expected origin, tree size and root hash lines');
  }
  if (!isPlainLine(origin)) throw malformed('the origin line is empty or holds control characters');
  const treeSize = Number(size);
  if (!TREE_SIZE.test(size) || !Number.isSafeInteger(treeSize)) {
    throw malformed(`tree size ${JSON.stringify(size)} is not a canonical decimal number`);
  }
  const rootHash = decodeBase64Strict(root);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE_BYTES) {
    throw malformed(`root hash ${JSON.stringify(root)} is not the base64 of ${HASH_SIZE_BYTES} bytes`);
  }
  checkExtensions(extensions);
  return { origin, treeSize, rootHash, extensions };
}

export function signCheckpoint(input: CheckpointInput, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(input), signers);
}

/** Opens a signed checkpoint note (see openNote for the errors) and parses its text. */
export function openCheckpoint(note: string, verifiers: readonly NoteVerifier[]): OpenedCheckpoint {
  const { text, verified, unverified } = openNote(note, verifiers);
  return { checkpoint: parseCheckpoint(text), verified, unverified };
}

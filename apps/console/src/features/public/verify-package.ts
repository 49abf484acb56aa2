/**
 * Verifies a Kouan evidence package (kouan-evidence-package/1) in the browser, with WebCrypto only:
 * the same checks as @kouan/domain/evidence's verifyEvidencePackage (which uses node:crypto and so
 * does not run here): leaf hash, entry metadata against the canonical entry bytes, document hash,
 * the checkpoint's Ed25519 signed-note signature under a key obtained independently, and the
 * RFC 9162 inclusion proof from the leaf to the checkpoint's root.
 *
 * The rules are the domain's own where they need no node:crypto: RFC 8785 canonical JSON
 * (canonical.ts) and the signed-note syntax (note-syntax.ts: which signature lines count, and that a
 * known key signs at most once). The checkpoint text is parsed as checkpoint.ts parses it, and the
 * key must be named after the checkpoint's origin, as report.ts requires.
 */
import { canonicalJsonString } from '@kouan/domain/evidence/canonical';
import { hasUnsafeCharacters } from '@kouan/domain/evidence/encoding';
import {
  invalidSignatureError,
  matchNoteSignatures,
  type NoteSignatureLine,
  noteKeyLabel,
  noteTextUnverified,
  splitSignedNote,
  splitVerifierKey,
} from '@kouan/domain/evidence/note-syntax';

export type CheckId =
  | 'package-format'
  | 'leaf-hash'
  | 'entry-metadata'
  | 'document-hash'
  | 'checkpoint-signature'
  | 'inclusion-proof';
export type CheckStatus = 'passed' | 'failed' | 'skipped';
export type Check = { id: CheckId; status: CheckStatus; detail: string };
export type Report = { ok: boolean; checks: Check[]; treeSize?: number; index?: number };

const FORMAT = 'kouan-evidence-package/1';
const METADATA_FIELDS = [
  'kind',
  'actor',
  'organisation',
  'source',
  'time',
  'softwareVersion',
  'subjectType',
  'subjectId',
] as const;
const MAX_PROOF_HASHES = 64;
const MAX_CHECKPOINT_EXTENSION_LINES = 16;
const ED25519 = 0x01;
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
const TREE_SIZE = /^(?:0|[1-9][0-9]*)$/;

const encoder = new TextEncoder();

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    joined.set(p, offset);
    offset += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

/** Strict base64 (canonical padding), or undefined. */
export function fromBase64(text: unknown): Uint8Array | undefined {
  if (
    typeof text !== 'string' ||
    !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)
  )
    return undefined;
  try {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return toBase64(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or undefined if the proof has the wrong shape. */
export async function rootFromInclusionProof(
  leafHash: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: Uint8Array[],
): Promise<Uint8Array | undefined> {
  if (leafIndex >= treeSize) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  const node = Uint8Array.of(0x01);
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(node, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256(node, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

type Parsed = {
  entry: { index: number; bytes: Uint8Array; leafHash: string; metadata: Record<string, unknown> };
  document?: { bytes: Uint8Array; sha256: string };
  proof: { leafIndex: number; treeSize: number; hashes: Uint8Array[] };
  checkpoint: string;
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isHex64 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

function parse(pkg: unknown): Parsed | string[] {
  if (!isRecord(pkg)) return ['the package is not a JSON object'];
  if (pkg.format !== FORMAT) return [`format is ${JSON.stringify(pkg.format)}; expected "${FORMAT}"`];
  const problems: string[] = [];
  const entry = pkg.entry;
  const proof = pkg.inclusionProof;
  if (!isRecord(entry)) problems.push('entry is missing');
  if (!isRecord(proof)) problems.push('inclusionProof is missing');
  if (typeof pkg.checkpoint !== 'string') problems.push('checkpoint is not a string');
  if (!isRecord(entry) || !isRecord(proof) || typeof pkg.checkpoint !== 'string') return problems;
  const bytes = fromBase64(entry.bytesBase64);
  if (!isCount(entry.index)) problems.push('entry.index is not a non-negative integer');
  if (!bytes) problems.push('entry.bytesBase64 is not canonical base64');
  if (!isHex64(entry.leafHash)) problems.push('entry.leafHash is not 64 lower-case hex digits');
  const metadata = entry.metadata;
  if (!isRecord(metadata)) problems.push('entry.metadata is missing');
  else
    for (const field of METADATA_FIELDS) {
      const v = metadata[field];
      if (!(typeof v === 'string' || (field === 'organisation' && v === null)))
        problems.push(`entry.metadata.${field} is not a string`);
    }
  if (!isCount(proof.leafIndex)) problems.push('inclusionProof.leafIndex is not a non-negative integer');
  if (!isCount(proof.treeSize)) problems.push('inclusionProof.treeSize is not a non-negative integer');
  const hashes =
    Array.isArray(proof.hashes) && proof.hashes.length <= MAX_PROOF_HASHES
      ? proof.hashes.map(fromBase64)
      : undefined;
  if (!hashes || hashes.some((h) => h?.length !== 32))
    problems.push('inclusionProof.hashes are not base64 SHA-256 hashes');
  let document: Parsed['document'];
  if (pkg.document !== undefined) {
    const doc = pkg.document;
    const docBytes = isRecord(doc) ? fromBase64(doc.bytesBase64) : undefined;
    if (!isRecord(doc) || !docBytes || !isHex64(doc.sha256)) problems.push('document is malformed');
    else document = { bytes: docBytes, sha256: doc.sha256 as string };
  }
  if (problems.length) return problems;
  return {
    entry: {
      index: entry.index as number,
      bytes: bytes!,
      leafHash: entry.leafHash as string,
      metadata: metadata as Record<string, unknown>,
    },
    ...(document ? { document } : {}),
    proof: {
      leafIndex: proof.leafIndex as number,
      treeSize: proof.treeSize as number,
      hashes: hashes as Uint8Array[],
    },
    checkpoint: pkg.checkpoint,
  };
}

type Key = { name: string; keyId: Uint8Array; publicKey: Uint8Array };
type CheckpointText = { origin: string; treeSize: number; rootHash: Uint8Array; rootText: string };

const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** As parseVerifierKey in signed-note.ts: the key ID must be the one derived from name and key. */
async function parseVerifierKey(verifierKey: string): Promise<Key> {
  const { name, keyIdHex, encoded } = splitVerifierKey(verifierKey.trim());
  if (encoded[0] !== ED25519 || encoded.length !== 1 + ED25519_PUBLIC_KEY_BYTES)
    throw new Error('the public key is not an Ed25519 key');
  const publicKey = encoded.subarray(1);
  const keyId = (await sha256(encoder.encode(name), Uint8Array.of(0x0a, ED25519), publicKey)).subarray(0, 4);
  if (toHex(keyId) !== keyIdHex.toLowerCase()) throw new Error(`key ID ${keyIdHex} does not match the key`);
  return { name, keyId, publicKey };
}

const isPlainLine = (line: string) => line.length > 0 && !hasUnsafeCharacters(line, { allowNewline: false });

/** As parseCheckpoint in checkpoint.ts: origin, canonical tree size, 32-byte root, few plain extensions. */
function parseCheckpointText(text: string): CheckpointText {
  const malformed = (why: string) => new Error(`MALFORMED_CHECKPOINT: ${why}`);
  if (!text.endsWith('\n')) throw malformed('the checkpoint text must end in a newline');
  const [origin, size, rootText, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || size === undefined || rootText === undefined)
    throw malformed('expected origin, tree size and root hash lines');
  if (!isPlainLine(origin)) throw malformed('the origin line is empty or holds control characters');
  const treeSize = Number(size);
  if (!TREE_SIZE.test(size) || !Number.isSafeInteger(treeSize))
    throw malformed(`tree size ${JSON.stringify(size)} is not a canonical decimal number`);
  const rootHash = fromBase64(rootText);
  if (rootHash?.length !== 32)
    throw malformed(`root hash ${JSON.stringify(rootText)} is not the base64 of 32 bytes`);
  if (extensions.length > MAX_CHECKPOINT_EXTENSION_LINES)
    throw malformed(`more than ${MAX_CHECKPOINT_EXTENSION_LINES} extension lines`);
  if (!extensions.every(isPlainLine)) throw malformed('extension lines must be non-empty single lines');
  return { origin, treeSize, rootHash, rootText };
}

async function ed25519Verifies(key: Key, text: string, line: NoteSignatureLine): Promise<boolean> {
  if (line.signature.length !== ED25519_SIGNATURE_BYTES) return false;
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(key.publicKey),
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    cryptoKey,
    new Uint8Array(line.signature),
    encoder.encode(text),
  );
}

/** As checkSignedCheckpoint in report.ts, for one key. */
async function checkSignature(
  note: string,
  verifierKey: string,
): Promise<{ check: Check; root?: Uint8Array; size?: number }> {
  const fail = (detail: string): { check: Check } => ({
    check: { id: 'checkpoint-signature', status: 'failed', detail },
  });
  let checkpoint: CheckpointText;
  try {
    checkpoint = parseCheckpointText(noteTextUnverified(note));
  } catch (e) {
    return fail(`the checkpoint cannot be read: ${errorMessage(e)}`);
  }
  let key: Key;
  try {
    key = await parseVerifierKey(verifierKey);
  } catch (e) {
    return fail(`the public key cannot be used: ${errorMessage(e)}`);
  }
  const { origin, treeSize, rootHash, rootText } = checkpoint;
  if (key.name !== origin) {
    return fail(
      `the key is named "${key.name}" but the checkpoint origin is "${origin}"; the log signs under its origin`,
    );
  }
  let text: string;
  let line: NoteSignatureLine;
  try {
    const split = splitSignedNote(note);
    text = split.text;
    // Throws unless the note has exactly one line by this key (and none malformed).
    line = matchNoteSignatures(split.lines, [key]).known[0]!.line;
  } catch (e) {
    return fail(errorMessage(e));
  }
  let valid: boolean;
  try {
    valid = await ed25519Verifies(key, text, line);
  } catch (e) {
    return fail(`this browser cannot check Ed25519 signatures (${errorMessage(e)}); use kouan-verify`);
  }
  if (!valid) return fail(invalidSignatureError(line).message);
  return {
    check: {
      id: 'checkpoint-signature',
      status: 'passed',
      detail: `Ed25519 signature by ${noteKeyLabel({ name: key.name, keyIdHex: toHex(key.keyId) })} verifies over checkpoint "${origin}" size ${treeSize} root ${rootText}`,
    },
    root: rootHash,
    size: treeSize,
  };
}

/** As readEntryJson in package.ts: the entry bytes must be canonical JSON of an object. */
function readEntryJson(bytes: Uint8Array): { value: Record<string, unknown> } | { problem: string } {
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { problem: 'the entry bytes are not UTF-8 JSON' };
  }
  if (!isRecord(value)) return { problem: 'the entry bytes are not a JSON object' };
  let canonical: string;
  try {
    canonical = canonicalJsonString(value);
  } catch (e) {
    return { problem: `the entry bytes are not RFC 8785 canonical JSON: ${errorMessage(e)}` };
  }
  return canonical === text ? { value } : { problem: 'the entry bytes are not RFC 8785 canonical JSON' };
}

/** Runs every check; never throws. */
export async function verifyPackage(pkg: unknown, verifierKey: string): Promise<Report> {
  const parsed = parse(pkg);
  if (Array.isArray(parsed)) {
    const rest: CheckId[] = [
      'leaf-hash',
      'entry-metadata',
      'document-hash',
      'checkpoint-signature',
      'inclusion-proof',
    ];
    return {
      ok: false,
      checks: [
        { id: 'package-format', status: 'failed', detail: parsed.join('; ') },
        ...rest.map((id) => ({
          id,
          status: 'skipped' as const,
          detail: 'not checked: the package is malformed',
        })),
      ],
    };
  }
  const checks: Check[] = [
    { id: 'package-format', status: 'passed', detail: `${FORMAT}, all fields well-formed` },
  ];
  const leafHash = await sha256(Uint8Array.of(0x00), parsed.entry.bytes);
  const leafHex = toHex(leafHash);
  checks.push(
    leafHex === parsed.entry.leafHash
      ? {
          id: 'leaf-hash',
          status: 'passed',
          detail: `SHA-256(0x00 || ${parsed.entry.bytes.length} entry bytes) = ${leafHex}`,
        }
      : {
          id: 'leaf-hash',
          status: 'failed',
          detail: `SHA-256(0x00 || entry bytes) = ${leafHex}, but entry.leafHash is ${parsed.entry.leafHash}`,
        },
  );

  const entry = readEntryJson(parsed.entry.bytes);
  const entryJson = 'value' in entry ? entry.value : undefined;
  if (!entryJson)
    checks.push({
      id: 'entry-metadata',
      status: 'failed',
      detail: 'problem' in entry ? entry.problem : 'the entry bytes cannot be read',
    });
  else {
    const mismatches = METADATA_FIELDS.filter((f) => entryJson[f] !== parsed.entry.metadata[f]).map(
      (f) =>
        `metadata.${f} is ${JSON.stringify(parsed.entry.metadata[f])} but the entry says ${JSON.stringify(entryJson[f])}`,
    );
    if ('index' in entryJson && entryJson.index !== parsed.entry.index)
      mismatches.push(
        `entry.index is ${parsed.entry.index} but the entry says ${JSON.stringify(entryJson.index)}`,
      );
    checks.push(
      mismatches.length
        ? { id: 'entry-metadata', status: 'failed', detail: mismatches.join('; ') }
        : {
            id: 'entry-metadata',
            status: 'passed',
            detail: `canonical entry JSON; all ${METADATA_FIELDS.length} metadata fields equal the entry bytes`,
          },
    );
  }

  const contentHash = entryJson?.contentHash;
  if (!parsed.document) {
    checks.push({
      id: 'document-hash',
      status: 'skipped',
      detail: `the package does not include the document${typeof contentHash === 'string' ? `; the entry commits to ${contentHash}` : ''}`,
    });
  } else {
    const docHex = toHex(await sha256(parsed.document.bytes));
    const ok = docHex === parsed.document.sha256 && docHex === contentHash;
    checks.push({
      id: 'document-hash',
      status: ok ? 'passed' : 'failed',
      detail: ok
        ? `SHA-256(document) = ${docHex}, equal to document.sha256 and the entry's contentHash`
        : `SHA-256(document) = ${docHex}, but document.sha256 is ${parsed.document.sha256} and the entry's contentHash is ${String(contentHash)}`,
    });
  }

  const signed = await checkSignature(parsed.checkpoint, verifierKey);
  checks.push(signed.check);
  const { leafIndex, treeSize, hashes } = parsed.proof;
  if (!signed.root || signed.size === undefined) {
    checks.push({
      id: 'inclusion-proof',
      status: 'failed',
      detail: 'there is no authenticated checkpoint to prove against',
    });
  } else if (leafIndex !== parsed.entry.index || treeSize !== signed.size) {
    checks.push({
      id: 'inclusion-proof',
      status: 'failed',
      detail: `the proof is for leaf ${leafIndex} in size ${treeSize}; the entry is leaf ${parsed.entry.index}, the checkpoint size ${signed.size}`,
    });
  } else {
    const root = await rootFromInclusionProof(leafHash, leafIndex, treeSize, hashes);
    const expected = toBase64(signed.root);
    checks.push(
      root && equal(root, signed.root)
        ? {
            id: 'inclusion-proof',
            status: 'passed',
            detail: `leaf ${leafIndex} and ${hashes.length} proof hashes give root ${expected}, the signed root for size ${treeSize}`,
          }
        : {
            id: 'inclusion-proof',
            status: 'failed',
            detail: root
              ? `the proof gives root ${toBase64(root)}, but the signed root is ${expected}`
              : `${hashes.length} hashes cannot be a proof for leaf ${leafIndex} in size ${treeSize}`,
          },
    );
  }
  return { ok: checks.every((c) => c.status !== 'failed'), checks, index: parsed.entry.index, treeSize };
}

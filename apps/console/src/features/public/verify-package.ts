/**
 * Verifies a Kouan evidence package (kouan-evidence-package/1) in the browser, with WebCrypto only:
 * the same checks as @kouan/domain/evidence's verifyEvidencePackage (which uses node:crypto and so
 * does not run here): leaf hash, entry metadata against the canonical entry bytes, document hash,
 * the checkpoint's Ed25519 signed-note signature under a key obtained independently, and the
 * RFC 9162 inclusion proof from the leaf to the checkpoint's root.
 */
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
const ED25519 = 0x01;

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

/** RFC 8785 canonical JSON of a parsed value (keys sorted by UTF-16 code units). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
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

async function parseVerifierKey(verifierKey: string): Promise<Key> {
  const m = /^([^+\s]+)\+([0-9a-fA-F]{8})\+(.+)$/s.exec(verifierKey.trim());
  if (!m) throw new Error('the public key is not <name>+<8 hex digits>+<base64 key>');
  const [, name, keyIdHex, keyBase64] = m as unknown as [string, string, string, string];
  const encoded = fromBase64(keyBase64);
  if (encoded?.length !== 33 || encoded[0] !== ED25519)
    throw new Error('the public key is not an Ed25519 key');
  const publicKey = encoded.subarray(1);
  const keyId = (await sha256(encoder.encode(name), Uint8Array.of(0x0a, ED25519), publicKey)).subarray(0, 4);
  if (toHex(keyId) !== keyIdHex.toLowerCase()) throw new Error(`key ID ${keyIdHex} does not match the key`);
  return { name, keyId, publicKey };
}

async function checkSignature(
  note: string,
  verifierKey: string,
): Promise<{ check: Check; root?: Uint8Array; size?: number }> {
  const fail = (detail: string): { check: Check } => ({
    check: { id: 'checkpoint-signature', status: 'failed', detail },
  });
  let key: Key;
  try {
    key = await parseVerifierKey(verifierKey);
  } catch (e) {
    return fail((e as Error).message);
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n'))
    return fail('the checkpoint is not a signed note (text, blank line, signatures)');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const [origin, sizeText, rootText] = text.slice(0, -1).split('\n');
  const root = fromBase64(rootText);
  const size = Number(sizeText);
  if (!origin || !sizeText || !/^(0|[1-9][0-9]*)$/.test(sizeText) || !root || root.length !== 32) {
    return fail('the checkpoint text is not origin, tree size and root hash');
  }
  let signature: Uint8Array | undefined;
  for (const line of lines) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    const decoded = match ? fromBase64(match[2]) : undefined;
    if (
      match?.[1] === key.name &&
      decoded &&
      decoded.length > 4 &&
      equal(decoded.subarray(0, 4), key.keyId)
    ) {
      signature = decoded.subarray(4);
    }
  }
  if (!signature) return fail(`the checkpoint has no signature by ${key.name}+${toHex(key.keyId)}`);
  let valid: boolean;
  try {
    const cryptoKey = await crypto.subtle.importKey(
      'raw',
      new Uint8Array(key.publicKey),
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    valid = await crypto.subtle.verify(
      { name: 'Ed25519' },
      cryptoKey,
      new Uint8Array(signature),
      encoder.encode(text),
    );
  } catch (e) {
    return fail(`this browser cannot check Ed25519 signatures (${(e as Error).message}); use kouan-verify`);
  }
  if (!valid) return fail(`the Ed25519 signature by ${key.name} does not verify`);
  return {
    check: {
      id: 'checkpoint-signature',
      status: 'passed',
      detail: `Ed25519 signature by ${key.name}+${toHex(key.keyId)} verifies; origin ${origin}, tree size ${size}, root ${rootText}`,
    },
    root,
    size,
  };
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

  let entryJson: Record<string, unknown> | undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(parsed.entry.bytes);
    const value: unknown = JSON.parse(text);
    if (isRecord(value) && canonicalJson(value) === text) entryJson = value;
  } catch {
    entryJson = undefined;
  }
  if (!entryJson)
    checks.push({
      id: 'entry-metadata',
      status: 'failed',
      detail: 'the entry bytes are not RFC 8785 canonical JSON',
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

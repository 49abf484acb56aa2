/**
 * The evidence package: one ledger entry with everything needed to check it offline, against a
 * public key obtained independently.
 *
 * {
 *   "format": "kouan-evidence-package/1",
 *   "entry": {
 *     "index": 41,                          // position in the log (the leaf index)
 *     "bytesBase64": "...",                 // the leaf: RFC 8785 canonical JSON of the entry
 *     "leafHash": "<64 hex>",               // SHA-256(0x00 || bytes), lower-case hex
 *     "metadata": { "kind", "actor", "organisation" (string | null), "source", "time",
 *                   "softwareVersion", "subjectType", "subjectId" }   // copies of entry fields
 *   },
 *   "document": { "bytesBase64": "...", "sha256": "<64 hex>" },        // optional
 *   "inclusionProof": { "leafIndex": 41, "treeSize": 1000, "hashes": ["<base64 32 bytes>", ...] },
 *   "checkpoint": "<signed note: C2SP checkpoint text, blank line, signature lines>",
 *   "verifierKey": "<name>+<hex8>+<base64>"                               // optional, a convenience
 * }
 *
 * The entry JSON (the leaf bytes) must carry the eight metadata fields under the same names, and
 * `contentHash` (lower-case hex SHA-256 of the document) when it commits to a document; if it has
 * an `index` field it must equal entry.index. The metadata block is a readable copy: the verifier
 * checks it against the leaf bytes, so a package cannot show metadata the log never committed to.
 */
import { createHash } from 'node:crypto';
import { canonicalJsonString } from './canonical';
import type { Checkpoint } from './checkpoint';
import { decodeBase64Strict, decodeHexStrict, toBase64, toHex } from './encoding';
import { EvidenceError } from './errors';
import { HASH_SIZE_BYTES, hashLeaf, rootFromInclusionProof } from './merkle';
import {
  check,
  checkSignedCheckpoint,
  describeError,
  finishReport,
  type VerificationCheck,
  type VerificationCheckId,
  type VerificationReport,
  type VerifierKeys,
  verifierKeyList,
} from './report';

export const EVIDENCE_PACKAGE_FORMAT = 'kouan-evidence-package/1';
/** A tree of at most 2^53 leaves needs at most 53 proof hashes. */
export const MAX_PROOF_HASHES = 64;

export const METADATA_FIELDS = [
  'kind',
  'actor',
  'organisation',
  'source',
  'time',
  'softwareVersion',
  'subjectType',
  'subjectId',
] as const;

export type EvidenceEntryMetadata = {
  kind: string;
  actor: string;
  organisation: string | null;
  source: string;
  time: string;
  softwareVersion: string;
  subjectType: string;
  subjectId: string;
};

export type EvidencePackage = {
  format: typeof EVIDENCE_PACKAGE_FORMAT;
  entry: { index: number; bytesBase64: string; leafHash: string; metadata: EvidenceEntryMetadata };
  document?: { bytesBase64: string; sha256: string };
  inclusionProof: { leafIndex: number; treeSize: number; hashes: string[] };
  checkpoint: string;
  verifierKey?: string;
};

const PACKAGE_FIELDS = new Set([
  'format',
  'entry',
  'document',
  'inclusionProof',
  'checkpoint',
  'verifierKey',
]);
const REQUIRED_CHECKS: readonly VerificationCheckId[] = [
  'package-format',
  'leaf-hash',
  'entry-metadata',
  'checkpoint-signature',
  'inclusion-proof',
];
const TITLES = {
  'package-format': 'Package format',
  'leaf-hash': 'Leaf hash',
  'entry-metadata': 'Entry metadata',
  'document-hash': 'Document hash',
  'checkpoint-signature': 'Checkpoint signature',
  'inclusion-proof': 'Inclusion proof',
} as const;

type PackageCheckId = keyof typeof TITLES;

function result(id: PackageCheckId, status: VerificationCheck['status'], detail: string): VerificationCheck {
  return check(id, TITLES[id], status, detail);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type EvidencePackageInput = {
  index: number;
  entryBytes: Uint8Array;
  metadata: EvidenceEntryMetadata;
  document?: Uint8Array;
  inclusionProof: readonly Uint8Array[];
  treeSize: number;
  /** The signed checkpoint note the proof leads to. */
  checkpoint: string;
  verifierKey?: string;
};

/** Assembles a package (the server's export); computes the leaf and document hashes. */
export function buildEvidencePackage(input: EvidencePackageInput): EvidencePackage {
  return {
    format: EVIDENCE_PACKAGE_FORMAT,
    entry: {
      index: input.index,
      bytesBase64: toBase64(input.entryBytes),
      leafHash: toHex(hashLeaf(input.entryBytes)),
      metadata: { ...input.metadata },
    },
    ...(input.document === undefined
      ? {}
      : { document: { bytesBase64: toBase64(input.document), sha256: sha256Hex(input.document) } }),
    inclusionProof: {
      leafIndex: input.index,
      treeSize: input.treeSize,
      hashes: input.inclusionProof.map(toBase64),
    },
    checkpoint: input.checkpoint,
    ...(input.verifierKey === undefined ? {} : { verifierKey: input.verifierKey }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isSha256Hex(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length === 2 * HASH_SIZE_BYTES && decodeHexStrict(value) !== undefined
  );
}

function isBase64(value: unknown): value is string {
  return typeof value === 'string' && decodeBase64Strict(value) !== undefined;
}

function entryProblems(entry: unknown): string[] {
  if (!isRecord(entry)) return ['entry is missing or not an object'];
  const problems: string[] = [];
  if (!isCount(entry.index)) problems.push('entry.index is not a non-negative integer');
  if (!isBase64(entry.bytesBase64)) problems.push('entry.bytesBase64 is not canonical base64');
  if (!isSha256Hex(entry.leafHash)) problems.push('entry.leafHash is not 64 lower-case hex digits');
  const { metadata } = entry;
  if (!isRecord(metadata)) return [...problems, 'entry.metadata is missing or not an object'];
  for (const field of METADATA_FIELDS) {
    const value = metadata[field];
    if (!(typeof value === 'string' || (field === 'organisation' && value === null))) {
      problems.push(`entry.metadata.${field} is not a string`);
    }
  }
  return problems;
}

function proofProblems(proof: unknown): string[] {
  if (!isRecord(proof)) return ['inclusionProof is missing or not an object'];
  const problems: string[] = [];
  if (!isCount(proof.leafIndex)) problems.push('inclusionProof.leafIndex is not a non-negative integer');
  if (!isCount(proof.treeSize)) problems.push('inclusionProof.treeSize is not a non-negative integer');
  const { hashes } = proof;
  if (!Array.isArray(hashes) || hashes.length > MAX_PROOF_HASHES) {
    return [...problems, `inclusionProof.hashes is not an array of at most ${MAX_PROOF_HASHES} hashes`];
  }
  hashes.forEach((hash, i) => {
    const bytes = typeof hash === 'string' ? decodeBase64Strict(hash) : undefined;
    if (bytes?.length !== HASH_SIZE_BYTES) {
      problems.push(`inclusionProof.hashes[${i}] is not the base64 of ${HASH_SIZE_BYTES} bytes`);
    }
  });
  return problems;
}

/** Structural validation of a parsed JSON value; throws MALFORMED_PACKAGE listing every problem. */
export function parseEvidencePackage(value: unknown): EvidencePackage {
  if (!isRecord(value)) throw new EvidenceError('MALFORMED_PACKAGE', 'the package is not a JSON object');
  if (value.format !== EVIDENCE_PACKAGE_FORMAT) {
    throw new EvidenceError(
      'MALFORMED_PACKAGE',
      `format is ${JSON.stringify(value.format)}; this verifier reads "${EVIDENCE_PACKAGE_FORMAT}"`,
    );
  }
  const problems = [...entryProblems(value.entry), ...proofProblems(value.inclusionProof)];
  const { document } = value;
  if (document !== undefined) {
    if (!isRecord(document) || !isBase64(document.bytesBase64)) {
      problems.push('document.bytesBase64 is not canonical base64');
    }
    if (!isRecord(document) || !isSha256Hex(document.sha256)) {
      problems.push('document.sha256 is not 64 lower-case hex digits');
    }
  }
  if (typeof value.checkpoint !== 'string') problems.push('checkpoint is not a string');
  if (value.verifierKey !== undefined && typeof value.verifierKey !== 'string') {
    problems.push('verifierKey is not a string');
  }
  if (problems.length > 0) throw new EvidenceError('MALFORMED_PACKAGE', problems.join('; '));
  return value as EvidencePackage;
}

type EntryJson = { value: Record<string, unknown> } | { problem: string };

function readEntryJson(bytes: Uint8Array): EntryJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { problem: 'the entry bytes are not UTF-8 JSON' };
  }
  if (!isRecord(parsed)) return { problem: 'the entry bytes are not a JSON object' };
  // Hostile bytes parse to what no canonical form exists for (1e400 is Infinity, "\ud800" a lone
  // surrogate, nesting past the limit): a failed check with the reason, never a throw.
  let canonical: string;
  try {
    canonical = canonicalJsonString(parsed);
  } catch (error) {
    return { problem: `the entry bytes are not RFC 8785 canonical JSON: ${describeError(error)}` };
  }
  if (canonical !== Buffer.from(bytes).toString('utf8')) {
    return { problem: 'the entry bytes are not RFC 8785 canonical JSON' };
  }
  return { value: parsed };
}

function checkLeafHash(pkg: EvidencePackage, entryBytes: Buffer, leafHash: Buffer): VerificationCheck {
  const computed = toHex(leafHash);
  const compared = `SHA-256(0x00 || ${entryBytes.length} entry bytes) = ${computed}`;
  return computed === pkg.entry.leafHash
    ? result('leaf-hash', 'passed', `${compared}, equal to entry.leafHash`)
    : result('leaf-hash', 'failed', `${compared}, but entry.leafHash is ${pkg.entry.leafHash}`);
}

function checkMetadata(pkg: EvidencePackage, entry: EntryJson): VerificationCheck {
  if ('problem' in entry) return result('entry-metadata', 'failed', entry.problem);
  const mismatches: string[] = [];
  for (const field of METADATA_FIELDS) {
    const claimed = pkg.entry.metadata[field];
    if (!(field in entry.value)) mismatches.push(`${field} is not in the entry bytes`);
    else if (entry.value[field] !== claimed) {
      mismatches.push(
        `metadata.${field} is ${JSON.stringify(claimed)} but the entry bytes say ${JSON.stringify(entry.value[field])}`,
      );
    }
  }
  if ('index' in entry.value && entry.value.index !== pkg.entry.index) {
    mismatches.push(
      `entry.index is ${pkg.entry.index} but the entry bytes say ${JSON.stringify(entry.value.index)}`,
    );
  }
  return mismatches.length === 0
    ? result(
        'entry-metadata',
        'passed',
        `canonical entry JSON; all ${METADATA_FIELDS.length} metadata fields equal the entry bytes`,
      )
    : result('entry-metadata', 'failed', mismatches.join('; '));
}

function checkDocument(pkg: EvidencePackage, entry: EntryJson): VerificationCheck {
  const contentHash = 'value' in entry ? entry.value.contentHash : undefined;
  if (pkg.document === undefined) {
    const commitment =
      typeof contentHash === 'string' ? `; the entry commits to contentHash ${contentHash}` : '';
    return result('document-hash', 'skipped', `the package does not include the document${commitment}`);
  }
  const computed = sha256Hex(decodeBase64Strict(pkg.document.bytesBase64)!);
  const problems: string[] = [];
  if (computed !== pkg.document.sha256) problems.push(`document.sha256 is ${pkg.document.sha256}`);
  if ('problem' in entry) problems.push(`the entry's contentHash cannot be read: ${entry.problem}`);
  else if (contentHash === undefined) problems.push('the entry bytes have no contentHash');
  else if (contentHash !== computed)
    problems.push(`the entry's contentHash is ${JSON.stringify(contentHash)}`);
  const compared = `SHA-256(document) = ${computed}`;
  return problems.length === 0
    ? result('document-hash', 'passed', `${compared}, equal to document.sha256 and the entry's contentHash`)
    : result('document-hash', 'failed', `${compared}, but ${problems.join(' and ')}`);
}

function checkInclusion(
  pkg: EvidencePackage,
  leafHash: Buffer,
  checkpoint: Checkpoint | undefined,
  authentic: boolean,
): VerificationCheck {
  const { leafIndex, treeSize, hashes } = pkg.inclusionProof;
  if (checkpoint === undefined)
    return result('inclusion-proof', 'failed', 'there is no readable checkpoint to prove against');
  if (leafIndex !== pkg.entry.index) {
    return result(
      'inclusion-proof',
      'failed',
      `the proof is for leaf ${leafIndex}, the entry is leaf ${pkg.entry.index}`,
    );
  }
  if (treeSize !== checkpoint.treeSize) {
    return result(
      'inclusion-proof',
      'failed',
      `the proof is for tree size ${treeSize}, the checkpoint is for size ${checkpoint.treeSize}`,
    );
  }
  const proof = hashes.map((hash) => decodeBase64Strict(hash)!);
  const root = rootFromInclusionProof({ leafHash, leafIndex, treeSize, proof });
  const expected = toBase64(checkpoint.rootHash);
  const caveat = authentic ? '' : ' (but the checkpoint itself is not authenticated)';
  if (root === undefined) {
    return result(
      'inclusion-proof',
      'failed',
      `${proof.length} hashes cannot be a proof for leaf ${leafIndex} in a tree of size ${treeSize}`,
    );
  }
  return root.equals(checkpoint.rootHash)
    ? result(
        'inclusion-proof',
        'passed',
        `leaf ${leafIndex} and ${proof.length} proof hashes give root ${expected}, the checkpoint root for size ${treeSize}${caveat}`,
      )
    : result(
        'inclusion-proof',
        'failed',
        `leaf ${leafIndex} and ${proof.length} proof hashes give root ${toBase64(root)}, but the checkpoint root for size ${treeSize} is ${expected}`,
      );
}

/**
 * Checks a package against a verifier key obtained independently of the package (or several: the
 * checkpoint passes if signed by any of them, e.g. the current and retired keys). Never throws;
 * every check is in the report with what it compared.
 */
export function verifyEvidencePackage(pkg: unknown, verifierKeys: VerifierKeys): VerificationReport {
  let parsed: EvidencePackage;
  try {
    parsed = parseEvidencePackage(pkg);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const rest = (Object.keys(TITLES) as PackageCheckId[]).slice(1);
    return finishReport(
      [
        result('package-format', 'failed', reason),
        ...rest.map((id) => result(id, 'skipped', 'not checked: the package is malformed')),
      ],
      REQUIRED_CHECKS,
    );
  }
  const entryBytes = decodeBase64Strict(parsed.entry.bytesBase64)!;
  const leafHash = hashLeaf(entryBytes);
  const entryJson = readEntryJson(entryBytes);
  const signed = checkSignedCheckpoint(
    'checkpoint-signature',
    TITLES['checkpoint-signature'],
    parsed.checkpoint,
    verifierKeys,
  );
  const checks = [
    result('package-format', 'passed', `${EVIDENCE_PACKAGE_FORMAT}, all fields well-formed`),
    checkLeafHash(parsed, entryBytes, leafHash),
    checkMetadata(parsed, entryJson),
    checkDocument(parsed, entryJson),
    signed.check,
    checkInclusion(parsed, leafHash, signed.checkpoint, signed.check.status === 'passed'),
  ];
  const warnings: string[] = [];
  const unknown = Object.keys(pkg as Record<string, unknown>).filter((key) => !PACKAGE_FIELDS.has(key));
  if (unknown.length > 0)
    warnings.push(`fields not covered by any check were ignored: ${unknown.join(', ')}`);
  const keys = verifierKeyList(verifierKeys);
  if (parsed.verifierKey !== undefined && !keys.includes(parsed.verifierKey)) {
    warnings.push(
      `the package names a different verifierKey than the ${keys.length === 1 ? 'one' : 'ones'} checked against`,
    );
  }
  return finishReport(checks, REQUIRED_CHECKS, warnings);
}

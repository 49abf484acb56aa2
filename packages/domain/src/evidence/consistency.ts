/**
 * For an auditor holding two checkpoints of the same log: both are signed by the log's key (each by
 * any of the given keys, so the check spans a key rotation) and the newer tree extends the older
 * one (RFC 9162 consistency proof), so no entry was rewritten.
 *
 * The proof is what the server's consistency endpoint returns:
 *   { "oldSize": 6, "newSize": 8, "hashes": ["<base64 32 bytes>", ...] }
 */
import { decodeBase64Strict, toBase64 } from './encoding';
import { HASH_SIZE_BYTES, verifyConsistency } from './merkle';
import { MAX_PROOF_HASHES } from './package';
import {
  check,
  checkSignedCheckpoint,
  finishReport,
  type VerificationCheck,
  type VerificationReport,
  type VerifierKeys,
} from './report';

export type ConsistencyProofJson = { oldSize: number; newSize: number; hashes: string[] };

type ParsedProof = { oldSize: number; newSize: number; hashes: Buffer[] };

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function parseProof(proof: unknown): ParsedProof | string {
  if (typeof proof !== 'object' || proof === null) return 'the proof is not a JSON object';
  const { oldSize, newSize, hashes } = proof as Record<string, unknown>;
  const problems: string[] = [];
  if (!isCount(oldSize)) problems.push('oldSize is not a non-negative integer');
  if (!isCount(newSize)) problems.push('newSize is not a non-negative integer');
  const decoded = Array.isArray(hashes) && hashes.length <= MAX_PROOF_HASHES ? hashes : undefined;
  if (decoded === undefined) problems.push(`hashes is not an array of at most ${MAX_PROOF_HASHES} hashes`);
  const bytes = (decoded ?? []).map((hash, i) => {
    const value = typeof hash === 'string' ? decodeBase64Strict(hash) : undefined;
    if (value?.length !== HASH_SIZE_BYTES)
      problems.push(`hashes[${i}] is not the base64 of ${HASH_SIZE_BYTES} bytes`);
    return value ?? Buffer.alloc(0);
  });
  if (problems.length > 0 || !isCount(oldSize) || !isCount(newSize)) return problems.join('; ');
  return { oldSize, newSize, hashes: bytes };
}

export function verifyCheckpointConsistency(
  oldNote: string,
  newNote: string,
  proof: unknown,
  verifierKeys: VerifierKeys,
): VerificationReport {
  const parsed = parseProof(proof);
  const older = checkSignedCheckpoint(
    'old-checkpoint-signature',
    'Old checkpoint signature',
    oldNote,
    verifierKeys,
  );
  const newer = checkSignedCheckpoint(
    'new-checkpoint-signature',
    'New checkpoint signature',
    newNote,
    verifierKeys,
  );
  const checks: VerificationCheck[] = [
    typeof parsed === 'string'
      ? check('proof-format', 'Proof format', 'failed', parsed)
      : check(
          'proof-format',
          'Proof format',
          'passed',
          `${parsed.hashes.length} hashes from size ${parsed.oldSize} to ${parsed.newSize}`,
        ),
    older.check,
    newer.check,
  ];
  const title = 'Consistency proof';
  const fail = (detail: string) => check('consistency-proof', title, 'failed', detail);
  const [a, b] = [older.checkpoint, newer.checkpoint];
  if (typeof parsed === 'string') checks.push(fail('the proof is malformed'));
  else if (a === undefined || b === undefined) checks.push(fail('both checkpoints must be readable'));
  else if (a.origin !== b.origin)
    checks.push(fail(`the checkpoints are from different logs: "${a.origin}" and "${b.origin}"`));
  else if (parsed.oldSize !== a.treeSize || parsed.newSize !== b.treeSize) {
    checks.push(
      fail(
        `the proof is from size ${parsed.oldSize} to ${parsed.newSize}, the checkpoints are sizes ${a.treeSize} and ${b.treeSize}`,
      ),
    );
  } else if (a.treeSize > b.treeSize)
    checks.push(
      fail(`the old checkpoint (size ${a.treeSize}) is larger than the new one (size ${b.treeSize})`),
    );
  else {
    const ok = verifyConsistency({
      oldSize: a.treeSize,
      newSize: b.treeSize,
      oldRoot: a.rootHash,
      newRoot: b.rootHash,
      proof: parsed.hashes,
    });
    const compared = `${parsed.hashes.length} proof hashes from size ${a.treeSize} (root ${toBase64(a.rootHash)}) to size ${b.treeSize} (root ${toBase64(b.rootHash)})`;
    checks.push(
      ok
        ? check('consistency-proof', title, 'passed', `${compared}: the new tree extends the old one`)
        : fail(`${compared} do not show the new tree extends the old one`),
    );
  }
  return finishReport(checks, [
    'proof-format',
    'old-checkpoint-signature',
    'new-checkpoint-signature',
    'consistency-proof',
  ]);
}

/**
 * The outcome of an offline verification: every check that was made, what it compared and whether
 * it held. A report is ok only when no check failed and every required check passed.
 */
import { type Checkpoint, parseCheckpoint } from './checkpoint';
import { toBase64, toHex } from './encoding';
import { EvidenceError } from './errors';
import { type NoteVerifier, noteTextUnverified, noteVerifierFromKey, openNote } from './signed-note';

export type VerificationCheckId =
  | 'package-format'
  | 'leaf-hash'
  | 'entry-metadata'
  | 'document-hash'
  | 'checkpoint-signature'
  | 'inclusion-proof'
  | 'proof-format'
  | 'old-checkpoint-signature'
  | 'new-checkpoint-signature'
  | 'consistency-proof';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export type VerificationCheck = {
  id: VerificationCheckId;
  title: string;
  status: CheckStatus;
  /** What was compared, and on failure the precise reason. */
  detail: string;
};

export type CheckpointSummary = { origin: string; treeSize: number; rootHashBase64: string };

export type VerificationReport = {
  ok: boolean;
  checks: VerificationCheck[];
  warnings: string[];
};

export function check(
  id: VerificationCheckId,
  title: string,
  status: CheckStatus,
  detail: string,
): VerificationCheck {
  return { id, title, status, detail };
}

export function describeError(error: unknown): string {
  if (error instanceof EvidenceError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export function summariseCheckpoint(checkpoint: Checkpoint): CheckpointSummary {
  return {
    origin: checkpoint.origin,
    treeSize: checkpoint.treeSize,
    rootHashBase64: toBase64(checkpoint.rootHash),
  };
}

export type SignedCheckpointResult = {
  check: VerificationCheck;
  /** The checkpoint the note claims, parsed even when its signature fails (so later checks can say more). */
  checkpoint: Checkpoint | undefined;
};

/**
 * Checks that `note` is a checkpoint signed by `verifierKey` and that the key's name is the
 * checkpoint's origin (the log signs under its own origin).
 */
export function checkSignedCheckpoint(
  id: VerificationCheckId,
  title: string,
  note: string,
  verifierKey: string,
): SignedCheckpointResult {
  const fail = (detail: string, checkpoint?: Checkpoint): SignedCheckpointResult => ({
    check: check(id, title, 'failed', detail),
    checkpoint,
  });
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(noteTextUnverified(note));
  } catch (error) {
    return fail(`the checkpoint cannot be read: ${describeError(error)}`);
  }
  let verifier: NoteVerifier;
  try {
    verifier = noteVerifierFromKey(verifierKey);
  } catch (error) {
    return fail(`the public key cannot be used: ${describeError(error)}`, checkpoint);
  }
  const keyLabel = `${verifier.name}+${toHex(verifier.keyId)}`;
  if (verifier.name !== checkpoint.origin) {
    return fail(
      `the key is named "${verifier.name}" but the checkpoint origin is "${checkpoint.origin}"; the log signs under its origin`,
      checkpoint,
    );
  }
  try {
    openNote(note, [verifier]);
  } catch (error) {
    return fail(`${describeError(error)}`, checkpoint);
  }
  const { origin, treeSize, rootHashBase64 } = summariseCheckpoint(checkpoint);
  return {
    check: check(
      id,
      title,
      'passed',
      `${verifier.algorithm} signature by ${keyLabel} verifies over checkpoint "${origin}" size ${treeSize} root ${rootHashBase64}`,
    ),
    checkpoint,
  };
}

export function finishReport(
  checks: VerificationCheck[],
  required: readonly VerificationCheckId[],
  warnings: string[] = [],
): VerificationReport {
  const ok =
    checks.every((c) => c.status !== 'failed') &&
    required.every((id) => checks.some((c) => c.id === id && c.status === 'passed'));
  return { ok, checks, warnings };
}

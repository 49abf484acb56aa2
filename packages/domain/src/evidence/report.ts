/**
 * The outcome of an offline verification: every check that was made, what it compared and whether
 * it held. A report is ok only when no check failed and every required check passed.
 */
import { type Checkpoint, parseCheckpoint } from './checkpoint';
import { toBase64, toHex } from './encoding';
import { EvidenceError } from './errors';
import {
  encodeVerifierKey,
  type NoteSignature,
  type NoteVerifier,
  noteTextUnverified,
  noteVerifierFromKey,
  openNote,
  parseVerifierKey,
} from './signed-note';

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

/** One verifier key, or several (the current key and retired ones, after a key rotation). */
export type VerifierKeys = string | readonly string[];

/** The keys as a list without repeats (the same key written twice counts once). */
export function verifierKeyList(keys: VerifierKeys): string[] {
  return [...new Set(typeof keys === 'string' ? [keys] : keys)];
}

function keyLabel(verifier: NoteVerifier): string {
  return `${verifier.name}+${toHex(verifier.keyId)}`;
}

/** One verifier per distinct key (a key written with upper-case hex is the same key), or the reason. */
function verifiersFor(keys: readonly string[]): NoteVerifier[] | string {
  if (keys.length === 0) return 'no public key was given';
  const byKey = new Map<string, NoteVerifier>();
  for (const [i, key] of keys.entries()) {
    try {
      const { name, signatureType, publicKey } = parseVerifierKey(key);
      byKey.set(encodeVerifierKey(name, signatureType, publicKey), noteVerifierFromKey(key));
    } catch (error) {
      const which = keys.length === 1 ? 'the public key' : `public key ${i + 1} of ${keys.length}`;
      return `${which} cannot be used: ${describeError(error)}`;
    }
  }
  return [...byKey.values()];
}

/**
 * Checks that `note` is a checkpoint signed by one of `verifierKeys` whose name is the checkpoint's
 * origin (the log signs under its own origin). Every given key that signed the note must verify;
 * the detail names the key or keys that signed it.
 */
export function checkSignedCheckpoint(
  id: VerificationCheckId,
  title: string,
  note: string,
  verifierKeys: VerifierKeys,
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
  const verifiers = verifiersFor(verifierKeyList(verifierKeys));
  if (typeof verifiers === 'string') return fail(verifiers, checkpoint);
  const origin = checkpoint.origin;
  if (!verifiers.some((v) => v.name === origin)) {
    const names = verifiers.map((v) => `"${v.name}"`);
    return fail(
      verifiers.length === 1
        ? `the key is named ${names[0]} but the checkpoint origin is "${origin}"; the log signs under its origin`
        : `no key is named after the checkpoint origin "${origin}" (they are named ${names.join(', ')}); the log signs under its origin`,
      checkpoint,
    );
  }
  let verified: NoteSignature[];
  try {
    verified = openNote(note, verifiers).verified;
  } catch (error) {
    return fail(`${describeError(error)}`, checkpoint);
  }
  const signers = verifiers.filter(
    (v) => v.name === origin && verified.some((s) => `${s.name}+${s.keyIdHex}` === keyLabel(v)),
  );
  if (signers.length === 0) {
    return fail(`no signature by a given key named after the checkpoint origin "${origin}"`, checkpoint);
  }
  const by = signers.map((v) => `${v.algorithm} signature by ${keyLabel(v)}`).join(' and ');
  const { treeSize, rootHashBase64 } = summariseCheckpoint(checkpoint);
  return {
    check: check(
      id,
      title,
      'passed',
      `${by} ${signers.length === 1 ? 'verifies' : 'verify'} over checkpoint "${origin}" size ${treeSize} root ${rootHashBase64}`,
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

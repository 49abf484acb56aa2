import { createPrivateKey, createPublicKey } from 'node:crypto';
import { ed25519Signer, type NoteSigner } from '@kouan/domain/evidence';

/**
 * The checkpoint signer. Ed25519 today; the NoteSigner interface is the seam where an SM2/SM3
 * signer (GM/T 0003, 0004) plugs in for deployments that require national algorithms.
 */
export function createEvidenceSigner(input: { keyName: string; privateKeyPem: string }): NoteSigner {
  const key = createPrivateKey(input.privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`evidence signing key must be Ed25519, got ${String(key.asymmetricKeyType)}`);
  }
  return ed25519Signer(input.keyName, key);
}

export function publicKeyPem(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * The verifier keys of the log: the current key's, then the retired ones (KOUAN_EVIDENCE_RETIRED_KEYS).
 * The current key listed as retired is refused: every checkpoint would match two keys, and
 * verifiers report such a note as signed by an ambiguous key.
 */
export function logVerifierKeys(signer: NoteSigner, retired: readonly string[]): string[] {
  const current = signer.verifierKey();
  if (retired.includes(current)) {
    throw new Error(
      `KOUAN_EVIDENCE_RETIRED_KEYS lists the current signing key's verifier key (${current}): list only keys rotated out`,
    );
  }
  return [current, ...retired];
}

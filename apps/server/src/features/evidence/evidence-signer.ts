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

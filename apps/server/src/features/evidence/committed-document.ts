import { createHash } from 'node:crypto';
import type { PiiVault } from '../../lib/pii';

export type OpenedDocument =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly problem: 'cannot be decrypted' | 'does not match its content hash' };

/**
 * The document an entry commits to, opened and checked against the entry's content hash: the
 * ledger's documents (v2) carry no tag of their own, the leaf's hash is their integrity check.
 */
export function openCommittedDocument(
  vault: PiiVault,
  sealed: string,
  contentHash: Uint8Array,
): OpenedDocument {
  let bytes: Buffer;
  try {
    bytes = Buffer.from(vault.openCommitted(sealed), 'utf8');
  } catch {
    return { ok: false, problem: 'cannot be decrypted' };
  }
  return createHash('sha256').update(bytes).digest().equals(Buffer.from(contentHash))
    ? { ok: true, bytes }
    : { ok: false, problem: 'does not match its content hash' };
}

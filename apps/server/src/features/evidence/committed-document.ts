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

/** The stored document of an entry, opened and checked (openCommittedDocument); undefined once purged. */
export async function readCommittedDocument(
  evidence: { getDocumentOf(idx: number): Promise<string | undefined> },
  vault: PiiVault,
  entry: { readonly idx: number; readonly contentHash: Uint8Array },
): Promise<OpenedDocument | undefined> {
  const sealed = await evidence.getDocumentOf(entry.idx);
  return sealed === undefined ? undefined : openCommittedDocument(vault, sealed, entry.contentHash);
}

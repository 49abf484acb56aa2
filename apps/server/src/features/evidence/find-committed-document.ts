import type { Store } from '../../db/store';
import type { PiiVault } from '../../lib/pii';
import { openCommittedDocument } from './committed-document';

/**
 * The newest entry of `kind` about a subject, with the document it commits to (checked against its
 * content hash): undefined when there is no such entry, `document` undefined when the document was
 * purged or no longer matches. For features that check their own records against the ledger.
 */
export async function findCommittedDocument(
  deps: { store: Store; vault: PiiVault },
  query: { subjectType: string; subjectId: string; kind: string },
): Promise<{ index: number; document: unknown } | undefined> {
  const evidence = deps.store.repos.evidence;
  const [entry] = await evidence.findEntries({ ...query, limit: 1 });
  if (!entry) return undefined;
  const sealed = await evidence.getDocumentOf(entry.idx);
  const opened =
    sealed === undefined ? undefined : openCommittedDocument(deps.vault, sealed, entry.contentHash);
  return { index: entry.idx, document: opened?.ok ? JSON.parse(opened.bytes.toString('utf8')) : undefined };
}

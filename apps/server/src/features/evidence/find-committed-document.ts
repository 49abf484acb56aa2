import type { Store } from '../../db/store';
import type { PiiVault } from '../../lib/pii';
import { type OpenedDocument, readCommittedDocument } from './committed-document';

/**
 * The newest entry of `kind` about a subject and the document it commits to, opened and checked
 * against the entry's content hash: undefined when there is no such entry, `document` undefined
 * once the document was purged and not ok when it no longer matches. For features that check their
 * own records against the ledger.
 */
export async function findCommittedDocument(
  deps: { store: Store; vault: PiiVault },
  query: { subjectType: string; subjectId: string; kind: string },
): Promise<{ index: number; document: OpenedDocument | undefined } | undefined> {
  const evidence = deps.store.repos.evidence;
  const [entry] = await evidence.findEntries({ ...query, limit: 1 });
  if (!entry) return undefined;
  return { index: entry.idx, document: await readCommittedDocument(evidence, deps.vault, entry) };
}

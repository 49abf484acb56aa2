import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { type CertificateView, toCertificateView } from './certificate-view';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from './find-parties';
import { partyError } from './parties.errors';

/** A party's signing certificates, newest first, with their status now (valid/expired/revoked…). */
export async function findCertificates(
  deps: { store: Store; clock: Clock },
  actor: Actor,
  input: { partyId: string; page?: number | undefined; pageSize?: number | undefined },
): Promise<Page<CertificateView>> {
  const party = await deps.store.repos.parties.getParty(input.partyId, actor.scope);
  if (!party) throw partyError('PARTY_NOT_FOUND', { id: input.partyId });
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, input.pageSize ?? DEFAULT_PAGE_SIZE));
  const found = await deps.store.repos.certificates.findForParty(party.id, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const now = deps.clock.now();
  return { items: found.items.map((r) => toCertificateView(r, now)), page, pageSize, total: found.total };
}

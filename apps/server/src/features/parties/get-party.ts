import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import type { PiiVault } from '../../lib/pii';
import { partyError } from './parties.errors';
import { type PartyView, toPartyView } from './party-view';

export interface PartyDetail {
  readonly party: PartyView;
  readonly history: {
    at: string;
    action: string;
    actorType: string;
    actorId: string;
    orgId: string | null;
    requestId: string;
    reason: string | null;
    before: unknown;
    after: unknown;
  }[];
  readonly recognitions: {
    id: string;
    status: string;
    appliedAt: string;
    appliedBy: string;
    statement: string;
    decidedAt: string | null;
    decidedBy: string | null;
    reason: string | null;
  }[];
}

/** One party with its full history and recognition applications, as the caller may see it. */
export async function getParty(
  deps: { store: Store; vault: PiiVault },
  actor: Actor,
  id: string,
): Promise<PartyDetail> {
  if (!can(actor, 'parties:read')) throw commonError('FORBIDDEN', { permission: 'parties:read' });
  const { parties } = deps.store.repos;
  const row = await parties.getParty(id, actor.scope);
  if (!row) throw partyError('PARTY_NOT_FOUND', { id });
  const [history, recognitions] = await Promise.all([parties.findHistory(id), parties.findRecognitions(id)]);
  return {
    party: toPartyView(row, { vault: deps.vault, unmasked: can(actor, 'pii:unmasked') }),
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    recognitions: recognitions.map((r) => ({
      id: r.id,
      status: r.status,
      appliedAt: r.applied_at.toISOString(),
      appliedBy: r.applied_by,
      statement: r.statement,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decidedBy: r.decided_by,
      reason: r.reason,
    })),
  };
}

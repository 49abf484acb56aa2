import { assertNever } from '@kouan/domain/assert';
import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import type { PiiVault } from '../../lib/pii';
import type { EvidenceKind } from '../evidence';
import { partyError } from './parties.errors';
import type { PartyStatus } from './party-kinds';
import type { PartyView } from './party-view';
import { transitionParty } from './transition-party';

export type StatusAction = 'suspend' | 'reinstate' | 'revoke';

function plan(action: StatusAction): {
  from: readonly PartyStatus[];
  to: PartyStatus;
  kind: EvidenceKind;
  past: string;
} {
  switch (action) {
    case 'suspend':
      return { from: ['active'], to: 'suspended', kind: 'party.suspended', past: 'suspended' };
    case 'reinstate':
      return { from: ['suspended'], to: 'active', kind: 'party.reinstated', past: 'reinstated' };
    case 'revoke':
      return { from: ['active', 'suspended'], to: 'revoked', kind: 'party.revoked', past: 'revoked' };
    default:
      return assertNever(action);
  }
}

/** Suspends, reinstates or revokes a party (revocation is final). A reason is required. */
export async function changePartyStatus(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  input: { partyId: string; action: StatusAction; reason: string },
): Promise<PartyView> {
  if (!can(actor, 'parties:status:change'))
    throw commonError('FORBIDDEN', { permission: 'parties:status:change' });
  const step = plan(input.action);
  return transitionParty(deps, actor, {
    partyId: input.partyId,
    action: step.past,
    evidenceKind: step.kind,
    reason: input.reason.trim(),
    change: async (row) => {
      if (!step.from.includes(row.status)) {
        throw partyError('PARTY_STATUS_TRANSITION', { from: row.status, to: step.to });
      }
      return { status: step.to };
    },
  });
}

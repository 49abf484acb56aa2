import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import type { PiiVault } from '../../lib/pii';
import { partyError } from './parties.errors';
import type { PartyView } from './party-view';
import { transitionParty } from './transition-party';

/** The district commerce department recognises an operator or refuses with a reason. */
export async function decideRecognition(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  input: { partyId: string; decision: 'recognise' | 'refuse'; reason?: string | undefined },
): Promise<PartyView> {
  if (!can(actor, 'parties:recognition:decide')) {
    throw commonError('FORBIDDEN', { permission: 'parties:recognition:decide' });
  }
  const reason = input.reason?.trim() || null;
  if (input.decision === 'refuse' && !reason) {
    throw commonError(
      'VALIDATION_FAILED',
      { field: '/reason', reason: 'a refusal needs a reason', reasonZh: '不予认定须说明理由' },
      { field: '/reason' },
    );
  }
  const recognised = input.decision === 'recognise';
  return transitionParty(deps, actor, {
    partyId: input.partyId,
    action: recognised ? 'recognised' : 'recognition.refused',
    evidenceKind: recognised ? 'party.recognised' : 'party.recognition.refused',
    reason,
    change: async (row, repos) => {
      const pending = await repos.parties.getPendingRecognition(row.id);
      if (!pending || row.recognition !== 'pending') throw partyError('RECOGNITION_NOT_PENDING');
      await repos.parties.decideRecognition({
        id: pending.id,
        status: recognised ? 'recognised' : 'refused',
        decidedAt: deps.clock.now(),
        decidedBy: actor.id,
        reason,
      });
      return { recognition: recognised ? 'recognised' : 'refused' };
    },
  });
}

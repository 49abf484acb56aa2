import type { Repositories } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { cebError } from './ceb.errors';

/**
 * Which CEB records the actor sees: regulators and the platform everything (undefined), an
 * enterprise only records naming its own customs code.
 */
export async function visibleCode(repos: Repositories, actor: Actor): Promise<string | undefined> {
  if (actor.scope.kind === 'all' || actor.scope.kind === 'district') return undefined;
  if (actor.scope.kind !== 'enterprise' || !actor.scope.partyId) throw cebError('CEB_SENDER_NOT_ENTERPRISE');
  const party = await repos.parties.getParty(actor.scope.partyId, { kind: 'all' });
  if (!party?.customs_code) throw cebError('CEB_SENDER_NOT_ENTERPRISE');
  return party.customs_code;
}

import type { Repositories } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import { partyError } from './parties.errors';
import type { PartyRow } from './parties.repository';

/**
 * Who may register or revoke a party's signing certificates: the party's own enterprise (its admin
 * holds `parties:certificates:manage`) or a regulator granted the permission (customs). An enterprise
 * never manages another party's certificates, not even one it filed.
 */
export async function partyForCertificates(
  repos: Repositories,
  actor: Actor,
  partyId: string,
  options: { forUpdate: boolean },
): Promise<PartyRow> {
  if (!can(actor, 'parties:certificates:manage')) {
    throw commonError('FORBIDDEN', { permission: 'parties:certificates:manage' });
  }
  const party = options.forUpdate
    ? await repos.parties.getPartyForUpdate(partyId, actor.scope)
    : await repos.parties.getParty(partyId, actor.scope);
  if (!party) throw partyError('PARTY_NOT_FOUND', { id: partyId });
  if (actor.scope.kind === 'enterprise' && actor.scope.partyId !== partyId) {
    throw commonError('FORBIDDEN', {
      reason: 'an enterprise manages only its own signing certificates',
      reasonZh: '企业只能管理本企业的签名证书',
    });
  }
  return party;
}

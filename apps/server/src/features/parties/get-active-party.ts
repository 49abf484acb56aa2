import type { Repositories } from '../../db/store';
import { partyError } from './parties.errors';
import type { PartyRow } from './parties.repository';

/**
 * For later features: the party, which must exist and be active (filed, not suspended or revoked).
 * Reads across all scopes; the caller decides who may act on it.
 */
export async function getActiveParty(repos: Repositories, partyId: string): Promise<PartyRow> {
  const row = await repos.parties.getParty(partyId, { kind: 'all' });
  if (!row) throw partyError('PARTY_NOT_FOUND', { id: partyId });
  if (row.status !== 'active') throw partyError('PARTY_INACTIVE', { id: row.id, status: row.status });
  return row;
}

import { validatePassport } from '@kouan/domain/identifiers';
import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import type { PiiVault } from '../../lib/pii';
import { type PartyView, toPartyView } from './party-view';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface FindPartiesInput {
  readonly name?: string | undefined;
  readonly identifier?: string | undefined;
  readonly kind?: string | undefined;
  readonly status?: string | undefined;
  readonly recognition?: string | undefined;
  readonly zoneId?: string | undefined;
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
}

export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/**
 * Searches the registry within the caller's scope: partial name match for organisations (exact
 * for individuals, whose names are only stored encrypted), any identifier (USCI, customs code,
 * resident ID, passport — the last two through their keyed hash), kind, status.
 */
export async function findParties(
  deps: { store: Store; vault: PiiVault },
  actor: Actor,
  input: FindPartiesInput,
): Promise<Page<PartyView>> {
  if (!can(actor, 'parties:read')) throw commonError('FORBIDDEN', { permission: 'parties:read' });
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, input.pageSize ?? DEFAULT_PAGE_SIZE));
  const typed = input.identifier?.trim() || undefined;
  // Codes are upper case; party ids (`party_01J…`) are matched as typed.
  const identifier = typed?.toUpperCase();
  const hashes: string[] = [];
  if (identifier) {
    hashes.push(deps.vault.blindIndex('resident_id', identifier));
    // A passport is searched as NATIONALITY:NUMBER (its keyed hash covers both).
    const [nat, num] = identifier.includes(':') ? identifier.split(':') : [undefined, identifier];
    if (nat && num) {
      const p = validatePassport({ number: num, nationality: nat });
      if (p.ok) hashes.push(deps.vault.blindIndex('passport', `${p.value.nationality}:${p.value.number}`));
    }
  }
  const name = input.name?.trim() || undefined;
  const result = await deps.store.repos.parties.findParties(
    {
      name,
      nameHash: name ? deps.vault.blindIndex('name', name) : undefined,
      identifier,
      partyId: typed,
      identifierHashes: hashes,
      kind: input.kind,
      status: input.status,
      recognition: input.recognition,
      zoneId: input.zoneId,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    },
    actor.scope,
  );
  const unmasked = can(actor, 'pii:unmasked');
  return {
    items: result.rows.map((row) => toPartyView(row, { vault: deps.vault, unmasked })),
    page,
    pageSize,
    total: result.total,
  };
}

import type { Actor } from '../../lib/actor';
import { partyRef } from './party-view';
import type { ProcurementDeps } from './procurement-access';

/**
 * The names of the parties a page of records refers to, read in one query and masked as the
 * actor requires (a purchaser who is a person is personal information). Unknown ids map to nothing.
 */
export async function partyNamesOf(
  deps: ProcurementDeps,
  actor: Actor,
  ids: readonly (string | null | undefined)[],
): Promise<(id: string | null | undefined) => string | undefined> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
  const rows = await deps.store.repos.procurement.catalogue.partiesByIds(wanted);
  const names = new Map(rows.map((row) => [row.id, partyRef(row, deps.vault, actor).name]));
  return (id) => (id ? names.get(id) : undefined);
}

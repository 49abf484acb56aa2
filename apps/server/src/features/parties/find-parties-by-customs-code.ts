import type { Repositories } from '../../db/store';
import type { PartyRow } from './parties.repository';

/** Most customs codes one look-up accepts (a CEB batch names a handful of parties per unit). */
export const MAX_CUSTOMS_CODES_PER_LOOKUP = 5000;

/**
 * For later features (CEB sender and party checks): the parties filed under each customs code,
 * whatever their kind or status; the caller decides which kinds and statuses it accepts.
 */
export async function findPartiesByCustomsCode(
  repos: Repositories,
  codes: readonly string[],
): Promise<Map<string, PartyRow[]>> {
  const unique = [...new Set(codes)];
  if (unique.length > MAX_CUSTOMS_CODES_PER_LOOKUP) {
    throw new Error(
      `findPartiesByCustomsCode: ${unique.length} codes exceed ${MAX_CUSTOMS_CODES_PER_LOOKUP}`,
    );
  }
  const rows = await repos.parties.findByCustomsCodes(unique);
  const out = new Map<string, PartyRow[]>();
  for (const row of rows) {
    if (!row.customs_code) continue;
    const list = out.get(row.customs_code) ?? [];
    list.push(row);
    out.set(row.customs_code, list);
  }
  return out;
}

import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import { newId } from '../../lib/ids';
import type { PiiVault } from '../../lib/pii';
import { recordEvidence } from '../evidence';
import { partyError } from './parties.errors';
import type { ZoneRow } from './parties.repository';

export interface ZoneInput {
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
  readonly districtName: string;
  readonly description: string;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string | null | undefined;
}

/** The city publishes a market cluster zone (市场集聚区). */
export async function createZone(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  input: ZoneInput,
): Promise<ZoneRow> {
  if (!can(actor, 'zones:manage')) throw commonError('FORBIDDEN', { permission: 'zones:manage' });
  const effectiveTo = input.effectiveTo ?? null;
  if (effectiveTo !== null && effectiveTo < input.effectiveFrom) {
    const reason = 'effectiveTo is before effectiveFrom';
    const reasonZh = '截止日期早于生效日期';
    throw commonError(
      'VALIDATION_FAILED',
      { field: '/effectiveTo', reason, reasonZh },
      { field: '/effectiveTo' },
    );
  }
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    if (await repos.parties.getZoneByCode(input.code))
      throw partyError('ZONE_DUPLICATE', { code: input.code }, { field: '/code' });
    const zone: ZoneRow = { ...input, id: newId('zone', now.getTime()), effectiveTo };
    await repos.parties.insertZone({ ...zone, createdAt: now, createdBy: actor.id });
    await repos.audit.record({
      at: now,
      actor,
      action: 'zone.published',
      targetType: 'zone',
      targetId: zone.id,
    });
    await recordEvidence({ evidence: repos.evidence, vault: deps.vault }, [
      {
        kind: 'zone.published',
        subject: { type: 'zone', id: zone.id },
        actor,
        at: now,
        partyIds: [],
        document: zone,
      },
    ]);
    return zone;
  });
}

/** Public: the zones, optionally only those in effect on a date. */
export async function findZones(
  deps: { store: Store },
  input: { effectiveOn?: string | undefined },
): Promise<ZoneRow[]> {
  return deps.store.repos.parties.findZones(input);
}

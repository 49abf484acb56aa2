import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import { newId } from '../../lib/ids';
import type { PiiVault } from '../../lib/pii';
import { recordEvidence } from '../evidence';
import { partyError } from './parties.errors';
import type { PartyRow } from './parties.repository';
import { type PartyView, partySnapshot, toPartyView } from './party-view';
import { type PartyInput, type PreparedParty, prepareParty, withinDistrict } from './prepare-party';

/** Most parties one filing request may carry. */
export const MAX_PARTIES_PER_FILING = 100;

export interface FilePartiesInput {
  readonly parties: readonly PartyInput[];
  /** The caller files its own enterprise: the (single) party becomes the organisation's party. */
  readonly self?: boolean | undefined;
}

function toRow(p: PreparedParty, actor: Actor, now: Date): PartyRow {
  return {
    id: newId('party', now.getTime()),
    kind: p.input.kind,
    legal_form: p.input.legalForm,
    name: p.name,
    name_enc: p.nameEnc,
    name_hash: p.nameHash,
    usci: p.usci,
    customs_code: p.customsCode,
    resident_id_enc: p.residentIdEnc,
    resident_id_hash: p.residentIdHash,
    passport_enc: p.passportEnc,
    passport_hash: p.passportHash,
    nationality: p.nationality,
    phone_enc: p.phoneEnc,
    address_enc: p.addressEnc,
    zone_id: p.zone?.id ?? null,
    stall_no: p.input.stallNo?.trim() || null,
    district_code: p.districtCode,
    status: 'active',
    recognition: null,
    filed_by_org_id: actor.orgId ?? 'org_platform',
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

function duplicateError(
  actor: Actor,
  kind: string,
  field: string,
  existingId: string | undefined,
  path: string,
) {
  // An enterprise is not told which party holds the identifier: it may not be theirs to see.
  const existing = existingId && actor.scope.kind !== 'enterprise' ? `（${existingId}）` : '';
  return partyError('PARTY_DUPLICATE', { kind, field, existing }, { field: `${path}/${field}` });
}

/**
 * Files (备案) one or more parties, all or nothing: if any party is invalid or a duplicate, the
 * request fails naming that party's field and nothing is stored.
 */
export async function fileParties(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  input: FilePartiesInput,
): Promise<PartyView[]> {
  if (!can(actor, 'parties:file')) throw commonError('FORBIDDEN', { permission: 'parties:file' });
  if (input.self) {
    if (actor.scope.kind !== 'enterprise' || input.parties.length !== 1) {
      const reason = 'only an enterprise files itself, with exactly one party';
      const reasonZh = '仅企业可备案自身，且只能一条';
      throw commonError('VALIDATION_FAILED', { field: '/self', reason, reasonZh }, { field: '/self' });
    }
    if (actor.scope.partyId) throw partyError('PARTY_ALREADY_LINKED');
  }
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const filed: { row: PartyRow; plain: PreparedParty['plain'] }[] = [];
    for (const [i, party] of input.parties.entries()) {
      const path = `/parties/${i}`;
      const zone = party.zoneId ? await repos.parties.getZone(party.zoneId) : undefined;
      const prepared = withinDistrict(prepareParty(deps, party, path, zone), actor.scope, path);
      // Parties filed earlier in this request are already inserted, so the check sees them too.
      const dup = await repos.parties.findDuplicate(party.kind, {
        usci: prepared.usci,
        customsCode: prepared.customsCode,
        residentId: prepared.residentIdHash,
        passport: prepared.passportHash,
      });
      if (dup) throw duplicateError(actor, party.kind, dup.field, dup.id, path);
      const row = toRow(prepared, actor, now);
      const raced = await repos.parties.insertParty(row);
      if (raced) throw duplicateError(actor, party.kind, raced.duplicateField, undefined, path);
      await repos.parties.appendHistory({
        partyId: row.id,
        at: now,
        action: 'filed',
        actorType: actor.type,
        actorId: actor.id,
        orgId: actor.orgId,
        requestId: actor.requestId,
        reason: null,
        before: null,
        after: partySnapshot(row),
      });
      await repos.audit.record({
        at: now,
        actor,
        action: 'party.filed',
        targetType: 'party',
        targetId: row.id,
        details: { kind: row.kind },
      });
      filed.push({ row, plain: prepared.plain });
    }
    if (input.self && actor.orgId && filed[0])
      await repos.identity.linkOrganisationParty(actor.orgId, filed[0].row.id);
    await recordEvidence(
      { evidence: repos.evidence, vault: deps.vault },
      filed.map(({ row, plain }) => ({
        kind: 'party.filed' as const,
        subject: { type: 'party', id: row.id },
        actor,
        at: now,
        partyIds: [row.id],
        document: { party: { id: row.id, ...partySnapshot(row) }, identifiers: plain },
      })),
    );
    const unmasked = can(actor, 'pii:unmasked');
    return filed.map(({ row }) => toPartyView(row, { vault: deps.vault, unmasked }));
  });
}

import { createHash } from 'node:crypto';
import type { Permission } from '@kouan/domain/access/permissions';
import type { Repositories, Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import type { PiiVault } from '../../lib/pii';
import { type EvidenceKind, recordEvidence } from '../evidence';
import { getActiveParty, type PartyKind } from '../parties';
import type { PartyRow } from '../parties/parties.repository';
import { procurementError } from './procurement.errors';
import type { DistrictRecordKind } from './reach.repository';

export type ProcurementDeps = { store: Store; vault: PiiVault; clock: Clock };

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function pageOf(input: { page?: number | undefined; pageSize?: number | undefined }) {
  const page = Math.max(1, input.page ?? 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, input.pageSize ?? DEFAULT_PAGE_SIZE));
  return { page, pageSize, offset: (page - 1) * pageSize, limit: pageSize };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw commonError('FORBIDDEN', { permission });
}

/**
 * The party an enterprise actor acts as, or `null` for regulators and the platform (who see all).
 * An enterprise without its own filed party sees nothing: it gets a party id no record has.
 */
export function ownPartyOf(actor: Actor): string | null {
  if (actor.scope.kind === 'all' || actor.scope.kind === 'district') return null;
  if (actor.scope.kind === 'enterprise') return actor.scope.partyId ?? '-';
  return '-';
}

/**
 * The district a district regulator's reach is narrowed to: the records whose goods were bought in
 * that district's market cluster zones (as the dashboard counts them). `undefined` for everyone else.
 */
export function districtOf(actor: Actor): string | undefined {
  return actor.scope.kind === 'district' ? actor.scope.districtCode : undefined;
}

/**
 * Whether one record is within the actor's district (always true outside a district scope). A record
 * outside reads as not found, the same as one that does not exist.
 */
export async function inDistrictReach(
  repos: Repositories,
  actor: Actor,
  kind: DistrictRecordKind,
  id: string,
): Promise<boolean> {
  const district = districtOf(actor);
  return district === undefined || repos.procurement.reach.inDistrict(kind, id, district);
}

/** An enterprise may act only as one of `allowed` parties of the record. */
export function assertActsAs(
  actor: Actor,
  allowed: readonly string[],
  role: { en: string; zh: string; field: string },
) {
  const own = ownPartyOf(actor);
  if (own === null || allowed.includes(own)) return;
  throw procurementError('PROCUREMENT_NOT_PARTY', { role: role.en, roleZh: role.zh, field: role.field });
}

const KIND_NAMES: Partial<Record<PartyKind, string>> = {
  supplier: 'supplier',
  purchaser: 'purchaser',
  trade_operator: 'trade_operator',
  customs_broker: 'customs_broker',
  manufacturer: 'manufacturer',
};

export async function requireParty(repos: Repositories, id: string, kind: PartyKind, field: string) {
  const party = await getActiveParty(repos, id).catch((error: unknown) => {
    if (error instanceof Error && 'details' in error)
      Object.assign((error as { details: object }).details, { field });
    throw error;
  });
  if (party.kind !== kind) {
    throw procurementError(
      'PROCUREMENT_PARTY_KIND',
      { field, id, kind: party.kind, expected: KIND_NAMES[kind] ?? kind },
      { field },
    );
  }
  return party;
}

/** A recognised market-procurement operator; `customs` also requires its customs filing. */
export async function requireOperator(
  repos: Repositories,
  id: string,
  field: string,
  options: { customs: boolean },
): Promise<PartyRow> {
  const party = await requireParty(repos, id, 'trade_operator', field);
  if (party.recognition !== 'recognised')
    throw procurementError('OPERATOR_NOT_RECOGNISED', { field, id }, { field });
  if (options.customs && !party.customs_code)
    throw procurementError('OPERATOR_NO_CUSTOMS_FILING', { field, id }, { field });
  return party;
}

/** A supplier with a stall in a market cluster zone in effect on `date` (China date). */
export async function requireSupplierInZone(repos: Repositories, id: string, date: string, field: string) {
  const supplier = await requireParty(repos, id, 'supplier', field);
  const zone = supplier.zone_id ? await repos.parties.getZone(supplier.zone_id) : undefined;
  const inForce =
    zone !== undefined &&
    zone.effectiveFrom <= date &&
    (zone.effectiveTo === null || date <= zone.effectiveTo);
  if (!zone || !inForce) throw procurementError('SUPPLIER_OUTSIDE_ZONE', { field, id, date }, { field });
  return { supplier, zone };
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in China (UTC+8) at `at`, `YYYY-MM-DD`. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant China's day `YYYY-MM-DD` begins. */
export function chinaDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A record as plain JSON for an evidence document (dates become ISO strings). */
export function plainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** The audit entry and the evidence entries of one state change, inside its transaction. */
export async function recordChange(
  repos: Repositories,
  vault: PiiVault,
  change: {
    actor: Actor;
    at: Date;
    kind: EvidenceKind;
    subject: { type: string; id: string };
    partyIds: readonly string[];
    document: unknown;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await repos.audit.record({
    at: change.at,
    actor: change.actor,
    action: change.kind,
    targetType: change.subject.type,
    targetId: change.subject.id,
    ...(change.details ? { details: change.details } : {}),
  });
  await recordEvidence({ evidence: repos.evidence, vault }, [
    {
      kind: change.kind,
      subject: change.subject,
      actor: change.actor,
      at: change.at,
      partyIds: [...new Set(change.partyIds)],
      document: plainJson(change.document),
    },
  ]);
}

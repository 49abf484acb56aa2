import { maskAddress, maskIdNumber, maskName, maskPassport, maskPhone } from '@kouan/domain/privacy';
import type { PiiVault } from '../../lib/pii';
import type { PartyRow } from './parties.repository';

export interface PartyView {
  readonly id: string;
  readonly kind: string;
  readonly legalForm: 'organisation' | 'individual';
  readonly name: string;
  readonly usci: string | null;
  readonly customsCode: string | null;
  readonly residentId: string | null;
  readonly passport: { readonly number: string; readonly nationality: string } | null;
  readonly nationality: string | null;
  readonly phone: string | null;
  readonly address: string | null;
  readonly zoneId: string | null;
  readonly stallNo: string | null;
  readonly districtCode: string | null;
  readonly status: string;
  readonly recognition: string | null;
  readonly filedByOrgId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  /** Whether personal information in this view is masked for the caller. */
  readonly masked: boolean;
}

/** The party as the caller may see it: personal information masked unless `unmasked`. */
export function toPartyView(row: PartyRow, deps: { vault: PiiVault; unmasked: boolean }): PartyView {
  const { vault, unmasked } = deps;
  const open = (value: string | null, mask: (plain: string) => string) => {
    if (value === null) return null;
    const plain = vault.decrypt(value);
    return unmasked ? plain : mask(plain);
  };
  let passport: PartyView['passport'] = null;
  if (row.passport_enc) {
    const [nationality = '', number = ''] = vault.decrypt(row.passport_enc).split(':');
    passport = { nationality, number: unmasked ? number : maskPassport(number) };
  }
  return {
    id: row.id,
    kind: row.kind,
    legalForm: row.legal_form,
    name: row.name ?? open(row.name_enc, maskName) ?? '',
    usci: row.usci,
    customsCode: row.customs_code,
    residentId: open(row.resident_id_enc, maskIdNumber),
    passport,
    nationality: row.nationality,
    phone: open(row.phone_enc, maskPhone),
    address: open(row.address_enc, maskAddress),
    zoneId: row.zone_id,
    stallNo: row.stall_no,
    districtCode: row.district_code,
    status: row.status,
    recognition: row.recognition,
    filedByOrgId: row.filed_by_org_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    masked: !unmasked,
  };
}

/** The state recorded in history (before/after): no personal information in clear. */
export function partySnapshot(row: PartyRow) {
  return {
    kind: row.kind,
    legalForm: row.legal_form,
    name: row.name,
    usci: row.usci,
    customsCode: row.customs_code,
    nationality: row.nationality,
    zoneId: row.zone_id,
    stallNo: row.stall_no,
    districtCode: row.district_code,
    status: row.status,
    recognition: row.recognition,
    version: row.version,
  };
}

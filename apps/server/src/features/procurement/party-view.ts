import { maskName, maskPassport } from '@kouan/domain/privacy';
import type { Actor } from '../../lib/actor';
import { can } from '../../lib/actor';
import type { PiiVault } from '../../lib/pii';
import type { PartyRow } from '../parties/parties.repository';

/** A party as named on procurement documents: personal information masked unless the actor may see it. */
export interface PartyRef {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly usci: string | null;
  readonly customsCode: string | null;
  readonly nationality: string | null;
  readonly passport: string | null;
  readonly masked: boolean;
}

export function partyRef(row: PartyRow, vault: PiiVault, actor: Actor): PartyRef {
  const unmasked = can(actor, 'pii:unmasked');
  const name = row.name ?? (row.name_enc ? vault.decrypt(row.name_enc) : '');
  let passport: string | null = null;
  if (row.passport_enc) {
    const number = vault.decrypt(row.passport_enc).split(':')[1] ?? '';
    passport = unmasked ? number : maskPassport(number);
  }
  return {
    id: row.id,
    kind: row.kind,
    name: row.name !== null || unmasked ? name : maskName(name),
    usci: row.usci,
    customsCode: row.customs_code,
    nationality: row.nationality,
    passport,
    masked: !unmasked,
  };
}

/** 备注: the purchaser's name, nationality and passport/ID, as customs asks for 1039 declarations. */
export function purchaserRemark(purchaser: PartyRef): string {
  const id = purchaser.passport ? ` 护照/Passport ${purchaser.passport}` : '';
  return `采购商/Purchaser: ${purchaser.name}; 国籍/Nationality: ${purchaser.nationality ?? '-'};${id}`;
}

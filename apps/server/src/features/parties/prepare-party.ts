import {
  validateCustomsCode,
  validateNationality,
  validatePassport,
  validateResidentId,
  validateUsci,
} from '@kouan/domain/identifiers';
import type { IdentifierResult } from '@kouan/domain/identifiers/result';
import type { Clock } from '../../lib/clock';
import type { PiiVault } from '../../lib/pii';
import { partyError } from './parties.errors';
import type { ZoneRow } from './parties.repository';
import {
  KINDS_REQUIRING_CUSTOMS_CODE,
  ORGANISATION_ONLY,
  PARTY_KIND_NAMES,
  type PartyKind,
} from './party-kinds';

export interface PartyInput {
  readonly kind: PartyKind;
  readonly legalForm: 'organisation' | 'individual';
  readonly name: string;
  readonly usci?: string | undefined;
  readonly customsCode?: string | undefined;
  readonly residentId?: string | undefined;
  readonly passport?: { readonly number: string; readonly nationality: string } | undefined;
  /** ISO 3166 code; absent or CN means a domestic party. */
  readonly nationality?: string | undefined;
  readonly phone?: string | undefined;
  readonly address?: string | undefined;
  readonly zoneId?: string | undefined;
  readonly stallNo?: string | undefined;
  readonly districtCode?: string | undefined;
}

/** Validated, normalised identifiers and the encrypted / hashed personal fields of one party. */
export interface PreparedParty {
  readonly input: PartyInput;
  readonly name: string | null;
  readonly nameEnc: string | null;
  readonly nameHash: string | null;
  readonly usci: string | null;
  readonly customsCode: string | null;
  readonly residentIdEnc: string | null;
  readonly residentIdHash: string | null;
  readonly passportEnc: string | null;
  readonly passportHash: string | null;
  readonly nationality: string | null;
  readonly phoneEnc: string | null;
  readonly addressEnc: string | null;
  readonly zone: ZoneRow | null;
  readonly districtCode: string | null;
  /** The plain values, for the evidence document only (stored encrypted). */
  readonly plain: Record<string, string | null>;
}

function checked<T>(result: IdentifierResult<T>, field: string): T {
  if (result.ok) return result.value;
  throw partyError(
    'PARTY_IDENTIFIER_INVALID',
    { field, zh: result.messageZh, en: result.messageEn },
    { field, identifierCode: result.code },
  );
}

function kindParams(kind: PartyKind, field: string) {
  return { field, kindZh: PARTY_KIND_NAMES[kind].zh, kindEn: PARTY_KIND_NAMES[kind].en };
}

function required(value: string | undefined, kind: PartyKind, field: string, path: string): string {
  if (value === undefined || value.trim() === '') {
    throw partyError('PARTY_FIELD_REQUIRED', kindParams(kind, field), { field: `${path}/${field}` });
  }
  return value.trim();
}

function forbidden(
  value: unknown,
  kind: PartyKind,
  field: string,
  path: string,
  why: { zh: string; en: string },
) {
  if (value !== undefined) {
    throw partyError(
      'PARTY_FIELD_NOT_ALLOWED',
      { ...kindParams(kind, field), whyZh: why.zh, whyEn: why.en },
      { field: `${path}/${field}` },
    );
  }
}

/**
 * Validates one party against the rules of its kind and identifiers, and encrypts its personal
 * information. `path` prefixes field names in errors (`/parties/3`).
 */
export function prepareParty(
  deps: { vault: PiiVault; clock: Clock },
  input: PartyInput,
  path: string,
  zone: ZoneRow | undefined,
): PreparedParty {
  const { kind, legalForm } = input;
  const name = required(input.name, kind, 'name', path);
  if (legalForm === 'individual' && ORGANISATION_ONLY.includes(kind)) {
    throw partyError(
      'PARTY_FIELD_NOT_ALLOWED',
      {
        ...kindParams(kind, 'legalForm'),
        whyZh: '该类主体必须为单位',
        whyEn: 'this kind must be an organisation',
      },
      { field: `${path}/legalForm` },
    );
  }
  if (legalForm === 'organisation' && kind === 'consumer') {
    throw partyError(
      'PARTY_FIELD_NOT_ALLOWED',
      {
        ...kindParams(kind, 'legalForm'),
        whyZh: '订购人必须为自然人',
        whyEn: 'a consumer is a natural person',
      },
      { field: `${path}/legalForm` },
    );
  }
  const nationality = input.nationality
    ? checked(validateNationality(input.nationality), `${path}/nationality`)
    : 'CN';
  const domestic = nationality === 'CN';
  const foreignWhy = { zh: '境外主体没有该证件', en: 'foreign parties do not have this identifier' };

  let usci: string | null = null;
  let residentId: string | null = null;
  let passport: { number: string; nationality: string } | null = null;
  if (legalForm === 'organisation') {
    forbidden(input.residentId, kind, 'residentId', path, {
      zh: '单位不填写身份证号',
      en: 'organisations have no resident ID',
    });
    forbidden(input.passport, kind, 'passport', path, {
      zh: '单位不填写护照',
      en: 'organisations have no passport',
    });
    if (domestic) usci = checked(validateUsci(required(input.usci, kind, 'usci', path)), `${path}/usci`);
    else forbidden(input.usci, kind, 'usci', path, foreignWhy);
  } else if (domestic) {
    forbidden(input.passport, kind, 'passport', path, {
      zh: '境内自然人使用身份证号',
      en: 'domestic individuals are identified by resident ID',
    });
    residentId = checked(
      validateResidentId(required(input.residentId, kind, 'residentId', path), { today: deps.clock.now() }),
      `${path}/residentId`,
    );
    if (input.usci) usci = checked(validateUsci(input.usci), `${path}/usci`);
  } else {
    forbidden(input.residentId, kind, 'residentId', path, foreignWhy);
    if (!input.passport)
      throw partyError('PARTY_FIELD_REQUIRED', kindParams(kind, 'passport'), { field: `${path}/passport` });
    const p = checked(
      validatePassport({
        number: input.passport.number,
        nationality: input.passport.nationality ?? nationality,
      }),
      `${path}/passport`,
    );
    passport = { number: p.number, nationality: p.nationality };
  }

  let customsCode: string | null = null;
  if (KINDS_REQUIRING_CUSTOMS_CODE.includes(kind)) {
    customsCode = checked(
      validateCustomsCode(required(input.customsCode, kind, 'customsCode', path)),
      `${path}/customsCode`,
    );
  } else if (input.customsCode) {
    customsCode = checked(validateCustomsCode(input.customsCode), `${path}/customsCode`);
  }

  if (kind === 'supplier') required(input.zoneId, kind, 'zoneId', path);
  if (input.zoneId) {
    if (!zone) throw partyError('ZONE_NOT_FOUND', { id: input.zoneId }, { field: `${path}/zoneId` });
    const today = deps.clock.now().toISOString().slice(0, 10);
    if (zone.effectiveFrom > today || (zone.effectiveTo !== null && zone.effectiveTo < today)) {
      throw partyError('ZONE_NOT_EFFECTIVE', { id: zone.id, date: today }, { field: `${path}/zoneId` });
    }
  }

  const { vault } = deps;
  const individual = legalForm === 'individual';
  const passportKey = passport ? `${passport.nationality}:${passport.number}` : null;
  return {
    input,
    name: individual ? null : name,
    nameEnc: individual ? vault.encrypt(name) : null,
    nameHash: individual ? vault.blindIndex('name', name) : null,
    usci,
    customsCode,
    residentIdEnc: residentId ? vault.encrypt(residentId) : null,
    residentIdHash: residentId ? vault.blindIndex('resident_id', residentId) : null,
    passportEnc: passportKey ? vault.encrypt(passportKey) : null,
    passportHash: passportKey ? vault.blindIndex('passport', passportKey) : null,
    nationality: passport?.nationality ?? nationality,
    phoneEnc: input.phone ? vault.encrypt(input.phone.trim()) : null,
    addressEnc: input.address ? vault.encrypt(input.address.trim()) : null,
    zone: zone ?? null,
    districtCode: zone?.districtCode ?? input.districtCode ?? null,
    plain: {
      name,
      usci,
      customsCode,
      residentId,
      passport: passportKey,
      nationality: passport?.nationality ?? nationality,
      phone: input.phone?.trim() ?? null,
      address: input.address?.trim() ?? null,
    },
  };
}

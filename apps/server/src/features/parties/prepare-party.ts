import {
  validateCustomsCode,
  validateNationality,
  validatePassport,
  validateResidentId,
  validateUsci,
} from '@kouan/domain/identifiers';
import type { IdentifierResult } from '@kouan/domain/identifiers/result';
import type { AccessScope } from '../../lib/actor';
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

/** The date in China (UTC+8), which is what zone effective dates mean. */
function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function checkLegalForm(input: PartyInput, path: string): void {
  const { kind, legalForm } = input;
  let why: { whyZh: string; whyEn: string } | undefined;
  if (legalForm === 'individual' && ORGANISATION_ONLY.includes(kind)) {
    why = { whyZh: '该类主体必须为单位', whyEn: 'this kind must be an organisation' };
  } else if (legalForm === 'organisation' && kind === 'consumer') {
    why = { whyZh: '订购人必须为自然人', whyEn: 'a consumer is a natural person' };
  }
  if (why) {
    throw partyError(
      'PARTY_FIELD_NOT_ALLOWED',
      { ...kindParams(kind, 'legalForm'), ...why },
      { field: `${path}/legalForm` },
    );
  }
}

interface Identifiers {
  usci: string | null;
  residentId: string | null;
  passport: { number: string; nationality: string } | null;
}

/**
 * The identifiers a party of this legal form and origin must (and must not) have: domestic
 * organisations a USCI, domestic individuals a resident ID, foreign individuals a passport.
 */
function personIdentifiers(input: PartyInput, path: string, domestic: boolean, today: Date): Identifiers {
  const { kind } = input;
  const foreignWhy = { zh: '境外主体没有该证件', en: 'foreign parties do not have this identifier' };
  if (input.legalForm === 'organisation') {
    forbidden(input.residentId, kind, 'residentId', path, {
      zh: '单位不填写身份证号',
      en: 'organisations have no resident ID',
    });
    forbidden(input.passport, kind, 'passport', path, {
      zh: '单位不填写护照',
      en: 'organisations have no passport',
    });
    if (!domestic) {
      forbidden(input.usci, kind, 'usci', path, foreignWhy);
      return { usci: null, residentId: null, passport: null };
    }
    return {
      usci: checked(validateUsci(required(input.usci, kind, 'usci', path)), `${path}/usci`),
      residentId: null,
      passport: null,
    };
  }
  if (domestic) {
    forbidden(input.passport, kind, 'passport', path, {
      zh: '境内自然人使用身份证号',
      en: 'domestic individuals are identified by resident ID',
    });
    const residentId = checked(
      validateResidentId(required(input.residentId, kind, 'residentId', path), { today }),
      `${path}/residentId`,
    );
    const usci = input.usci ? checked(validateUsci(input.usci), `${path}/usci`) : null;
    return { usci, residentId, passport: null };
  }
  forbidden(input.residentId, kind, 'residentId', path, foreignWhy);
  if (!input.passport)
    throw partyError('PARTY_FIELD_REQUIRED', kindParams(kind, 'passport'), { field: `${path}/passport` });
  const passport = checked(validatePassport(input.passport), `${path}/passport`);
  return {
    usci: null,
    residentId: null,
    passport: { number: passport.number, nationality: passport.nationality },
  };
}

function checkedCustomsCode(input: PartyInput, path: string): string | null {
  const { kind } = input;
  if (KINDS_REQUIRING_CUSTOMS_CODE.includes(kind)) {
    return checked(
      validateCustomsCode(required(input.customsCode, kind, 'customsCode', path)),
      `${path}/customsCode`,
    );
  }
  return input.customsCode ? checked(validateCustomsCode(input.customsCode), `${path}/customsCode`) : null;
}

function checkZone(input: PartyInput, path: string, zone: ZoneRow | undefined, now: Date): void {
  if (input.kind === 'supplier') required(input.zoneId, input.kind, 'zoneId', path);
  if (!input.zoneId) return;
  if (!zone) throw partyError('ZONE_NOT_FOUND', { id: input.zoneId }, { field: `${path}/zoneId` });
  const today = chinaDate(now);
  if (zone.effectiveFrom > today || (zone.effectiveTo !== null && zone.effectiveTo < today)) {
    throw partyError('ZONE_NOT_EFFECTIVE', { id: zone.id, date: today }, { field: `${path}/zoneId` });
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
  const name = required(input.name, input.kind, 'name', path);
  checkLegalForm(input, path);
  const declared = input.nationality
    ? checked(validateNationality(input.nationality), `${path}/nationality`)
    : 'CN';
  const now = deps.clock.now();
  const { usci, residentId, passport } = personIdentifiers(input, path, declared === 'CN', now);
  const customsCode = checkedCustomsCode(input, path);
  checkZone(input, path, zone, now);

  const { vault } = deps;
  const individual = input.legalForm === 'individual';
  const passportKey = passport ? `${passport.nationality}:${passport.number}` : null;
  const nationality = passport?.nationality ?? declared;
  const phone = input.phone?.trim() || null;
  const address = input.address?.trim() || null;
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
    nationality,
    phoneEnc: phone ? vault.encrypt(phone) : null,
    addressEnc: address ? vault.encrypt(address) : null,
    zone: zone ?? null,
    districtCode: zone?.districtCode ?? input.districtCode ?? null,
    plain: { name, usci, customsCode, residentId, passport: passportKey, nationality, phone, address },
  };
}

/**
 * A district regulator files only parties of its own district, which it can then see: a party with
 * neither a zone nor a district takes the regulator's district; one in another district (by its zone,
 * or by the district given) is refused naming that field. Other scopes are not narrowed.
 */
export function withinDistrict(prepared: PreparedParty, scope: AccessScope, path: string): PreparedParty {
  if (scope.kind !== 'district') return prepared;
  if (prepared.districtCode === null) return { ...prepared, districtCode: scope.districtCode };
  if (prepared.districtCode === scope.districtCode) return prepared;
  const field = `${path}/${prepared.zone ? 'zoneId' : 'districtCode'}`;
  throw partyError(
    'PARTY_OUTSIDE_DISTRICT',
    { field, district: prepared.districtCode, own: scope.districtCode },
    { field },
  );
}

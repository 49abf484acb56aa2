import type { CebErrorCode } from '@kouan/domain/ceb';
import type { Actor } from '../../lib/actor';
import { PARTY_KIND_NAMES, type PartyKind, type PartyRow } from '../parties';
import { type PartyRole, ROLE_KINDS } from './unit-spec';

export interface PartyProblem {
  readonly code: CebErrorCode;
  readonly zh: string;
  readonly en: string;
}

export interface PartyLookup {
  /** Why the party under this customs code may not take part (null: filed and active). */
  problem(code: string): PartyProblem | null;
  /**
   * Why the code may not stand in this role: not filed or not active (-10102 无效企业代码), or filed
   * and active only as kinds the role does not allow (-10101 无效企业类型). Null: it may.
   */
  roleProblem(role: PartyRole): PartyProblem | null;
  /** The active party under this code, if any (the first, when it is filed as several kinds). */
  active(code: string): PartyRow | undefined;
  /** Every active party filed under this code (one per kind it is filed as). */
  activeIds(code: string): string[];
  /** Whether this party (by id) is filed under this code and active. */
  isActiveParty(code: string, partyId: string): boolean;
}

const kindName = (kind: string, lang: 'zh' | 'en') => PARTY_KIND_NAMES[kind as PartyKind]?.[lang] ?? kind;

export function partyLookup(byCode: ReadonlyMap<string, readonly PartyRow[]>): PartyLookup {
  const activeRows = (code: string) => (byCode.get(code) ?? []).filter((p) => p.status === 'active');
  const problem = (code: string): PartyProblem | null => {
    const rows = byCode.get(code) ?? [];
    if (rows.length === 0) {
      return {
        code: '-10102',
        zh: `无效企业代码：${code} 未在主体库备案`,
        en: `invalid enterprise code: ${code} is not filed in the parties registry`,
      };
    }
    if (activeRows(code).length > 0) return null;
    const status = rows[0]?.status ?? 'unknown';
    return {
      code: '-10102',
      zh: `无效企业代码：${code} 的备案状态为 ${status}，不是正常状态`,
      en: `invalid enterprise code: ${code} is ${status}, not active`,
    };
  };
  return {
    problem,
    roleProblem(role) {
      const filed = problem(role.code);
      if (filed) {
        return { ...filed, zh: `${role.field} ${filed.zh}`, en: `${role.field}: ${filed.en}` };
      }
      const allowed: readonly string[] = ROLE_KINDS[role.field];
      const rows = activeRows(role.code);
      if (rows.some((p) => allowed.includes(p.kind))) return null;
      const filedAs = [...new Set(rows.map((p) => p.kind))];
      return {
        code: '-10101',
        zh: `无效企业类型：${role.field} ${role.code} 备案为${filedAs.map((k) => kindName(k, 'zh')).join('、')}，该栏应为${allowed.map((k) => kindName(k, 'zh')).join('或')}`,
        en: `invalid enterprise type: ${role.field} ${role.code} is filed as ${filedAs.map((k) => kindName(k, 'en')).join(', ')}; this field takes ${allowed.map((k) => kindName(k, 'en')).join(' or ')}`,
      };
    },
    active: (code) => activeRows(code)[0],
    activeIds: (code) => activeRows(code).map((p) => p.id),
    isActiveParty: (code, partyId) => activeRows(code).some((p) => p.id === partyId),
  };
}

/**
 * The filed party that sent a message: the API key's own (an enterprise filed as several kinds has a
 * row per kind under its customs code), else the code's first active party (a system job).
 */
export function senderPartyId(actor: Actor, copCode: string, lookup: PartyLookup): string | null {
  if (actor.type !== 'system' && actor.scope.kind === 'enterprise' && actor.scope.partyId) {
    return lookup.isActiveParty(copCode, actor.scope.partyId) ? actor.scope.partyId : null;
  }
  return lookup.active(copCode)?.id ?? null;
}

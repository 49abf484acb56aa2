import type { PartyRow } from '../parties';

export interface PartyLookup {
  /** Why the party under this customs code may not take part (null: filed and active). */
  problem(code: string): { zh: string; en: string } | null;
  /** The active party under this code, if any. */
  active(code: string): PartyRow | undefined;
}

export function partyLookup(byCode: ReadonlyMap<string, readonly PartyRow[]>): PartyLookup {
  const active = (code: string) => byCode.get(code)?.find((p) => p.status === 'active');
  return {
    active,
    problem(code) {
      const rows = byCode.get(code) ?? [];
      if (rows.length === 0) {
        return {
          zh: `无效企业代码：${code} 未在主体库备案`,
          en: `invalid enterprise code: ${code} is not filed in the parties registry`,
        };
      }
      if (active(code)) return null;
      const status = rows[0]?.status ?? 'unknown';
      return {
        zh: `无效企业代码：${code} 的备案状态为 ${status}，不是正常状态`,
        en: `invalid enterprise code: ${code} is ${status}, not active`,
      };
    },
  };
}

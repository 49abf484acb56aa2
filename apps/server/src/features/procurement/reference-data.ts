import { isPositive } from '@kouan/domain/money';
import type { HsRuleKind } from '../../db/schema-procurement';
import type { Actor } from '../../lib/actor';
import { commonError } from '../../lib/errors.common';
import type { HsRuleEntry, RateRow } from './catalogue.repository';
import { decimalField } from './decimal-field';
import { procurementError } from './procurement.errors';
import { type ProcurementDeps, recordChange, requirePermission } from './procurement-access';

export interface ExchangeRateInput {
  readonly currency: string;
  readonly effectiveFrom: string;
  /** CNY per `rateUnit` units of the currency, as published. */
  readonly rate: string;
  readonly rateUnit: 1 | 100;
}

/**
 * Customs records a dated exchange rate (in force from `effectiveFrom` until the next one). A
 * correction is a new row for the same day: the latest recorded one is used.
 */
export async function recordExchangeRate(
  deps: ProcurementDeps,
  actor: Actor,
  input: ExchangeRateInput,
): Promise<RateRow> {
  requirePermission(actor, 'procurement:reference');
  const rate = decimalField(input.rate, '/rate', 6);
  if (!isPositive(rate)) {
    throw commonError(
      'VALIDATION_FAILED',
      { field: '/rate', reason: 'must be positive', reasonZh: '必须大于 0' },
      { field: '/rate' },
    );
  }
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const row = {
      currency: input.currency,
      effective_from: input.effectiveFrom,
      rate: input.rate,
      rate_unit: input.rateUnit,
      recorded_at: now,
      recorded_by: actor.id,
    };
    await repos.procurement.catalogue.appendRate(row);
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: 'procurement.exchange_rate.recorded',
      subject: { type: 'exchange_rate', id: `${input.currency}@${input.effectiveFrom}` },
      partyIds: [],
      document: row,
    });
    return {
      currency: input.currency,
      effectiveFrom: input.effectiveFrom,
      rate: input.rate,
      rateUnit: input.rateUnit,
    };
  });
}

export interface HsRuleChange {
  readonly hsPrefix: string;
  readonly rule: HsRuleKind;
  readonly action: 'add' | 'remove';
  readonly reason: string;
}

/** Customs adds an HS prefix to, or removes it from, a rule list; takes effect for the next declaration. */
export async function changeHsRule(
  deps: ProcurementDeps,
  actor: Actor,
  input: HsRuleChange,
): Promise<HsRuleEntry[]> {
  requirePermission(actor, 'procurement:reference');
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const catalogue = repos.procurement.catalogue;
    await catalogue.lockHsRules();
    const active = (await catalogue.activeHsRules()).some(
      (r) => r.hsPrefix === input.hsPrefix && r.rule === input.rule,
    );
    if (active === (input.action === 'add')) {
      throw procurementError(
        'HS_RULE_STATE',
        { hsPrefix: input.hsPrefix, rule: input.rule, active: active ? 1 : 0 },
        { field: '/hsPrefix' },
      );
    }
    const row = {
      hs_prefix: input.hsPrefix,
      rule: input.rule,
      action: input.action,
      reason: input.reason,
      at: now,
      actor_id: actor.id,
    };
    await catalogue.appendHsRule(row);
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: 'procurement.hs_rule.changed',
      subject: { type: 'hs_rule', id: `${input.rule}:${input.hsPrefix}` },
      partyIds: [],
      document: row,
    });
    return catalogue.activeHsRules();
  });
}

export async function findHsRules(deps: ProcurementDeps): Promise<HsRuleEntry[]> {
  return deps.store.repos.procurement.catalogue.activeHsRules();
}

export async function findExchangeRates(
  deps: ProcurementDeps,
  input: { currency?: string | undefined },
): Promise<RateRow[]> {
  return deps.store.repos.procurement.catalogue.findRates({ ...input, limit: 500 });
}

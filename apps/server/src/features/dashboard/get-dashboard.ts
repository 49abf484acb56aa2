import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import type { CountRow, DayCountRow } from './dashboard.repository';
import type { SumRow } from './trade-volumes.repository';

/** Days of evidence activity the dashboard charts. */
export const DASHBOARD_DAYS = 30;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export interface DashboardSummary {
  readonly generatedAt: string;
  readonly today: string;
  readonly parties: {
    readonly byKind: CountRow[];
    readonly byStatus: CountRow[];
    readonly byRecognition: CountRow[];
    readonly byZone: CountRow[];
  };
  readonly evidence: {
    readonly total: number;
    readonly today: number;
    readonly thisMonth: number;
    readonly byKindThisMonth: CountRow[];
    readonly byDay: DayCountRow[];
  };
  /** Cross-border e-commerce this month; null for a district regulator (CBEC is supervised city-wide). */
  readonly ceb: {
    readonly inventoriesByStatusToday: CountRow[];
    readonly inventoriesByStatusMonth: CountRow[];
    /** Inventories declared this month whose set has been matched (status other than 2, awaiting match). */
    readonly matched: number;
    readonly declared: number;
    readonly rejectionsByCode: CountRow[];
    /** Refusals for the single-transaction (-621005) or annual (-621018) limit. */
    readonly quotaRefusals: number;
  } | null;
  readonly procurement: {
    readonly declarationsByStatus: SumRow[];
    readonly valueByZone: SumRow[];
    readonly valueByCountry: SumRow[];
    readonly fx: { readonly declaredUsd: string; readonly collectedUsd: string };
  };
}

/** The CEB error codes of the retail-import limits (spec table 7-2). */
export const QUOTA_ERROR_CODES = ['-621005', '-621018'];

/** Midnight China time of the day (or the first of the month) containing `now`, as an instant. */
function chinaStart(now: Date, unit: 'day' | 'month'): Date {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const day = unit === 'day' ? local.getUTCDate() : 1;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), day) - CHINA_OFFSET_MS);
}

/**
 * Today's and this month's volumes for a regulator, within their jurisdiction: the registry by kind,
 * status, recognition and zone, and the evidence ledger's activity by kind and by day.
 */
export async function getDashboard(
  deps: { store: Store; clock: Clock },
  actor: Actor,
): Promise<DashboardSummary> {
  if (!can(actor, 'dashboard:read')) throw commonError('FORBIDDEN', { permission: 'dashboard:read' });
  const repo = deps.store.repos.dashboard;
  const now = deps.clock.now();
  const today = chinaStart(now, 'day');
  const month = chinaStart(now, 'month');
  const window = new Date(today.getTime() - (DASHBOARD_DAYS - 1) * 24 * 3600 * 1000);
  const [byKind, byStatus, byRecognition, byZone, total, byDay, byKindThisMonth] = await Promise.all([
    repo.partiesBy(actor.scope, 'kind'),
    repo.partiesBy(actor.scope, 'status'),
    repo.partiesBy(actor.scope, 'recognition'),
    repo.partiesByZone(actor.scope),
    repo.evidenceTotal(),
    repo.evidenceByDay(window < month ? window : month),
    repo.evidenceByKind(month),
  ]);
  const district = actor.scope.kind === 'district' ? actor.scope.districtCode : undefined;
  const [invToday, invMonth, rejections, declarations, byZoneValue, byCountry, fx] = await Promise.all([
    district ? [] : repo.inventoriesByStatus(today),
    district ? [] : repo.inventoriesByStatus(month),
    district ? [] : repo.rejectionsByCode(month),
    repo.declarationsByStatus(month, district),
    repo.declaredValueByZone(month, district),
    repo.declaredValueByCountry(month, district),
    repo.fxCollection(month, district),
  ]);
  const declared = invMonth.reduce((n, r) => n + r.count, 0);
  const todayKey = new Date(today.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  const monthKey = todayKey.slice(0, 7);
  return {
    generatedAt: now.toISOString(),
    today: todayKey,
    parties: { byKind, byStatus, byRecognition, byZone },
    evidence: {
      total,
      today: byDay.find((d) => d.day === todayKey)?.count ?? 0,
      thisMonth: byDay.filter((d) => d.day.startsWith(monthKey)).reduce((sum, d) => sum + d.count, 0),
      byKindThisMonth,
      byDay: byDay.filter(
        (d) => d.day >= new Date(window.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10),
      ),
    },
    ceb: district
      ? null
      : {
          inventoriesByStatusToday: invToday,
          inventoriesByStatusMonth: invMonth,
          matched: declared - (invMonth.find((r) => r.key === '2')?.count ?? 0),
          declared,
          rejectionsByCode: rejections,
          quotaRefusals: rejections
            .filter((r) => QUOTA_ERROR_CODES.includes(r.key))
            .reduce((n, r) => n + r.count, 0),
        },
    procurement: {
      declarationsByStatus: declarations,
      valueByZone: byZoneValue,
      valueByCountry: byCountry,
      fx,
    },
  };
}

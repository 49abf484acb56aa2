import type { Store } from '../../db/store';
import { type Actor, can } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { commonError } from '../../lib/errors.common';
import type { CountRow, DayCountRow } from './dashboard.repository';

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
}

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
  };
}

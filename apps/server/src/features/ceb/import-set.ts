/**
 * 三单对碰 in any arrival order: an inventory waits (status 2) until its order, payment and waybill are
 * all present; whichever document arrives last completes the set, which is then assessed (matching,
 * limits, positive list, tax), counted against the buyer's annual quota and stored (120) or rejected.
 */
import { formatCebTimestamp } from '@kouan/domain/ceb';
import {
  checkAnnualQuota,
  chinaDate,
  chinaYear,
  DEFAULT_RETAIL_POLICIES,
  positiveListLookup,
  retailPolicyAt,
  taxRateTable,
} from '@kouan/domain/retail-import';
import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { BatchContext } from './batch-context';
import type { CebDocumentRow, CebInventoryRow } from './ceb.repository';
import { str } from './ceb-units';
import type { Finding, SetUnit, TaxAssessment } from './checks';
import { changeInventoryStatus, rejectInventory, releaseInventory } from './inventory-lifecycle';

export interface SetOutcome {
  /** '2' waiting, '120' stored (or later, when released at once), or a negative code. */
  readonly returnStatus: string;
  readonly returnInfo: string;
  readonly findings: readonly Finding[];
  readonly tax: TaxAssessment | null;
}

const live = (row: CebDocumentRow | undefined) => (row && row.app_type !== '3' ? row : undefined);

export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `[${f.code}] ${f.zh}`).join('；');
}

async function loadSet(ctx: BatchContext, inv: CebInventoryRow) {
  const batchPayment = ctx.writtenPayments.get(`${inv.order_no}|${inv.ebp_code}`);
  const order = await ctx.latestDocument(`order:${inv.ebp_code}:${inv.order_no}`);
  const payments = batchPayment ? [batchPayment] : await ctx.storedPaymentsFor(inv.order_no);
  const waybill = await ctx.latestDocument(`waybill:${inv.logistics_code}:${inv.logistics_no}`);
  const inventory = await ctx.latestDocument(inv.doc_key);
  const payment = payments.find((p: CebDocumentRow) => p.ebp_code === inv.ebp_code && p.app_type !== '3');
  return { order: live(order), payment, waybill: live(waybill), inventory: live(inventory) };
}

/**
 * Tries to complete the inventory's set. `viaMessage`: the result is answered in the receipt of the
 * message being processed (no separate CEB622 for the first change).
 */
export async function tryCompleteSet(
  ctx: BatchContext,
  inv: CebInventoryRow,
  actor: Actor,
  viaMessage: boolean,
): Promise<SetOutcome> {
  const docs = await loadSet(ctx, inv);
  const missing = [
    docs.order ? null : '订单(CEB311)',
    docs.payment ? null : '支付单(CEB411)',
    docs.waybill ? null : '运单(CEB511)',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0 || !docs.inventory) {
    return {
      returnStatus: '2',
      returnInfo: `清单已接收，等待${missing.join('、')}到达后对碰 / waiting for ${missing.length} document(s) of the set`,
      findings: [],
      tax: null,
    };
  }
  const rows = [docs.order, docs.payment, docs.waybill, docs.inventory] as CebDocumentRow[];
  const [order, payment, waybill, inventory] = (await ctx.units.readAll(rows)) as [
    SetUnit,
    SetUnit,
    SetUnit,
    SetUnit,
  ];
  const set = { order, payment, waybill, inventory };
  const gcodes = set.inventory.lists.map((l) => str(l, 'gcode'));
  const codes = [...gcodes, ...gcodes.map((c) => c.slice(0, 8))];
  const on = chinaDate(ctx.now);
  const [positive, rates] = await Promise.all([
    cachedReference(ctx, 'positive', codes, on, (missing) => ctx.repos.ceb.positiveListOn(missing, on)),
    cachedReference(ctx, 'rates', codes, on, (missing) => ctx.repos.ceb.taxRatesOn(missing, on)),
  ]);
  const assessment = ctx.deps.checks.assess({
    set,
    at: ctx.now,
    reference: {
      isListed: positiveListLookup([...positive.keys()].map((hsCode) => ({ hsCode, name: hsCode }))),
      taxRates: taxRateTable(
        [...rates.values()].map((r) => ({
          hsCode: r.hs_code,
          name: r.name,
          tariffRate: r.tariff_rate,
          vatRate: r.vat_rate,
          consumptionTaxRate: r.consumption_rate,
        })),
      ),
    },
    payerMismatch: ctx.deps.config.payerMismatch,
  });
  const errors = assessment.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0] as Finding;
    const info = describeFindings(assessment.findings);
    await rejectInventory(ctx, inv, { actor, code: first.code, reason: info, issueReceipt: !viaMessage });
    return { returnStatus: first.code, returnInfo: info, findings: assessment.findings, tax: assessment.tax };
  }
  const quota = await applyQuota(ctx, inv, set.inventory, assessment.quotaAmount, assessment.annualLimit);
  if (quota) {
    await rejectInventory(ctx, inv, { actor, code: quota.code, reason: quota.zh, issueReceipt: !viaMessage });
    return { returnStatus: quota.code, returnInfo: quota.zh, findings: [quota], tax: assessment.tax };
  }
  const warnings = assessment.findings;
  const info = `海关入库${warnings.length ? `（提示：${describeFindings(warnings)}）` : ''}`;
  let current = await changeInventoryStatus(ctx, inv, {
    to: '120',
    actor,
    reason: info,
    issueReceipt: !viaMessage,
    extra: {
      usage_year: chinaYear(ctx.now),
      usage_amount: assessment.quotaAmount,
      tax: JSON.stringify(assessment.tax),
      findings: JSON.stringify(warnings),
      wait_deadline: null,
    },
  });
  if (ctx.deps.config.autoRelease && !current.hold) {
    current = await releaseInventory(
      ctx,
      current,
      actor,
      '自动放行：各项校验通过 / auto-release, all checks passed',
    );
  }
  return { returnStatus: '120', returnInfo: info, findings: warnings, tax: assessment.tax };
}

/** Reference rows for these codes on `on`, read once per batch (absent codes are cached as absent). */
async function cachedReference<R>(
  ctx: BatchContext,
  table: string,
  codes: readonly string[],
  on: string,
  load: (codes: string[]) => Promise<Map<string, R>>,
): Promise<Map<string, R>> {
  const key = (code: string) => `${table}|${code}|${on}`;
  const missing = [...new Set(codes)].filter((c) => !ctx.referenceCache.has(key(c)));
  if (missing.length > 0) {
    const loaded = await load(missing);
    for (const code of missing) ctx.referenceCache.set(key(code), loaded.get(code) ?? null);
  }
  const out = new Map<string, R>();
  for (const code of codes) {
    const row = ctx.referenceCache.get(key(code));
    if (row) out.set(code, row as R);
  }
  return out;
}

/** Counts the inventory against the buyer's annual quota, atomically; a finding when it would pass it. */
async function applyQuota(
  ctx: BatchContext,
  inv: CebInventoryRow,
  inventory: SetUnit,
  amount: string,
  limit: string,
): Promise<Finding | null> {
  const year = chinaYear(ctx.now);
  const ok = await ctx.addUsage({ buyerHash: inv.buyer_hash, year, amount, limit });
  if (ok) {
    ctx.usageEntries.push({
      id: newId('cebuse', ctx.now.getTime()),
      buyer_hash: inv.buyer_hash,
      year,
      delta: amount,
      doc_key: inv.doc_key,
      reason: 'accepted',
      at: ctx.now,
    });
    return null;
  }
  const used = await ctx.getUsage(inv.buyer_hash, year);
  const quota = checkAnnualQuota({
    usedCny: used,
    requestCny: amount,
    policy: { ...retailPolicyAt(DEFAULT_RETAIL_POLICIES, ctx.now), annualLimitCny: limit },
    buyerIdNumber: str(inventory.head, 'buyerIdNumber'),
    inventoryRef: inv.invt_no,
  });
  return (
    quota ?? {
      code: '-621018',
      severity: 'error',
      field: '/CEB621Message/Inventory[1]/InventoryHead/buyerIdNumber',
      zh: `清单[${inv.invt_no}]本次购买[${amount}]将超过年度限额[${limit}]`,
      en: `inventory ${inv.invt_no}: this purchase of ${amount} would pass the annual limit of ${limit}`,
    }
  );
}

/** preNo (B + yyyyMMdd + 9 digits) and invtNo (customs area + year + I/E + 9 digits) from a serial. */
export function assignNumbers(at: Date, customsCode: string, ieFlag: 'I' | 'E', serial: number) {
  const s9 = String(serial % 1_000_000_000).padStart(9, '0');
  const day = formatCebTimestamp(at, 'yyyyMMdd');
  return { preNo: `B${day}${s9}`, invtNo: `${customsCode.slice(0, 4)}${day.slice(0, 4)}${ieFlag}${s9}` };
}

/**
 * The 汇总申请编号 of a summary application (CEB702 sumNo, 18 characters): S + the date and serial of
 * the preNo the summary was given, so it is issued once and stays the same through its changes.
 */
export function sumNoOf(preNo: string): string {
  return `S${preNo.slice(1)}`;
}

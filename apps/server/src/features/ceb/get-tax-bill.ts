/**
 * The CEB816 电子税单 of an import inventory: the tax assessment stored when the inventory was accepted
 * (120), per line, written as the official CEB816Message. Visible as the inventory is: enterprises the
 * inventory names, regulators all. The bill is void (status 3) once the inventory was rejected,
 * returned abroad or cancelled.
 */
import { createHash } from 'node:crypto';
import {
  buildCebTaxBill,
  CEB_TAX_BILL_STATUS,
  type CebReceiptJson,
  type CebTaxBillStatus,
} from '@kouan/domain/ceb';
import type { TaxAssessment } from '@kouan/domain/retail-import';
import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import { cebError } from './ceb.errors';
import { visibleCode } from './visibility';

/** Inventory statuses in which the tax is no longer due: the bill is void. */
const VOID_STATUSES: ReadonlySet<string> = new Set(['100', '700', 'cancelled']);

/** A stable CEB guid (36 characters, upper case) for `parts`: the same bill gets the same guid. */
function stableGuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The electronic tax bill number: the inventory number it was assessed for, prefixed. */
export function taxNoOf(invtNo: string): string {
  return `TAX${invtNo}`;
}

export interface TaxBill {
  readonly xml: string;
  readonly json: CebReceiptJson<'CEB816Message'>;
}

export async function getTaxBill(
  deps: { store: Store },
  actor: Actor,
  input: { invtNo: string },
): Promise<TaxBill> {
  const repos = deps.store.repos;
  const code = await visibleCode(repos, actor);
  const inv = await repos.ceb.getInventoryByInvtNo(input.invtNo);
  if (!inv || (code !== undefined && !inv.party_codes.includes(code))) {
    throw cebError('CEB_NOT_FOUND', { what: 'inventory', whatZh: '清单', id: input.invtNo });
  }
  if (inv.tax === null) {
    // Never accepted (waiting for its set, or refused before 120): no tax was assessed.
    throw cebError('CEB_NOT_FOUND', {
      what: 'tax bill of inventory',
      whatZh: '电子税单，清单',
      id: input.invtNo,
    });
  }
  const tax = (typeof inv.tax === 'string' ? JSON.parse(inv.tax) : inv.tax) as TaxAssessment;
  const accepted = (await repos.ceb.statusHistory([inv.doc_key])).filter((h) => h.status === '120').at(-1);
  if (!accepted)
    throw new Error(`inventory ${inv.invt_no} has a tax assessment but was never accepted (120)`);
  const status: CebTaxBillStatus = VOID_STATUSES.has(inv.status)
    ? CEB_TAX_BILL_STATUS.void
    : CEB_TAX_BILL_STATUS.generated;
  const bill = buildCebTaxBill({
    guid: stableGuid('CEB816Message', inv.invt_no, accepted.id, status),
    billGuid: stableGuid('TaxHeadRd', inv.invt_no, accepted.id),
    returnTime: accepted.at,
    invtNo: inv.invt_no,
    taxNo: taxNoOf(inv.invt_no),
    status,
    ebcCode: inv.ebc_code,
    logisticsCode: inv.logistics_code,
    agentCode: inv.agent_code,
    customsCode: inv.customs_code,
    lines: tax.lines.map((l) => ({
      gnum: l.gnum,
      gcode: l.gcode,
      taxPrice: l.taxPrice,
      customsTax: l.customsTax,
      valueAddedTax: l.valueAddedTax,
      consumptionTax: l.consumptionTax,
    })),
  });
  if (!bill.ok) {
    throw new Error(
      `CEB816 of ${inv.invt_no} fails the schema: ${bill.violations.map((v) => v.path).join(', ')}`,
    );
  }
  return { xml: bill.xml, json: bill.json };
}

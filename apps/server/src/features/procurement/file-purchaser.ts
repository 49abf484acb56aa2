import type { Actor } from '../../lib/actor';
import { newId } from '../../lib/ids';
import type { PurchaserFileRow } from './catalogue.repository';
import { procurementError } from './procurement.errors';
import {
  assertActsAs,
  type ProcurementDeps,
  recordChange,
  requireOperator,
  requireParty,
  requirePermission,
} from './procurement-access';

export interface FilePurchaserInput {
  readonly operatorId: string;
  /** A purchaser filed in the parties registry (its name, nationality and passport/ID, encrypted there). */
  readonly purchaserId: string;
  /** 委托代理出口货物协议: its number, the SHA-256 of the signed file, when it was signed and until when. */
  readonly agreement: {
    readonly number: string;
    readonly sha256: string;
    readonly signedOn: string;
    readonly validUntil?: string | undefined;
  };
}

/**
 * An operator keeps a purchaser's file: the purchaser (identity kept, encrypted, in the parties
 * registry) and the export entrustment agreement between them. One file per operator and purchaser.
 */
export async function filePurchaser(
  deps: ProcurementDeps,
  actor: Actor,
  input: FilePurchaserInput,
): Promise<PurchaserFileRow> {
  requirePermission(actor, 'procurement:register');
  assertActsAs(actor, [input.operatorId], { en: 'operator', zh: '经营者', field: 'operatorId' });
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    await requireOperator(repos, input.operatorId, '/operatorId', { customs: false });
    await requireParty(repos, input.purchaserId, 'purchaser', '/purchaserId');
    if (await repos.procurement.catalogue.isBadPurchaser(input.purchaserId)) {
      throw procurementError('PURCHASER_BLOCKED', { id: input.purchaserId }, { field: '/purchaserId' });
    }
    const row: PurchaserFileRow = {
      id: newId('pfile', now.getTime()),
      purchaser_id: input.purchaserId,
      operator_id: input.operatorId,
      agreement_no: input.agreement.number,
      agreement_sha256: input.agreement.sha256,
      signed_on: input.agreement.signedOn,
      valid_until: input.agreement.validUntil ?? null,
      created_at: now,
      created_by: actor.id,
    };
    if (!(await repos.procurement.catalogue.insertPurchaserFile(row))) {
      throw procurementError('PURCHASER_ALREADY_FILED', { id: input.purchaserId }, { field: '/purchaserId' });
    }
    await recordChange(repos, deps.vault, {
      actor,
      at: now,
      kind: 'procurement.purchaser.filed',
      subject: { type: 'procurement_purchaser_file', id: row.id },
      partyIds: [row.operator_id, row.purchaser_id],
      document: row,
    });
    return row;
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createCebBondedStockRepository } from './bonded-stock.repository';
import { createCebBuyerUsageRepository } from './buyer-usage.repository';
import { createCebDocumentsRepository } from './documents.repository';
import { createCebExportInventoriesRepository } from './export-inventories.repository';
import { createCebInventoriesRepository } from './inventories.repository';
import { createCebMessagesRepository } from './messages.repository';
import { createCebReferenceRepository } from './reference.repository';

export type { CebBondedMovementRow } from './bonded-stock.repository';
export type { CebUsageEntryRow } from './buyer-usage.repository';
export type { CebDocumentRow, CebNumberRow } from './documents.repository';
export type { CebExportInventoryRow } from './export-inventories.repository';
export type { CebInventoryRow, CebStatusRow, InventoryFilter } from './inventories.repository';
export type { CebMessageRow, CebReceiptRow } from './messages.repository';
export type { CebPositiveListRow, CebTaxRateRow } from './reference.repository';

/**
 * The CEB repositories, one per table group, bound to one executor and offered to use-cases as
 * one surface (`repos.ceb.…`).
 */
export function createCebRepository(db: Kysely<Database>) {
  return {
    ...createCebMessagesRepository(db),
    ...createCebDocumentsRepository(db),
    ...createCebInventoriesRepository(db),
    ...createCebExportInventoriesRepository(db),
    ...createCebBuyerUsageRepository(db),
    ...createCebReferenceRepository(db),
    ...createCebBondedStockRepository(db),
  };
}

export type CebRepository = ReturnType<typeof createCebRepository>;

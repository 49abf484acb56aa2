import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createCatalogueRepository } from './catalogue.repository';
import { createDeclarationsRepository } from './declarations.repository';
import { createReachRepository } from './reach.repository';
import { createSettlementRepository } from './settlement.repository';
import { createTransactionsRepository } from './transactions.repository';

/** The market procurement repositories, bound to one executor. */
export function createProcurementRepository(db: Kysely<Database>) {
  return {
    catalogue: createCatalogueRepository(db),
    transactions: createTransactionsRepository(db),
    declarations: createDeclarationsRepository(db),
    settlement: createSettlementRepository(db),
    reach: createReachRepository(db),
  };
}

export type ProcurementRepository = ReturnType<typeof createProcurementRepository>;

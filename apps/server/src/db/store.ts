import type { Kysely } from 'kysely';
import { type AuditRepository, createAuditRepository } from '../features/audit/audit.repository';
import { type CebRepository, createCebRepository } from '../features/ceb/ceb.repository';
import {
  createDashboardRepository,
  type DashboardRepository,
} from '../features/dashboard/dashboard.repository';
import {
  createEvidenceRepository,
  type EvidenceRepository,
  type EvidenceSession,
} from '../features/evidence/evidence.repository';
import { EvidenceTip } from '../features/evidence/evidence-tip';
import { createIdentityRepository, type IdentityRepository } from '../features/identity/identity.repository';
import {
  type CertificatesRepository,
  createCertificatesRepository,
} from '../features/parties/certificates.repository';
import { createPartiesRepository, type PartiesRepository } from '../features/parties/parties.repository';
import {
  createProcurementRepository,
  type ProcurementRepository,
} from '../features/procurement/procurement.repository';
import type { Database } from './schema';

/** Every repository, bound to one executor (the pool, or one transaction). */
export interface Repositories {
  readonly identity: IdentityRepository;
  readonly parties: PartiesRepository;
  readonly audit: AuditRepository;
  readonly evidence: EvidenceRepository;
  readonly dashboard: DashboardRepository;
  readonly procurement: ProcurementRepository;
  readonly ceb: CebRepository;
  readonly certificates: CertificatesRepository;
}

/**
 * What use-cases receive instead of the database: repositories for reads, and `transaction` for a
 * state change together with its audit and evidence entries (all or nothing).
 */
export interface Store {
  readonly repos: Repositories;
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}

export function bindRepositories(db: Kysely<Database>, session?: EvidenceSession): Repositories {
  return {
    identity: createIdentityRepository(db),
    parties: createPartiesRepository(db),
    audit: createAuditRepository(db),
    evidence: createEvidenceRepository(db, session),
    dashboard: createDashboardRepository(db),
    procurement: createProcurementRepository(db),
    ceb: createCebRepository(db),
    certificates: createCertificatesRepository(db),
  };
}

export function createStore(db: Kysely<Database>): Store {
  const tip = new EvidenceTip();
  return {
    repos: bindRepositories(db, { tip }),
    async transaction(fn) {
      // Hooks run after COMMIT only: a rolled-back transaction leaves nothing behind in memory either.
      const committed: (() => void)[] = [];
      const result = await db
        .transaction()
        .execute((trx) => fn(bindRepositories(trx, { tip, afterCommit: (hook) => committed.push(hook) })));
      for (const hook of committed) hook();
      return result;
    },
  };
}

import type { Kysely } from 'kysely';
import type { Database, PartyCertificateRevocationsTable, PartyCertificatesTable } from '../../db/schema';

export type CertificateRow = PartyCertificatesTable;
export type RevocationRow = PartyCertificateRevocationsTable;

export interface CertificateWithRevocation {
  readonly certificate: CertificateRow;
  readonly revocation: RevocationRow | null;
}

function joined(row: CertificateRow & Partial<Record<'revoked_at' | 'revoked_by' | 'reason', unknown>>) {
  const { revoked_at, revoked_by, reason, ...certificate } = row as CertificateRow & {
    revoked_at: Date | null;
    revoked_by: string | null;
    reason: string | null;
  };
  return {
    certificate,
    revocation:
      revoked_at === null
        ? null
        : { certificate_id: certificate.id, revoked_at, revoked_by: revoked_by ?? '', reason: reason ?? '' },
  };
}

/** Signing certificates of parties and their revocations (two append-only tables). */
export function createCertificatesRepository(db: Kysely<Database>) {
  const withRevocation = () =>
    db
      .selectFrom('party_certificates as c')
      .leftJoin('party_certificate_revocations as r', 'r.certificate_id', 'c.id')
      .selectAll('c')
      .select(['r.revoked_at', 'r.revoked_by', 'r.reason']);

  return {
    /** Inserts a certificate; a fingerprint already registered comes back as `duplicate`. */
    async insertCertificate(row: CertificateRow): Promise<'inserted' | 'duplicate'> {
      try {
        await db.insertInto('party_certificates').values(row).execute();
        return 'inserted';
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string };
        if (code === '23505' && constraint === 'party_certificates_fingerprint_key') return 'duplicate';
        throw error;
      }
    },

    async findByFingerprint(fingerprint: string): Promise<CertificateRow | undefined> {
      return db
        .selectFrom('party_certificates')
        .selectAll()
        .where('fingerprint', '=', fingerprint)
        .executeTakeFirst();
    },

    async getCertificate(partyId: string, id: string): Promise<CertificateWithRevocation | undefined> {
      const row = await withRevocation()
        .where('c.id', '=', id)
        .where('c.party_id', '=', partyId)
        .executeTakeFirst();
      return row ? joined(row) : undefined;
    },

    /** Locks the certificate row while a revocation is decided (the row itself is never updated). */
    async lockCertificate(id: string): Promise<void> {
      await db.selectFrom('party_certificates').select('id').where('id', '=', id).forUpdate().execute();
    },

    async insertRevocation(row: RevocationRow): Promise<'inserted' | 'duplicate'> {
      try {
        await db.insertInto('party_certificate_revocations').values(row).execute();
        return 'inserted';
      } catch (error) {
        if ((error as { code?: string }).code === '23505') return 'duplicate';
        throw error;
      }
    },

    async countUnrevoked(partyId: string): Promise<number> {
      const row = await db
        .selectFrom('party_certificates as c')
        .leftJoin('party_certificate_revocations as r', 'r.certificate_id', 'c.id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('c.party_id', '=', partyId)
        .where('r.certificate_id', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findForParty(
      partyId: string,
      page: { offset: number; limit: number },
    ): Promise<{ items: CertificateWithRevocation[]; total: number }> {
      const [rows, count] = await Promise.all([
        withRevocation()
          .where('c.party_id', '=', partyId)
          .orderBy('c.registered_at', 'desc')
          .orderBy('c.id', 'desc')
          .offset(page.offset)
          .limit(page.limit)
          .execute(),
        db
          .selectFrom('party_certificates')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('party_id', '=', partyId)
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(joined), total: Number(count.n) };
    },

    /** Every certificate of the given parties, newest first, at most `perPartyLimit` each. */
    async findForParties(
      partyIds: readonly string[],
      perPartyLimit: number,
    ): Promise<CertificateWithRevocation[]> {
      if (partyIds.length === 0) return [];
      const rows = await withRevocation()
        .where('c.party_id', 'in', [...partyIds])
        .orderBy('c.party_id')
        .orderBy('c.registered_at', 'desc')
        .execute();
      const perParty = new Map<string, number>();
      const out: CertificateWithRevocation[] = [];
      for (const row of rows) {
        const n = perParty.get(row.party_id) ?? 0;
        if (n >= perPartyLimit) continue;
        perParty.set(row.party_id, n + 1);
        out.push(joined(row));
      }
      return out;
    },
  };
}

export type CertificatesRepository = ReturnType<typeof createCertificatesRepository>;

import type { RegisteredCertificate } from '@kouan/domain/xmldsig';
import type { Store } from '../../db/store';
import { MAX_UNREVOKED_CERTIFICATES_PER_PARTY } from './register-certificate';

/** Revoked certificates are kept in the answer too, so the checker can say "revoked". */
const MAX_CERTIFICATES_PER_PARTY = MAX_UNREVOKED_CERTIFICATES_PER_PARTY * 2;

/**
 * Every signing certificate registered for these parties — valid, expired, not yet valid and
 * revoked alike — in the shape `verifyCebSignature` takes, so the signature check can say precisely
 * why a certificate cannot be used ("expired" rather than "unknown"). For the CEB intake; not a route.
 */
export async function findSigningCertificates(
  deps: { store: Store },
  partyIds: readonly string[],
): Promise<RegisteredCertificate[]> {
  const rows = await deps.store.repos.certificates.findForParties(
    [...new Set(partyIds)],
    MAX_CERTIFICATES_PER_PARTY,
  );
  return rows.map(({ certificate: c, revocation }) => ({
    id: c.id,
    partyId: c.party_id,
    pem: c.pem,
    serialNumber: c.serial,
    notBefore: c.not_before,
    notAfter: c.not_after,
    algorithm: c.algorithm,
    ...(revocation ? { revokedAt: revocation.revoked_at } : {}),
  }));
}

/** The name the issue brief used; the certificates returned include expired and revoked ones. */
export const findActiveCertificates = findSigningCertificates;

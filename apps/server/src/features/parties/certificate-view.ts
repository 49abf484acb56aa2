import type { CertificateWithRevocation } from './certificates.repository';

export type CertificateStatus = 'valid' | 'expired' | 'not_yet_valid' | 'revoked';

export interface CertificateView {
  readonly id: string;
  readonly partyId: string;
  readonly serialNumber: string;
  readonly subject: string;
  readonly issuer: string;
  readonly algorithm: 'rsa-sha1' | 'sm2-sm3';
  readonly fingerprintSha256Hex: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** At the time of the request. */
  readonly status: CertificateStatus;
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly revocation: { readonly at: string; readonly by: string; readonly reason: string } | null;
  readonly pem: string;
}

export function certificateStatus(row: CertificateWithRevocation, now: Date): CertificateStatus {
  if (row.revocation && row.revocation.revoked_at.getTime() <= now.getTime()) return 'revoked';
  if (row.certificate.not_after.getTime() < now.getTime()) return 'expired';
  if (row.certificate.not_before.getTime() > now.getTime()) return 'not_yet_valid';
  return 'valid';
}

export function toCertificateView(row: CertificateWithRevocation, now: Date): CertificateView {
  const c = row.certificate;
  return {
    ...certificateSnapshot(row),
    status: certificateStatus(row, now),
    registeredAt: c.registered_at.toISOString(),
    registeredBy: c.registered_by,
    revocation: row.revocation
      ? {
          at: row.revocation.revoked_at.toISOString(),
          by: row.revocation.revoked_by,
          reason: row.revocation.reason,
        }
      : null,
    pem: c.pem,
  };
}

/** What the evidence entry commits to (the PEM is identified by its fingerprint). */
export function certificateSnapshot(row: CertificateWithRevocation) {
  const c = row.certificate;
  return {
    id: c.id,
    partyId: c.party_id,
    serialNumber: c.serial,
    subject: c.subject,
    issuer: c.issuer,
    algorithm: c.algorithm,
    fingerprintSha256Hex: c.fingerprint,
    notBefore: c.not_before.toISOString(),
    notAfter: c.not_after.toISOString(),
  };
}

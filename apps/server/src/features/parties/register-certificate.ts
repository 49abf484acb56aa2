import { describeCertificate } from '@kouan/domain/xmldsig';
import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { PiiVault } from '../../lib/pii';
import { recordEvidence } from '../evidence';
import { partyForCertificates } from './certificate-access';
import { type CertificateView, certificateSnapshot, toCertificateView } from './certificate-view';
import { certificateError } from './certificates.errors';
import type { CertificateWithRevocation } from './certificates.repository';
import { partyError } from './parties.errors';

/** Most unrevoked signing certificates one party may hold (renewals overlap; a handful is normal). */
export const MAX_UNREVOKED_CERTIFICATES_PER_PARTY = 20;

/**
 * Registers a signing certificate (X.509 v3, RSA or SM2) for a party's CEB message signatures.
 * Refuses an unreadable PEM, an expired certificate and one already registered (by fingerprint, for
 * any party). The certificate, its audit entry and its evidence entry are written together.
 */
export async function registerCertificate(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  input: { partyId: string; pem: string },
): Promise<CertificateView> {
  const described = describeCertificate(input.pem);
  if ('error' in described) {
    throw certificateError('CERTIFICATE_UNREADABLE', described.error, { field: '/pem' });
  }
  const now = deps.clock.now();
  if (described.notAfter.getTime() < now.getTime()) {
    throw certificateError(
      'CERTIFICATE_EXPIRED',
      { serial: described.serialNumber, notAfter: described.notAfter.toISOString() },
      { field: '/pem' },
    );
  }
  return deps.store.transaction(async (repos) => {
    const party = await partyForCertificates(repos, actor, input.partyId, { forUpdate: true });
    if (party.status === 'revoked')
      throw partyError('PARTY_INACTIVE', { id: party.id, status: party.status });
    const duplicate = () =>
      certificateError(
        'CERTIFICATE_DUPLICATE',
        { fingerprint: described.fingerprintSha256Hex },
        { field: '/pem' },
      );
    if (await repos.certificates.findByFingerprint(described.fingerprintSha256Hex)) throw duplicate();
    if ((await repos.certificates.countUnrevoked(party.id)) >= MAX_UNREVOKED_CERTIFICATES_PER_PARTY) {
      throw certificateError('CERTIFICATE_LIMIT_REACHED', { limit: MAX_UNREVOKED_CERTIFICATES_PER_PARTY });
    }
    const row: CertificateWithRevocation = {
      certificate: {
        id: newId('cert', now.getTime()),
        party_id: party.id,
        serial: described.serialNumber,
        subject: described.subject,
        issuer: described.issuer,
        algorithm: described.algorithm,
        pem: input.pem.trim(),
        fingerprint: described.fingerprintSha256Hex,
        not_before: described.notBefore,
        not_after: described.notAfter,
        registered_by: actor.id,
        registered_at: now,
      },
      revocation: null,
    };
    if ((await repos.certificates.insertCertificate(row.certificate)) === 'duplicate') throw duplicate();
    const snapshot = certificateSnapshot(row);
    await repos.audit.record({
      at: now,
      actor,
      action: 'party.certificate.registered',
      targetType: 'party_certificate',
      targetId: row.certificate.id,
      details: snapshot,
    });
    await recordEvidence({ evidence: repos.evidence, vault: deps.vault }, [
      {
        kind: 'party.certificate.registered',
        subject: { type: 'party_certificate', id: row.certificate.id },
        actor,
        at: now,
        partyIds: [party.id],
        document: snapshot,
      },
    ]);
    return toCertificateView(row, now);
  });
}

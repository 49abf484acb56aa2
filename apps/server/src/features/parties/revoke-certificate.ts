import type { Store } from '../../db/store';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { PiiVault } from '../../lib/pii';
import { recordEvidence } from '../evidence';
import { partyForCertificates } from './certificate-access';
import { type CertificateView, certificateSnapshot, toCertificateView } from './certificate-view';
import { certificateError } from './certificates.errors';

/**
 * Revokes a signing certificate from now on: a revocation row is appended (the certificate row is
 * never edited), with its audit and evidence entries. Messages signed with it are refused afterwards
 * as `certificate_revoked`. A reason is required.
 */
export async function revokeCertificate(
  deps: { store: Store; vault: PiiVault; clock: Clock },
  actor: Actor,
  input: { partyId: string; certificateId: string; reason: string },
): Promise<CertificateView> {
  const now = deps.clock.now();
  const reason = input.reason.trim();
  return deps.store.transaction(async (repos) => {
    await partyForCertificates(repos, actor, input.partyId, { forUpdate: false });
    await repos.certificates.lockCertificate(input.certificateId);
    const row = await repos.certificates.getCertificate(input.partyId, input.certificateId);
    if (!row)
      throw certificateError('CERTIFICATE_NOT_FOUND', { partyId: input.partyId, id: input.certificateId });
    const already = () =>
      certificateError('CERTIFICATE_ALREADY_REVOKED', {
        id: input.certificateId,
        at: (row.revocation?.revoked_at ?? now).toISOString(),
      });
    if (row.revocation) throw already();
    const revocation = { certificate_id: row.certificate.id, revoked_at: now, revoked_by: actor.id, reason };
    if ((await repos.certificates.insertRevocation(revocation)) === 'duplicate') throw already();
    const details = { ...certificateSnapshot(row), reason };
    await repos.audit.record({
      at: now,
      actor,
      action: 'party.certificate.revoked',
      targetType: 'party_certificate',
      targetId: row.certificate.id,
      details,
    });
    await recordEvidence({ evidence: repos.evidence, vault: deps.vault }, [
      {
        kind: 'party.certificate.revoked',
        subject: { type: 'party_certificate', id: row.certificate.id },
        actor,
        at: now,
        partyIds: [row.certificate.party_id],
        document: details,
      },
    ]);
    return toCertificateView({ ...row, revocation }, now);
  });
}

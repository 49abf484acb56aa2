/**
 * The closed vocabulary of evidence events. Features add kinds here as they come; a kind is never
 * renamed or removed once entries of it exist (the name is inside the signed leaf bytes).
 */
export const EVIDENCE_KINDS = [
  'party.filed',
  'party.recognition.applied',
  'party.recognised',
  'party.recognition.refused',
  'party.suspended',
  'party.reinstated',
  'party.revoked',
  'zone.published',
  'message.accepted',
  'receipt.issued',
  'status.changed',
  'list.entry.added',
  'list.entry.removed',
  'decision.taken',
  'party.certificate.registered',
  'party.certificate.revoked',
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

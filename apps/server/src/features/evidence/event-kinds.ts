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
  'procurement.product.listed',
  'procurement.purchaser.filed',
  'procurement.bad_purchaser.added',
  'procurement.bad_purchaser.removed',
  'procurement.transaction.registered',
  'procurement.transaction.status_changed',
  'procurement.container.packed',
  'procurement.exchange_rate.recorded',
  'procurement.hs_rule.changed',
  'procurement.declaration.generated',
  'procurement.declaration.clearance_recorded',
  'procurement.fx.collected',
  'procurement.vat.filing_generated',
  'procurement.vat.filing_declared',
  'party.certificate.registered',
  'party.certificate.revoked',
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

import type { CebErrorCode } from '../features/ceb/ceb.errors';
import type { EvidenceApiErrorCode } from '../features/evidence/evidence.errors';
import type { IdentityErrorCode } from '../features/identity/identity.errors';
import type { CertificateErrorCode } from '../features/parties/certificates.errors';
import type { PartyErrorCode } from '../features/parties/parties.errors';
import type { CommonErrorCode } from '../lib/errors.common';

export type ErrorCode =
  | CommonErrorCode
  | IdentityErrorCode
  | PartyErrorCode
  | EvidenceApiErrorCode
  | CebErrorCode
  | CertificateErrorCode;

/** The one table from error code to HTTP status. Every code must appear (the type checks it). */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_BODY: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL_ERROR: 500,
  LOGIN_FAILED: 401,
  ACCOUNT_DISABLED: 403,
  API_KEY_NOT_FOUND: 404,
  API_KEY_SCOPE: 400,
  PARTY_NOT_FOUND: 404,
  PARTY_IDENTIFIER_INVALID: 422,
  PARTY_FIELD_REQUIRED: 422,
  PARTY_FIELD_NOT_ALLOWED: 422,
  PARTY_DUPLICATE: 409,
  PARTY_INACTIVE: 409,
  PARTY_STATUS_TRANSITION: 409,
  PARTY_ALREADY_LINKED: 409,
  ZONE_NOT_FOUND: 422,
  ZONE_NOT_EFFECTIVE: 422,
  ZONE_DUPLICATE: 409,
  RECOGNITION_NOT_APPLICABLE: 409,
  RECOGNITION_ALREADY_PENDING: 409,
  RECOGNITION_ALREADY_GRANTED: 409,
  RECOGNITION_NOT_PENDING: 409,
  EVIDENCE_ENTRY_NOT_FOUND: 404,
  EVIDENCE_TREE_SIZE: 422,
  EVIDENCE_NO_CHECKPOINT: 409,
  CEB_NOT_FOUND: 404,
  CEB_STATUS_TRANSITION: 409,
  CEB_CONCURRENT_CHANGE: 409,
  CEB_SENDER_NOT_ENTERPRISE: 403,
  CEB_REFERENCE_INVALID: 422,
  CEB_BONDED_STOCK_INVALID: 422,
  CERTIFICATE_UNREADABLE: 422,
  CERTIFICATE_EXPIRED: 422,
  CERTIFICATE_DUPLICATE: 409,
  CERTIFICATE_LIMIT_REACHED: 409,
  CERTIFICATE_NOT_FOUND: 404,
  CERTIFICATE_ALREADY_REVOKED: 409,
};

export function statusOf(code: string): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? 500;
}

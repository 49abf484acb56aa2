/**
 * XML signatures of CEB messages (spec §6): canonical XML, SM3/SM2 and RSA-SHA1, X.509 certificates,
 * verification with precise failure reasons, and signing for the demo and tests.
 */
export type { C14nMethod, CebDigestAlgorithm, CebSignatureAlgorithm } from './algorithms';
export {
  C14N_URI,
  C14N_WITH_COMMENTS_URI,
  ENVELOPED_SIGNATURE_URI,
  EXC_C14N_URI,
  EXC_C14N_WITH_COMMENTS_URI,
  RSA_SHA1_URI,
  SHA1_URI,
  SM2_SM3_URI,
  SM3_URI,
  XMLDSIG_NS,
} from './algorithms';
export type { C14nOptions } from './c14n';
export { canonicalizeDocument, canonicalizeElement } from './c14n';
export type {
  CertificateDescription,
  CertificateError,
  ParsedCertificate,
  SelfSignedCertificate,
  SelfSignedInput,
} from './certificates';
export {
  createSelfSignedCertificate,
  describeCertificate,
  parseCertificate,
  parsePrivateKey,
} from './certificates';
export type { XDocument, XElement, XmlReadResult, XNode } from './dom';
export { readXmlDocument, XMLDSIG_MAX_DEPTH, XMLDSIG_MAX_ELEMENTS } from './dom';
export type { SignatureFailureDetails, SignatureFailureReason } from './failures';
export { SIGNATURE_DETAIL_NAMES, SIGNATURE_FAILURE_REASON_NAMES, signatureFailureCode } from './failures';
export type { SignCebXmlInput } from './sign';
export { signCebXml } from './sign';
export type { Sm2Point, Sm2Signature } from './sm2';
export {
  decodeSm2Signature,
  encodeSm2Signature,
  SM2_DEFAULT_USER_ID,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm2ZValue,
} from './sm2';
export { sm3 } from './sm3';
export type { RegisteredCertificate, SignatureCheck, VerifyCebSignatureInput } from './verify';
export { verifyCebSignature } from './verify';

import { type DomainError, errorCatalogue } from '../../lib/errors';

export type CertificateErrorCode =
  | 'CERTIFICATE_UNREADABLE'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_DUPLICATE'
  | 'CERTIFICATE_LIMIT_REACHED'
  | 'CERTIFICATE_NOT_FOUND'
  | 'CERTIFICATE_ALREADY_REVOKED';

type P = Record<string, string | number>;

export const certificateError = errorCatalogue<CertificateErrorCode, P>({
  CERTIFICATE_UNREADABLE: (p) => ({
    zh: `pem 字段不是可用的签名证书：${p.zh}`,
    en: `pem is not a usable signing certificate: ${p.en}`,
  }),
  CERTIFICATE_EXPIRED: (p) => ({
    zh: `pem 字段的证书（序列号 ${p.serial}）已于 ${p.notAfter} 过期，不能登记`,
    en: `the certificate in pem (serial ${p.serial}) expired at ${p.notAfter} and cannot be registered`,
  }),
  CERTIFICATE_DUPLICATE: (p) => ({
    zh: `pem 字段的证书（SHA-256 指纹 ${p.fingerprint}）已登记过`,
    en: `the certificate in pem (SHA-256 fingerprint ${p.fingerprint}) is already registered`,
  }),
  CERTIFICATE_LIMIT_REACHED: (p) => ({
    zh: `主体已有 ${p.limit} 张未注销的签名证书，请先注销不再使用的证书`,
    en: `the party already has ${p.limit} unrevoked signing certificates; revoke those no longer used first`,
  }),
  CERTIFICATE_NOT_FOUND: (p) => ({
    zh: `主体 ${p.partyId} 没有编号为 ${p.id} 的签名证书`,
    en: `party ${p.partyId} has no signing certificate ${p.id}`,
  }),
  CERTIFICATE_ALREADY_REVOKED: (p) => ({
    zh: `签名证书 ${p.id} 已于 ${p.at} 注销`,
    en: `signing certificate ${p.id} was already revoked at ${p.at}`,
  }),
});

export type CertificateError = DomainError<CertificateErrorCode>;

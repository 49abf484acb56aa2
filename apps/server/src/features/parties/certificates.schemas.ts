import { Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/common.schemas';

/** A PEM certificate is ~1–3 KB; 16 KB leaves room for long subjects and extensions. */
export const MAX_CERTIFICATE_PEM_CHARS = 16_384;

export const RegisterCertificateBody = Type.Object(
  {
    pem: Type.String({
      minLength: 1,
      maxLength: MAX_CERTIFICATE_PEM_CHARS,
      description: 'X.509 v3 签名证书 PEM（RSA 或 SM2）/ X.509 v3 signing certificate, PEM (RSA or SM2)',
    }),
  },
  { additionalProperties: false },
);

export const RevokeCertificateBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: '注销原因 / reason' }) },
  { additionalProperties: false },
);

export const CertificateParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  certId: Type.String({ maxLength: 64 }),
});

export const FindCertificatesQuery = Type.Object(PageQuery, { additionalProperties: false });

export const CertificateViewSchema = Type.Object({
  id: Type.String(),
  partyId: Type.String(),
  serialNumber: Type.String({ description: 'hex, upper case' }),
  subject: Type.String(),
  issuer: Type.String(),
  algorithm: Type.Union([Type.Literal('rsa-sha1'), Type.Literal('sm2-sm3')]),
  fingerprintSha256Hex: Type.String(),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time' }),
  status: Type.Union([
    Type.Literal('valid'),
    Type.Literal('expired'),
    Type.Literal('not_yet_valid'),
    Type.Literal('revoked'),
  ]),
  registeredAt: Type.String({ format: 'date-time' }),
  registeredBy: Type.String(),
  revocation: Type.Union([
    Type.Object({ at: Type.String({ format: 'date-time' }), by: Type.String(), reason: Type.String() }),
    Type.Null(),
  ]),
  pem: Type.String(),
});

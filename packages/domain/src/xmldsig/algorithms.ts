/** The algorithm identifiers of CEB message signatures (spec §6.2) and the C14N variants accepted. */

export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export const C14N_URI = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const C14N_WITH_COMMENTS_URI = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments';
export const EXC_C14N_URI = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const EXC_C14N_WITH_COMMENTS_URI = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
export const ENVELOPED_SIGNATURE_URI = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Spec §6.2.1.2: 国密算法（首选） and 通用算法. */
export const SM2_SM3_URI = 'http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3';
export const RSA_SHA1_URI = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
/** Spec §6.2.1.3.2. */
export const SM3_URI = 'http://www.chinaport.gov.cn/2022/04/xmldsig#sm3';
export const SHA1_URI = 'http://www.w3.org/2000/09/xmldsig#sha1';

export type CebSignatureAlgorithm = 'rsa-sha1' | 'sm2-sm3';
export type CebDigestAlgorithm = 'sha1' | 'sm3';

export interface C14nMethod {
  readonly exclusive: boolean;
  readonly withComments: boolean;
}

export const C14N_METHODS: Readonly<Record<string, C14nMethod>> = {
  [C14N_URI]: { exclusive: false, withComments: false },
  [C14N_WITH_COMMENTS_URI]: { exclusive: false, withComments: true },
  [EXC_C14N_URI]: { exclusive: true, withComments: false },
  [EXC_C14N_WITH_COMMENTS_URI]: { exclusive: true, withComments: true },
};

export const SIGNATURE_METHODS: Readonly<Record<string, CebSignatureAlgorithm>> = {
  [SM2_SM3_URI]: 'sm2-sm3',
  [RSA_SHA1_URI]: 'rsa-sha1',
};

export const DIGEST_METHODS: Readonly<Record<string, CebDigestAlgorithm>> = {
  [SM3_URI]: 'sm3',
  [SHA1_URI]: 'sha1',
};

export const SIGNATURE_METHOD_URI: Readonly<Record<CebSignatureAlgorithm, string>> = {
  'sm2-sm3': SM2_SM3_URI,
  'rsa-sha1': RSA_SHA1_URI,
};

export const DIGEST_METHOD_URI: Readonly<Record<CebDigestAlgorithm, string>> = {
  sm3: SM3_URI,
  sha1: SHA1_URI,
};

/** The digest the spec pairs with each signature method. */
export const DIGEST_FOR: Readonly<Record<CebSignatureAlgorithm, CebDigestAlgorithm>> = {
  'sm2-sm3': 'sm3',
  'rsa-sha1': 'sha1',
};

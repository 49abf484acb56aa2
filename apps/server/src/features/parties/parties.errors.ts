import { type DomainError, errorCatalogue } from '../../lib/errors';

export type PartyErrorCode =
  | 'PARTY_NOT_FOUND'
  | 'PARTY_IDENTIFIER_INVALID'
  | 'PARTY_FIELD_REQUIRED'
  | 'PARTY_FIELD_NOT_ALLOWED'
  | 'PARTY_DUPLICATE'
  | 'PARTY_INACTIVE'
  | 'PARTY_STATUS_TRANSITION'
  | 'PARTY_ALREADY_LINKED'
  | 'ZONE_NOT_FOUND'
  | 'PARTY_OUTSIDE_DISTRICT'
  | 'ZONE_NOT_EFFECTIVE'
  | 'ZONE_DUPLICATE'
  | 'RECOGNITION_NOT_APPLICABLE'
  | 'RECOGNITION_ALREADY_PENDING'
  | 'RECOGNITION_ALREADY_GRANTED'
  | 'RECOGNITION_NOT_PENDING';

type P = Record<string, string | number>;

export const partyError = errorCatalogue<PartyErrorCode, P>({
  PARTY_NOT_FOUND: (p) => ({
    zh: `主体 ${p.id} 不存在或无权访问`,
    en: `party ${p.id} does not exist or is not visible to you`,
  }),
  PARTY_IDENTIFIER_INVALID: (p) => ({ zh: `${p.field}：${p.zh}`, en: `${p.field}: ${p.en}` }),
  PARTY_FIELD_REQUIRED: (p) => ({
    zh: `${p.kindZh}必须填写 ${p.field}`,
    en: `${p.field} is required for ${p.kindEn}`,
  }),
  PARTY_FIELD_NOT_ALLOWED: (p) => ({
    zh: `${p.kindZh}不应填写 ${p.field}：${p.whyZh}`,
    en: `${p.field} must not be given for ${p.kindEn}: ${p.whyEn}`,
  }),
  PARTY_DUPLICATE: (p) => ({
    zh: `同类主体中已存在相同的 ${p.field}${p.existing}`,
    en: `a ${p.kind} party with the same ${p.field} is already filed${p.existing}`,
  }),
  PARTY_INACTIVE: (p) => ({
    zh: `主体 ${p.id} 当前状态为 ${p.status}，不能办理此业务`,
    en: `party ${p.id} is ${p.status} and cannot be used`,
  }),
  PARTY_STATUS_TRANSITION: (p) => ({
    zh: `主体状态不能从 ${p.from} 变更为 ${p.to}`,
    en: `party status cannot change from ${p.from} to ${p.to}`,
  }),
  PARTY_ALREADY_LINKED: () => ({
    zh: '本企业已备案自身主体信息，请勿重复备案',
    en: 'your organisation has already filed its own party record',
  }),
  PARTY_OUTSIDE_DISTRICT: (p) => ({
    zh: `${p.field}：该主体属于区县 ${p.district}，不在本机关辖区 ${p.own} 内，不能由本机关备案`,
    en: `${p.field}: the party belongs to district ${p.district}, outside your jurisdiction ${p.own}; you cannot file it`,
  }),
  ZONE_NOT_FOUND: (p) => ({
    zh: `市场集聚区 ${p.id} 不存在`,
    en: `market cluster zone ${p.id} does not exist`,
  }),
  ZONE_NOT_EFFECTIVE: (p) => ({
    zh: `市场集聚区 ${p.id} 在 ${p.date} 不在有效期内`,
    en: `market cluster zone ${p.id} is not in effect on ${p.date}`,
  }),
  ZONE_DUPLICATE: (p) => ({
    zh: `市场集聚区编码 ${p.code} 已存在`,
    en: `market cluster zone code ${p.code} already exists`,
  }),
  RECOGNITION_NOT_APPLICABLE: (p) => ({
    zh: `只有市场采购贸易经营者需要认定，该主体类型为 ${p.kind}`,
    en: `only market-procurement trade operators are recognised; this party is a ${p.kind}`,
  }),
  RECOGNITION_ALREADY_PENDING: () => ({
    zh: '已有待审核的认定申请',
    en: 'a recognition application is already pending',
  }),
  RECOGNITION_ALREADY_GRANTED: () => ({ zh: '该经营者已获认定', en: 'this operator is already recognised' }),
  RECOGNITION_NOT_PENDING: () => ({
    zh: '没有待审核的认定申请',
    en: 'there is no pending recognition application',
  }),
});

export type PartyError = DomainError<PartyErrorCode>;

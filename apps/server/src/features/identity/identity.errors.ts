import { type DomainError, errorCatalogue } from '../../lib/errors';

export type IdentityErrorCode = 'LOGIN_FAILED' | 'ACCOUNT_DISABLED' | 'API_KEY_NOT_FOUND' | 'API_KEY_SCOPE';

export const identityError = errorCatalogue<IdentityErrorCode>({
  LOGIN_FAILED: () => ({ zh: '用户名或密码错误', en: 'wrong username or password' }),
  ACCOUNT_DISABLED: () => ({ zh: '账号已停用', en: 'this account is disabled' }),
  API_KEY_NOT_FOUND: () => ({
    zh: '未找到该 API 密钥，或已被吊销',
    en: 'no such API key for your organisation, or it was already revoked',
  }),
  API_KEY_SCOPE: () => ({
    zh: 'API 密钥只能签发给企业，每个密钥限定一个企业',
    en: 'API keys are issued to enterprises only, each scoped to one enterprise',
  }),
});

export type IdentityError = DomainError<IdentityErrorCode>;

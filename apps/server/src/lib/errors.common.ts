import { type DomainError, errorCatalogue } from './errors';

export type CommonErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_BODY'
  | 'BODY_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_ERROR';

/** `reason` is English; `reasonZh` its Chinese (schema-validator reasons exist in English only). */
type P = { field?: string; reason?: string; reasonZh?: string; permission?: string; what?: string };

const zhReason = (p: P) => p.reasonZh ?? p.reason ?? '';

export const commonError = errorCatalogue<CommonErrorCode, P>({
  VALIDATION_FAILED: (p) => ({
    zh: `请求字段 ${p.field ?? ''} 不合法：${zhReason(p)}`,
    en: `request field ${p.field ?? ''} is invalid: ${p.reason ?? ''}`,
  }),
  MALFORMED_BODY: (p) => ({
    zh: `请求体无法解析：${zhReason(p)}`,
    en: `request body could not be parsed: ${p.reason ?? ''}`,
  }),
  BODY_TOO_LARGE: () => ({ zh: '请求体超过大小限制', en: 'request body exceeds the size limit' }),
  UNSUPPORTED_MEDIA_TYPE: (p) => ({
    zh: `不支持的内容类型 ${p.what ?? ''}`,
    en: `unsupported content type ${p.what ?? ''}`,
  }),
  ROUTE_NOT_FOUND: (p) => ({ zh: `接口不存在：${p.what ?? ''}`, en: `no such endpoint: ${p.what ?? ''}` }),
  UNAUTHENTICATED: (p) => ({
    zh: `未登录或凭证无效${p.reason ? `：${zhReason(p)}` : ''}`,
    en: `not signed in or credentials invalid${p.reason ? `: ${p.reason}` : ''}`,
  }),
  FORBIDDEN: (p) => ({
    zh: `无权执行此操作${p.permission ? `（需要权限 ${p.permission}）` : ''}`,
    en: `not allowed${p.permission ? ` (requires permission ${p.permission})` : ''}`,
  }),
  NOT_FOUND: (p) => ({ zh: `未找到${p.what ?? '记录'}`, en: `${p.what ?? 'record'} not found` }),
  CONFLICT: (p) => ({ zh: `操作冲突：${zhReason(p)}`, en: `conflict: ${p.reason ?? ''}` }),
  INTERNAL_ERROR: () => ({
    zh: '服务器内部错误，已记录，请凭请求编号联系管理员',
    en: 'internal error; it has been logged, quote the request id to the administrator',
  }),
});

export type CommonError = DomainError<CommonErrorCode>;

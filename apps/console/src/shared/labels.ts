import { EVIDENCE_KIND_NAMES, EVIDENCE_SUBJECT_NAMES } from '@kouan/domain/evidence/event-kinds';
import type { Lang } from '../app/i18n';

type Names = Record<string, { zh: string; en: string }>;

export const PARTY_KIND_NAMES: Names = {
  supplier: { zh: '供货商（市场经营户）', en: 'Supplier (market stall)' },
  purchaser: { zh: '采购商', en: 'Purchaser' },
  trade_operator: { zh: '市场采购贸易经营者', en: 'Trade operator' },
  customs_broker: { zh: '报关企业', en: 'Customs broker' },
  manufacturer: { zh: '生产企业', en: 'Manufacturer' },
  ebp: { zh: '电商平台', en: 'E-commerce platform' },
  ebc: { zh: '电商企业', en: 'E-commerce enterprise' },
  logistics: { zh: '物流企业', en: 'Logistics enterprise' },
  payment: { zh: '支付企业', en: 'Payment enterprise' },
  bonded_warehouse: { zh: '保税仓库/监管场所', en: 'Bonded warehouse' },
  consumer: { zh: '订购人', en: 'Consumer' },
};

export const PARTY_STATUS_NAMES: Names = {
  active: { zh: '正常', en: 'Active' },
  suspended: { zh: '暂停', en: 'Suspended' },
  revoked: { zh: '撤销', en: 'Revoked' },
};

export const RECOGNITION_NAMES: Names = {
  pending: { zh: '待认定', en: 'Pending' },
  recognised: { zh: '已认定', en: 'Recognised' },
  refused: { zh: '不予认定', en: 'Refused' },
  none: { zh: '未申请', en: 'Not applied' },
};

/** The label of a code in the current language; the code itself when unknown. */
export function nameOf(names: Names, key: string | null | undefined, lang: Lang): string {
  if (key === null || key === undefined) return '—';
  return names[key]?.[lang] ?? key;
}

/** `{ value: { text } }` for ProTable select filters. */
export function valueEnum(names: Names, lang: Lang): Record<string, { text: string }> {
  return Object.fromEntries(Object.entries(names).map(([key, v]) => [key, { text: v[lang] }]));
}

export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** An evidence event kind's name (message.accepted → 报文接收); the kind itself when unknown. */
export function kindName(kind: string, lang: Lang): string {
  return nameOf(EVIDENCE_KIND_NAMES, kind, lang);
}

/** An evidence subject type's name (ceb_inventory → 跨境电商清单); the type itself when unknown. */
export function subjectName(type: string, lang: Lang): string {
  return nameOf(EVIDENCE_SUBJECT_NAMES, type, lang);
}

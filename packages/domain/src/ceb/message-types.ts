import { CEB_EXPORT_SCHEMA, CEB_IMPORT_SCHEMA } from './schema/generated';
import type { CebMessageDataMap } from './schema/generated-types';
import type { CebSchemaName, XsdSchema } from './schema/schema-types';

/** Declarations Kouan accepts on the import side (enterprise → customs). */
export const CEB_IMPORT_DECLARATION_TYPES = [
  'CEB311Message',
  'CEB411Message',
  'CEB511Message',
  'CEB513Message',
  'CEB621Message',
  'CEB623Message',
  'CEB625Message',
  'CEB711Message',
] as const;

/** Declarations Kouan accepts on the export side. */
export const CEB_EXPORT_DECLARATION_TYPES = [
  'CEB303Message',
  'CEB403Message',
  'CEB505Message',
  'CEB507Message',
  'CEB509Message',
  'CEB603Message',
  'CEB605Message',
  'CEB607Message',
  'CEB701Message',
] as const;

export type CebImportDeclarationType = (typeof CEB_IMPORT_DECLARATION_TYPES)[number];
export type CebExportDeclarationType = (typeof CEB_EXPORT_DECLARATION_TYPES)[number];
export type CebDeclarationType = CebImportDeclarationType | CebExportDeclarationType;

/** Each accepted declaration and the receipt the spec pairs with it (message number + 1). */
export const CEB_RECEIPT_TYPE_FOR = {
  CEB311Message: 'CEB312Message',
  CEB411Message: 'CEB412Message',
  CEB511Message: 'CEB512Message',
  CEB513Message: 'CEB514Message',
  CEB621Message: 'CEB622Message',
  CEB623Message: 'CEB624Message',
  CEB625Message: 'CEB626Message',
  CEB711Message: 'CEB712Message',
  CEB303Message: 'CEB304Message',
  CEB403Message: 'CEB404Message',
  CEB505Message: 'CEB506Message',
  CEB507Message: 'CEB508Message',
  CEB509Message: 'CEB510Message',
  CEB603Message: 'CEB604Message',
  CEB605Message: 'CEB606Message',
  CEB607Message: 'CEB608Message',
  CEB701Message: 'CEB702Message',
} as const satisfies Record<CebDeclarationType, string>;

export type CebBusinessReceiptType = (typeof CEB_RECEIPT_TYPE_FOR)[CebDeclarationType];
/** CEB900Message: the format-check receipt (报文格式校验回执) defined in the import XSD and spec §3.19. */
export type CebReceiptType = CebBusinessReceiptType | 'CEB900Message';

/**
 * Every root element of either XSD (also CEB213/215 export returns, CEB792, CEB816/818 customs-issued
 * messages): the parser recognises them all; callers decide which ones they accept.
 */
export type CebMessageType = keyof CebMessageDataMap;

const SCHEMA_OF = new Map<string, CebSchemaName>([
  ...CEB_IMPORT_SCHEMA.roots.map((r) => [r, 'import'] as const),
  ...CEB_EXPORT_SCHEMA.roots.map((r) => [r, 'export'] as const),
]);

export function isCebMessageType(name: string): name is CebMessageType {
  return SCHEMA_OF.has(name);
}

export function isCebDeclarationType(name: string): name is CebDeclarationType {
  return name in CEB_RECEIPT_TYPE_FOR;
}

/** The XSD a root message belongs to; root names are unique across the two XSDs. */
export function schemaNameOf(messageType: string): CebSchemaName | undefined {
  return SCHEMA_OF.get(messageType);
}

export function schemaFor(name: CebSchemaName): XsdSchema {
  return name === 'import' ? CEB_IMPORT_SCHEMA : CEB_EXPORT_SCHEMA;
}

/**
 * Shape of the schema model that `generate.ts` derives from the official 2022-05 CEB XSDs.
 * The data itself lives in `generated.ts` (pure data, regenerated, never edited by hand).
 */

export const CEB_NAMESPACE = 'http://www.chinaport.gov.cn/ceb';
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Which of the two official business-node XSDs a message type comes from. */
export type CebSchemaName = 'import' | 'export';

export type XsdBase = 'string' | 'decimal' | 'int';
export type XsdWhiteSpace = 'preserve' | 'replace' | 'collapse';

/** A restricted simple type (all CEB simple types are anonymous restrictions of xs:string/decimal/int). */
export interface XsdSimpleType {
  readonly base: XsdBase;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  readonly patterns?: readonly string[];
  readonly enumeration?: readonly string[];
  readonly whiteSpace?: XsdWhiteSpace;
}

/**
 * One element of an `xs:sequence`. `min`/`max` default to 1; `max: 'unbounded'` as in the XSD.
 * kind `simple`: text content of simple type `type` (key of `simpleTypes`).
 * kind `complex`: element content described by `complexTypes[type]`.
 * kind `signature`: `ds:Signature` from xmldsig-core-schema.xsd.
 * kind `any`: `xs:any processContents="skip"` (ExtendMessage/Message).
 */
export interface XsdParticle {
  readonly name: string;
  readonly kind: 'simple' | 'complex' | 'signature' | 'any';
  readonly type: string;
  readonly min?: number;
  readonly max?: number | 'unbounded';
}

export interface XsdAttribute {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
}

export interface XsdComplexType {
  readonly children: readonly XsdParticle[];
  readonly attributes?: readonly XsdAttribute[];
}

export interface XsdSchema {
  readonly source: string;
  readonly namespace: string;
  /** Global message elements (root elements) defined by this XSD, in XSD order. */
  readonly roots: readonly string[];
  readonly simpleTypes: Readonly<Record<string, XsdSimpleType>>;
  /** Keyed by global element name, or `Parent.child` for anonymous local complex elements. */
  readonly complexTypes: Readonly<Record<string, XsdComplexType>>;
  /** xs:documentation text, keyed by complex type key, `Owner/child` or `Owner/@attribute`. */
  readonly docs: Readonly<Record<string, string>>;
}

/**
 * Derives the CEB schema model from the official 2022-05 XSDs and writes `generated.ts`.
 *
 *   npx tsx packages/domain/src/ceb/schema/generate.ts [xsdDir]
 *
 * xsdDir defaults to ./official (the official XSDs committed beside this file). The XSDs are trusted input (official files), so the
 * permissive fast-xml-parser is fine here; message bodies go through the strict reader in xml-reader.ts.
 * The output is formatted with Biome so that `biome check` passes on the committed file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import type { XsdAttribute, XsdComplexType, XsdParticle, XsdSchema, XsdSimpleType } from './schema-types';

type XNode = Record<string, unknown>;

const here = dirname(fileURLToPath(import.meta.url));
const CEB_NS = 'http://www.chinaport.gov.cn/ceb';

function tagOf(node: XNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function attrOf(node: XNode, name: string): string | undefined {
  const attrs = node[':@'] as Record<string, string> | undefined;
  return attrs?.[name];
}

function kidsOf(node: XNode): XNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XNode[]) : [];
}

function kid(node: XNode, tag: string): XNode | undefined {
  return kidsOf(node).find((k) => tagOf(k) === tag);
}

function textOf(node: XNode): string {
  return kidsOf(node)
    .map((k) => (typeof k['#text'] === 'string' ? k['#text'] : textOf(k)))
    .join('');
}

function docOf(node: XNode): string | undefined {
  const doc = kid(kid(node, 'xs:annotation') ?? {}, 'xs:documentation');
  if (!doc) return undefined;
  const text = textOf(doc).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

function simpleKey(t: XsdSimpleType): string {
  let key: string = t.base;
  if (t.length !== undefined) key += `[${t.length}]`;
  else if (t.minLength !== undefined || t.maxLength !== undefined)
    key += `[${t.minLength ?? ''}..${t.maxLength ?? ''}]`;
  if (t.totalDigits !== undefined)
    key += t.fractionDigits === undefined ? `(${t.totalDigits})` : `(${t.totalDigits},${t.fractionDigits})`;
  else if (t.fractionDigits !== undefined) key += `(,${t.fractionDigits})`;
  if (t.whiteSpace !== undefined) key += `/${t.whiteSpace}`;
  if (t.patterns !== undefined) key += `/pattern:${t.patterns.join('|')}`;
  if (t.enumeration !== undefined) key += `/enum:${t.enumeration.join('|')}`;
  return key;
}

const NUMERIC_FACETS = ['length', 'minLength', 'maxLength', 'totalDigits', 'fractionDigits'] as const;

function readRestriction(restriction: XNode): XsdSimpleType {
  const baseAttr = attrOf(restriction, 'base') ?? '';
  const base = baseAttr.replace(/^xs:/, '');
  if (base !== 'string' && base !== 'decimal' && base !== 'int')
    throw new Error(`unsupported base ${baseAttr}`);
  const out: Record<string, unknown> = { base };
  const patterns: string[] = [];
  const enumeration: string[] = [];
  for (const facet of kidsOf(restriction)) {
    const name = tagOf(facet).replace(/^xs:/, '');
    const value = attrOf(facet, 'value') ?? '';
    if ((NUMERIC_FACETS as readonly string[]).includes(name)) out[name] = Number(value);
    else if (name === 'pattern') patterns.push(value);
    else if (name === 'enumeration') enumeration.push(value);
    else if (name === 'whiteSpace') out.whiteSpace = value;
    else if (name !== '#text' && name !== 'xs:annotation') throw new Error(`unsupported facet ${name}`);
  }
  if (patterns.length > 0) out.patterns = patterns;
  if (enumeration.length > 0) out.enumeration = enumeration;
  return out as unknown as XsdSimpleType;
}

interface Builder {
  readonly globals: Map<string, XNode>;
  readonly simpleTypes: Record<string, XsdSimpleType>;
  readonly complexTypes: Record<string, XsdComplexType>;
  readonly docs: Record<string, string>;
}

function addSimple(b: Builder, t: XsdSimpleType): string {
  const key = simpleKey(t);
  b.simpleTypes[key] = t;
  return key;
}

function simpleFromElement(b: Builder, el: XNode): string {
  const type = attrOf(el, 'type');
  if (type === 'xs:int') return addSimple(b, { base: 'int' });
  const restriction = kid(kid(el, 'xs:simpleType') ?? {}, 'xs:restriction');
  if (!restriction) throw new Error(`element ${attrOf(el, 'name')} has no simple type`);
  const restricted = readRestriction(restriction);
  // An element `fixed="3"` must hold exactly that value: checked as a one-value enumeration.
  const fixed = attrOf(el, 'fixed');
  return addSimple(b, fixed === undefined ? restricted : { ...restricted, enumeration: [fixed] });
}

function occurs(el: XNode): Pick<XsdParticle, 'min' | 'max'> {
  const min = attrOf(el, 'minOccurs');
  const max = attrOf(el, 'maxOccurs');
  return {
    ...(min !== undefined && min !== '1' ? { min: Number(min) } : {}),
    ...(max !== undefined && max !== '1' ? { max: max === 'unbounded' ? 'unbounded' : Number(max) } : {}),
  };
}

function particleOf(b: Builder, owner: string, el: XNode): XsdParticle {
  const ref = attrOf(el, 'ref');
  if (ref === 'ds:Signature')
    return { name: 'Signature', kind: 'signature', type: 'ds:Signature', ...occurs(el) };
  if (ref !== undefined) {
    const name = ref.replace(/^ceb:/, '');
    const global = b.globals.get(name);
    if (!global) throw new Error(`unresolved ref ${ref}`);
    buildComplex(b, name, global);
    const doc = docOf(el) ?? docOf(global);
    if (doc) b.docs[`${owner}/${name}`] = doc;
    return { name, kind: 'complex', type: name, ...occurs(el) };
  }
  const name = attrOf(el, 'name') ?? '';
  const doc = docOf(el);
  if (doc) b.docs[`${owner}/${name}`] = doc;
  if (attrOf(el, 'type') === 'ceb:XMLElement')
    return { name, kind: 'any', type: 'XMLElement', ...occurs(el) };
  if (kid(el, 'xs:complexType')) {
    const key = `${owner}.${name}`;
    buildComplex(b, key, el);
    return { name, kind: 'complex', type: key, ...occurs(el) };
  }
  return { name, kind: 'simple', type: simpleFromElement(b, el), ...occurs(el) };
}

function attributeOf(b: Builder, owner: string, attr: XNode): XsdAttribute {
  const name = attrOf(attr, 'name') ?? '';
  const doc = docOf(attr);
  if (doc) b.docs[`${owner}/@${name}`] = doc;
  const restriction = kid(kid(attr, 'xs:simpleType') ?? {}, 'xs:restriction');
  if (!restriction) throw new Error(`attribute ${owner}/@${name} has no simple type`);
  return {
    name,
    type: addSimple(b, readRestriction(restriction)),
    required: attrOf(attr, 'use') === 'required',
  };
}

function buildComplex(b: Builder, key: string, el: XNode): void {
  if (b.complexTypes[key]) return;
  const complex = kid(el, 'xs:complexType');
  if (!complex) throw new Error(`element ${key} is not complex`);
  const doc = docOf(el);
  if (doc) b.docs[key] = doc;
  const sequence = kid(complex, 'xs:sequence');
  const particles = sequence ? kidsOf(sequence).filter((k) => tagOf(k) === 'xs:element') : [];
  const placeholder: { children: XsdParticle[]; attributes?: XsdAttribute[] } = { children: [] };
  b.complexTypes[key] = placeholder;
  placeholder.children = particles.map((p) => particleOf(b, key, p));
  const attributes = kidsOf(complex)
    .filter((k) => tagOf(k) === 'xs:attribute')
    .map((a) => attributeOf(b, key, a));
  if (attributes.length > 0) placeholder.attributes = attributes;
}

export function buildSchema(xsdText: string, source: string): XsdSchema {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const doc = parser.parse(xsdText) as XNode[];
  const schema = doc.find((n) => tagOf(n) === 'xs:schema');
  if (!schema || attrOf(schema, 'targetNamespace') !== CEB_NS) throw new Error(`${source}: not a CEB schema`);
  const globals = new Map<string, XNode>();
  for (const k of kidsOf(schema)) {
    const name = attrOf(k, 'name');
    if (tagOf(k) === 'xs:element' && name) globals.set(name, k);
  }
  const b: Builder = { globals, simpleTypes: {}, complexTypes: {}, docs: {} };
  const roots = [...globals.keys()].filter((n) => /^CEB\d{3}Message$/.test(n));
  for (const root of roots) buildComplex(b, root, globals.get(root) ?? {});
  return { source, namespace: CEB_NS, roots, ...sortedTables(b) };
}

function sortedTables(b: Builder): Pick<XsdSchema, 'simpleTypes' | 'complexTypes' | 'docs'> {
  const simpleTypes = Object.fromEntries(
    Object.entries(b.simpleTypes).sort(([a], [c]) => a.localeCompare(c)),
  );
  return { simpleTypes, complexTypes: b.complexTypes, docs: b.docs };
}

function render(imp: XsdSchema, exp: XsdSchema): string {
  return [
    '// Generated by packages/domain/src/ceb/schema/generate.ts from the official 2022-05 CEB XSDs',
    `// (${imp.source}, ${exp.source}). Do not edit by hand: regenerate.`,
    "import type { XsdSchema } from './schema-types';",
    '',
    `export const CEB_IMPORT_SCHEMA: XsdSchema = ${JSON.stringify(imp)};`,
    '',
    `export const CEB_EXPORT_SCHEMA: XsdSchema = ${JSON.stringify(exp)};`,
    '',
  ].join('\n');
}

const TS_SIMPLE: Record<XsdSimpleType['base'], string> = {
  string: 'string',
  decimal: 'string',
  int: 'number',
};

function typeName(schema: XsdSchema, key: string): string {
  return `${schemaPrefix(schema)}${key.replace(/\./g, '')}`;
}

function schemaPrefix(schema: XsdSchema): string {
  return schema.source.includes('import') ? 'Import' : 'Export';
}

function fieldType(schema: XsdSchema, p: XsdParticle): string {
  const base =
    p.kind === 'simple'
      ? TS_SIMPLE[schema.simpleTypes[p.type]?.base ?? 'string']
      : p.kind === 'complex'
        ? typeName(schema, p.type)
        : 'CebElement';
  const repeated = p.max === 'unbounded' || (p.max ?? 1) > 1;
  return repeated ? `readonly ${base}[]` : base;
}

function oneLine(doc: string | undefined): string {
  return doc ? `  /** ${doc.replace(/\*\//g, '*∕')} */\n` : '';
}

function renderInterfaces(schema: XsdSchema): string[] {
  return Object.entries(schema.complexTypes).map(([key, ct]) => {
    const attrs = (ct.attributes ?? []).map(
      (a) =>
        `${oneLine(schema.docs[`${key}/@${a.name}`])}  readonly ${a.name}${a.required ? '' : '?'}: string;\n`,
    );
    const fields = ct.children.map((p) => {
      const optional = (p.min ?? 1) === 0 && !(p.max === 'unbounded' || (p.max ?? 1) > 1);
      return `${oneLine(schema.docs[`${key}/${p.name}`])}  readonly ${p.name}${optional ? '?' : ''}: ${fieldType(schema, p)};\n`;
    });
    const doc = schema.docs[key] ? `/** ${schema.docs[key]} (${schema.source}) */\n` : '';
    return `${doc}export interface ${typeName(schema, key)} {\n${[...attrs, ...fields].join('')}}\n`;
  });
}

function renderTypes(imp: XsdSchema, exp: XsdSchema): string {
  const map = [imp, exp].flatMap((s) => s.roots.map((r) => `  readonly ${r}: ${typeName(s, r)};\n`));
  return [
    '// Generated by packages/domain/src/ceb/schema/generate.ts from the official 2022-05 CEB XSDs.',
    '// JSON/object shape of every CEB complex type: decimals stay strings (exact), xs:int becomes number,',
    '// repeatable elements are arrays, ds:Signature and ExtendMessage/Message stay element trees. Do not edit.',
    "import type { CebElement } from '../tree';",
    '',
    ...renderInterfaces(imp),
    ...renderInterfaces(exp),
    '/** Root message type name → its data shape. */',
    `export interface CebMessageDataMap {\n${map.join('')}}\n`,
  ].join('\n');
}

function main(): void {
  const xsdDir = resolve(process.argv[2] ?? join(here, 'official'));
  const imp = buildSchema(readFileSync(join(xsdDir, 'ceb-import-2022.xsd'), 'utf8'), 'ceb-import-2022.xsd');
  const exp = buildSchema(readFileSync(join(xsdDir, 'ceb-export-2022.xsd'), 'utf8'), 'ceb-export-2022.xsd');
  const out = join(here, 'generated.ts');
  const outTypes = join(here, 'generated-types.ts');
  writeFileSync(out, render(imp, exp));
  writeFileSync(outTypes, renderTypes(imp, exp));
  const biome = resolve(here, '../../../../../node_modules/.bin/biome');
  execFileSync(biome, ['format', '--write', out, outTypes], { stdio: 'inherit' });
  const count = (s: XsdSchema) =>
    `${s.roots.length} roots, ${Object.keys(s.complexTypes).length} complex types`;
  console.log(`wrote ${out}: import ${count(imp)}; export ${count(exp)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

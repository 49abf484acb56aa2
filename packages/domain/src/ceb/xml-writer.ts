/**
 * Serialises the JSON/object shape of a CEB message to XML in exactly the XSD's element order, with the
 * `ceb:` prefix bound on the root. Used for receipts; the input is produced by code (not by senders), so a
 * key the schema does not know is a programmer error and throws.
 */
import type { CebMessageType } from './message-types';
import { schemaFor, schemaNameOf } from './message-types';
import type { XsdSchema } from './schema/schema-types';
import { CEB_NAMESPACE } from './schema/schema-types';
import { assignPaths, type CebElement, type ElementDraft, newDraft } from './tree';

// XML 1.0 Char production, negated: these cannot appear in a document at all, not even escaped.
const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops characters XML cannot carry (e.g. from an echoed binary body), replacing them with U+FFFD. */
export function toXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

export function escapeXmlText(text: string): string {
  return toXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** CDATA section; a `]]>` inside the content is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${toXmlChars(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

type Node = Readonly<Record<string, unknown>>;

interface WriteOptions {
  /** Element names whose text is written as CDATA (CEB900 oriBizMessage, per spec §3.19.4). */
  readonly cdataElements?: ReadonlySet<string>;
}

function scalar(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new Error(`${path}: expected a string or safe integer`);
}

function writeComplex(
  schema: XsdSchema,
  key: string,
  node: Node,
  path: string,
  out: string[],
  opts: WriteOptions,
) {
  const ct = schema.complexTypes[key];
  if (!ct) throw new Error(`no complex type ${key}`);
  const known = new Set([...ct.children.map((p) => p.name), ...(ct.attributes ?? []).map((a) => a.name)]);
  for (const k of Object.keys(node)) if (!known.has(k)) throw new Error(`${path}: unknown field ${k}`);
  for (const p of ct.children) {
    const value = node[p.name];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const child = `${path}/${p.name}`;
      if (p.kind === 'complex') {
        out.push(`<ceb:${p.name}>`);
        writeComplex(schema, p.type, item as Node, child, out, opts);
        out.push(`</ceb:${p.name}>`);
      } else if (p.kind === 'simple') {
        const text = scalar(item, child);
        const body = opts.cdataElements?.has(p.name) ? cdata(text) : escapeXmlText(text);
        out.push(`<ceb:${p.name}>${body}</ceb:${p.name}>`);
      } else {
        throw new Error(`${child}: ${p.kind} content is not written by this serialiser`);
      }
    }
  }
}

/** `data` is the content of the root (attributes as guid/version properties, children by name). */
export function writeCebXml(messageType: CebMessageType, data: Node, opts: WriteOptions = {}): string {
  const schemaName = schemaNameOf(messageType);
  if (!schemaName) throw new Error(`not a CEB message type: ${messageType}`);
  const schema = schemaFor(schemaName);
  const attrs = (schema.complexTypes[messageType]?.attributes ?? [])
    .filter((a) => data[a.name] !== undefined)
    .map((a) => ` ${a.name}="${escapeXmlAttribute(scalar(data[a.name], `/${messageType}/@${a.name}`))}"`)
    .join('');
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<ceb:${messageType}${attrs} xmlns:ceb="${CEB_NAMESPACE}">`,
  ];
  writeComplex(schema, messageType, data, `/${messageType}`, out, opts);
  out.push(`</ceb:${messageType}>`);
  return out.join('');
}

function treeOfComplex(schema: XsdSchema, key: string, node: Node, path: string, into: ElementDraft) {
  const ct = schema.complexTypes[key];
  if (!ct) throw new Error(`no complex type ${key}`);
  for (const p of ct.children) {
    const value = node[p.name];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const child = newDraft(p.name, CEB_NAMESPACE, null);
      if (p.kind === 'complex') treeOfComplex(schema, p.type, item as Node, `${path}/${p.name}`, child);
      else child.text = toXmlChars(scalar(item, `${path}/${p.name}`));
      into.children.push(child);
    }
  }
}

/**
 * The element tree that reading writeCebXml's output back gives (schema order, the same text), built
 * without writing and parsing: what receipts are validated on. Fields the schema does not know are
 * left out here; writeCebXml refuses them.
 */
export function cebTreeOf(messageType: CebMessageType, data: Node): CebElement {
  const schemaName = schemaNameOf(messageType);
  if (!schemaName) throw new Error(`not a CEB message type: ${messageType}`);
  const schema = schemaFor(schemaName);
  const root = newDraft(messageType, CEB_NAMESPACE, null);
  for (const a of schema.complexTypes[messageType]?.attributes ?? [])
    if (data[a.name] !== undefined)
      root.attributes[a.name] = toXmlChars(scalar(data[a.name], `/${messageType}/@${a.name}`));
  treeOfComplex(schema, messageType, data, `/${messageType}`, root);
  assignPaths(root);
  return root;
}

/**
 * Serialises the JSON/object shape of a CEB message to XML in exactly the XSD's element order, with the
 * `ceb:` prefix bound on the root, through its element tree (cebTreeOf). Used for receipts; the input is
 * produced by code (not by senders), so a key the schema does not know is a programmer error and throws.
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
function toXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

// The escapes below take text of a tree from cebTreeOf, whose characters XML can already carry.
function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** CDATA section; a `]]>` inside the content is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
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

function treeOfComplex(schema: XsdSchema, key: string, node: Node, path: string, into: ElementDraft) {
  const ct = schema.complexTypes[key];
  if (!ct) throw new Error(`no complex type ${key}`);
  const known = new Set([...ct.children.map((p) => p.name), ...(ct.attributes ?? []).map((a) => a.name)]);
  for (const k of Object.keys(node)) if (!known.has(k)) throw new Error(`${path}: unknown field ${k}`);
  for (const p of ct.children) {
    const value = node[p.name];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const childPath = `${path}/${p.name}`;
      const child = newDraft(p.name, CEB_NAMESPACE, null);
      if (p.kind === 'complex') treeOfComplex(schema, p.type, item as Node, childPath, child);
      else if (p.kind === 'simple') child.text = toXmlChars(scalar(item, childPath));
      else throw new Error(`${childPath}: ${p.kind} content is not written by this serialiser`);
      into.children.push(child);
    }
  }
}

/**
 * The element tree of a message given in the JSON/object shape (`data` is the content of the root:
 * attributes as guid/version properties, children by name), in exactly the XSD's element order and
 * with the text XML can carry: what writeCebTree writes, and what reading that XML back gives. The
 * input is produced by code (not by senders), so a key the schema does not know throws.
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

function writeElement(element: CebElement, out: string[], opts: WriteOptions) {
  out.push(`<ceb:${element.name}>`);
  if (element.children.length > 0) for (const child of element.children) writeElement(child, out, opts);
  else out.push(opts.cdataElements?.has(element.name) ? cdata(element.text) : escapeXmlText(element.text));
  out.push(`</ceb:${element.name}>`);
}

/** A tree from cebTreeOf as XML, with the `ceb:` prefix bound on the root. */
export function writeCebTree(root: CebElement, opts: WriteOptions = {}): string {
  const attrs = Object.entries(root.attributes)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`)
    .join('');
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<ceb:${root.name}${attrs} xmlns:ceb="${CEB_NAMESPACE}">`,
  ];
  for (const child of root.children) writeElement(child, out, opts);
  out.push(`</ceb:${root.name}>`);
  return out.join('');
}

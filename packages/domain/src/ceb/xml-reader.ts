/**
 * Strict, DTD-free XML 1.0 reader for message bodies.
 *
 * Why not fast-xml-parser here: its validator accepts several non-well-formed inputs (two root
 * elements, `<` inside attribute values), does not decode numeric character references without also
 * enabling HTML entities, and builds the whole tree before any depth/count limit could apply. This reader
 * supports exactly what CEB messages need (declaration, elements, attributes, namespaces, text, CDATA,
 * comments, processing instructions), refuses any `<!DOCTYPE`/`<!ENTITY`, and enforces the limits while
 * reading, iteratively (no recursion on input depth).
 */
import type { CebParseError } from './parse-errors';
import { parseError } from './parse-errors';
import type { CebElement, ElementDraft } from './tree';
import { assignPaths, newDraft } from './tree';

export interface XmlReaderLimits {
  readonly maxDepth: number;
  readonly maxElements: number;
  readonly maxAttributesPerElement: number;
}

export interface XmlDocument {
  readonly root: CebElement;
  /** encoding pseudo-attribute of the XML declaration, if any. */
  readonly declaredEncoding: string | undefined;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const NAME_START =
  'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const QNAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?`, 'y');
const WS = /[ \t\n]*/y;
/** Any character INVALID_CHAR could object to (surrogates included): a fast scan first. */
const SUSPECT_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML 1.0 forbids, and surrogates
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const INVALID_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detects the control characters XML 1.0 forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/y;
const NAMED_REF = new RegExp(`&[${NAME_START}][${NAME_CHAR}]*;`, 'y');
const DTD_MARKUP = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/iy;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlFailure {
  constructor(readonly error: CebParseError) {}
}

interface Frame {
  readonly draft: ElementDraft;
  readonly qname: string;
  readonly scope: ReadonlyMap<string, string>;
  readonly text: string[];
}

interface Cursor {
  readonly src: string;
  pos: number;
  elements: number;
  readonly limits: XmlReaderLimits;
  /** Incremental line counter: newlines counted up to `lineScan` (positions only move forward). */
  line: number;
  lineScan: number;
}

function currentLine(c: Cursor): number {
  for (let i = c.src.indexOf('\n', c.lineScan); i !== -1 && i < c.pos; i = c.src.indexOf('\n', i + 1))
    c.line++;
  c.lineScan = c.pos;
  return c.line;
}

function position(src: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = src.indexOf('\n'); i !== -1 && i < pos; i = src.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: pos - lineStart + 1 };
}

function failAt(c: Cursor, code: CebParseError['code'], detail: string, pos = c.pos): never {
  throw new XmlFailure(parseError(code, detail, position(c.src, pos)));
}

function skipWs(c: Cursor): void {
  WS.lastIndex = c.pos;
  WS.exec(c.src);
  c.pos = WS.lastIndex;
}

function readName(c: Cursor): string {
  QNAME.lastIndex = c.pos;
  const m = QNAME.exec(c.src);
  if (!m) failAt(c, 'MALFORMED_XML', 'expected a name');
  c.pos = QNAME.lastIndex;
  return m[0];
}

function expect(c: Cursor, token: string): void {
  if (!c.src.startsWith(token, c.pos)) failAt(c, 'MALFORMED_XML', `expected "${token}"`);
  c.pos += token.length;
}

function indexOrFail(c: Cursor, token: string, what: string): number {
  const end = c.src.indexOf(token, c.pos);
  if (end === -1) failAt(c, 'MALFORMED_XML', `unterminated ${what}`);
  return end;
}

/** Replaces the five predefined entities and character references; anything else is an error. */
function decodeReferences(c: Cursor, raw: string, start: number): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let last = 0;
  for (let i = raw.indexOf('&'); i !== -1; i = raw.indexOf('&', last)) {
    out += raw.slice(last, i);
    REFERENCE.lastIndex = i;
    const m = REFERENCE.exec(raw);
    if (!m) {
      NAMED_REF.lastIndex = i;
      const named = NAMED_REF.exec(raw);
      if (named) failAt(c, 'UNDEFINED_ENTITY', named[0], start + i);
      failAt(c, 'MALFORMED_XML', 'unescaped "&"', start + i);
    }
    out += m[3] !== undefined ? (PREDEFINED[m[3]] ?? '') : charRef(c, m[1], m[2], start + i);
    last = REFERENCE.lastIndex;
  }
  return out + raw.slice(last);
}

function charRef(c: Cursor, hex: string | undefined, dec: string | undefined, pos: number): string {
  const cp = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
  const valid =
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff);
  if (!valid) failAt(c, 'MALFORMED_XML', `character reference to an invalid character (${cp})`, pos);
  return String.fromCodePoint(cp);
}

function readAttributes(c: Cursor): Map<string, string> {
  const attrs = new Map<string, string>();
  for (;;) {
    const before = c.pos;
    skipWs(c);
    const ch = c.src[c.pos];
    if (ch === '>' || ch === '/' || ch === undefined) return attrs;
    if (c.pos === before) failAt(c, 'MALFORMED_XML', 'expected whitespace before attribute');
    const name = readName(c);
    skipWs(c);
    expect(c, '=');
    skipWs(c);
    const quote = c.src[c.pos];
    if (quote !== '"' && quote !== "'") failAt(c, 'MALFORMED_XML', 'attribute value must be quoted');
    const start = c.pos + 1;
    const end = c.src.indexOf(quote, start);
    if (end === -1) failAt(c, 'MALFORMED_XML', 'unterminated attribute value');
    const raw = c.src.slice(start, end);
    if (raw.includes('<')) failAt(c, 'MALFORMED_XML', '"<" in attribute value', start + raw.indexOf('<'));
    if (attrs.has(name)) failAt(c, 'MALFORMED_XML', `duplicate attribute ${name}`);
    attrs.set(name, decodeReferences(c, raw.replace(/[\t\n]/g, ' '), start));
    if (attrs.size > c.limits.maxAttributesPerElement) failAt(c, 'TOO_MANY_ATTRIBUTES', name);
    c.pos = end + 1;
  }
}

function declareNamespaces(c: Cursor, attrs: Map<string, string>, parent: ReadonlyMap<string, string>) {
  let scope: Map<string, string> | undefined;
  for (const [name, value] of attrs) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    if (prefix !== '' && value === '') failAt(c, 'MALFORMED_XML', `empty namespace for prefix ${prefix}`);
    if (prefix === 'xmlns' || value === XMLNS_NS) failAt(c, 'MALFORMED_XML', 'reserved xmlns namespace');
    scope ??= new Map(parent);
    scope.set(prefix, value);
  }
  return scope ?? parent;
}

function resolve(c: Cursor, qname: string, scope: ReadonlyMap<string, string>, isAttr: boolean) {
  const colon = qname.indexOf(':');
  if (colon === -1) return { ns: isAttr ? '' : (scope.get('') ?? ''), local: qname };
  const prefix = qname.slice(0, colon);
  const ns = prefix === 'xml' ? XML_NS : scope.get(prefix);
  if (ns === undefined) failAt(c, 'NAMESPACE_UNBOUND', prefix);
  return { ns, local: qname.slice(colon + 1) };
}

function openElement(c: Cursor, stack: Frame[], line: number): Frame | undefined {
  const tagStart = c.pos;
  c.pos++;
  const qname = readName(c);
  const attrs = readAttributes(c);
  const selfClosing = c.src.startsWith('/>', c.pos);
  expect(c, selfClosing ? '/>' : '>');
  c.elements++;
  if (c.elements > c.limits.maxElements)
    failAt(c, 'TOO_MANY_ELEMENTS', `> ${c.limits.maxElements}`, tagStart);
  if (stack.length + 1 > c.limits.maxDepth) failAt(c, 'TOO_DEEP', `> ${c.limits.maxDepth}`, tagStart);
  const parent = stack[stack.length - 1];
  const scope = declareNamespaces(c, attrs, parent?.scope ?? new Map());
  const { ns, local } = resolve(c, qname, scope, false);
  const draft = newDraft(local, ns, line);
  for (const [name, value] of attrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const a = resolve(c, name, scope, true);
    const key = a.ns === '' ? a.local : `{${a.ns}}${a.local}`;
    if (key in draft.attributes) failAt(c, 'MALFORMED_XML', `duplicate attribute ${key}`, tagStart);
    draft.attributes[key] = value;
  }
  parent?.draft.children.push(draft);
  const frame: Frame = { draft, qname, scope, text: [] };
  if (selfClosing) return frame;
  stack.push(frame);
  return frame;
}

function closeElement(c: Cursor, stack: Frame[]): Frame {
  const tagStart = c.pos;
  c.pos += 2;
  const name = readName(c);
  skipWs(c);
  expect(c, '>');
  const frame = stack.pop();
  if (!frame || frame.qname !== name)
    failAt(c, 'MALFORMED_XML', `unexpected closing tag </${name}>`, tagStart);
  frame.draft.text = frame.text.join('');
  return frame;
}

/** Comments, PIs and (forbidden) DTD markup; returns false if the cursor is not at one. */
function skipMisc(c: Cursor): boolean {
  if (c.src.startsWith('<!--', c.pos)) {
    const end = indexOrFail(c, '-->', 'comment');
    if (c.src.slice(c.pos + 4, end).includes('--')) failAt(c, 'MALFORMED_XML', '"--" inside comment');
    c.pos = end + 3;
    return true;
  }
  if (c.src.startsWith('<?', c.pos)) {
    if (/^<\?xml[\s?]/i.test(c.src.slice(c.pos, c.pos + 6)))
      failAt(c, 'MALFORMED_XML', 'misplaced XML declaration');
    c.pos = indexOrFail(c, '?>', 'processing instruction') + 2;
    return true;
  }
  DTD_MARKUP.lastIndex = c.pos;
  const dtd = DTD_MARKUP.exec(c.src);
  if (dtd) failAt(c, 'DTD_FORBIDDEN', `<!${dtd[1]}`);
  return false;
}

function readContent(c: Cursor, stack: Frame[]): void {
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const lt = c.src.indexOf('<', c.pos);
    if (lt === -1) failAt(c, 'MALFORMED_XML', `unclosed element <${top.qname}>`);
    if (lt > c.pos) {
      const raw = c.src.slice(c.pos, lt);
      if (raw.includes(']]>')) failAt(c, 'MALFORMED_XML', '"]]>" in text', c.pos + raw.indexOf(']]>'));
      top.text.push(decodeReferences(c, raw, c.pos));
      c.pos = lt;
    }
    if (c.src.startsWith('</', c.pos)) closeElement(c, stack);
    else if (c.src.startsWith('<![CDATA[', c.pos)) {
      const end = indexOrFail(c, ']]>', 'CDATA section');
      top.text.push(c.src.slice(c.pos + 9, end));
      c.pos = end + 3;
    } else if (!skipMisc(c)) {
      if (c.src.startsWith('<!', c.pos)) failAt(c, 'MALFORMED_XML', 'unexpected markup declaration');
      openElement(c, stack, currentLine(c));
    }
  }
}

function readDeclaration(c: Cursor): string | undefined {
  if (!/^<\?xml[ \t\n]/.test(c.src.slice(0, 6))) return undefined;
  const end = indexOrFail(c, '?>', 'XML declaration');
  const decl = c.src.slice(0, end);
  if (!/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(decl))
    failAt(c, 'MALFORMED_XML', 'bad XML declaration');
  c.pos = end + 2;
  return /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(decl)?.[2];
}

function readProlog(c: Cursor): void {
  for (;;) {
    skipWs(c);
    if (c.pos >= c.src.length) failAt(c, 'MALFORMED_XML', 'no root element');
    if (!skipMisc(c)) return;
  }
}

function readEpilog(c: Cursor): void {
  for (;;) {
    skipWs(c);
    if (c.pos >= c.src.length) return;
    if (!skipMisc(c)) failAt(c, 'MALFORMED_XML', 'content after the root element');
  }
}

function readDocument(c: Cursor): XmlDocument {
  // Surrogate pairs (emoji, rare CJK) are valid; only then does the slower exact pattern run.
  const bad = SUSPECT_CHAR.test(c.src) ? INVALID_CHAR.exec(c.src) : null;
  if (bad) failAt(c, 'MALFORMED_XML', `invalid character U+${bad[0].charCodeAt(0).toString(16)}`, bad.index);
  const declaredEncoding = readDeclaration(c);
  readProlog(c);
  if (c.src[c.pos] !== '<') failAt(c, 'MALFORMED_XML', 'text before the root element');
  const stack: Frame[] = [];
  const root = openElement(c, stack, currentLine(c));
  if (!root) failAt(c, 'MALFORMED_XML', 'no root element');
  readContent(c, stack);
  readEpilog(c);
  assignPaths(root.draft);
  return { root: root.draft, declaredEncoding };
}

/** Reads decoded XML text. Line endings are normalised to \n first (XML 1.0 §2.11). */
export function readXml(
  text: string,
  limits: XmlReaderLimits,
): { ok: true; value: XmlDocument } | { ok: false; error: CebParseError } {
  const cursor: Cursor = {
    src: text.replace(/\r\n?/g, '\n'),
    pos: 0,
    elements: 0,
    limits,
    line: 1,
    lineScan: 0,
  };
  try {
    return { ok: true, value: readDocument(cursor) };
  } catch (e) {
    if (e instanceof XmlFailure) return { ok: false, error: e.error };
    throw e;
  }
}

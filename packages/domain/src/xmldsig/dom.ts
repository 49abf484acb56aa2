/**
 * A small strict XML reader that keeps what canonicalisation needs and the CEB reader
 * (`ceb/xml-reader.ts`) drops on purpose: prefixes, namespace declarations per element, the order of
 * text, comments and processing instructions among child elements, and the misc nodes around the root.
 * Same hardening as the CEB reader: no DTD, only the five predefined entities and character references,
 * depth/element/attribute limits enforced while reading, iterative (no recursion on input depth).
 */

export const XMLDSIG_MAX_DEPTH = 64;
export const XMLDSIG_MAX_ELEMENTS = 400_000;
export const XMLDSIG_MAX_ATTRIBUTES_PER_ELEMENT = 64;

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XAttribute {
  readonly qname: string;
  readonly prefix: string;
  readonly local: string;
  readonly ns: string;
  readonly value: string;
}

export interface XElement {
  readonly kind: 'element';
  readonly qname: string;
  readonly prefix: string;
  readonly local: string;
  readonly ns: string;
  /** Declarations written on this element: prefix ('' = default) → URI ('' = undeclared default). */
  readonly nsDecls: ReadonlyMap<string, string>;
  /** In-scope namespaces: prefix → URI; the default appears under '' only when non-empty. */
  readonly scope: ReadonlyMap<string, string>;
  readonly attributes: readonly XAttribute[];
  readonly children: readonly XNode[];
  readonly parent: XElement | null;
  /** Offsets in the (line-normalised) source: the element's `<` and just after its end tag (or `/>`). */
  readonly start: number;
  readonly end: number;
}

export interface XText {
  readonly kind: 'text';
  readonly value: string;
}
export interface XComment {
  readonly kind: 'comment';
  readonly value: string;
}
export interface XPi {
  readonly kind: 'pi';
  readonly target: string;
  readonly data: string;
}
export type XNode = XElement | XText | XComment | XPi;

export interface XDocument {
  readonly before: readonly (XComment | XPi)[];
  readonly root: XElement;
  readonly after: readonly (XComment | XPi)[];
  /** The line-normalised source the offsets refer to. */
  readonly source: string;
}

export type XmlReadResult =
  | { readonly ok: true; readonly doc: XDocument }
  | { readonly ok: false; readonly error: string };

interface MutableElement {
  kind: 'element';
  qname: string;
  prefix: string;
  local: string;
  ns: string;
  nsDecls: Map<string, string>;
  scope: Map<string, string>;
  attributes: XAttribute[];
  children: XNode[];
  parent: MutableElement | null;
  start: number;
  end: number;
}

class Failure {
  constructor(readonly message: string) {}
}

const NAME_START =
  'A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const QNAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?`, 'y');
const WS = /[ \t\n]*/y;
const INVALID_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detects the control characters XML 1.0 forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/y;
const DTD_MARKUP = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/iy;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface Cursor {
  readonly src: string;
  pos: number;
  elements: number;
}

function fail(c: Cursor, message: string): never {
  throw new Failure(`${message} (offset ${c.pos})`);
}

function skipWs(c: Cursor): void {
  WS.lastIndex = c.pos;
  WS.exec(c.src);
  c.pos = WS.lastIndex;
}

function readName(c: Cursor): string {
  QNAME.lastIndex = c.pos;
  const m = QNAME.exec(c.src);
  if (!m) fail(c, 'expected a name');
  c.pos = QNAME.lastIndex;
  return m[0];
}

function decode(c: Cursor, raw: string): string {
  if (!raw.includes('&')) return raw;
  let out = '';
  let last = 0;
  for (let i = raw.indexOf('&'); i !== -1; i = raw.indexOf('&', last)) {
    out += raw.slice(last, i);
    REFERENCE.lastIndex = i;
    const m = REFERENCE.exec(raw);
    if (!m) fail(c, 'undefined entity or unescaped "&"');
    if (m[3] !== undefined) out += PREDEFINED[m[3]] ?? '';
    else {
      const cp = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number.parseInt(m[2] ?? '', 10);
      const valid =
        cp === 0x9 ||
        cp === 0xa ||
        cp === 0xd ||
        (cp >= 0x20 && cp <= 0xd7ff) ||
        (cp >= 0xe000 && cp <= 0xfffd) ||
        (cp >= 0x10000 && cp <= 0x10ffff);
      if (!valid) fail(c, `character reference to an invalid character (${cp})`);
      out += String.fromCodePoint(cp);
    }
    last = REFERENCE.lastIndex;
  }
  return out + raw.slice(last);
}

function splitQName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  return colon === -1
    ? { prefix: '', local: qname }
    : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

function readAttributes(c: Cursor): Array<[string, string]> {
  const attrs: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (;;) {
    const before = c.pos;
    skipWs(c);
    const ch = c.src[c.pos];
    if (ch === '>' || ch === '/' || ch === undefined) return attrs;
    if (c.pos === before) fail(c, 'expected whitespace before attribute');
    const name = readName(c);
    skipWs(c);
    if (c.src[c.pos] !== '=') fail(c, 'expected "="');
    c.pos++;
    skipWs(c);
    const quote = c.src[c.pos];
    if (quote !== '"' && quote !== "'") fail(c, 'attribute value must be quoted');
    const end = c.src.indexOf(quote, c.pos + 1);
    if (end === -1) fail(c, 'unterminated attribute value');
    const raw = c.src.slice(c.pos + 1, end);
    if (raw.includes('<')) fail(c, '"<" in attribute value');
    if (seen.has(name)) fail(c, `duplicate attribute ${name}`);
    seen.add(name);
    attrs.push([name, decode(c, raw.replace(/[\t\n]/g, ' '))]);
    if (attrs.length > XMLDSIG_MAX_ATTRIBUTES_PER_ELEMENT) fail(c, 'too many attributes');
    c.pos = end + 1;
  }
}

function openElement(c: Cursor, parent: MutableElement | null): { el: MutableElement; selfClosing: boolean } {
  const start = c.pos;
  c.pos++;
  const qname = readName(c);
  const raw = readAttributes(c);
  const selfClosing = c.src.startsWith('/>', c.pos);
  if (!selfClosing && c.src[c.pos] !== '>') fail(c, 'expected ">"');
  c.pos += selfClosing ? 2 : 1;
  if (++c.elements > XMLDSIG_MAX_ELEMENTS) fail(c, 'too many elements');
  const nsDecls = new Map<string, string>();
  for (const [name, value] of raw) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const prefix = name === 'xmlns' ? '' : name.slice(6);
    if (prefix !== '' && value === '') fail(c, `empty namespace for prefix ${prefix}`);
    if (prefix === 'xmlns') fail(c, 'reserved xmlns prefix');
    nsDecls.set(prefix, value);
  }
  // Elements without declarations share their parent's scope map (never mutated once built).
  let scope = parent?.scope ?? new Map<string, string>();
  if (nsDecls.size > 0) {
    scope = new Map(scope);
    for (const [p, u] of nsDecls) {
      if (u === '') scope.delete(p);
      else scope.set(p, u);
    }
  }
  const resolve = (prefix: string, isAttr: boolean): string => {
    if (prefix === 'xml') return XML_NS;
    if (prefix === '') return isAttr ? '' : (scope.get('') ?? '');
    const ns = scope.get(prefix);
    if (ns === undefined) fail(c, `namespace prefix ${prefix} is not bound`);
    return ns;
  };
  const { prefix, local } = splitQName(qname);
  const attributes: XAttribute[] = [];
  const keys = new Set<string>();
  for (const [name, value] of raw) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const a = splitQName(name);
    const ns = resolve(a.prefix, true);
    const key = `{${ns}}${a.local}`;
    if (keys.has(key)) fail(c, `duplicate attribute ${key}`);
    keys.add(key);
    attributes.push({ qname: name, prefix: a.prefix, local: a.local, ns, value });
  }
  const el: MutableElement = {
    kind: 'element',
    qname,
    prefix,
    local,
    ns: resolve(prefix, false),
    nsDecls,
    scope,
    attributes,
    children: [],
    parent,
    start,
    end: c.pos,
  };
  parent?.children.push(el);
  return { el, selfClosing };
}

function readMisc(c: Cursor): XComment | XPi | undefined {
  if (c.src.startsWith('<!--', c.pos)) {
    const end = c.src.indexOf('-->', c.pos + 4);
    if (end === -1) fail(c, 'unterminated comment');
    const value = c.src.slice(c.pos + 4, end);
    if (value.includes('--') || value.endsWith('-')) fail(c, '"--" inside comment');
    c.pos = end + 3;
    return { kind: 'comment', value };
  }
  if (c.src.startsWith('<?', c.pos)) {
    c.pos += 2;
    const target = readName(c);
    if (target.toLowerCase() === 'xml') fail(c, 'misplaced XML declaration');
    const end = c.src.indexOf('?>', c.pos);
    if (end === -1) fail(c, 'unterminated processing instruction');
    const body = c.src.slice(c.pos, end);
    if (body !== '' && !/^[ \t\n]/.test(body)) fail(c, 'expected whitespace after the PI target');
    c.pos = end + 2;
    return { kind: 'pi', target, data: body.replace(/^[ \t\n]+/, '') };
  }
  DTD_MARKUP.lastIndex = c.pos;
  const dtd = DTD_MARKUP.exec(c.src);
  if (dtd) fail(c, `DTDs are not accepted (<!${dtd[1]})`);
  return undefined;
}

function readContent(c: Cursor, root: MutableElement): void {
  const stack: MutableElement[] = [root];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as MutableElement;
    const lt = c.src.indexOf('<', c.pos);
    if (lt === -1) fail(c, `unclosed element <${top.qname}>`);
    if (lt > c.pos) {
      const raw = c.src.slice(c.pos, lt);
      if (raw.includes(']]>')) fail(c, '"]]>" in text');
      pushText(top, decode(c, raw));
      c.pos = lt;
    }
    if (c.src.startsWith('</', c.pos)) {
      c.pos += 2;
      const name = readName(c);
      skipWs(c);
      if (c.src[c.pos] !== '>' || name !== top.qname) fail(c, `unexpected closing tag </${name}>`);
      c.pos++;
      top.end = c.pos;
      stack.pop();
    } else if (c.src.startsWith('<![CDATA[', c.pos)) {
      const end = c.src.indexOf(']]>', c.pos + 9);
      if (end === -1) fail(c, 'unterminated CDATA section');
      pushText(top, c.src.slice(c.pos + 9, end));
      c.pos = end + 3;
    } else {
      const misc = readMisc(c);
      if (misc) top.children.push(misc);
      else {
        if (c.src.startsWith('<!', c.pos)) fail(c, 'unexpected markup declaration');
        if (stack.length + 1 > XMLDSIG_MAX_DEPTH) fail(c, 'nesting too deep');
        const { el, selfClosing } = openElement(c, top);
        if (!selfClosing) stack.push(el);
      }
    }
  }
}

/** Adjacent text and CDATA form one text node, as in the XPath data model. */
function pushText(el: MutableElement, value: string): void {
  const last = el.children[el.children.length - 1];
  if (last?.kind === 'text')
    el.children[el.children.length - 1] = { kind: 'text', value: last.value + value };
  else el.children.push({ kind: 'text', value });
}

function readMiscList(c: Cursor, atEnd: boolean): (XComment | XPi)[] {
  const out: (XComment | XPi)[] = [];
  for (;;) {
    skipWs(c);
    if (c.pos >= c.src.length) {
      if (atEnd) return out;
      fail(c, 'no root element');
    }
    const misc = readMisc(c);
    if (!misc) {
      if (atEnd) fail(c, 'content after the root element');
      return out;
    }
    out.push(misc);
  }
}

/** Reads an XML document given as text (a leading BOM is ignored; line ends are normalised to \n). */
export function readXmlDocument(text: string): XmlReadResult {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const c: Cursor = { src, pos: 0, elements: 0 };
  try {
    const bad = INVALID_CHAR.exec(src);
    if (bad) throw new Failure(`invalid character at offset ${bad.index}`);
    if (/^<\?xml[ \t\n]/.test(src)) {
      const end = src.indexOf('?>');
      if (end === -1) fail(c, 'unterminated XML declaration');
      c.pos = end + 2;
    }
    const before = readMiscList(c, false);
    if (src[c.pos] !== '<') fail(c, 'text before the root element');
    const { el: root, selfClosing } = openElement(c, null);
    if (!selfClosing) readContent(c, root);
    const after = readMiscList(c, true);
    return { ok: true, doc: { before, root, after, source: src } };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.message };
    throw e;
  }
}

/**
 * Canonical XML: inclusive C14N 1.0 (W3C REC-xml-c14n-20010315) and exclusive C14N 1.0
 * (REC-xml-exc-c14n-20020718), with or without comments, over the three node-sets XML signatures use
 * here: the whole document, the subtree of one element (SignedInfo, `#id` references), and either of
 * them minus one element (the enveloped-signature transform). Iterative, no recursion on depth.
 */
import type { XAttribute, XDocument, XElement, XNode } from './dom';
import { XML_NS } from './dom';

export interface C14nOptions {
  readonly exclusive?: boolean;
  readonly withComments?: boolean;
  /** Exclusive C14N InclusiveNamespaces PrefixList ('#default' for the default namespace). */
  readonly inclusivePrefixes?: readonly string[];
  /** An element left out together with its descendants (enveloped-signature transform). */
  readonly exclude?: XElement;
}

function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&#xD;',
  );
}

function escapeAttr(s: string): string {
  return s.replace(/[&<"\t\n\r]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#x9;';
      case '\n':
        return '&#xA;';
      default:
        return '&#xD;';
    }
  });
}

function compareAttrs(a: XAttribute, b: XAttribute): number {
  if (a.ns !== b.ns) return a.ns < b.ns ? -1 : 1;
  return a.local < b.local ? -1 : a.local > b.local ? 1 : 0;
}

/** Namespaces rendered by the nearest output ancestor: prefix ('' default) → URI ('' = none). */
type Rendered = ReadonlyMap<string, string>;

function namespacesToRender(el: XElement, rendered: Rendered, options: C14nOptions) {
  const out = new Map<string, string>();
  const consider = (prefix: string) => {
    if (prefix === 'xml') return;
    const uri = el.scope.get(prefix) ?? '';
    if ((rendered.get(prefix) ?? '') === uri) return;
    out.set(prefix, uri);
  };
  if (options.exclusive) {
    consider(el.prefix);
    for (const a of el.attributes) if (a.prefix !== '') consider(a.prefix);
    for (const p of options.inclusivePrefixes ?? []) {
      const prefix = p === '#default' ? '' : p;
      if (prefix === '' || el.scope.has(prefix)) consider(prefix);
    }
  } else {
    for (const prefix of el.scope.keys()) consider(prefix);
    // An undeclared default namespace is rendered as xmlns="" only if the parent rendered one.
    if (!el.scope.has('')) consider('');
  }
  return out;
}

/** xml:* attributes inherited from ancestors outside the node-set (inclusive C14N 1.0 §2.4). */
function inheritedXmlAttributes(el: XElement): XAttribute[] {
  const found = new Map<string, XAttribute>();
  for (const a of el.attributes) if (a.ns === XML_NS) found.set(a.local, a);
  const inherited: XAttribute[] = [];
  for (let p = el.parent; p; p = p.parent) {
    for (const a of p.attributes) {
      if (a.ns !== XML_NS || found.has(a.local)) continue;
      found.set(a.local, a);
      inherited.push(a);
    }
  }
  return inherited;
}

function startTag(el: XElement, rendered: Rendered, options: C14nOptions, isApex: boolean) {
  const ns = namespacesToRender(el, rendered, options);
  const prefixes = [...ns.keys()].sort();
  let out = `<${el.qname}`;
  for (const p of prefixes)
    out +=
      p === '' ? ` xmlns="${escapeAttr(ns.get(p) ?? '')}"` : ` xmlns:${p}="${escapeAttr(ns.get(p) ?? '')}"`;
  const attrs =
    isApex && !options.exclusive ? [...el.attributes, ...inheritedXmlAttributes(el)] : [...el.attributes];
  attrs.sort(compareAttrs);
  for (const a of attrs) out += ` ${a.qname}="${escapeAttr(a.value)}"`;
  out += '>';
  let next: Rendered = rendered;
  if (ns.size > 0) {
    const m = new Map(rendered);
    for (const [p, u] of ns) m.set(p, u);
    next = m;
  }
  return { text: out, rendered: next };
}

function miscText(node: XNode, withComments: boolean): string {
  if (node.kind === 'comment') return withComments ? `<!--${node.value}-->` : '';
  if (node.kind === 'pi') return node.data === '' ? `<?${node.target}?>` : `<?${node.target} ${node.data}?>`;
  return '';
}

/** Canonical form of the subtree rooted at `apex` (every descendant included unless excluded). */
export function canonicalizeElement(apex: XElement, options: C14nOptions = {}): string {
  const parts: string[] = [];
  const withComments = options.withComments === true;
  interface Step {
    readonly node: XNode;
    readonly rendered: Rendered;
    readonly close?: string;
  }
  const stack: Step[] = [{ node: apex, rendered: new Map() }];
  let first = true;
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (step.close !== undefined) {
      parts.push(step.close);
      continue;
    }
    const node = step.node;
    if (node.kind === 'text') parts.push(escapeText(node.value));
    else if (node.kind !== 'element') parts.push(miscText(node, withComments));
    else if (node !== options.exclude) {
      const tag = startTag(node, step.rendered, options, first);
      first = false;
      parts.push(tag.text);
      stack.push({ node, rendered: step.rendered, close: `</${node.qname}>` });
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push({ node: node.children[i] as XNode, rendered: tag.rendered });
      }
    }
  }
  return parts.join('');
}

/** Canonical form of a whole document (the root's preceding and following comments/PIs included). */
export function canonicalizeDocument(doc: XDocument, options: C14nOptions = {}): string {
  const withComments = options.withComments === true;
  let out = '';
  for (const n of doc.before) {
    const t = miscText(n, withComments);
    if (t !== '') out += `${t}\n`;
  }
  out += canonicalizeElement(doc.root, options);
  for (const n of doc.after) {
    const t = miscText(n, withComments);
    if (t !== '') out += `\n${t}`;
  }
  return out;
}

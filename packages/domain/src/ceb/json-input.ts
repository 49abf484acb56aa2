/**
 * JSON form of a CEB message → the same element tree as XML.
 *
 * Shape: `{ "CEB311Message": { "guid": "…", "version": "1.0", "Order": [{ "OrderHead": {…}, "OrderList": [{…}] }],
 * "BaseTransfer": {…} } }`. Property order is element order; arrays are repeated elements; `null` means
 * absent; scalar `guid`/`version` on the root object are the root attributes. Numbers are accepted only
 * when their decimal text is exact (≤ 15 significant digits, no exponent): send amounts as strings.
 */
import type { CebParseError } from './parse-errors';
import { parseError } from './parse-errors';
import { CEB_NAMESPACE, XMLDSIG_NAMESPACE } from './schema/schema-types';
import type { CebElement, ElementDraft } from './tree';
import { assignPaths, newDraft } from './tree';
import type { XmlReaderLimits } from './xml-reader';

const ROOT_ATTRIBUTES = new Set(['guid', 'version']);
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

class JsonFailure {
  constructor(readonly error: CebParseError) {}
}

interface Walk {
  readonly limits: XmlReaderLimits;
  elements: number;
}

function shapeError(detail: string): never {
  throw new JsonFailure(parseError('JSON_INVALID_SHAPE', detail));
}

function localName(key: string): string {
  const name = key.startsWith('ceb:') ? key.slice(4) : key.startsWith('ds:') ? key.slice(3) : key;
  if (!NAME.test(name)) shapeError(`invalid element name "${key}"`);
  return name;
}

// XML 1.0 Char production, negated: what the same message as XML could not hold, not even escaped.
const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function scalarText(value: string | number, where: string): string {
  if (typeof value === 'string') {
    // A JSON body is the XML message in another notation: it carries the same characters only.
    const bad = NOT_XML_CHAR.exec(value);
    if (bad) {
      const code = `U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      throw new JsonFailure(parseError('JSON_NOT_XML_CHAR', `${where}: ${code} at ${bad.index}`));
    }
    return value;
  }
  const text = String(value);
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (!Number.isFinite(value) || /e/i.test(text) || digits.length > 15) {
    throw new JsonFailure(parseError('JSON_NUMBER_IMPRECISE', `${where}: ${text}`));
  }
  return text;
}

function newElement(w: Walk, name: string, namespace: string, depth: number): ElementDraft {
  w.elements++;
  if (w.elements > w.limits.maxElements) throw new JsonFailure(parseError('TOO_MANY_ELEMENTS', name));
  if (depth > w.limits.maxDepth) throw new JsonFailure(parseError('TOO_DEEP', name));
  return newDraft(name, namespace, null);
}

function buildElement(w: Walk, name: string, value: unknown, parentNs: string, depth: number): ElementDraft {
  const ns = name === 'Signature' && parentNs === CEB_NAMESPACE ? XMLDSIG_NAMESPACE : parentNs;
  const el = newElement(w, name, ns, depth);
  if (typeof value === 'string' || typeof value === 'number') {
    el.text = scalarText(value, name);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    addChildren(w, el, value as Record<string, unknown>, depth);
  } else {
    shapeError(`element "${name}" must be a string, number or object`);
  }
  return el;
}

function addChildren(w: Walk, el: ElementDraft, obj: Record<string, unknown>, depth: number): void {
  for (const [key, value] of Object.entries(obj)) {
    if (value === null || value === undefined) continue;
    const name = localName(key);
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === null) continue;
      if (Array.isArray(item)) shapeError(`nested array under "${key}"`);
      el.children.push(buildElement(w, name, item, el.namespace, depth + 1));
    }
  }
}

function buildRoot(w: Walk, parsed: unknown): ElementDraft {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    shapeError('expected an object');
  const entries = Object.entries(parsed);
  const first = entries[0];
  if (entries.length !== 1 || first === undefined) shapeError('expected exactly one root property');
  const [rootKey, body] = first;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) shapeError('root must be an object');
  const root = newElement(w, localName(rootKey), CEB_NAMESPACE, 1);
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (ROOT_ATTRIBUTES.has(key) && (typeof value === 'string' || typeof value === 'number')) {
      root.attributes[key] = scalarText(value, key);
    } else rest[key] = value;
  }
  addChildren(w, root, rest, 1);
  return root;
}

export function jsonToTree(
  text: string,
  limits: XmlReaderLimits,
): { ok: true; value: CebElement } | { ok: false; error: CebParseError } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      error: parseError('MALFORMED_JSON', e instanceof Error ? e.message : 'invalid JSON'),
    };
  }
  try {
    const root = buildRoot({ limits, elements: 0 }, parsed);
    assignPaths(root);
    return { ok: true, value: root };
  } catch (e) {
    if (e instanceof JsonFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/**
 * Validates a parsed CEB tree against the schema model generated from the official XSDs, plus the prose
 * rules of spec-rules.ts and the two-field rules of cross-field-rules.ts. Reports every violation (up to CEB_MAX_VIOLATIONS) with path and bilingual text.
 */
import { crossFieldFindings } from './cross-field-rules';
import { checkSimpleValue, checkSpecRule, normaliseWhiteSpace } from './facets';
import type { CebMessageType } from './message-types';
import { schemaFor, schemaNameOf } from './message-types';
import type { ParsedCebMessage } from './parse';
import type {
  CebSchemaName,
  XsdComplexType,
  XsdParticle,
  XsdSchema,
  XsdSimpleType,
} from './schema/schema-types';
import { CEB_NAMESPACE, XMLDSIG_NAMESPACE, XSI_NAMESPACE } from './schema/schema-types';
import { specRulesFor } from './schema/spec-rules';
import type { CebElement } from './tree';
import type { CebViolation, CebViolationCode } from './violations';
import { makeViolation } from './violations';

/** A message can produce many violations (100 units × 99 lines); the report keeps the first 1000. */
export const CEB_MAX_VIOLATIONS = 1000;

declare const validBrand: unique symbol;
/** A parsed message that passed validation; typed accessors in messages.ts only accept this. */
export type ValidCebMessage = ParsedCebMessage & { readonly [validBrand]: true };

export type CebValidationReport =
  | { readonly valid: true; readonly message: ValidCebMessage; readonly violations: readonly [] }
  | { readonly valid: false; readonly violations: readonly CebViolation[]; readonly truncated: boolean };

interface Ctx {
  readonly schema: XsdSchema;
  readonly schemaName: CebSchemaName;
  readonly out: CebViolation[];
  truncated: boolean;
}

/** Where a violation is: the owning complex type key (for the annotation), field name and path. */
interface Where {
  readonly owner: string;
  readonly field: string;
  readonly path: string;
}

interface Found {
  readonly code: CebViolationCode;
  readonly expected: string;
  readonly expectedZh?: string;
}

function report(
  ctx: Ctx,
  at: Where,
  found: Found,
  actual: string | null,
  source: 'xsd' | 'spec' = 'xsd',
): void {
  if (ctx.out.length >= CEB_MAX_VIOLATIONS) {
    ctx.truncated = true;
    return;
  }
  const documentation = ctx.schema.docs[`${at.owner}/${at.field}`] ?? ctx.schema.docs[at.owner] ?? '';
  ctx.out.push(makeViolation({ ...found, field: at.field, path: at.path, documentation, actual, source }));
}

function simpleType(ctx: Ctx, key: string): XsdSimpleType {
  const t = ctx.schema.simpleTypes[key];
  if (!t) throw new Error(`schema model has no simple type ${key}`);
  return t;
}

/** XSD facets first; the spec's prose rules only when the facets pass (no duplicate noise). */
function checkValue(ctx: Ctx, at: Where, raw: string, typeKey: string): void {
  const type = simpleType(ctx, typeKey);
  const failures = checkSimpleValue(raw, type);
  for (const f of failures) report(ctx, at, f, raw);
  if (failures.length > 0) return;
  const value = normaliseWhiteSpace(raw, type);
  for (const rule of specRulesFor(ctx.schemaName, at.owner, at.field)) {
    const f = checkSpecRule(value, rule);
    if (f) report(ctx, at, f, raw, 'spec');
  }
}

const isXsi = (name: string) => name.startsWith(`{${XSI_NAMESPACE}}`);

function checkAttributes(ctx: Ctx, el: CebElement, key: string, ct: XsdComplexType): void {
  const declared = ct.attributes ?? [];
  for (const a of declared) {
    const at = { owner: key, field: `@${a.name}`, path: `${el.path}/@${a.name}` };
    const value = el.attributes[a.name];
    if (value !== undefined) checkValue(ctx, at, value, a.type);
    else if (a.required) report(ctx, at, { code: 'MISSING_ATTRIBUTE', expected: 'use=required' }, null);
  }
  for (const [name, value] of Object.entries(el.attributes)) {
    if (declared.some((a) => a.name === name) || isXsi(name)) continue;
    const at = { owner: key, field: `@${name}`, path: `${el.path}/@${name}` };
    report(ctx, at, { code: 'UNEXPECTED_ATTRIBUTE', expected: 'no such attribute' }, value);
  }
}

const SIGNATURE_SHAPE =
  '{http://www.w3.org/2000/09/xmldsig#}Signature(SignedInfo, SignatureValue, KeyInfo?, Object*)';

/** ds:Signature is not verified here (that needs the certificate); only its place and outline. */
function checkSignature(ctx: Ctx, at: Where, el: CebElement): void {
  const names = el.children.filter((c) => c.namespace === XMLDSIG_NAMESPACE).map((c) => c.name);
  const ok = el.namespace === XMLDSIG_NAMESPACE && names[0] === 'SignedInfo' && names[1] === 'SignatureValue';
  if (!ok) report(ctx, at, { code: 'SIGNATURE_INVALID', expected: SIGNATURE_SHAPE }, null);
}

function checkSimpleElement(ctx: Ctx, at: Where, el: CebElement, typeKey: string): void {
  const first = el.children[0];
  if (first) report(ctx, at, { code: 'UNEXPECTED_CHILDREN', expected: 'text only' }, first.name);
  for (const [name, value] of Object.entries(el.attributes)) {
    if (isXsi(name)) continue;
    report(
      ctx,
      { ...at, path: `${el.path}/@${name}` },
      { code: 'UNEXPECTED_ATTRIBUTE', expected: 'no attributes' },
      value,
    );
  }
  checkValue(ctx, at, el.text, typeKey);
}

function checkInstance(ctx: Ctx, owner: string, el: CebElement, p: XsdParticle): void {
  const at = { owner, field: p.name, path: el.path };
  if (p.kind === 'signature') {
    checkSignature(ctx, at, el);
  } else if (el.namespace !== CEB_NAMESPACE) {
    const actual = el.namespace === '' ? '(no namespace)' : el.namespace;
    report(ctx, at, { code: 'WRONG_NAMESPACE', expected: CEB_NAMESPACE }, actual);
  } else if (p.kind === 'complex') {
    validateComplex(ctx, el, p.type);
  } else if (p.kind === 'simple') {
    checkSimpleElement(ctx, at, el, p.type);
  }
}

function missing(ctx: Ctx, owner: string, parent: CebElement, p: XsdParticle, count: number): void {
  const min = p.min ?? 1;
  if (count >= min) return;
  const expected = min === 1 ? 'minOccurs=1' : `minOccurs=${min} (found ${count})`;
  report(
    ctx,
    { owner, field: p.name, path: `${parent.path}/${p.name}` },
    { code: 'MISSING_ELEMENT', expected },
    null,
  );
}

function tooMany(ctx: Ctx, owner: string, el: CebElement, p: XsdParticle, count: number): boolean {
  const max = p.max ?? 1;
  if (max === 'unbounded' || count <= max) return false;
  const at = { owner, field: p.name, path: el.path };
  if (count === max + 1)
    report(ctx, at, { code: 'TOO_MANY_OCCURRENCES', expected: `maxOccurs=${max}` }, null);
  return true;
}

/** Each particle's position by element name (the first, as findIndex would give), per sequence. */
const POSITIONS = new WeakMap<readonly XsdParticle[], Map<string, number>>();
function positionsOf(particles: readonly XsdParticle[]): Map<string, number> {
  let positions = POSITIONS.get(particles);
  if (!positions) {
    positions = new Map();
    for (const [i, p] of particles.entries()) if (!positions.has(p.name)) positions.set(p.name, i);
    POSITIONS.set(particles, positions);
  }
  return positions;
}

/**
 * Sequence matching: walk the children against the particles in order. An element that belongs to an
 * earlier particle is out of order; a skipped required particle is missing unless it appears later
 * (then it is reported once, as out of order).
 */
function checkSequence(ctx: Ctx, el: CebElement, key: string, particles: readonly XsdParticle[]): void {
  const present = new Set(el.children.map((c) => c.name));
  const positions = positionsOf(particles);
  let current = 0;
  let count = 0;
  for (const child of el.children) {
    const index = positions.get(child.name) ?? -1;
    const particle = particles[index];
    const at = { owner: key, field: child.name, path: child.path };
    if (!particle) {
      const expected = `one of ${particles.map((p) => p.name).join(', ')}`;
      report(ctx, at, { code: 'UNEXPECTED_ELEMENT', expected }, null);
      continue;
    }
    if (index < current) {
      report(ctx, at, { code: 'ELEMENT_OUT_OF_ORDER', expected: `before ${particles[current]?.name}` }, null);
    } else if (index === current) {
      count++;
    } else {
      for (let i = current; i < index; i++) {
        const skipped = particles[i] as XsdParticle;
        if (i === current) missing(ctx, key, el, skipped, count);
        else if (!present.has(skipped.name)) missing(ctx, key, el, skipped, 0);
      }
      current = index;
      count = 1;
    }
    if (index >= current && tooMany(ctx, key, child, particle, count)) continue;
    checkInstance(ctx, key, child, particle);
  }
  for (let i = current; i < particles.length; i++) {
    const p = particles[i] as XsdParticle;
    if (i === current) missing(ctx, key, el, p, count);
    else if (!present.has(p.name)) missing(ctx, key, el, p, 0);
  }
}

function validateComplex(ctx: Ctx, el: CebElement, key: string): void {
  const ct = ctx.schema.complexTypes[key];
  if (!ct) throw new Error(`schema model has no complex type ${key}`);
  checkAttributes(ctx, el, key, ct);
  const text = el.text.trim();
  if (text !== '')
    report(
      ctx,
      { owner: key, field: el.name, path: el.path },
      { code: 'UNEXPECTED_TEXT', expected: 'elements only' },
      text,
    );
  checkSequence(ctx, el, key, ct.children);
}

export interface CebTreeViolations {
  readonly violations: readonly CebViolation[];
  readonly truncated: boolean;
}

/** Validates an element tree whose root is the given message type. */
export function validateCebTree(root: CebElement, messageType: CebMessageType): CebTreeViolations {
  const schemaName = schemaNameOf(messageType);
  if (!schemaName) throw new Error(`not a CEB message type: ${messageType}`);
  const ctx: Ctx = { schema: schemaFor(schemaName), schemaName, out: [], truncated: false };
  if (root.name !== messageType || root.namespace !== CEB_NAMESPACE) {
    const at = { owner: messageType, field: root.name, path: root.path };
    report(ctx, at, { code: 'UNEXPECTED_ELEMENT', expected: messageType }, `{${root.namespace}}${root.name}`);
  } else {
    validateComplex(ctx, root, messageType);
    for (const f of crossFieldFindings(root)) {
      const at = { owner: f.owner, field: f.field, path: f.path };
      report(ctx, at, { code: f.code, expected: f.expected, expectedZh: f.expectedZh }, f.actual, 'spec');
    }
  }
  return { violations: ctx.out, truncated: ctx.truncated };
}

export function validateCebMessage(message: ParsedCebMessage): CebValidationReport {
  const { violations, truncated } = validateCebTree(message.root, message.messageType);
  if (violations.length === 0) return { valid: true, message: message as ValidCebMessage, violations: [] };
  return { valid: false, violations, truncated };
}

/**
 * The namespace-resolved element tree produced by the XML reader and by the JSON converter.
 * Element order and text are kept exactly; `path` locates the element for error messages.
 */
export interface CebElement {
  /** Local name without prefix (`OrderHead`, `Signature`). */
  readonly name: string;
  /** Namespace URI ('' when the element is in no namespace). */
  readonly namespace: string;
  /** Non-namespace attributes by local name; namespaced ones as `{uri}local`. xmlns declarations are dropped. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly CebElement[];
  /** Character data directly inside this element (text and CDATA), concatenated. */
  readonly text: string;
  /** Location such as `/CEB311Message/Order[2]/OrderList[3]/gnum`; `[n]` appears when siblings share a name. */
  readonly path: string;
  /** 1-based line in the (decoded) XML source; null for JSON input. */
  readonly line: number | null;
}

/** Mutable form used while building; exposed only as CebElement. */
export interface ElementDraft {
  name: string;
  namespace: string;
  attributes: Record<string, string>;
  children: ElementDraft[];
  text: string;
  path: string;
  line: number | null;
}

export function newDraft(name: string, namespace: string, line: number | null): ElementDraft {
  return { name, namespace, attributes: {}, children: [], text: '', path: '', line };
}

/** Assigns XPath-like locations; depth is bounded by the reader limits, so recursion is safe. */
export function assignPaths(root: ElementDraft): void {
  root.path = `/${root.name}`;
  assignChildPaths(root);
}

function assignChildPaths(element: ElementDraft): void {
  const children = element.children;
  if (children.length === 0) return;
  // Usually every child has its own name: then no child needs an index.
  const names = new Set<string>();
  for (const child of children) names.add(child.name);
  if (names.size === children.length) {
    for (const child of children) {
      child.path = `${element.path}/${child.name}`;
      assignChildPaths(child);
    }
    return;
  }
  const totals = new Map<string, number>();
  for (const child of element.children) totals.set(child.name, (totals.get(child.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const child of element.children) {
    const index = (seen.get(child.name) ?? 0) + 1;
    seen.set(child.name, index);
    const suffix = (totals.get(child.name) ?? 0) > 1 ? `[${index}]` : '';
    child.path = `${element.path}/${child.name}${suffix}`;
    assignChildPaths(child);
  }
}

/** Children with the given local name (any namespace). */
export function childrenNamed(element: CebElement, name: string): readonly CebElement[] {
  return element.children.filter((c) => c.name === name);
}

export function firstChild(element: CebElement, name: string): CebElement | undefined {
  return element.children.find((c) => c.name === name);
}

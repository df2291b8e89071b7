import { type Alias, type Document, isAlias, isCollection, isPair, isScalar, isSeq, type Node } from 'yaml';
import { countText, type DocumentLimits } from './documentLimits.js';
import type { Path } from './path.js';

/** A bound a document exceeds, at the node where it was found. */
export interface LimitBreach {
  readonly node: unknown;
  readonly path: Path;
  readonly message: string;
}

/** What {@link scanDocument} learns in its one pass. */
export interface DocumentScan {
  /** The node each alias stands for: the last node before it with its anchor (`undefined` if none). */
  readonly aliasTargets: ReadonlyMap<Alias, Node | undefined>;
  /** Bounds exceeded, at most one per kind of bound. */
  readonly breaches: readonly LimitBreach[];
}

/**
 * One pass over the parsed document, in document order, without
 * recursion (a deep document must not overflow the stack): checks string
 * lengths, list lengths, nesting depth and the number of aliases against
 * `limits`, and resolves every alias. yaml's own `Alias.resolve` walks
 * the whole document for each alias, quadratic in the document's size.
 */
export function scanDocument(doc: Document, limits: DocumentLimits): DocumentScan {
  const aliasTargets = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  const breaches = new Map<string, LimitBreach>();
  let aliases = 0;
  // Nodes to visit; children are pushed in reverse so that they pop in document order.
  const stack: Visit[] = [{ node: doc.contents, depth: 0 }];
  const breach = (kind: string, visit: Visit, message: string): void => {
    if (!breaches.has(kind)) breaches.set(kind, { node: visit.node, path: pathOf(visit), message });
  };
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { node, depth } = visit;
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      // The value is at the mapping's path plus its key; the key itself at the mapping's path.
      const key = isScalar(node.key) ? String(node.key.value) : node.key === null ? 'null' : undefined;
      stack.push({ node: node.value, depth, parent: visit.parent, segment: key }, { node: node.key, depth, parent: visit.parent });
      continue;
    }
    if (isAlias(node)) {
      if (++aliases > limits.maxAliases) breach('aliases', visit, `more than ${countText(limits.maxAliases)} aliases (the limit on a document)`);
      aliasTargets.set(node, anchors.get(node.source));
      continue;
    }
    const anchor = (node as Node).anchor;
    if (anchor !== undefined) anchors.set(anchor, node as Node);
    if (isScalar(node)) {
      const { value } = node;
      if (typeof value === 'string' && value.length > limits.maxStringLength) {
        breach('string', visit, `a string of ${countText(value.length)} characters; at most ${countText(limits.maxStringLength)} are allowed`);
      }
      continue;
    }
    if (isCollection(node)) {
      if (depth > limits.maxDepth) {
        breach('depth', visit, `nested more than ${limits.maxDepth} levels deep`);
        continue;
      }
      const { items } = node as { items: readonly unknown[] };
      if (items.length > limits.maxListLength) {
        breach('list', visit, `${countText(items.length)} items in one list or mapping; at most ${countText(limits.maxListLength)} are allowed`);
        continue;
      }
      const seq = isSeq(node);
      for (let i = items.length - 1; i >= 0; i--) stack.push({ node: items[i], depth: depth + 1, parent: visit, segment: seq ? i : undefined });
    }
  }
  return { aliasTargets, breaches: [...breaches.values()] };
}

/** A node to visit: its depth, and the collection it is in with its place there (for the path of a problem). */
interface Visit {
  readonly node: unknown;
  readonly depth: number;
  readonly parent?: Visit;
  /** Its index in a list, its key in a mapping (`undefined` for a key itself, or a pair in a flow list). */
  readonly segment?: string | number;
}

function pathOf(visit: Visit): Path {
  const path: (string | number)[] = [];
  for (let v: Visit | undefined = visit; v !== undefined; v = v.parent) if (v.segment !== undefined) path.push(v.segment);
  return path.reverse();
}

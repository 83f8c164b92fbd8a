import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/** Where a path points in the YAML tree: the value node, and the key node when it is a map entry. */
export interface Located {
  /** The deepest node found along the path (the whole path was found when `complete`). */
  node: Node | null;
  key: Node | null;
  complete: boolean;
}

/**
 * Walks the document's nodes along a data path (as zod reports it), so a problem can be shown at
 * the offending node's line and column. Stops at the deepest node that exists.
 */
export function locateNode(doc: Document, path: readonly PropertyKey[]): Located {
  let node: Node | null = doc.contents ?? null;
  let key: Node | null = null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
      if (!pair) return { node, key, complete: false };
      key = isScalar(pair.key) ? pair.key : null;
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return { node, key, complete: false };
      key = null;
      node = item;
    } else {
      return { node, key, complete: false };
    }
  }
  return { node, key, complete: true };
}

function keyText(key: unknown): string | null {
  if (isScalar(key)) return String(key.value);
  return null;
}

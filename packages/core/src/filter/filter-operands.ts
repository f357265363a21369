import type { FilterNode, LogicalNode } from "./filter-ast.js";

/**
 * The operands of a chain of one logical operator, left to right: `a and b and c`, which the
 * parser builds as `(a and b) and c`, gives `[a, b, c]`. Walks the left spine in a loop, so a long
 * chain (RFC 7644 §3.4.2.2 `logExp`) costs no stack; right operands keep their own structure.
 */
export function logicalOperands(node: LogicalNode): FilterNode[] {
  const rights: FilterNode[] = [];
  let current: FilterNode = node;
  while (current.kind === node.kind) {
    const logical = current as LogicalNode;
    rights.push(logical.right);
    current = logical.left;
  }
  return [current, ...rights.reverse()];
}

import type { AttrPath, FilterNode, FilterValue, LogicalNode, PatchPath } from "./filter-ast.js";
import { logicalOperands } from "./filter-operands.js";

/** Writes an attribute path as `[URI ":"] ATTRNAME ["." subAttr]` (RFC 7644 §3.10). */
export function printAttrPath(path: AttrPath): string {
  const uri = path.uri === undefined ? "" : `${path.uri}:`;
  const subAttr = path.subAttr === undefined ? "" : `.${path.subAttr}`;
  return `${uri}${path.name}${subAttr}`;
}

/**
 * Writes a filter AST as canonical filter text (RFC 7644 §3.4.2.2) that `parseScimFilter` reads
 * back to an equal AST: operators in lower case, strings as JSON, `not (…)` with a space, and
 * parentheses only where precedence (`not` > `and` > `or`) or a right-nested chain needs them.
 */
export function printScimFilter(node: FilterNode): string {
  switch (node.kind) {
    case "compare":
      return `${printAttrPath(node.path)} ${node.op} ${printValue(node.value)}`;
    case "present":
      return `${printAttrPath(node.path)} pr`;
    case "not":
      return `not (${printScimFilter(node.filter)})`;
    case "valuePath":
      return `${printAttrPath(node.path)}[${printScimFilter(node.filter)}]`;
    default:
      return printLogical(node);
  }
}

/** Writes a PATCH path (RFC 7644 §3.5.2): `attrPath`, `attrPath[valFilter]` or `attrPath[valFilter].subAttr`. */
export function printScimPatchPath(path: PatchPath): string {
  const attribute = printAttrPath(path.attribute);
  if (path.filter === undefined) return attribute;
  const subAttr = path.subAttr === undefined ? "" : `.${path.subAttr}`;
  return `${attribute}[${printScimFilter(path.filter)}]${subAttr}`;
}

/** A compValue as JSON: JSON.stringify escapes quotes, backslashes, control characters and lone surrogates. */
function printValue(value: FilterValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * Operands of the chain are joined by the operator. The first operand is the end of the left spine,
 * so it only needs parentheses for `or` under `and`; a later operand needs them when it is a logical
 * node of the same operator (it was parenthesised, else the parser would have chained it) or an `or`.
 */
function printLogical(node: LogicalNode): string {
  const parts = logicalOperands(node).map((operand, index) => {
    const text = printScimFilter(operand);
    const grouped = operand.kind === "or" || (index > 0 && operand.kind === node.kind);
    return grouped ? `(${text})` : text;
  });
  return parts.join(` ${node.kind} `);
}

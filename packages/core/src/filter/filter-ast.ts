/**
 * The filter AST (RFC 7644 §3.4.2.2). Nodes are plain immutable data; names are kept as the
 * client wrote them (the attribute catalog resolves them case-insensitively).
 */

/** An attribute path: `[URI ":"] ATTRNAME ["." subAttr]`, e.g. `name.givenName` or an extension URN path. */
export interface AttrPath {
  /** The schema URN prefix, when the path had one (e.g. the enterprise extension's URN). */
  readonly uri?: string;
  readonly name: string;
  readonly subAttr?: string;
}

/** The comparison operators of RFC 7644 §3.4.2.2, Table 3 (`pr` is a node of its own). */
export type CompareOperator = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";

/** A comparison value: a JSON string (also dateTime, binary and reference values), number, boolean or null. */
export type FilterValue = string | number | boolean | null;

/** `attrPath op value`. */
export interface CompareNode {
  readonly kind: "compare";
  readonly path: AttrPath;
  readonly op: CompareOperator;
  readonly value: FilterValue;
}

/** `attrPath pr`: the attribute has a non-empty value. */
export interface PresentNode {
  readonly kind: "present";
  readonly path: AttrPath;
}

/** `left and right` / `left or right`. */
export interface LogicalNode {
  readonly kind: "and" | "or";
  readonly left: FilterNode;
  readonly right: FilterNode;
}

/** `not (filter)`. */
export interface NotNode {
  readonly kind: "not";
  readonly filter: FilterNode;
}

/** `attrPath[valFilter]`: some value of a multi-valued complex attribute matches `filter`, whose paths are relative to it. */
export interface ValuePathNode {
  readonly kind: "valuePath";
  readonly path: AttrPath;
  readonly filter: FilterNode;
}

/** Any filter expression. */
export type FilterNode = CompareNode | PresentNode | LogicalNode | NotNode | ValuePathNode;

/**
 * A PATCH path (RFC 7644 §3.5.2): `attrPath`, or `valuePath [subAttr]` such as
 * `emails[type eq "work"].value` or `members[value eq "2819c223"]`.
 */
export interface PatchPath {
  readonly attribute: AttrPath;
  /** The value filter in brackets, when present. */
  readonly filter?: FilterNode;
  /** The sub-attribute after the brackets (`.value` in `emails[type eq "work"].value`). */
  readonly subAttr?: string;
}

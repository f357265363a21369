/* Small helpers over stored records, shared by the in-memory ports. */

/** A deep copy, so neither the store nor its caller can change the other's object. */
export function copyOf<T>(value: T): T {
  return structuredClone(value);
}

/** The resource's `id`, which every stored resource has. */
export function idOf(resource: Readonly<Record<string, unknown>>): string {
  const id = resource.id;
  if (typeof id !== "string" || id === "") throw new Error("A stored resource needs a string id.");
  return id;
}

/** The resource's `meta.version`, which the conditional updates compare. */
export function versionOf(resource: Readonly<Record<string, unknown>>): string | undefined {
  const meta = resource.meta;
  if (typeof meta !== "object" || meta === null) return undefined;
  const version = (meta as Record<string, unknown>).version;
  return typeof version === "string" ? version : undefined;
}

/** Code-unit order, as `id` columns compare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

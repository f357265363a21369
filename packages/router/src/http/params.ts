import { ScimError } from "@scimkit/core";
import type { operations } from "@scimkit/types";

type OperationMeta = (typeof operations)[keyof typeof operations];
type ParameterMeta = OperationMeta["parameters"][number];
type ParameterValue = string | number;

/** Parsed parameters by location, before they are handed to a handler as its typed request. */
export interface ParsedParameters {
  readonly path: Record<string, ParameterValue>;
  readonly query: Record<string, ParameterValue>;
  readonly headers: Record<string, string>;
}

/** Where the raw values come from: the router's path captures, the query string, the request headers. */
export interface RawParameters {
  readonly path: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  readonly header: (name: string) => string | undefined;
}

/**
 * Checks an operation's path, query and header parameters against their spec declarations
 * (RFC 7644 §3.4.2), so the types a handler sees are true: integers are integers, enums are
 * members, a duplicated query parameter is refused rather than silently picked. Values below
 * the minimum of a clamped parameter are raised to it, as RFC 7644 §3.4.2.4 tells for
 * `startIndex` and `count`. Undeclared query parameters are ignored.
 */
export function parseParameters(parameters: readonly ParameterMeta[], raw: RawParameters): ParsedParameters {
  const parsed = { path: {}, query: {}, headers: {} } as {
    path: Record<string, ParameterValue>;
    query: Record<string, ParameterValue>;
    headers: Record<string, string>;
  };
  for (const parameter of parameters) {
    const value = rawValue(parameter, raw);
    if (value === undefined) {
      if (parameter.required)
        throw ScimError.invalidValue(`Missing required ${parameter.in} parameter "${parameter.name}".`);
      continue;
    }
    if (parameter.in === "header") parsed.headers[parameter.name] = value;
    else parsed[parameter.in][parameter.name] = coerce(parameter, value);
  }
  return parsed;
}

function rawValue(parameter: ParameterMeta, raw: RawParameters): string | undefined {
  switch (parameter.in) {
    case "path":
      return raw.path[parameter.name];
    case "header":
      return raw.header(parameter.name);
    case "query": {
      const values = raw.query.getAll(parameter.name);
      if (values.length > 1) {
        throw ScimError.invalidValue(
          `Query parameter "${parameter.name}" is given ${values.length} times; give it once.`,
        );
      }
      return values[0];
    }
  }
}

function coerce(parameter: ParameterMeta, value: string): ParameterValue {
  if (parameter.type === "integer") return coerceInteger(parameter, value);
  if ("enum" in parameter) {
    const member = parameter.enum.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    if (member === undefined) {
      throw ScimError.invalidValue(`"${parameter.name}" must be one of ${parameter.enum.join(", ")}.`);
    }
    return member;
  }
  if ("minLength" in parameter && value.length < parameter.minLength) {
    throw ScimError.invalidValue(`"${parameter.name}" must not be empty.`);
  }
  return value;
}

function coerceInteger(parameter: ParameterMeta, value: string): number {
  const trimmed = value.trim();
  const number = /^[-+]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(number)) {
    throw ScimError.invalidValue(
      `"${parameter.name}" must be an integer, got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  if ("minimum" in parameter && number < parameter.minimum) {
    if ("clamp" in parameter && parameter.clamp) return parameter.minimum;
    throw ScimError.invalidValue(`"${parameter.name}" must be at least ${parameter.minimum}.`);
  }
  return number;
}

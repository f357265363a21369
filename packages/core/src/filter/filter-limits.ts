/** Bounds that make parsing of hostile input take bounded time and stack (RFC 7644 §7.8: filters are untrusted). */
export interface ScimFilterLimits {
  /** Longest accepted text, in UTF-16 code units. */
  readonly maxLength: number;
  /** Deepest accepted nesting of parentheses, `not (…)` and value filters `[…]`. */
  readonly maxDepth: number;
}

/** The limits used when the caller passes none: 8192 characters, 32 levels of nesting. */
export const defaultScimFilterLimits: ScimFilterLimits = { maxLength: 8192, maxDepth: 32 };

/** Nesting is never allowed deeper than this, whatever the options say, so the parser cannot exhaust the stack. */
const HARD_MAX_DEPTH = 256;

/** The caller's limits over the defaults, with the depth capped at a bound the stack can always take. */
export function resolveFilterLimits(limits: Partial<ScimFilterLimits>): ScimFilterLimits {
  const { maxLength, maxDepth } = { ...defaultScimFilterLimits, ...limits };
  return { maxLength, maxDepth: Math.min(maxDepth, HARD_MAX_DEPTH) };
}

import { ConformanceFailure } from "../suite-types.js";

/** Fails the case with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}

/** Fails unless the response has the expected status; the message names both and the body's detail. */
export async function checkStatus(
  response: Response,
  expected: number | readonly number[],
  what: string,
): Promise<void> {
  const allowed = typeof expected === "number" ? [expected] : expected;
  if (allowed.includes(response.status)) return;
  let detail = "";
  try {
    const body = (await response.clone().json()) as { detail?: unknown };
    if (typeof body.detail === "string") detail = ` (detail: ${body.detail})`;
  } catch {
    // not JSON: no detail to quote
  }
  throw new ConformanceFailure(
    `${what}: expected HTTP ${allowed.join(" or ")}, got ${response.status}${detail}`,
  );
}

/** Fails unless the value deep-equals the expectation (JSON comparison, key order ignored). */
export function checkEqual(actual: unknown, expected: unknown, what: string): void {
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
          )
        : v,
    );
  if (canonical(actual) !== canonical(expected)) {
    throw new ConformanceFailure(
      `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }
}

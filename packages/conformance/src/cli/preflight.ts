import { SCIM_MEDIA_TYPE } from "@scimkit/types";
import type { CliRunOptions } from "./cli-args.js";

/** The message of a network error, with its cause (`fetch failed` alone says nothing). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (error.name === "TimeoutError") return "no answer in time (see --timeout)";
  if (cause === undefined) return error.message;
  return typeof code === "string" ? `${error.message} (${code})` : `${error.message} (${cause.message})`;
}

/**
 * One GET of /ServiceProviderConfig (RFC 7644 §4) before the suites, so that a wrong URL or token
 * is a usage error (exit 2) rather than every case failing. Returns what is wrong, or undefined.
 * Only "unreachable" and 401/403 stop the run: any other answer is for the suites to judge.
 */
export async function preflight(
  options: Pick<CliRunOptions, "baseUrl" | "token" | "timeoutMs">,
  send: typeof fetch,
): Promise<string | undefined> {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/ServiceProviderConfig`;
  let response: Response;
  try {
    response = await send(url, {
      headers: { authorization: `Bearer ${options.token}`, accept: SCIM_MEDIA_TYPE },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    return `cannot reach ${options.baseUrl}: ${describe(error)}`;
  }
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) {
    return `the server refused the token: HTTP ${response.status} from GET ${url}`;
  }
  return undefined;
}

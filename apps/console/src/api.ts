import { createScimClient, type ScimClient } from "@scimkit/client";
import { type ApiProblem, ConsoleError } from "./errors.js";

/** The typed client of the reference server (generated from spec/openapi.yaml), signed in with an admin token. */
export type Api = ScimClient;

/** A client for this server's `/api`, with the admin token. No retries: a person decides whether to retry. */
export function connect(token: string): Api {
  return createScimClient({ baseUrl: window.location.origin, token, retry: false });
}

interface Outcome<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

function problemOf(response: Response, error: unknown): ApiProblem {
  const body = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const requestId = response.headers.get("x-request-id");
  return {
    status: response.status,
    ...(typeof body.detail === "string" ? { detail: body.detail } : {}),
    ...(typeof body.scimType === "string" ? { scimType: body.scimType } : {}),
    ...(requestId === null ? {} : { requestId }),
  };
}

/** Awaits a client call: its data, or a `ConsoleError` in words a person understands. */
export async function call<T>(request: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await request;
  } catch {
    throw new ConsoleError({ status: 0 });
  }
  if (!outcome.response.ok) throw new ConsoleError(problemOf(outcome.response, outcome.error));
  return outcome.data as T;
}

/** The message to show for anything a call threw. */
export function messageOf(error: unknown): string {
  return error instanceof ConsoleError
    ? error.message
    : "Something unexpected went wrong in the console. Reload the page.";
}

/** What went wrong with a request, as the server said it (a SCIM error body) or as the network failed. */
export interface ApiProblem {
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  readonly detail?: string;
  readonly scimType?: string;
  readonly requestId?: string;
}

/** An error the console shows to a person: `message` is written for them, not for a developer. */
export class ConsoleError extends Error {
  override readonly name = "ConsoleError";
  constructor(
    readonly problem: ApiProblem,
    message = humanMessage(problem),
  ) {
    super(message);
  }
}

const ADMIN_TOKEN_HINT = "Create one with `pnpm scimkit token create --tenant ID --scope admin`.";

/**
 * A sentence a person can act on for each error the server answers. The server's own detail is
 * kept where it already says what to do (validation and conflicts), and replaced where it speaks
 * in protocol terms (401, 429, 503, 5xx).
 */
export function humanMessage(problem: ApiProblem): string {
  const detail = problem.detail?.trim();
  switch (problem.status) {
    case 0:
      return "The server did not answer. Check that it is running and that this computer can reach it, then try again.";
    case 401:
      return "This admin token is not valid, or it was revoked. Sign in again with a current admin token.";
    case 403:
      if (detail?.includes("scope"))
        return `This is a SCIM token: it is meant for your identity provider, not for the console. Sign in with an admin token. ${ADMIN_TOKEN_HINT}`;
      return detail ?? "This token may not do that.";
    case 404:
      return `${detail ?? "That item was not found."} It may have been removed meanwhile; reload the page.`;
    case 409:
    case 412:
      return detail ?? "Someone else changed this at the same time. Reload the page and try again.";
    case 413:
      return "That request is too large for the server.";
    case 429:
      return "Too many requests in a short time. Wait a moment, then try again.";
    case 503:
      return "The database is busy right now. Wait a moment, then try again.";
    default:
      if (problem.status >= 500) {
        const reference = problem.requestId === undefined ? "" : ` (request id ${problem.requestId})`;
        return `Something went wrong on the server${reference}. Try again; if it keeps happening, look in the server's log.`;
      }
      return detail === undefined || detail === ""
        ? `The server refused the request (HTTP ${problem.status}).`
        : `The server could not accept this: ${detail}`;
  }
}

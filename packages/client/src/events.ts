import type { ProvisioningEvent, ProvisioningEventType } from "@scimkit/types";
import { createScimClient, type ScimClient, type ScimClientOptions } from "./client.js";
import { dataOrThrow } from "./scim-client-error.js";

/**
 * Where {@link events} reads: a client made with {@link createScimClient} whose `baseUrl` is the
 * server's origin (where `/api` lives, e.g. `https://scim.example.com`, not the SCIM base URL)
 * and whose token is an admin-scoped one, or the options to make such a client.
 */
export type EventsSource = ScimClient | ScimClientOptions;

/** What {@link events} reads of `GET /api/events`. */
export interface EventsOptions {
  /** A cursor an earlier read reported (`onCursor`, or the iteration's return value): start after it. */
  readonly after?: string;
  /** Only events of these types. */
  readonly types?: readonly ProvisioningEventType[];
  /** The most events per page the server sends (1 to 1000; its default is 100). */
  readonly limit?: number;
  /**
   * Called with the cursor after the events of each page were yielded: keep it, and pass it as
   * `after` to resume after the last event handled.
   */
  readonly onCursor?: (cursor: string) => void;
  /** Aborts the request in flight and the iteration. */
  readonly signal?: AbortSignal;
}

function isClient(source: EventsSource): source is ScimClient {
  return typeof (source as Partial<ScimClient>).GET === "function";
}

function clientOf(source: EventsSource): ScimClient {
  return isClient(source) ? source : createScimClient(source);
}

/**
 * Iterates a tenant's provisioning events (spec/openapi.yaml `ProvisioningEvent`) through the pull
 * API, `GET /api/events`, oldest first: page after page, following each page's `cursor`, until a
 * page is empty (the feed's end as of now). Returns the last cursor; read again from it later to
 * get what committed since. Throws {@link ScimClientError} on an error answer (a cursor the server
 * did not hand out is 400 `invalidValue`).
 *
 * @example
 * for await (const event of events({ baseUrl: "https://scim.example.com", token: adminToken }, { after })) {
 *   if (event.type === "user.deactivated") await lockOut(event.data.user.id);
 * }
 */
export async function* events(
  source: EventsSource,
  options: EventsOptions = {},
): AsyncGenerator<ProvisioningEvent, string | undefined, undefined> {
  const client = clientOf(source);
  const { types, limit, signal } = options;
  let after = options.after;
  for (;;) {
    signal?.throwIfAborted();
    const query = {
      ...(after === undefined ? {} : { after }),
      ...(types === undefined ? {} : { types: types.join(",") }),
      ...(limit === undefined ? {} : { limit }),
    };
    const page = dataOrThrow(
      await client.GET("/api/events", { params: { query }, ...(signal === undefined ? {} : { signal }) }),
    );
    for (const event of page.items) yield event;
    // A page that moves no further is the end too, so a faulty server cannot make this loop forever.
    const moved = page.cursor !== after;
    after = page.cursor;
    options.onCursor?.(after);
    if (page.items.length === 0 || !moved) return after;
  }
}

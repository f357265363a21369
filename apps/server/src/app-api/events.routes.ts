import { ScimError } from "@scimkit/core";
import type { EventPage, HandlerGroup, Store } from "@scimkit/router";
import type { components } from "@scimkit/types";
import { parseEventTypeList } from "./webhooks.input.js";

type ProvisioningEventPage = components["schemas"]["ProvisioningEventPage"];

/** The pull API's page size: 100 unless asked, at most 1000. */
export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 1000;

/**
 * A page as the pull API answers it, written from the stored bodies as they are: each event goes
 * out byte for byte as it was appended (and as a webhook signs it), never parsed and serialised
 * again. Koa sends a string body unchanged; the operation layer gives it the spec's media type.
 * The one cast: the text is the spec's `ProvisioningEventPage`, which the type system cannot see.
 */
export function eventPageBody(page: EventPage): ProvisioningEventPage {
  const items = page.items.map((event) => event.body).join(",");
  return `{"items":[${items}],"cursor":${JSON.stringify(page.cursor)}}` as unknown as ProvisioningEventPage;
}

/** `GET /api/events` (admin-scoped token): the tenant's events after a cursor, in feed order. */
export function eventsHandlers(store: Store): HandlerGroup<"listEvents"> {
  return {
    listEvents: async ({ query }, { principal }) => {
      const limit = query.limit ?? DEFAULT_EVENT_LIMIT;
      if (limit > MAX_EVENT_LIMIT)
        throw ScimError.invalidValue(`"limit" must be at most ${MAX_EVENT_LIMIT}.`);
      const page = await store.read.events.page(principal.tenantId, {
        ...(query.after === undefined ? {} : { after: query.after }),
        ...(query.types === undefined ? {} : { types: parseEventTypeList(query.types, "types") }),
        limit,
      });
      return { status: 200, body: eventPageBody(page) };
    },
  };
}

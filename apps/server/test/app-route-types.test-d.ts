/**
 * Type-level test of the reference server's own handler map, checked by `pnpm typecheck`: it
 * must name every operation the spec tags App, Webhooks, Events or Operations (the SCIM ones come from
 * @scimkit/router, whose own map is held by packages/router/test/route-types.test-d.ts). Each
 * `@ts-expect-error` must stay an error, or tsc reports the directive as unused.
 */
import type { AppHandlers } from "../src/app.js";

declare const complete: AppHandlers;
const { listTeam: _dropped, ...withoutListTeam } = complete;

// A map that misses an operation of the App tag does not typecheck.
// @ts-expect-error listTeam is missing
export const missingAppHandler: AppHandlers = withoutListTeam;

const { getReadiness: _readiness, ...withoutReadiness } = complete;

// Nor one that misses an operation of the Operations tag.
// @ts-expect-error getReadiness is missing
export const missingOperationsHandler: AppHandlers = withoutReadiness;

const { rotateWebhookSecret: _rotate, ...withoutRotate } = complete;

// Nor one that misses an operation of the Webhooks tag.
// @ts-expect-error rotateWebhookSecret is missing
export const missingWebhooksHandler: AppHandlers = withoutRotate;

const { listEvents: _events, ...withoutEvents } = complete;

// Nor one that misses the events pull API (Events tag).
// @ts-expect-error listEvents is missing
export const missingEventsHandler: AppHandlers = withoutEvents;

// What crosses the IPC channel between the orchestrator and the load worker. Functions cannot be
// sent to another process, so a scenario travels as plain data (a plan) and the worker turns it
// into autocannon's `setupRequest` (request-plans.ts).

/** A user as sampled from the server: enough to address it, filter for it and PUT it back unchanged. */
export interface SampledUser {
  readonly id: string;
  readonly userName: string;
  readonly externalId: string;
  /** The user's work email, as stored (the bench creates it equal to the userName). */
  readonly workEmail: string;
}

/** One kind of request, varied per request by the worker from the data given here. */
export type RequestPlan =
  /** A fixed GET path (the bare Koa baseline, the group read, list pages). */
  | { readonly kind: "get"; readonly path: string }
  /** `GET /Users/{id}` with a random sampled id. */
  | { readonly kind: "get-user"; readonly ids: readonly string[] }
  /**
   * `GET <path><random value>`, the value URL-encoded: a filter (`/Users?filter=userName%20eq%20`
   * and quoted userNames), a console search (`/api/team?…&search=` and prefixes).
   */
  | { readonly kind: "get-varied"; readonly path: string; readonly values: readonly string[] }
  /** `POST /Users` of new users numbered from `firstNumber` up, one number per request. */
  | { readonly kind: "create-user"; readonly firstNumber: number }
  /** `PATCH /Users/{id}` replacing `name.givenName` of a random sampled user. */
  | { readonly kind: "patch-user"; readonly ids: readonly string[] }
  /** `PUT /Users/{id}` of a random sampled user with its immutable attributes unchanged. */
  | { readonly kind: "put-user"; readonly users: readonly SampledUser[] }
  /** `PATCH /Groups/{id}` adding one member per request, each id used once (a bounded pool). */
  | { readonly kind: "group-add-member"; readonly groupId: string; readonly userIds: readonly string[] }
  /** `PATCH /Groups/{id}` removing one member per request, each id used once (a bounded pool). */
  | { readonly kind: "group-remove-member"; readonly groupId: string; readonly userIds: readonly string[] };

/** One autocannon run: warm-up (discarded), then either a fixed duration or a fixed amount. */
export interface LoadJob {
  /** Always `http://127.0.0.1:<port>`: the bench never sends load anywhere else. */
  readonly origin: string;
  /** Path prefix of the SCIM API (`/scim/v2`); empty for the bare server and the admin console's `/api`. */
  readonly basePath: string;
  /** Bearer token (the SCIM token, or the admin token for `/api`); absent for the bare server. */
  readonly token?: string;
  readonly plan: RequestPlan;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  /** Growth: exactly this many requests, no warm-up, no time limit but `maxSeconds`. */
  readonly amount?: number;
  /** Hard stop for an `amount` run, so a stalled server cannot hang the bench. */
  readonly maxSeconds?: number;
}

/** The measured part of one run (the warm-up is not in it). */
export interface LoadResult {
  /** Responses received in the measured phase. */
  readonly responses: number;
  readonly elapsedSeconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses with a status outside 2xx. */
  readonly non2xx: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  /** The first few non-2xx bodies, to say what went wrong. */
  readonly errorSamples: readonly string[];
  /** For `create-user`: the next unused user number. */
  readonly nextNumber?: number;
  /** For pooled plans: whether the pool ran out before the duration did. */
  readonly poolExhausted: boolean;
}

/** Worker → orchestrator. */
export type WorkerMessage =
  | { readonly type: "progress"; readonly responses: number }
  | { readonly type: "result"; readonly result: LoadResult }
  | { readonly type: "failed"; readonly message: string };

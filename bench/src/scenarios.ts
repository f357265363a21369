import type { BigGroup } from "./group-setup.js";
import type { RequestPlan, SampledUser } from "./load-protocol.js";
import { grouped } from "./progress.js";

// The SCIM API's scenarios and the admin console's queries, as data: a name, a label for the
// table, the API called, the status every response must have, and the plan the load worker turns
// into requests.

/** Scenario names, stable: they key the JSON output, the targets and `--cpu-prof`. */
export const SCENARIO_NAMES = [
  "get-user",
  "filter-userName",
  "filter-externalId",
  "filter-emails",
  "list-first",
  "list-last",
  "team-first",
  "team-deep",
  "team-pending",
  "team-search",
  "patch-user",
  "put-user",
  "audit-user",
  "group-add-member",
  "group-remove-member",
  "get-group",
  "post-user",
] as const;

/** One of {@link SCENARIO_NAMES}. */
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What a scenario's plan is built from at one population size. */
export interface ScenarioContext {
  /** Users on the server when the stage began. */
  readonly users: number;
  readonly sample: readonly SampledUser[];
  /** The big group; only at the last stage. */
  readonly group?: BigGroup;
  /** The first user number not yet used by a POST. */
  readonly nextNumber: number;
}

/**
 * Which API a scenario calls: SCIM under `/scim/v2` with the SCIM token, or the admin console's
 * `/api` at the origin with the admin token.
 */
export type ScenarioApi = "scim" | "console";

/** One scenario. */
export interface Scenario {
  readonly name: ScenarioName;
  readonly api: ScenarioApi;
  readonly expectedStatus: 200 | 201 | 204;
  /** Runs only where the big group exists (the last stage). */
  readonly needsGroup: boolean;
  label(context: ScenarioContext): string;
  plan(context: ScenarioContext): RequestPlan;
}

function requireGroup(context: ScenarioContext): BigGroup {
  if (context.group === undefined) throw new Error("group scenarios run only after the group set-up");
  return context.group;
}

const ids = (context: ScenarioContext) => context.sample.map((user) => user.id);

/** A read of `path` followed by one of `values` (drawn from the sample), picked at random per request. */
function varied(
  name: ScenarioName,
  api: ScenarioApi,
  path: string,
  values: (sample: readonly SampledUser[]) => readonly string[],
  label: string,
): Scenario {
  return {
    name,
    api,
    expectedStatus: 200,
    needsGroup: false,
    label: () => label,
    plan: (context) => ({ kind: "get-varied", path, values: values(context.sample) }),
  };
}

function filter(name: ScenarioName, filterPrefix: string, value: (user: SampledUser) => string): Scenario {
  const path = `/Users?filter=${encodeURIComponent(filterPrefix)}`;
  const label = `GET /Users?filter=${filterPrefix}"…"`;
  return varied(name, "scim", path, (sample) => sample.map((user) => `"${value(user)}"`), label);
}

/** A fixed page: `path` gets the population size, for a `startIndex` near its end. */
function page(name: ScenarioName, api: ScenarioApi, path: (users: number) => string): Scenario {
  return {
    name,
    api,
    expectedStatus: 200,
    needsGroup: false,
    label: (context) => `GET ${path(context.users)}`,
    plan: (context) => ({ kind: "get", path: path(context.users) }),
  };
}

const listPage = (name: ScenarioName, startIndex: (users: number) => number) =>
  page(name, "scim", (users) => `/Users?startIndex=${Math.max(1, startIndex(users))}&count=100`);

/** The console's page size (its Team and Activity pages show 50 rows). */
const CONSOLE_PAGE = 50;

/**
 * Team search texts from bench userNames (`bench-<n>@example.com`, request-plans.ts `newUserBody`):
 * each local part less its last digit, so `bench-1234` for bench-12345, which matches bench-1234
 * and bench-12340…12349, 11 users at 100,000. Only userNames of the most common length are used:
 * each digit fewer makes a prefix match ten times more users (`bench-5` for bench-50 matches
 * 11,111, `bench-` for bench-5 every user), and a search costs in proportion to its matches.
 */
export function searchPrefixes(userNames: readonly string[]): string[] {
  const counts = new Map<number, number>();
  for (const name of userNames) counts.set(name.length, (counts.get(name.length) ?? 0) + 1);
  const [common] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
  return userNames
    .filter((name) => name.length === common)
    .map((name) => {
      const local = name.split("@")[0] ?? name;
      return local.length > 1 ? local.slice(0, -1) : local;
    });
}

/**
 * Every scenario in run order. `POST /Users` runs last so the others see exactly the population
 * size of their stage; the group scenarios run after the group was filled.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: "get-user",
    api: "scim",
    expectedStatus: 200,
    needsGroup: false,
    label: () => "GET /Users/{id}",
    plan: (context) => ({ kind: "get-user", ids: ids(context) }),
  },
  filter("filter-userName", "userName eq ", (user) => user.userName),
  filter("filter-externalId", "externalId eq ", (user) => user.externalId),
  filter("filter-emails", 'emails[type eq "work"].value eq ', (user) => user.workEmail),
  listPage("list-first", () => 1),
  listPage("list-last", (users) => users - 99),
  page("team-first", "console", () => `/api/team?status=all&count=${CONSOLE_PAGE}`),
  page(
    "team-deep",
    "console",
    (users) =>
      `/api/team?status=all&count=${CONSOLE_PAGE}&startIndex=${Math.max(1, users - CONSOLE_PAGE + 1)}`,
  ),
  // Users created by POST /Users are pending until they sign in: the whole population.
  page("team-pending", "console", () => `/api/team?status=pending&count=${CONSOLE_PAGE}`),
  varied(
    "team-search",
    "console",
    `/api/team?status=all&count=${CONSOLE_PAGE}&search=`,
    (sample) => searchPrefixes(sample.map((user) => user.userName)),
    `GET /api/team?status=all&count=${CONSOLE_PAGE}&search={userName prefix}`,
  ),
  {
    name: "patch-user",
    api: "scim",
    expectedStatus: 200,
    needsGroup: false,
    label: () => "PATCH /Users/{id} name.givenName",
    plan: (context) => ({ kind: "patch-user", ids: ids(context) }),
  },
  {
    name: "put-user",
    api: "scim",
    expectedStatus: 200,
    needsGroup: false,
    label: () => "PUT /Users/{id}",
    plan: (context) => ({ kind: "put-user", users: context.sample }),
  },
  // After the PATCH and PUT scenarios, so a sampled user's Activity page has a history to show.
  varied(
    "audit-user",
    "console",
    `/api/audit?count=${CONSOLE_PAGE}&user=`,
    (sample) => sample.map((user) => user.id),
    `GET /api/audit?count=${CONSOLE_PAGE}&user={id}`,
  ),
  {
    name: "group-add-member",
    api: "scim",
    expectedStatus: 204,
    needsGroup: true,
    label: (context) =>
      `PATCH /Groups/{id} add 1 member (${grouped(requireGroup(context).members.length)} members)`,
    plan: (context) => {
      const group = requireGroup(context);
      return { kind: "group-add-member", groupId: group.id, userIds: group.nonMembers };
    },
  },
  {
    name: "group-remove-member",
    api: "scim",
    expectedStatus: 204,
    needsGroup: true,
    label: () => "PATCH /Groups/{id} remove 1 member",
    plan: (context) => {
      const group = requireGroup(context);
      return { kind: "group-remove-member", groupId: group.id, userIds: group.members };
    },
  },
  {
    name: "get-group",
    api: "scim",
    expectedStatus: 200,
    needsGroup: true,
    label: () => "GET /Groups/{id}?excludedAttributes=members",
    plan: (context) => ({
      kind: "get",
      path: `/Groups/${requireGroup(context).id}?excludedAttributes=members`,
    }),
  },
  {
    name: "post-user",
    api: "scim",
    expectedStatus: 201,
    needsGroup: false,
    label: () => "POST /Users",
    plan: (context) => ({ kind: "create-user", firstNumber: context.nextNumber }),
  },
];

/** Whether `value` names a scenario. */
export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}

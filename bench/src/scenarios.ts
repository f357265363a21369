import type { BigGroup } from "./group-setup.js";
import type { RequestPlan, SampledUser } from "./load-protocol.js";
import { grouped } from "./progress.js";

// The scenarios of issue #8 §1, as data: a name, a label for the table, the status every
// response must have, and the plan the load worker turns into requests.

/** Scenario names, stable: they key the JSON output, the targets and `--cpu-prof`. */
export const SCENARIO_NAMES = [
  "get-user",
  "filter-userName",
  "filter-externalId",
  "filter-emails",
  "list-first",
  "list-last",
  "patch-user",
  "put-user",
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

/** One scenario. */
export interface Scenario {
  readonly name: ScenarioName;
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

function filter(name: ScenarioName, filterPrefix: string, value: (user: SampledUser) => string): Scenario {
  return {
    name,
    expectedStatus: 200,
    needsGroup: false,
    label: () => `GET /Users?filter=${filterPrefix}"…"`,
    plan: (context) => ({ kind: "filter", filterPrefix, values: context.sample.map(value) }),
  };
}

function listPage(name: ScenarioName, startIndex: (users: number) => number): Scenario {
  const path = (context: ScenarioContext) =>
    `/Users?startIndex=${Math.max(1, startIndex(context.users))}&count=100`;
  return {
    name,
    expectedStatus: 200,
    needsGroup: false,
    label: (context) => `GET ${path(context)}`,
    plan: (context) => ({ kind: "get", path: path(context) }),
  };
}

/**
 * Every scenario in run order. `POST /Users` runs last so the others see exactly the population
 * size of their stage; the group scenarios run after the group was filled.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: "get-user",
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
  {
    name: "patch-user",
    expectedStatus: 200,
    needsGroup: false,
    label: () => "PATCH /Users/{id} name.givenName",
    plan: (context) => ({ kind: "patch-user", ids: ids(context) }),
  },
  {
    name: "put-user",
    expectedStatus: 200,
    needsGroup: false,
    label: () => "PUT /Users/{id}",
    plan: (context) => ({ kind: "put-user", users: context.sample }),
  },
  {
    name: "group-add-member",
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

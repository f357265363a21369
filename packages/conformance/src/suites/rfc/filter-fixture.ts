import { filter, type ScimFilter } from "@scimkit/client";
import type { CaseContext } from "../../suite-types.js";
import { type CreatedUser, createUser, oncePerRun } from "./user-fixtures.js";

/** The four users the filter cases query. */
export type FilterUserLabel = "alpha" | "beta" | "gamma" | "delta";

/** A created filter user and the values the cases compare with. */
export interface FilterUser extends CreatedUser {
  readonly externalId: string;
  readonly homeEmail: string | undefined;
}

/** The run's filter users; every query is restricted to `externalId sw prefix`. */
export interface FilterFixture {
  readonly prefix: string;
  readonly users: Readonly<Record<FilterUserLabel, FilterUser>>;
  /** id → label, for messages. */
  readonly names: ReadonlyMap<string, string>;
}

interface FilterUserSpec {
  readonly key: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly title?: string;
  readonly home: boolean;
}

/**
 * Distinct values per attribute: two titles (alpha, beta), two "Ander…" family names (alpha,
 * gamma), home emails on alpha and delta only, externalIds ordered alpha < beta < gamma < delta.
 */
const SPECS: Readonly<Record<FilterUserLabel, FilterUserSpec>> = {
  alpha: {
    key: "a-alpha",
    displayName: "Alpha Conformance",
    givenName: "Ada",
    familyName: "Anderson",
    title: "Engineer",
    home: true,
  },
  beta: {
    key: "b-beta",
    displayName: "Beta Conformance",
    givenName: "Bob",
    familyName: "Brown",
    title: "Manager",
    home: false,
  },
  gamma: {
    key: "c-gamma",
    displayName: "Gamma Conformance",
    givenName: "Cy",
    familyName: "Anders",
    home: false,
  },
  delta: {
    key: "d-delta",
    displayName: "Delta Conformance",
    givenName: "Di",
    familyName: "Durand",
    home: true,
  },
};

async function createFilterUser(
  ctx: CaseContext,
  prefix: string,
  label: FilterUserLabel,
): Promise<FilterUser> {
  const spec = SPECS[label];
  const email = ctx.uniqueEmail(`flt-${label}`);
  const homeEmail = spec.home ? ctx.uniqueEmail(`flt-${label}-home`) : undefined;
  const externalId = `${prefix}${spec.key}`;
  const user = await createUser(ctx, `flt-${label}`, {
    externalId,
    displayName: spec.displayName,
    name: { givenName: spec.givenName, familyName: spec.familyName },
    ...(spec.title === undefined ? {} : { title: spec.title }),
    emails: [
      { value: email, type: "work", primary: true },
      ...(homeEmail === undefined ? [] : [{ value: homeEmail, type: "home" }]),
    ],
  });
  return { ...user, externalId, homeEmail };
}

/** Creates the four filter users once per run (sequentially, so servers with rate limits cope). */
export const filterFixture = oncePerRun(async (ctx): Promise<FilterFixture> => {
  const prefix = ctx.unique("flt-");
  const alpha = await createFilterUser(ctx, prefix, "alpha");
  const beta = await createFilterUser(ctx, prefix, "beta");
  const gamma = await createFilterUser(ctx, prefix, "gamma");
  const delta = await createFilterUser(ctx, prefix, "delta");
  const users = { alpha, beta, gamma, delta };
  const names = new Map(Object.entries(users).map(([label, user]) => [user.id, label]));
  return { prefix, users, names };
});

/** Restricts a filter to the run's filter users, so other data on the server never interferes. */
export function withinFixture(fixture: FilterFixture, expression: ScimFilter | string): string {
  const restriction = filter.sw("externalId", fixture.prefix);
  return typeof expression === "string"
    ? `(${expression}) and ${String(restriction)}`
    : String(filter.and(expression, restriction));
}

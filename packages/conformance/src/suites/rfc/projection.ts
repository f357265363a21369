import { filter } from "@scimkit/client";
import { ScimUrn } from "@scimkit/types";
import type { CaseContext, ConformanceSuite } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";
import { announces } from "./announced-features.js";
import { attributeOf, complexOf, hasAttribute, type JsonBody, readJson } from "./scim-responses.js";
import { createUser, deleteLater, oncePerRun, userBody, userPath } from "./user-fixtures.js";
import { queryUsers } from "./user-queries.js";

/** One user with name, title and two emails, created once per run. */
const projectionUser = oncePerRun((ctx) =>
  createUser(ctx, "projection", {
    displayName: "Pat Projection",
    title: "Conformance",
    name: { givenName: "Pat", familyName: "Projection" },
    emails: [
      { value: ctx.uniqueEmail("projection"), type: "work", primary: true },
      { value: ctx.uniqueEmail("projection-home"), type: "home" },
    ],
  }),
);

async function getWith(ctx: CaseContext, id: string, query: string): Promise<JsonBody> {
  const what = `GET /Users/${id}?${query}`;
  const response = await ctx.raw("GET", `${userPath(id)}?${query}`);
  await checkStatus(response, 200, what);
  return readJson(response, what);
}

function checkHas(resource: JsonBody, names: readonly string[], what: string): void {
  for (const name of names) check(hasAttribute(resource, name), `${what}: "${name}" is missing`);
}

function checkLacks(resource: JsonBody, names: readonly string[], what: string): void {
  for (const name of names)
    check(!hasAttribute(resource, name), `${what}: "${name}" was returned, but not asked for`);
}

/** RFC 7644 §3.4.2.5 and §3.9: attributes and excludedAttributes; RFC 7643 §2.2 returned. */
export const projectionSuite: ConformanceSuite = {
  name: "projection",
  title: "Projection (attributes, excludedAttributes, returned)",
  cases: [
    {
      name: "attributes=userName returns userName, id and schemas only (RFC 7644 §3.4.2.5)",
      creates: true,
      run: async (ctx) => {
        const user = await projectionUser(ctx);
        const resource = await getWith(ctx, user.id, "attributes=userName");
        const what = `GET /Users/${user.id}?attributes=userName`;
        checkHas(resource, ["id", "schemas", "userName"], what);
        checkLacks(resource, ["name", "emails", "title", "displayName"], what);
      },
    },
    {
      name: "excludedAttributes=name leaves out name only (RFC 7644 §3.4.2.5)",
      creates: true,
      run: async (ctx) => {
        const user = await projectionUser(ctx);
        const resource = await getWith(ctx, user.id, "excludedAttributes=name");
        const what = `GET /Users/${user.id}?excludedAttributes=name`;
        checkHas(resource, ["id", "schemas", "userName", "emails", "title"], what);
        checkLacks(resource, ["name"], what);
      },
    },
    {
      name: "attributes=name.givenName returns that sub-attribute only (RFC 7644 §3.4.2.5)",
      creates: true,
      run: async (ctx) => {
        const user = await projectionUser(ctx);
        const resource = await getWith(ctx, user.id, "attributes=name.givenName");
        const what = `GET /Users/${user.id}?attributes=name.givenName`;
        checkHas(resource, ["id", "name"], what);
        const name = complexOf(resource, "name");
        check(
          attributeOf(name, "givenName") === "Pat",
          `${what}: name.givenName is ${JSON.stringify(attributeOf(name, "givenName"))}`,
        );
        checkLacks(name ?? {}, ["familyName"], `${what} (in name)`);
        checkLacks(resource, ["userName", "emails"], what);
      },
    },
    {
      name: "attributes=emails.value returns emails with value only (RFC 7644 §3.4.2.5)",
      creates: true,
      run: async (ctx) => {
        const user = await projectionUser(ctx);
        const resource = await getWith(ctx, user.id, "attributes=emails.value");
        const what = `GET /Users/${user.id}?attributes=emails.value`;
        const emails = attributeOf(resource, "emails");
        check(
          Array.isArray(emails) && emails.length === 2,
          `${what}: expected 2 emails, got ${JSON.stringify(emails)}`,
        );
        for (const email of emails as JsonBody[]) {
          checkHas(email, ["value"], `${what} (in emails)`);
          checkLacks(email, ["type"], `${what} (in emails)`);
        }
      },
    },
    {
      name: "a fully qualified attribute name selects like the short one (RFC 7644 §3.10)",
      creates: true,
      run: async (ctx) => {
        const user = await projectionUser(ctx);
        const query = `attributes=${encodeURIComponent(`${ScimUrn.User}:userName`)}`;
        const resource = await getWith(ctx, user.id, query);
        const what = `GET /Users/${user.id}?attributes=${ScimUrn.User}:userName`;
        checkHas(resource, ["id", "userName"], what);
        checkLacks(resource, ["name", "emails"], what);
      },
    },
    {
      name: "excludedAttributes=id still returns id, which is returned always (RFC 7644 §3.4.2.5)",
      creates: true,
      run: async (ctx) => {
        const user = await projectionUser(ctx);
        const resource = await getWith(ctx, user.id, "excludedAttributes=id");
        check(
          resource.id === user.id,
          `GET /Users/${user.id}?excludedAttributes=id: id is ${JSON.stringify(resource.id)}`,
        );
      },
    },
    {
      name: "attributes applies to every resource of a query (RFC 7644 §3.4.2.5)",
      creates: true,
      run: async (ctx) => {
        if (!announces(ctx.discovered, "filter")) ctx.skip("the server does not announce filter.supported");
        const user = await projectionUser(ctx);
        const page = await queryUsers(ctx, {
          filter: String(filter.eq("userName", user.userName)),
          attributes: "userName",
        });
        const what = `GET /Users?filter=userName eq "${user.userName}"&attributes=userName`;
        check(page.Resources.length === 1, `${what}: expected the one user, got ${page.Resources.length}`);
        const [resource] = page.Resources as unknown as JsonBody[];
        checkHas(resource ?? {}, ["id", "userName"], what);
        checkLacks(resource ?? {}, ["name", "emails", "title"], what);
      },
    },
    {
      name: "password is never returned (RFC 7643 §4.1.1 returned never)",
      creates: true,
      run: async (ctx) => {
        const password = `Kit-${ctx.unique("pw").slice(-12)}-9x!`;
        const body = userBody(ctx.uniqueEmail("projection-password"), { password });
        const response = await ctx.raw("POST", "/Users", { body: JSON.stringify(body) });
        if (response.status === 400) ctx.skip("the server does not accept a password on create");
        await checkStatus(response, 201, "POST /Users with a password");
        const created = await readJson(response, "POST /Users with a password");
        const id = created.id;
        check(typeof id === "string", 'POST /Users with a password: the created user has no "id"');
        deleteLater(ctx, id);
        check(!hasAttribute(created, "password"), "POST /Users: the answer contains the password");
        const fetched = await getWith(ctx, id, "attributes=password");
        check(
          !hasAttribute(fetched, "password"),
          `GET /Users/${id}?attributes=password: the password was returned`,
        );
      },
    },
  ],
};

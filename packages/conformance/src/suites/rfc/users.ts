import { filter } from "@scimkit/client";
import { ScimUrn } from "@scimkit/types";
import type { ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual, checkStatus } from "../checks.js";
import { announces } from "./announced-features.js";
import { checkScimError, readJson } from "./scim-responses.js";
import { createUser, deleteLater, getUser, userBody, userPath } from "./user-fixtures.js";
import { queryUsers } from "./user-queries.js";

/** RFC 7644 §3.3–§3.6 on /Users: create, retrieve, replace, delete. */
export const usersSuite: ConformanceSuite = {
  name: "users",
  title: "Users CRUD (POST, GET, PUT, DELETE /Users)",
  cases: [
    {
      name: "POST /Users answers 201 with id, meta and a Location equal to meta.location (RFC 7644 §3.3)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "users-create", {
          name: { givenName: "Cleo", familyName: "Create" },
        });
        const { resource, response } = user;
        check(
          resource.schemas.includes(ScimUrn.User),
          `POST /Users: "schemas" does not list ${ScimUrn.User}`,
        );
        check(
          resource.userName?.toLowerCase() === user.userName.toLowerCase(),
          `POST /Users: userName came back as ${JSON.stringify(resource.userName)}, sent ${JSON.stringify(user.userName)}`,
        );
        const meta = resource.meta;
        check(
          meta?.resourceType === "User",
          `POST /Users: meta.resourceType is ${JSON.stringify(meta?.resourceType)}, expected "User" (RFC 7644 §3.3.1)`,
        );
        check(typeof meta?.created === "string", "POST /Users: meta.created is missing (RFC 7643 §3.1)");
        check(
          typeof meta?.lastModified === "string",
          "POST /Users: meta.lastModified is missing (RFC 7643 §3.1)",
        );
        check(typeof meta?.location === "string", "POST /Users: meta.location is missing (RFC 7643 §3.1)");
        checkEqual(
          response.headers.get("location"),
          meta.location,
          "POST /Users: the Location header (RFC 7644 §3.3)",
        );
        check(
          decodeURIComponent(new URL(meta.location).pathname).endsWith(`/Users/${user.id}`),
          `POST /Users: meta.location ${meta.location} does not address /Users/${user.id}`,
        );
      },
    },
    {
      name: "POST /Users ignores a client-sent id and meta, which are readOnly (RFC 7644 §3.3)",
      creates: true,
      run: async (ctx) => {
        const email = ctx.uniqueEmail("users-readonly");
        const sentId = ctx.unique("client-chosen-id");
        const body = { ...userBody(email), id: sentId, meta: { resourceType: "Group" } };
        const response = await ctx.raw("POST", "/Users", { body: JSON.stringify(body) });
        await checkStatus(response, 201, "POST /Users with an id and meta");
        const created = await readJson(response, "POST /Users with an id and meta");
        const id = created.id;
        check(typeof id === "string", 'POST /Users: the created user has no "id"');
        deleteLater(ctx, id);
        check(
          id !== sentId,
          "POST /Users: the server used the client's id; readOnly attributes SHALL be ignored",
        );
        checkEqual(
          (created.meta as { resourceType?: unknown } | undefined)?.resourceType,
          "User",
          "POST /Users: meta.resourceType",
        );
      },
    },
    {
      name: "GET /Users/{id} returns the created user (RFC 7644 §3.4.1)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "users-get", { displayName: "Gina Get" });
        const fetched = await getUser(ctx, user.id, `GET /Users/${user.id}`);
        checkEqual(fetched.id, user.id, `GET /Users/${user.id}: id`);
        checkEqual(
          fetched.userName?.toLowerCase(),
          user.userName.toLowerCase(),
          `GET /Users/${user.id}: userName`,
        );
        checkEqual(fetched.displayName, "Gina Get", `GET /Users/${user.id}: displayName`);
        checkEqual(fetched.meta?.created, user.resource.meta?.created, `GET /Users/${user.id}: meta.created`);
      },
    },
    {
      name: "PUT /Users/{id} replaces the user and keeps its id (RFC 7644 §3.5.1)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "users-put", { name: { givenName: "Before", familyName: "Put" } });
        const body = userBody(user.userName, { name: { givenName: "After", familyName: "Put" } });
        const { data, response } = await ctx.client.PUT("/Users/{id}", {
          params: { path: { id: user.id } },
          body,
        });
        await checkStatus(response, 200, `PUT /Users/${user.id}`);
        checkEqual(data?.id, user.id, `PUT /Users/${user.id}: id`);
        checkEqual(data?.name?.givenName, "After", `PUT /Users/${user.id}: name.givenName in the answer`);
        const fetched = await getUser(ctx, user.id, `GET /Users/${user.id} after PUT`);
        checkEqual(fetched.name?.givenName, "After", `GET /Users/${user.id} after PUT: name.givenName`);
        checkEqual(
          fetched.meta?.created,
          user.resource.meta?.created,
          `GET /Users/${user.id} after PUT: meta.created`,
        );
      },
    },
    {
      name: "DELETE /Users/{id} answers 204, then the user is gone (RFC 7644 §3.6)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "users-delete");
        const { response } = await ctx.client.DELETE("/Users/{id}", { params: { path: { id: user.id } } });
        await checkStatus(response, 204, `DELETE /Users/${user.id}`);
        const after = await ctx.raw("GET", userPath(user.id));
        await checkScimError(after, { status: 404 }, `GET /Users/${user.id} after DELETE`);
        const again = await ctx.raw("DELETE", userPath(user.id));
        await checkScimError(again, { status: 404 }, `DELETE /Users/${user.id} a second time`);
      },
    },
    {
      name: "a deleted user is left out of queries (RFC 7644 §3.6)",
      creates: true,
      run: async (ctx) => {
        if (!announces(ctx.discovered, "filter")) ctx.skip("the server does not announce filter.supported");
        const user = await createUser(ctx, "users-delete-query");
        const { response } = await ctx.client.DELETE("/Users/{id}", { params: { path: { id: user.id } } });
        await checkStatus(response, 204, `DELETE /Users/${user.id}`);
        const expression = String(filter.eq("userName", user.userName));
        const page = await queryUsers(ctx, { filter: expression });
        checkEqual(page.totalResults, 0, `GET /Users?filter=${expression} after DELETE: totalResults`);
      },
    },
    {
      name: "GET /Users/{id} of an unknown id answers 404 with a SCIM Error (RFC 7644 §3.12)",
      creates: false,
      run: async (ctx) => {
        const id = ctx.unique("no-such-user");
        await checkScimError(await ctx.raw("GET", userPath(id)), { status: 404 }, `GET /Users/${id}`);
      },
    },
  ],
};

import { ScimUrn } from "@scimkit/types";
import type { ConformanceSuite } from "../../suite-types.js";
import { check, checkStatus } from "../checks.js";
import { checkScimError, readJson } from "./scim-responses.js";
import { createUser, userBody, userPath } from "./user-fixtures.js";

/** RFC 7644 §3.12: the errors every SCIM service provider answers, as SCIM Error messages. */
export const errorsSuite: ConformanceSuite = {
  name: "errors",
  title: "Errors (invalidSyntax, invalidValue, uniqueness, 401, 404)",
  cases: [
    {
      name: "a body that is not JSON answers 400 invalidSyntax (RFC 7644 §3.12)",
      creates: false,
      run: async (ctx) => {
        const response = await ctx.raw("POST", "/Users", { body: '{"schemas": ["' });
        await checkScimError(
          response,
          { status: 400, scimType: "invalidSyntax" },
          "POST /Users with a truncated JSON body",
        );
      },
    },
    {
      name: "a user without userName answers 400 invalidValue (RFC 7643 §4.1.1, RFC 7644 §3.12)",
      creates: false,
      run: async (ctx) => {
        const email = ctx.uniqueEmail("errors-no-username");
        const { userName: _omitted, ...body } = userBody(email);
        const response = await ctx.raw("POST", "/Users", { body: JSON.stringify(body) });
        if (response.status === 201) {
          // The server created it anyway: delete it, then fail.
          const id = (await readJson(response, "POST /Users")).id;
          if (typeof id === "string") ctx.cleanup(() => ctx.raw("DELETE", userPath(id)));
        }
        await checkScimError(
          response,
          { status: 400, scimType: "invalidValue" },
          "POST /Users without userName",
        );
      },
    },
    {
      name: "a second user with the same userName answers 409 uniqueness (RFC 7644 §3.3)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "errors-duplicate");
        const response = await ctx.raw("POST", "/Users", { body: JSON.stringify(userBody(user.userName)) });
        if (response.status === 201) {
          const id = (await readJson(response, "POST /Users")).id;
          if (typeof id === "string") ctx.cleanup(() => ctx.raw("DELETE", userPath(id)));
        }
        await checkScimError(
          response,
          { status: 409, scimType: "uniqueness" },
          "POST /Users with a userName in use",
        );
      },
    },
    {
      name: "a request without a token answers 401 with WWW-Authenticate (RFC 7644 §3.12, RFC 6750 §3)",
      creates: false,
      run: async (ctx) => {
        const response = await ctx.raw("GET", "/Users?count=1", { headers: { authorization: "" } });
        await checkStatus(response, 401, "GET /Users without Authorization");
        check(
          (response.headers.get("www-authenticate") ?? "") !== "",
          "GET /Users without Authorization: a 401 must carry WWW-Authenticate (RFC 9110 §11.6.1)",
        );
      },
    },
    {
      name: "a request with an unknown token answers 401 (RFC 7644 §3.12)",
      creates: false,
      run: async (ctx) => {
        const token = `wrong-${ctx.unique("token")}`;
        const response = await ctx.raw("GET", "/Users?count=1", {
          headers: { authorization: `Bearer ${token}` },
        });
        await checkStatus(response, 401, "GET /Users with an unknown bearer token");
      },
    },
    {
      name: "GET, PUT, PATCH and DELETE of an unknown user id answer 404 (RFC 7644 §3.12)",
      creates: false,
      run: async (ctx) => {
        const id = ctx.unique("no-such-user");
        const put = JSON.stringify(userBody(ctx.uniqueEmail("errors-put-unknown")));
        const patch = JSON.stringify({
          schemas: [ScimUrn.PatchOp],
          Operations: [{ op: "replace", path: "displayName", value: "x" }],
        });
        for (const [method, body] of [["GET"], ["PUT", put], ["PATCH", patch], ["DELETE"]] as const) {
          const response = await ctx.raw(method, userPath(id), body === undefined ? {} : { body });
          await checkScimError(response, { status: 404 }, `${method} /Users/${id}`);
        }
      },
    },
    {
      name: "an endpoint that does not exist answers 404 (RFC 7644 §3.12)",
      creates: false,
      run: async (ctx) => {
        const response = await ctx.raw("GET", `/${ctx.unique("NoSuchEndpoint")}`);
        await checkStatus(response, 404, "GET of an endpoint that does not exist");
      },
    },
  ],
};

import { patchOp } from "@scimkit/client";
import type { CaseContext, ConformanceSuite } from "../../suite-types.js";
import { check, checkEqual, checkStatus } from "../checks.js";
import { announces, requiresFeatures } from "./announced-features.js";
import { readUser, sendPatch } from "./patch-requests.js";
import { attributeOf, checkScimError, type JsonBody, readJson } from "./scim-responses.js";
import { type CreatedUser, createUser, userBody, userPath } from "./user-fixtures.js";

/** The ETag of a response; fails the case when it is missing (RFC 7644 §3.14). */
function etagOf(response: Response, what: string): string {
  const etag = response.headers.get("etag");
  check(etag !== null && etag !== "", `${what}: no ETag header (RFC 7644 §3.14)`);
  return etag;
}

/** RFC 7643 §3.1: meta.version, when present, is the same as the ETag header. */
function checkVersionMatches(resource: JsonBody, etag: string, what: string): void {
  const version = (attributeOf(resource, "meta") as { version?: unknown } | undefined)?.version;
  if (version !== undefined)
    checkEqual(version, etag, `${what}: meta.version (must equal the ETag header, RFC 7643 §3.1)`);
}

async function currentEtag(ctx: CaseContext, user: CreatedUser): Promise<string> {
  const response = await ctx.raw("GET", userPath(user.id));
  await checkStatus(response, 200, `GET /Users/${user.id}`);
  return etagOf(response, `GET /Users/${user.id}`);
}

/** Changes the user once with PUT (which every server supports), so its ETag moves on; returns the new ETag. */
async function changeOnce(ctx: CaseContext, user: CreatedUser, displayName: string): Promise<string> {
  const body = JSON.stringify(userBody(user.userName, { displayName }));
  const response = await ctx.raw("PUT", userPath(user.id), { body });
  await checkStatus(response, 200, `PUT /Users/${user.id}`);
  return currentEtag(ctx, user);
}

function requirePatch(ctx: CaseContext): void {
  if (!announces(ctx.discovered, "patch")) ctx.skip("the server does not announce patch.supported");
}

/** RFC 7644 §3.14: ETags on responses, If-None-Match on GET, If-Match on PUT and PATCH. */
export const etagsSuite: ConformanceSuite = {
  name: "etags",
  title: "ETags (ETag, meta.version, If-None-Match, If-Match)",
  requires: requiresFeatures("etag"),
  cases: [
    {
      name: "POST and GET answer an ETag equal to meta.version (RFC 7644 §3.14, RFC 7643 §3.1)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "etag-header");
        const created = etagOf(user.response, "POST /Users");
        checkVersionMatches(user.resource as unknown as JsonBody, created, "POST /Users");
        const response = await ctx.raw("GET", userPath(user.id));
        await checkStatus(response, 200, `GET /Users/${user.id}`);
        const fetched = etagOf(response, `GET /Users/${user.id}`);
        checkVersionMatches(
          await readJson(response, `GET /Users/${user.id}`),
          fetched,
          `GET /Users/${user.id}`,
        );
        checkEqual(fetched, created, `GET /Users/${user.id}: the ETag of the unchanged user`);
      },
    },
    {
      name: "the ETag changes when the user changes (RFC 7644 §3.14)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "etag-change", { displayName: "Before" });
        const before = await currentEtag(ctx, user);
        const after = await changeOnce(ctx, user, "After");
        check(after !== before, `the ETag stayed ${before} although the user changed`);
      },
    },
    {
      name: "If-None-Match with the current ETag answers 304 (RFC 7644 §3.14)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "etag-304");
        const etag = await currentEtag(ctx, user);
        const response = await ctx.raw("GET", userPath(user.id), { headers: { "if-none-match": etag } });
        await checkStatus(response, 304, `GET /Users/${user.id} with If-None-Match: ${etag}`);
      },
    },
    {
      name: "If-None-Match with an old ETag answers 200 with the user (RFC 7644 §3.14)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "etag-200", { displayName: "Before" });
        const old = await currentEtag(ctx, user);
        await changeOnce(ctx, user, "After");
        const response = await ctx.raw("GET", userPath(user.id), { headers: { "if-none-match": old } });
        await checkStatus(response, 200, `GET /Users/${user.id} with If-None-Match: ${old} (old)`);
        checkEqual(
          attributeOf(await readJson(response, "GET"), "displayName"),
          "After",
          "GET with an old If-None-Match: displayName",
        );
      },
    },
    {
      name: "PATCH with If-Match of the current ETag applies (RFC 7644 §3.14)",
      creates: true,
      run: async (ctx) => {
        requirePatch(ctx);
        const user = await createUser(ctx, "etag-match");
        const etag = await currentEtag(ctx, user);
        const body = patchOp().replace("displayName", "Matched").build();
        const response = await sendPatch(ctx, user.id, body, { "if-match": etag });
        await checkStatus(response, [200, 204], `PATCH /Users/${user.id} with If-Match: ${etag} (current)`);
        const after = await readUser(ctx, user.id, `GET /Users/${user.id}`);
        checkEqual(
          attributeOf(after, "displayName"),
          "Matched",
          "after PATCH with a current If-Match: displayName",
        );
      },
    },
    {
      name: "PATCH with If-Match of an old ETag answers 412 and changes nothing (RFC 7644 §3.14)",
      creates: true,
      run: async (ctx) => {
        requirePatch(ctx);
        const user = await createUser(ctx, "etag-412", { displayName: "First" });
        const old = await currentEtag(ctx, user);
        await changeOnce(ctx, user, "Second");
        const body = patchOp().replace("displayName", "Third").build();
        const response = await sendPatch(ctx, user.id, body, { "if-match": old });
        await checkScimError(
          response,
          { status: 412 },
          `PATCH /Users/${user.id} with If-Match: ${old} (old)`,
        );
        const after = await readUser(ctx, user.id, `GET /Users/${user.id}`);
        checkEqual(
          attributeOf(after, "displayName"),
          "Second",
          "after PATCH with an old If-Match: displayName",
        );
      },
    },
    {
      name: "PUT with If-Match of an old ETag answers 412 and changes nothing (RFC 7644 §3.14)",
      creates: true,
      run: async (ctx) => {
        const user = await createUser(ctx, "etag-put-412", { displayName: "First" });
        const old = await currentEtag(ctx, user);
        await changeOnce(ctx, user, "Second");
        const body = JSON.stringify(userBody(user.userName, { displayName: "Third" }));
        const response = await ctx.raw("PUT", userPath(user.id), { body, headers: { "if-match": old } });
        await checkScimError(response, { status: 412 }, `PUT /Users/${user.id} with If-Match: ${old} (old)`);
        const after = await readUser(ctx, user.id, `GET /Users/${user.id}`);
        checkEqual(
          attributeOf(after, "displayName"),
          "Second",
          "after PUT with an old If-Match: displayName",
        );
      },
    },
  ],
};

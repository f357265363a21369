import { SCIM_MEDIA_TYPE, ScimUrn } from "@scimkit/types";
import { afterEach, describe, expect, it } from "vitest";
import { frameworks, listenApp, type RunningApp, SCIM_BASE_PATH } from "../src/http-apps.js";
import { type ExistingApp, openExistingApp } from "../src/index.js";

/*
 * The app's rules end to end, on each framework: what an IdP does over SCIM lands in the app's
 * own users table, so the app's own sign-in and team list see it at once.
 */

const opened: { app: ExistingApp; running: RunningApp }[] = [];
afterEach(async () => {
  for (const { app, running } of opened.splice(0)) {
    await running.close();
    await app.close();
  }
});

describe.each(frameworks)("the example app on %s", (framework) => {
  async function started() {
    const app = await openExistingApp();
    const running = await listenApp(app, { framework });
    opened.push({ app, running });
    const { secret } = await app.createScimToken(app.organizationId, "idp");
    const scim = (method: string, path: string, body?: unknown) =>
      fetch(running.origin + SCIM_BASE_PATH + path, {
        method,
        headers: {
          Authorization: `Bearer ${secret}`,
          ...(body === undefined ? {} : { "Content-Type": SCIM_MEDIA_TYPE }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const signIn = (email: string) =>
      fetch(`${running.origin}/orgs/${app.organizationId}/sign-in`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email }),
      });
    const team = async () =>
      (
        (await (await fetch(`${running.origin}/orgs/${app.organizationId}/team`)).json()) as {
          email: string;
        }[]
      ).map((member) => member.email);
    return { app, scim, signIn, team };
  }

  it("keeps a provisioned user pending until the first sign-in, and a deactivated one out, its sessions ended", async () => {
    const { app, scim, signIn, team } = await started();
    const created = await scim("POST", "/Users", {
      schemas: [ScimUrn.User],
      userName: "ann+sso@example.com",
      name: { givenName: "Ann", familyName: "Lee" },
      emails: [{ value: "ann+sso@example.com", type: "work", primary: true }],
    });
    expect(created.status).toBe(201);
    const { id, userType } = (await created.json()) as { id: string; userType: string };
    expect(userType).toBe("member");
    expect(await team()).toEqual([]);

    const signedIn = await signIn("ANN+sso@example.com");
    expect(signedIn.status).toBe(200);
    const { sessionId } = (await signedIn.json()) as { sessionId: string };
    expect(await app.sessionsOf(app.organizationId, id)).toEqual([sessionId]);
    expect(await team()).toEqual(["ann+sso@example.com"]);
    const [row] = await app.store.read.users
      .list(app.organizationId, {
        page: { kind: "offset", startIndex: 1, count: 10 },
      })
      .then((page) => page.items);
    expect(row?.status).toBe("active");

    // Okta deactivates with a path-less PATCH.
    const deactivated = await scim("PATCH", `/Users/${id}`, {
      schemas: [ScimUrn.PatchOp],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(deactivated.status).toBe(200);
    expect(await team()).toEqual([]);
    // The app's onEvent hook ends the open session on user.deactivated, without a sign-in.
    while ((await app.sessionsOf(app.organizationId, id)).length > 0)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await signIn("ann+sso@example.com")).status).toBe(403);
    // The account stays, readable by the IdP.
    expect((await scim("GET", `/Users/${id}`)).status).toBe(200);
  });

  it("refuses a change of the role or the email through SCIM with 400 mutability, and accepts the same values", async () => {
    const { scim } = await started();
    const user = {
      schemas: [ScimUrn.User],
      userName: "bo@example.com",
      userType: "admin",
      emails: [{ value: "bo@example.com", primary: true }],
    };
    const { id } = (await (await scim("POST", "/Users", user)).json()) as { id: string };
    for (const change of [
      { userType: "member" },
      { userName: "bo2@example.com", emails: [{ value: "bo2@example.com", primary: true }] },
    ]) {
      const response = await scim("PUT", `/Users/${id}`, { ...user, ...change });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { scimType: string }).scimType).toBe("mutability");
    }
    expect((await scim("PUT", `/Users/${id}`, { ...user, name: { givenName: "Bo" } })).status).toBe(200);
  });
});

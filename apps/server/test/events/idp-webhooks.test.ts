import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  type BackgroundLoop,
  createSecretBox,
  type RetrySchedule,
  resolveSecretKey,
  startDeliveryWorker,
} from "@scimkit/router";
import { type ProvisioningEvent, ScimUrn } from "@scimkit/types";
import { afterEach, describe, expect, it } from "vitest";
import { type IdpHarness, patchBody, startIdpHarness } from "../idp/idp-harness.js";
import { resourceOf, startWebhookReceiver, type WebhookReceiver } from "../reliability/webhook-receiver.js";

/*
 * What a receiver gets when an IdP provisions: each IdP's requests (in the forms its replays send)
 * against the reference server with its delivery worker and one webhook endpoint pointing at a real
 * receiver. The receiver verifies every delivery with @scimkit/client's verifyWebhook and, for the
 * first test, with the Python standard-library receiver of docs/events.md.
 */

/** Retries within milliseconds, so a refusing receiver's recovery is seen in a test's time. */
const FAST: RetrySchedule = {
  delaysMs: [50, 100, 200],
  jitter: 0.2,
  retryAfterCapMs: 1000,
  clientErrorAttempts: 3,
};

const running: { idp: IdpHarness; worker: BackgroundLoop; receiver: WebhookReceiver }[] = [];
afterEach(async () => {
  for (const { idp, worker, receiver } of running.splice(0)) {
    await worker.stop();
    await receiver.close();
    await idp.close();
  }
});

/** An IdP harness whose tenant has one endpoint at a fresh receiver, and the worker delivering to it. */
async function provisioning(userAgent: string) {
  const idp = await startIdpHarness(userAgent);
  const receiver = await startWebhookReceiver();
  const { data, response } = await idp.app.POST("/api/webhooks", { body: { url: receiver.url } });
  expect(response.status).toBe(201);
  receiver.useSecret(String(data?.secret));
  const { store } = idp.server;
  const worker = startDeliveryWorker({
    store,
    secretBox: createSecretBox(await resolveSecretKey(store)),
    singleInstance: true,
    pollMs: 20,
    schedule: FAST,
  });
  running.push({ idp, worker, receiver });
  return { idp, receiver, endpointId: String(data?.id) };
}

/** Every event the tenant committed, as the pull API lists them. */
async function committed(idp: IdpHarness): Promise<ProvisioningEvent[]> {
  const { data } = await idp.app.GET("/api/events", { params: { query: { limit: 1000 } } });
  return (data?.items ?? []) as ProvisioningEvent[];
}

/** Waits until the receiver verified every committed event, then returns them per resource in sequence order. */
async function received(idp: IdpHarness, receiver: WebhookReceiver): Promise<Map<string, string[]>> {
  const all = await committed(idp);
  await receiver.waitUntil(
    () =>
      all.every((event) =>
        receiver
          .byId()
          .get(event.id)
          ?.some((d) => d.event !== undefined && d.status === 200),
      ),
    15_000,
    `${all.length} events`,
  );
  expect(receiver.failures()).toBe(0);
  const firsts = [...receiver.byId().values()].map((deliveries) => deliveries[0]?.event as ProvisioningEvent);
  const byResource = new Map<string, ProvisioningEvent[]>();
  for (const event of firsts)
    byResource.set(resourceOf(event), [...(byResource.get(resourceOf(event)) ?? []), event]);
  const types = new Map<string, string[]>();
  for (const [resource, events] of byResource) {
    const ordered = [...events].sort((a, b) => a.sequence - b.sequence);
    // Sequences 1, 2, 3… with no gap: the receiver has the resource's whole history.
    expect(ordered.map((event) => event.sequence)).toEqual(ordered.map((_, index) => index + 1));
    types.set(
      resource,
      ordered.map((event) => event.type),
    );
  }
  return types;
}

const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [ScimUrn.User],
  userName,
  name: { givenName: "Ann", familyName: "Lee" },
  emails: [{ value: userName, type: "work", primary: true }],
  ...extra,
});

describe("an IdP's provisioning, as the app's webhook receiver gets it", () => {
  it("Okta: assign, first sign-in, profile push, deactivate and reactivate by path-less PATCH, group push", async () => {
    const { idp, receiver } = await provisioning("Okta SCIM Client 1.0.0");
    const created = await idp.raw("POST", "/Users", user("ann+okta@example.com"));
    const id = String((created.body as { id: string }).id);
    expect(await idp.login("ann+okta@example.com")).toBe(200);
    const current = (await idp.raw("GET", `/Users/${id}`)).body as Record<string, unknown>;
    await idp.raw("PUT", `/Users/${id}`, { ...current, name: { givenName: "Annie", familyName: "Lee" } });
    await idp.raw("PATCH", `/Users/${id}`, patchBody({ op: "replace", value: { active: false } }));
    await idp.raw("PATCH", `/Users/${id}`, patchBody({ op: "replace", value: { active: true } }));
    const group = await idp.raw("POST", "/Groups", {
      schemas: [ScimUrn.Group],
      displayName: "Engineering",
      members: [{ value: id, display: "ann+okta@example.com" }],
    });
    const gid = String((group.body as { id: string }).id);
    await idp.raw(
      "PATCH",
      `/Groups/${gid}`,
      patchBody({ op: "replace", value: { id: gid, displayName: "Eng" } }),
    );
    await idp.raw("PATCH", `/Groups/${gid}`, patchBody({ op: "remove", path: `members[value eq "${id}"]` }));

    expect(await received(idp, receiver)).toEqual(
      new Map([
        [
          `User/${id}`,
          ["user.created", "user.joined", "user.updated", "user.deactivated", "user.reactivated"],
        ],
        [`Group/${gid}`, ["group.created", "group.member_added", "group.updated", "group.member_removed"]],
      ]),
    );
    expect(receiver.duplicates()).toEqual([]);
  });

  it("Entra ID: Replace with string booleans, then DELETE", async () => {
    const { idp, receiver } = await provisioning("Azure AD SCIM Client");
    const created = await idp.raw("POST", "/Users", user("ann+entra@example.com", { externalId: "e-1" }));
    const id = String((created.body as { id: string }).id);
    await idp.raw(
      "PATCH",
      `/Users/${id}`,
      patchBody({ op: "Replace", path: "name.familyName", value: "Lee-Smith" }),
    );
    await idp.raw("PATCH", `/Users/${id}`, patchBody({ op: "Replace", path: "active", value: "False" }));
    await idp.raw("PATCH", `/Users/${id}`, patchBody({ op: "Replace", path: "active", value: "True" }));
    await idp.raw("DELETE", `/Users/${id}`);

    expect(await received(idp, receiver)).toEqual(
      new Map([
        [
          `User/${id}`,
          ["user.created", "user.updated", "user.deactivated", "user.reactivated", "user.deleted"],
        ],
      ]),
    );
  });

  it("JumpCloud: imports a user made in the app, links it with a full PUT, deactivates it by PUT", async () => {
    const { idp, receiver } = await provisioning("JumpCloud SCIM Connector");
    const local = await idp.createLocalUser("ann+jc@example.com", "Ann Lee");
    const listed = await idp.raw(
      "GET",
      `/Users?filter=${encodeURIComponent('userName eq "ann+jc@example.com"')}`,
    );
    expect((listed.body as { totalResults: number }).totalResults).toBe(1);
    const linked = user("ann+jc@example.com", { externalId: "jc-1", userType: "member" });
    await idp.raw("PUT", `/Users/${local.id}`, linked);
    await idp.raw("PUT", `/Users/${local.id}`, { ...linked, active: false });

    expect(await received(idp, receiver)).toEqual(
      new Map([[`User/${local.id}`, ["user.created", "user.joined", "user.updated", "user.deactivated"]]]),
    );
  });

  it("verifies every delivery with the Python standard-library receiver too", async () => {
    const { idp, receiver, endpointId } = await provisioning("OneLogin SCIM");
    const { data } = await idp.app.POST("/api/webhooks/{id}/rotate", {
      params: { path: { id: endpointId } },
      body: {},
    });
    const secret = String(data?.secret);
    receiver.useSecret(secret);
    await idp.raw("POST", "/Users", user("zoë+onelogin@example.com", { displayName: "Zoë Ångström" }));
    await received(idp, receiver);
    const script = fileURLToPath(
      new URL("../../../../packages/client/test/webhook-verify.py", import.meta.url),
    );
    if (spawnSync("python3", ["--version"]).status !== 0) return;
    for (const delivery of receiver.deliveries) {
      const run = spawnSync("python3", [script, "verify"], {
        input: JSON.stringify({ secret, headers: delivery.headers, body: delivery.body.toString("utf8") }),
        encoding: "utf8",
      });
      expect({ status: run.status, stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({
        status: 0,
        stdout: delivery.event?.type,
        stderr: "",
      });
    }
  });
});

describe("a receiver that refuses, then recovers", () => {
  it("gets every event, each resource's in order, re-deliveries byte for byte the same", async () => {
    const { idp, receiver, endpointId } = await provisioning("Okta SCIM Client 1.0.0");
    let refusals = 12;
    receiver.answerWith(() => (refusals-- > 0 ? 503 : 200));
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const created = await idp.raw("POST", "/Users", user(`u${n}@example.com`));
      ids.push(String((created.body as { id: string }).id));
    }
    for (const id of ids)
      await idp.raw("PATCH", `/Users/${id}`, patchBody({ op: "replace", path: "title", value: "t" }));
    for (const id of ids)
      await idp.raw("PATCH", `/Users/${id}`, patchBody({ op: "replace", path: "active", value: false }));

    const types = await received(idp, receiver);
    for (const id of ids)
      expect(types.get(`User/${id}`)).toEqual(["user.created", "user.updated", "user.deactivated"]);
    expect(receiver.deliveries.filter((delivery) => delivery.status === 503)).toHaveLength(12);
    // Each resource's events arrived in sequence order: no later event before an earlier one's success.
    for (const id of ids) {
      const mine = receiver.deliveries.filter(
        (d) => d.event !== undefined && resourceOf(d.event) === `User/${id}`,
      );
      const delivered = mine.filter((d) => d.status === 200).map((d) => d.event?.sequence);
      expect(delivered).toEqual([1, 2, 3]);
      const firstTry = new Map<number, number>();
      for (const d of mine)
        if (d.event !== undefined && !firstTry.has(d.event.sequence)) firstTry.set(d.event.sequence, d.at);
      expect([...firstTry.keys()]).toEqual([1, 2, 3]);
    }
    expect(receiver.duplicates().length).toBeGreaterThan(0);
    // The deliveries API shows the refused attempts.
    const { data } = await idp.app.GET("/api/webhooks/{id}/deliveries", {
      params: { path: { id: endpointId }, query: { count: 100 } },
    });
    const retried = (data?.items ?? []).filter((delivery) => delivery.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(
      (data?.items ?? []).every((delivery) => delivery.state === "delivered" && delivery.lastStatus === 200),
    ).toBe(true);
  });
});

import { createScimClient, dataOrThrow, patchOp, type ScimClient } from "@scimkit/client";
import { ScimUrn } from "@scimkit/types";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./accessibility.js";
import { launchChromium, screenshot } from "./browser.js";
import { type BuiltServer, startBuiltServer } from "./built-server.js";

// The provisioning lifecycle as an admin sees it in the console, against the built server in a
// real browser: token made in the console → the IdP provisions → pending → first login → active →
// deactivated by the IdP → token revoked in the console → the IdP is refused.
let server: BuiltServer;
let browser: Browser;
let page: Page;
let scimToken: string;
let scim: ScimClient;
let userId: string;
const foreignRequests: string[] = [];
const consoleErrors: string[] = [];

const email = "grace.hopper+scim@example.com";

beforeAll(async () => {
  server = await startBuiltServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  page.on("request", (request) => {
    if (!request.url().startsWith(server.origin) && !request.url().startsWith("data:"))
      foreignRequests.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(name: "Team" | "SCIM details" | "Settings" | "Activity") {
  await page.getByRole("navigation", { name: "Console pages" }).getByRole("link", { name }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
}

async function teamRow(status: "Active team" | "Pending (not signed in yet)" | "Deactivated" | "Everyone") {
  await openPage("Team");
  await page.getByRole("combobox", { name: "Show", exact: true }).selectOption({ label: status });
  await page.getByRole("searchbox", { name: "Search", exact: true }).fill(email);
  // What the IdP changed since the list was loaded shows on the next load.
  await page.getByRole("button", { name: "Refresh" }).click();
  return page.locator(`tr[data-user="${email}"]`);
}

describe("the admin console", () => {
  it("explains a wrong token in words, and signs in with the keyboard alone", async () => {
    await page.goto(`${server.origin}/admin/`);
    await page.getByLabel("Admin token", { exact: true }).fill("scimkit_not-a-real-token");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not valid, or it was revoked");
    await screenshot(page, "sign-in");

    await page.getByLabel("Admin token", { exact: true }).fill("");
    await page.getByLabel("Admin token", { exact: true }).focus();
    await page.keyboard.type(server.adminToken);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Team");
    expect(await page.locator(".tenant").textContent()).toBe("Acme Analytics");
  });

  it("moves between pages from the keyboard, landing on each page's heading", async () => {
    await page.getByRole("link", { name: "Team", exact: true }).focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    // The link focused before Enter reads "SCIM details" too: wait for the heading itself.
    await expect
      .poll(() =>
        page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`),
      )
      .toBe("H1 SCIM details");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "SCIM endpoint",
    );
  });

  it("creates a SCIM token, shown once, and shows the endpoint to paste", async () => {
    await openPage("SCIM details");
    expect(await page.getByRole("textbox", { name: "SCIM endpoint", exact: true }).inputValue()).toBe(
      `${server.origin}/scim/v2`,
    );
    await page.getByRole("combobox", { name: "Kind", exact: true }).selectOption("scim");
    await page.getByRole("textbox", { name: "Name (what it is for)", exact: true }).fill("Okta production");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByRole("textbox", { name: "New token", exact: true });
    await expect.poll(() => secret.inputValue()).toMatch(/^scimkit_/);
    scimToken = await secret.inputValue();
    await expect.poll(() => page.locator("tr[data-token]").count()).toBe(3);
    expect(await page.locator("tr[data-token]").allTextContents()).toContainEqual(
      expect.stringContaining("Okta production"),
    );
    await screenshot(page, "scim-details");
    await page.getByRole("button", { name: "I have copied it" }).click();
    expect(await page.content()).not.toContain(scimToken);
    scim = createScimClient({ baseUrl: `${server.origin}/scim/v2`, token: scimToken, retry: false });
  });

  it("shows a user the IdP provisioned as pending, not in the active team", async () => {
    const created = dataOrThrow(
      await scim.POST("/Users", {
        body: {
          schemas: [ScimUrn.User],
          userName: email,
          externalId: "00u-grace",
          name: { givenName: "Grace", familyName: "Hopper" },
          displayName: "Grace Hopper",
          emails: [{ value: email, type: "work", primary: true }],
          active: true,
        },
      }),
    );
    userId = created.id;
    const pending = await teamRow("Pending (not signed in yet)");
    await expect.poll(() => pending.locator(".badge").textContent()).toBe("pending");
    expect(await pending.textContent()).toContain("Linked · 00u-grace");
    expect(await pending.textContent()).toContain("SCIM");
    await expect.poll(() => teamRow("Active team").then((row) => row.count())).toBe(0);
  });

  it("shows the user active after their first login", async () => {
    expect((await adminApi("/api/login", { email })).status).toBe(200);
    const active = await teamRow("Active team");
    await expect.poll(() => active.locator(".badge").textContent()).toBe("active");
  });

  it("shows the groups the IdP pushed, and who was created where", async () => {
    dataOrThrow(
      await scim.POST("/Groups", {
        body: { schemas: [ScimUrn.Group], displayName: "Engineering", members: [{ value: userId }] },
      }),
    );
    await adminApi("/api/users", { email: "ada@example.com", name: "Ada Lovelace" });
    dataOrThrow(
      await scim.POST("/Users", {
        body: {
          schemas: [ScimUrn.User],
          userName: "alan@example.com",
          name: { givenName: "Alan", familyName: "Turing" },
          displayName: "Alan Turing",
          emails: [{ value: "alan@example.com", type: "work", primary: true }],
          externalId: "00u-alan",
        },
      }),
    );
    const row = await teamRow("Everyone");
    await expect.poll(() => row.locator("td").nth(6).textContent()).toBe("Engineering");
    await page.getByRole("searchbox", { name: "Search", exact: true }).fill("ada");
    const ada = page.locator('tr[data-user="ada@example.com"]');
    await expect.poll(() => ada.textContent()).toContain("Created in app");
    expect(await ada.textContent()).toContain("Not linked");
    await page.getByRole("searchbox", { name: "Search", exact: true }).fill("");
    await expect.poll(() => page.locator("tr[data-user]").count()).toBe(3);
    await screenshot(page, "team");
  });

  it("changes a role from the Team page", async () => {
    const row = await teamRow("Active team");
    await expect.poll(() => row.count()).toBe(1);
    await row.getByLabel(`Role of ${email}`).fill("admin");
    await row.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText(`${email} is now admin.`).count()).toBe(1);
  });

  it("shows a SCIM deactivation: deactivated, and gone from the active team", async () => {
    dataOrThrow(
      await scim.PATCH("/Users/{id}", {
        params: { path: { id: userId } },
        body: patchOp().replace(undefined, { active: false }).build(),
      }),
    );
    const deactivated = await teamRow("Deactivated");
    await expect.poll(() => deactivated.locator(".badge").textContent()).toBe("deactivated");
    await expect.poll(() => teamRow("Active team").then((row) => row.count())).toBe(0);
  });

  it("filters the activity log by user and by operation", async () => {
    await openPage("Activity");
    await page.getByRole("searchbox", { name: "User", exact: true }).fill(email);
    await page.getByRole("button", { name: "Filter" }).click();
    const rows = page.locator("table[aria-label=Activity] tbody tr");
    await expect.poll(() => rows.count()).toBe(4);
    const text = await rows.allTextContents();
    // Oldest last: the IdP's create, named by the user's email rather than an id.
    expect(text.at(-1)).toContain("Created by the IdP");
    expect(text.at(-1)).toContain(email);
    await page.getByRole("combobox", { name: "Operation", exact: true }).selectOption("patch");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("active");
    await page.getByRole("combobox", { name: "Operation", exact: true }).selectOption("");
    await screenshot(page, "activity");
  });

  it("saves settings", async () => {
    await openPage("Settings");
    await page.getByLabel("Create users at first sign-in (JIT)", { exact: true }).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText(/^Saved\./).count()).toBe(1);
    const tenant = (await (
      await fetch(`${server.origin}/api/tenant`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      })
    ).json()) as { settings: { jit: boolean } };
    expect(tenant.settings.jit).toBe(true);
    await screenshot(page, "settings");
  });

  it("revokes the SCIM token in the console; the IdP's next call gets 401", async () => {
    await openPage("SCIM details");
    const tokenId = await usedScimTokenId();
    const row = page.locator(`tr[data-token="${tokenId}"]`);
    // The IdP has used it: its last use shows, where the unused first token still says never.
    await expect.poll(() => row.locator("td").nth(4).textContent()).not.toBe("never");
    expect(await row.locator("td").nth(1).textContent()).toBe("Okta production");
    await row.getByRole("button", { name: /^Revoke token/ }).click();
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await expect.poll(() => page.getByText(/is revoked/).count()).toBe(1);
    const { response } = await scim.GET("/Users/{id}", { params: { path: { id: userId } } });
    expect(response.status).toBe(401);
  });

  it("breaks no serious WCAG 2.1 A/AA rule on any page (axe-core)", async () => {
    const checker = await browser.newPage({ bypassCSP: true, viewport: { width: 1360, height: 820 } });
    try {
      await checker.goto(`${server.origin}/admin/`);
      expect(await seriousViolations(checker), "sign-in").toEqual([]);
      await checker.getByLabel("Admin token", { exact: true }).fill(server.adminToken);
      await checker.keyboard.press("Enter");
      for (const [hash, title] of [
        ["#/team?status=all", "Team"],
        ["#/scim", "SCIM details"],
        ["#/settings", "Settings"],
        ["#/activity", "Activity"],
      ] as const) {
        await checker.goto(`${server.origin}/admin/${hash}`);
        await expect.poll(() => checker.getByRole("heading", { level: 1 }).textContent()).toBe(title);
        await expect.poll(() => checker.locator("table[aria-busy=true]").count()).toBe(0);
        expect(await seriousViolations(checker), title).toEqual([]);
      }
    } finally {
      await checker.close();
    }
  });

  it("loaded nothing from another origin, logged no browser error, and never logged a token", () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors.filter((text) => !text.includes("401"))).toEqual([]);
    expect(server.output()).not.toContain(scimToken);
    expect(server.output()).not.toContain(server.adminToken);
  });
});

/** A POST to the app-side API with the admin token, as the app itself would send it. */
async function adminApi(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.origin}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The SCIM token the client used: the one SCIM token with a last use. */
async function usedScimTokenId(): Promise<string> {
  const response = await fetch(`${server.origin}/api/tokens`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  const { items } = (await response.json()) as {
    items: { id: string; scope: string; lastUsedAt: string | null }[];
  };
  const used = items.find((token) => token.scope === "scim" && token.lastUsedAt !== null);
  if (used === undefined) throw new Error("no SCIM token was used");
  return used.id;
}

import { verifyWebhook } from "@scimkit/client";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./accessibility.js";
import { launchChromium, screenshot } from "./browser.js";
import { type BuiltServer, startBuiltServer } from "./built-server.js";
import { type Receiver, startReceiver } from "./receiver.js";

// An admin sets up a webhook endpoint in the console, against the built server (its delivery
// worker included) in a real browser, with a receiver on 127.0.0.1 recording what arrives:
// add → secret shown once → test event arrives signed → failure and re-send → range re-send →
// disable / enable → edit → rotate with an overlap → delete.
let server: BuiltServer;
let receiver: Receiver;
let browser: Browser;
let page: Page;
let endpointUrl: string;
let endpointId: string;
let secret: string;
let rotatedSecret: string;
const foreignRequests: string[] = [];
const consoleErrors: string[] = [];

/** A delivery shows up within the worker's poll (1 s) and the page's refresh (2 s); allow for a slow machine. */
const ARRIVES = { timeout: 20_000, interval: 200 };

beforeAll(async () => {
  receiver = await startReceiver();
  endpointUrl = `${receiver.origin}/hooks/scim`;
  server = await startBuiltServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
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
  await receiver?.close();
});

/** A request to the server's `/api` with the admin token, as the app or a script would send it. */
async function adminApi(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The region of the open endpoint (its heading names the URL). */
const panel = (): Locator => page.getByRole("region", { name: `Endpoint ${endpointUrl}` });
const addForm = (): Locator => page.getByRole("region", { name: "Add an endpoint" });
const endpointRow = (): Locator => page.locator(`tr[data-endpoint="${endpointUrl}"]`);
const deliveryRow = (eventId: string): Locator => page.locator(`tr[data-event="${eventId}"]`);
const cell = (row: Locator, column: number) => row.locator("td").nth(column).textContent();

// The deliveries table's columns.
const EVENT = 1;
const STATE = 3;
const ATTEMPTS = 4;
const STATUS = 5;
const LATENCY = 6;
const ERROR = 7;

/** The requests the receiver took for one event (every attempt carries the event's id as webhook-id). */
const arrivals = (eventId: string) => receiver.requests.filter((r) => r.headers["webhook-id"] === eventId);

/** What has the keyboard focus: its label, or its text. */
const focused = () =>
  page.evaluate(
    () => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent,
  );

/** The types of the events that arrived after the first `from` requests, each verified with `secrets`. */
const typesSince = (from: number, secrets: string | readonly string[]) =>
  receiver.requests.slice(from).map((request) => verifyWebhook(secrets, request.headers, request.body).type);

async function createUser(email: string): Promise<void> {
  expect((await adminApi("POST", "/api/users", { email, name: email.split("@")[0] })).status).toBe(201);
}

describe("the Webhooks page", () => {
  it("is a page of the console, empty at first", async () => {
    await page.goto(`${server.origin}/admin/`);
    await page.getByLabel("Admin token", { exact: true }).fill(server.adminToken);
    await page.keyboard.press("Enter");
    await page
      .getByRole("navigation", { name: "Console pages" })
      .getByRole("link", { name: "Webhooks" })
      .click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Webhooks");
    await expect.poll(() => page.getByText(/^No endpoints yet\./).count()).toBe(1);
  });

  it("says in words why the server refused an endpoint URL", async () => {
    await addForm()
      .getByLabel("Endpoint URL", { exact: true })
      .fill("https://user:pw@hooks.example.com/scim");
    await addForm().getByRole("button", { name: "Add endpoint" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("must not hold a user name or password");
    await expect.poll(() => page.locator("tr[data-endpoint]").count()).toBe(0);
  });

  it("adds an endpoint for chosen event types and shows its secret once", async () => {
    const form = addForm();
    await form.getByLabel("Endpoint URL", { exact: true }).fill(endpointUrl);
    await form.getByLabel("Description (what it is for)", { exact: true }).fill("CRM sync");
    await form.getByLabel("Only the types I choose", { exact: true }).check();
    await form.getByLabel("user.created", { exact: true }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();

    const shown = page.getByRole("textbox", { name: "Signing secret", exact: true });
    await expect.poll(() => shown.inputValue()).toMatch(/^whsec_/);
    secret = await shown.inputValue();
    expect(await focused()).toBe("Signing secret");
    expect(await page.locator(".secret").textContent()).toContain("you won't see it again");
    await expect.poll(() => cell(endpointRow(), 2)).toBe("user.created");
    expect(await endpointRow().textContent()).toContain("CRM sync");
    expect(await cell(endpointRow(), 3)).toBe("Enabled");

    await page.getByRole("button", { name: "I have copied it" }).click();
    expect(await page.content()).not.toContain(secret);
    const listed = await (await adminApi("GET", "/api/webhooks")).text();
    expect(listed).not.toContain(secret);
    const { items } = JSON.parse(listed) as { items: { id: string; url: string }[] };
    expect(items.map((item) => item.url)).toEqual([endpointUrl]);
    endpointId = items[0]?.id ?? "";
  });

  it("opens the endpoint with the focus on it, and sends a test event that arrives signed and shows delivered", async () => {
    await endpointRow().getByRole("link", { name: endpointUrl }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("endpoint-heading");
    expect(page.url()).toContain(`#/webhooks?endpoint=${endpointId}`);

    await panel().getByRole("button", { name: "Send test event" }).click();
    await expect
      .poll(() =>
        panel()
          .getByText(/^A test event \(/)
          .count(),
      )
      .toBe(1);
    await expect.poll(() => receiver.requests.length, ARRIVES).toBe(1);
    const [arrived] = receiver.requests;
    if (arrived === undefined) throw new Error("nothing arrived");
    expect(arrived.method).toBe("POST");
    expect(arrived.path).toBe("/hooks/scim");
    const event = verifyWebhook(secret, arrived.headers, arrived.body);
    expect(event.type).toBe("webhook.test");
    expect(event.data).toMatchObject({ endpointId });

    const row = deliveryRow(event.id);
    await expect.poll(() => cell(row, STATE), ARRIVES).toBe("Delivered");
    expect(await cell(row, EVENT)).toBe("webhook.test");
    expect(await cell(row, STATUS)).toBe("204");
    expect(await cell(row, ATTEMPTS)).toBe("1");
    expect(await cell(row, LATENCY)).toMatch(/^\d+ ms$/);
    expect(await cell(row, ERROR)).toBe("—");
  });

  it("shows a failed attempt's status and error, and re-sends it at once", async () => {
    // Retry-After an hour: only the re-send brings the event back within the test.
    receiver.answerNext({ status: 503, headers: { "retry-after": "3600" } });
    await panel().getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.requests.length, ARRIVES).toBe(2);
    const eventId = receiver.ids()[1] ?? "";
    const row = deliveryRow(eventId);
    await expect.poll(() => cell(row, STATUS), ARRIVES).toBe("503");
    expect(await cell(row, STATE)).toMatch(/^Pending next /);
    expect(await cell(row, ATTEMPTS)).toBe("1");
    expect(await cell(row, ERROR)).not.toBe("—");

    await row.getByRole("button", { name: /^Re-send webhook\.test/ }).click();
    await expect
      .poll(() =>
        panel()
          .getByText(/^1 delivery is being sent again now/)
          .count(),
      )
      .toBe(1);
    await expect.poll(() => arrivals(eventId).length, ARRIVES).toBe(2);
    await expect.poll(() => cell(row, STATE), ARRIVES).toBe("Delivered");
    expect(await cell(row, ATTEMPTS)).toBe("2");
    expect(await cell(row, STATUS)).toBe("204");
    expect(await cell(row, ERROR)).toBe("—");
  });

  it("re-sends a range of deliveries selected with Shift-click", async () => {
    for (const name of ["ada", "alan", "grace"]) await createUser(`${name}@example.com`);
    await expect.poll(() => receiver.requests.length, ARRIVES).toBe(6);
    const userEvents = receiver.ids().slice(3);
    for (const id of userEvents)
      await expect.poll(() => cell(deliveryRow(id), STATE), ARRIVES).toBe("Delivered");

    // Newest first: the three user.created rows are the top three (the receiver may take them in any order).
    const rows = panel().locator("tbody tr");
    const top = await rows.evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.getAttribute("data-event")));
    expect(top.sort()).toEqual([...userEvents].sort());
    await rows.nth(0).getByRole("checkbox").click();
    await rows
      .nth(2)
      .getByRole("checkbox")
      .click({ modifiers: ["Shift"] });
    expect(await rows.nth(1).getByRole("checkbox").isChecked()).toBe(true);
    expect(await rows.nth(3).getByRole("checkbox").isChecked()).toBe(false);
    await panel().getByRole("button", { name: "Re-send selected (3)" }).click();
    await expect
      .poll(() =>
        panel()
          .getByText(/^3 deliveries are being sent again now/)
          .count(),
      )
      .toBe(1);
    await expect.poll(() => receiver.requests.length, ARRIVES).toBe(9);
    expect(receiver.ids().slice(6).sort()).toEqual([...userEvents].sort());
    for (const id of userEvents) await expect.poll(() => cell(deliveryRow(id), ATTEMPTS), ARRIVES).toBe("2");
  });

  it("disables the endpoint (nothing is sent) and enables it (what it missed arrives)", async () => {
    await panel().getByRole("button", { name: "Disable", exact: true }).click();
    await expect.poll(() => cell(endpointRow(), 3)).toBe("Disabled by an admin");
    expect(await panel().getByRole("button", { name: "Send test event" }).isDisabled()).toBe(true);

    await createUser("katherine@example.com");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(receiver.requests.length).toBe(9);

    await panel().getByRole("button", { name: "Enable", exact: true }).click();
    await expect.poll(() => cell(endpointRow(), 3)).toBe("Enabled");
    await expect.poll(() => receiver.requests.length, ARRIVES).toBe(10);
    const missed = verifyWebhook(
      secret,
      receiver.requests[9]?.headers ?? {},
      receiver.requests[9]?.body ?? "",
    );
    expect(missed).toMatchObject({ type: "user.created" });
  });

  it("edits the endpoint to take every event type", async () => {
    await panel().getByRole("button", { name: "Edit" }).click();
    const form = panel().locator("form.endpoint-form");
    expect(await form.getByLabel("Endpoint URL", { exact: true }).inputValue()).toBe(endpointUrl);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).value))
      .toBe(endpointUrl);
    await form.getByLabel("Description (what it is for)", { exact: true }).fill("CRM sync, all events");
    await form.getByLabel("Every event type, also types added later", { exact: true }).check();
    const from = receiver.requests.length;
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect
      .poll(() =>
        panel()
          .getByText(/^Saved\./)
          .count(),
      )
      .toBe(1);
    await expect.poll(() => cell(endpointRow(), 2)).toBe("Every type");
    expect(await focused()).toBe("Edit");
    expect(await endpointRow().textContent()).toContain("CRM sync, all events");

    expect((await adminApi("PATCH", "/api/tenant", { jit: true })).status).toBe(200);
    await expect.poll(() => typesSince(from, secret), ARRIVES).toContain("tenant.settings_updated");
  });

  it("rotates the secret: the new one shown once, the old one still signing for the overlap", async () => {
    await panel().getByRole("button", { name: "Rotate secret" }).click();
    await panel().getByLabel("The previous secret keeps signing for").selectOption({ label: "24 hours" });
    await panel().getByRole("button", { name: "Rotate now" }).click();
    const shown = panel().getByRole("textbox", { name: "Signing secret", exact: true });
    await expect.poll(() => shown.inputValue()).toMatch(/^whsec_/);
    rotatedSecret = await shown.inputValue();
    expect(await focused()).toBe("Signing secret");
    expect(rotatedSecret).not.toBe(secret);
    expect(await panel().locator(".secret").textContent()).toContain(
      "every delivery is signed with both the previous and the new secret",
    );
    await expect
      .poll(() => panel().locator(".facts").textContent())
      .toContain("the previous secret also signs until");
    await panel().getByRole("button", { name: "I have copied it" }).click();
    expect(await page.content()).not.toContain(rotatedSecret);

    const from = receiver.requests.length;
    await panel().getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => typesSince(from, rotatedSecret), ARRIVES).toContain("webhook.test");
    const arrived = receiver.requests
      .slice(from)
      .find((request) => verifyWebhook(rotatedSecret, request.headers, request.body).type === "webhook.test");
    if (arrived === undefined) throw new Error("the test event did not arrive");
    expect(String(arrived.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifyWebhook(rotatedSecret, arrived.headers, arrived.body).type).toBe("webhook.test");
    expect(verifyWebhook(secret, arrived.headers, arrived.body).type).toBe("webhook.test");
    const row = deliveryRow(String(arrived.headers["webhook-id"]));
    await expect.poll(() => cell(row, STATE), ARRIVES).toBe("Delivered");
    await screenshot(page, "webhooks");
  });

  it("breaks no serious WCAG 2.1 A/AA rule, forms and confirmations open (axe-core)", async () => {
    const checker = await browser.newPage({ bypassCSP: true, viewport: { width: 1360, height: 900 } });
    try {
      await checker.goto(`${server.origin}/admin/`);
      await checker.getByLabel("Admin token", { exact: true }).fill(server.adminToken);
      await checker.keyboard.press("Enter");
      await checker.goto(`${server.origin}/admin/#/webhooks?endpoint=${endpointId}`);
      await expect.poll(() => checker.locator("table.deliveries tbody tr").count()).toBeGreaterThan(0);
      await expect.poll(() => checker.locator("table[aria-busy=true]").count()).toBe(0);
      expect(await seriousViolations(checker), "endpoint and deliveries").toEqual([]);

      await checker.getByLabel("Only the types I choose", { exact: true }).first().check();
      await checker.getByRole("button", { name: "Edit" }).click();
      expect(await seriousViolations(checker), "add and edit forms").toEqual([]);

      await checker.getByRole("button", { name: "Cancel" }).click();
      await checker.getByRole("button", { name: "Rotate secret" }).click();
      expect(await seriousViolations(checker), "rotation").toEqual([]);
      await checker.getByRole("button", { name: "Keep the current secret" }).click();
      await checker.getByRole("button", { name: "Delete" }).click();
      expect(await seriousViolations(checker), "deletion").toEqual([]);
    } finally {
      await checker.close();
    }
  });

  it("deletes the endpoint after a confirmation; nothing more is sent to it", async () => {
    await panel().getByRole("button", { name: "Delete" }).click();
    await panel().getByRole("button", { name: "Yes, delete" }).click();
    await expect
      .poll(() => page.getByText(`Endpoint ${endpointUrl} is deleted; nothing more is sent to it.`).count())
      .toBe(1);
    await expect.poll(() => page.locator("tr[data-endpoint]").count()).toBe(0);
    expect(await panel().count()).toBe(0);
    expect(await (await adminApi("GET", "/api/webhooks")).json()).toEqual({ items: [] });

    const before = receiver.requests.length;
    await createUser("dorothy@example.com");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(receiver.requests.length).toBe(before);
  });

  it("loaded nothing from another origin, logged no browser error, and never logged a secret", () => {
    expect(foreignRequests).toEqual([]);
    // The refused URL is logged by Chromium as a failed load (400); anything else is a fault.
    expect(consoleErrors.filter((text) => !text.includes("status of 400"))).toEqual([]);
    for (const shown of [secret, rotatedSecret, server.adminToken])
      expect(server.output()).not.toContain(shown);
  });
});

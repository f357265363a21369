import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import {
  type CannedResponse,
  clientFor,
  fakeScimServer,
  makeUsers,
  scimError,
} from "../test/fake-scim-server.js";
import { parseRetryAfter, type RetryEvent, retryDelayMs } from "./retry.js";

const tooMany = (retryAfter?: string): CannedResponse => ({
  ...scimError(429, "Slow down"),
  headers: retryAfter === undefined ? {} : { "Retry-After": retryAfter },
});
const unavailable = (retryAfter?: string): CannedResponse => ({
  ...scimError(503, "Try later"),
  headers: retryAfter === undefined ? {} : { "Retry-After": retryAfter },
});

describe("retry of 429 and 503", () => {
  it.each([
    ["retries 429 with Retry-After: 0", { given: [tooMany("0")], want: { hits: 2, delays: [0] } }],
    ["caps Retry-After at maxDelayMs", { given: [tooMany("1")], want: { hits: 2, delays: [5] } }],
    [
      "retries 503 with Retry-After",
      { given: [unavailable("1"), unavailable("0")], want: { hits: 3, delays: [5, 0] } },
    ],
    [
      "honours an HTTP-date Retry-After in the past as no wait",
      { given: [unavailable("Sun, 06 Nov 1994 08:49:37 GMT")], want: { hits: 2, delays: [0] } },
    ],
  ])("%s, then returns the success", async (_name, { given, want }) => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const events: RetryEvent[] = [];
    const client = clientFor(server, { retry: { maxDelayMs: 5, onRetry: (e) => events.push(e) } });
    server.enqueue(...given);

    const { data } = await client.GET("/Users/{id}", { params: { path: { id: "u1" } } });

    expect(data?.id).toBe("u1");
    expect(server.requests).toHaveLength(want.hits);
    expect(events.map((e) => [e.retry, e.status, e.delayMs])).toEqual(
      given.map((g, i) => [i + 1, g.status, want.delays[i]]),
    );
  });

  it("backs off within maxDelayMs when there is no Retry-After", async () => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const events: RetryEvent[] = [];
    const client = clientFor(server, { retry: { maxDelayMs: 5, onRetry: (e) => events.push(e) } });
    server.enqueue(tooMany(), unavailable());

    const { data } = await client.GET("/Users/{id}", { params: { path: { id: "u1" } } });

    expect(data?.id).toBe("u1");
    expect(server.requests).toHaveLength(3);
    expect(events.map((e) => e.delayMs).every((ms) => ms >= 0 && ms <= 5)).toBe(true);
  });

  it("stops after the configured retries and returns the last error answer", async () => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const client = clientFor(server, { retry: { retries: 2, maxDelayMs: 1 } });
    server.enqueue(...Array.from({ length: 5 }, () => unavailable("0")));

    const { error, response } = await client.GET("/Users/{id}", { params: { path: { id: "u1" } } });

    expect(server.requests).toHaveLength(3);
    expect(response.status).toBe(503);
    expect(error).toMatchObject({ status: "503" });
  });

  it.each([
    ["500", { given: scimError(500, "Boom") }],
    ["404", { given: scimError(404, "Gone") }],
    ["409", { given: scimError(409, "Taken", "uniqueness") }],
  ])("does not retry %s", async (_name, { given }) => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const client = clientFor(server);
    server.enqueue(given);

    await client.GET("/Users/{id}", { params: { path: { id: "u1" } } });

    expect(server.requests).toHaveLength(1);
  });

  it("sends once with retry: false", async () => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const client = clientFor(server, { retry: false });
    server.enqueue(tooMany("0"));

    const { response } = await client.GET("/Users/{id}", { params: { path: { id: "u1" } } });

    expect(response.status).toBe(429);
    expect(server.requests).toHaveLength(1);
  });

  it("re-sends the same body and headers on each retry", async () => {
    const server = await fakeScimServer();
    const client = clientFor(server);
    server.enqueue(unavailable("0"), tooMany("0"));
    const body = { schemas: [ScimUrn.User], userName: "retry@example.com" };

    const { data } = await client.POST("/Users", { body });

    expect(data?.userName).toBe(body.userName);
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([body, body, body]);
    expect(new Set(server.requests.map((r) => r.headers["content-type"]))).toEqual(
      new Set(["application/scim+json"]),
    );
  });

  it.each(["request", "client"] as const)(
    "aborts at once while waiting to retry when the %s signal aborts",
    async (where) => {
      const server = await fakeScimServer({ users: makeUsers(1) });
      const controller = new AbortController();
      const client = clientFor(server, {
        // A long wait that the test would time out on, aborted as soon as it starts.
        retry: { maxDelayMs: 60_000, onRetry: () => setTimeout(() => controller.abort(), 0) },
        ...(where === "client" ? { signal: controller.signal } : {}),
      });
      server.enqueue(tooMany("30"));

      const call = client.GET("/Users/{id}", {
        params: { path: { id: "u1" } },
        ...(where === "request" ? { signal: controller.signal } : {}),
      });

      await expect(call).rejects.toMatchObject({ name: "AbortError" });
      expect(server.requests).toHaveLength(1);
    },
  );

  it("sends nothing when the signal is already aborted", async () => {
    const server = await fakeScimServer();
    const client = clientFor(server, { signal: AbortSignal.abort() });

    await expect(client.GET("/Users")).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-01-01T00:00:00Z");
  it.each([
    ["reads delta-seconds", { given: "120", want: 120_000 }],
    ["reads zero", { given: "0", want: 0 }],
    ["trims whitespace", { given: " 3 ", want: 3000 }],
    ["reads an IMF-fixdate", { given: "Mon, 01 Jan 2024 00:00:10 GMT", want: 10_000 }],
    ["treats a past date as no wait", { given: "Sun, 31 Dec 2023 23:59:00 GMT", want: 0 }],
    ["ignores a fraction", { given: "1.5", want: undefined }],
    ["ignores a negative number", { given: "-1", want: undefined }],
    ["ignores garbage", { given: "soon", want: undefined }],
    ["ignores an empty value", { given: "", want: undefined }],
    ["ignores a missing header", { given: null, want: undefined }],
  ])("%s", (_name, { given, want }) => {
    expect(parseRetryAfter(given, now)).toBe(want);
  });
});

describe("retryDelayMs", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
  it.each([
    ["uses Retry-After", { given: { retryAfter: "0", retry: 3, random: 0.5 }, want: 0 }],
    ["caps Retry-After", { given: { retryAfter: "60", retry: 1, random: 0.5 }, want: 1000 }],
    ["jitters the first backoff step", { given: { retryAfter: null, retry: 1, random: 0.5 }, want: 50 }],
    ["doubles the step per retry", { given: { retryAfter: null, retry: 3, random: 0.5 }, want: 200 }],
    ["caps the backoff", { given: { retryAfter: null, retry: 10, random: 0.99 }, want: 990 }],
  ])("%s", (_name, { given, want }) => {
    expect(retryDelayMs(given.retryAfter, given.retry, policy, 0, () => given.random)).toBe(want);
  });
});

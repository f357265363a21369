import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

const KEY = Buffer.alloc(32, 1).toString("base64");

describe("loadConfig webhooks", () => {
  it("defaults: a key kept in the database, 30 s leases, disabled after 24 h, private addresses allowed, 30 days kept", () => {
    expect(loadConfig({}).webhooks).toEqual({
      secretKey: undefined,
      leaseMs: 30_000,
      disableAfterMs: 86_400_000,
      blockPrivate: false,
      retentionDays: 30,
    });
  });

  it.each<[string, { given: Record<string, string>; want: object }]>([
    ["a key", { given: { WEBHOOK_SECRET_KEY: ` ${KEY} ` }, want: { secretKey: KEY } }],
    ["a lease", { given: { WEBHOOK_LEASE_MS: "15000" }, want: { leaseMs: 15_000 } }],
    ["hours", { given: { WEBHOOK_DISABLE_AFTER: "24h" }, want: { disableAfterMs: 86_400_000 } }],
    ["minutes", { given: { WEBHOOK_DISABLE_AFTER: "90m" }, want: { disableAfterMs: 5_400_000 } }],
    ["seconds", { given: { WEBHOOK_DISABLE_AFTER: "3600s" }, want: { disableAfterMs: 3_600_000 } }],
    ["days, in capitals", { given: { WEBHOOK_DISABLE_AFTER: "2D" }, want: { disableAfterMs: 172_800_000 } }],
    ["milliseconds", { given: { WEBHOOK_DISABLE_AFTER: "600000" }, want: { disableAfterMs: 600_000 } }],
    ["ms", { given: { WEBHOOK_DISABLE_AFTER: "60000ms" }, want: { disableAfterMs: 60_000 } }],
    [
      "blocking private addresses",
      { given: { WEBHOOK_BLOCK_PRIVATE: "true" }, want: { blockPrivate: true } },
    ],
    ["a retention", { given: { EVENT_RETENTION_DAYS: "7" }, want: { retentionDays: 7 } }],
  ])("reads %s", (_name, { given, want }) => {
    expect(loadConfig(given).webhooks).toMatchObject(want);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      "a key of 16 bytes",
      { WEBHOOK_SECRET_KEY: Buffer.alloc(16).toString("base64") },
      /^WEBHOOK_SECRET_KEY must/,
    ],
    ["a key that is not base64", { WEBHOOK_SECRET_KEY: `${"!".repeat(43)}=` }, /^WEBHOOK_SECRET_KEY must/],
    ["a lease no longer than an attempt", { WEBHOOK_LEASE_MS: "10000" }, /^WEBHOOK_LEASE_MS must/],
    ["a duration without a number", { WEBHOOK_DISABLE_AFTER: "h" }, /^WEBHOOK_DISABLE_AFTER must/],
    ["a unit it does not know", { WEBHOOK_DISABLE_AFTER: "1w" }, /^WEBHOOK_DISABLE_AFTER must/],
    ["a fraction", { WEBHOOK_DISABLE_AFTER: "1.5h" }, /^WEBHOOK_DISABLE_AFTER must/],
    ["a duration under a minute", { WEBHOOK_DISABLE_AFTER: "59s" }, /^WEBHOOK_DISABLE_AFTER must/],
    ["a duration over 90 days", { WEBHOOK_DISABLE_AFTER: "91d" }, /^WEBHOOK_DISABLE_AFTER must/],
    ["a flag that is neither", { WEBHOOK_BLOCK_PRIVATE: "maybe" }, /^WEBHOOK_BLOCK_PRIVATE must/],
    ["no retention", { EVENT_RETENTION_DAYS: "0" }, /^EVENT_RETENTION_DAYS must/],
  ])("stops on %s with a message naming the variable", (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { Store } from "../ports/store-ports.js";
import {
  createSecretBox,
  newWebhookSecret,
  resolveSecretKey,
  WEBHOOK_SECRET_KEY_NAME,
} from "./secret-box.js";

const key = () => new Uint8Array(randomBytes(32));

/** A store whose only working port is `webhooks.serverKey`, keeping keys in a map. */
function keyStore(keys = new Map<string, string>()): Store {
  const serverKey = async (name: string, generate: () => string) => {
    if (!keys.has(name)) keys.set(name, generate());
    return keys.get(name) as string;
  };
  return { read: { webhooks: { serverKey } } } as unknown as Store;
}

describe("createSecretBox", () => {
  it("opens what it sealed", () => {
    const box = createSecretBox(key());
    const secret = newWebhookSecret();
    expect(box.open(box.seal(secret))).toBe(secret);
  });

  it("seals the same secret differently each time (a fresh IV)", () => {
    const box = createSecretBox(key());
    expect(box.seal("whsec_abc")).not.toBe(box.seal("whsec_abc"));
  });

  it("keeps the secret out of the sealed text", () => {
    const secret = newWebhookSecret();
    expect(createSecretBox(key()).seal(secret)).not.toContain(secret.slice(6, 20));
  });

  it("refuses to open under another key", () => {
    const sealed = createSecretBox(key()).seal("whsec_abc");
    expect(() => createSecretBox(key()).open(sealed)).toThrow(/does not open/);
  });

  it.each([
    ["an edited ciphertext", (s: string) => `${s.slice(0, -2)}${s.endsWith("AA") ? "BB" : "AA"}`],
    ["an edited IV", (s: string) => s.replace(/^v1\.(.)/, (_m, c: string) => `v1.${c === "A" ? "B" : "A"}`)],
    ["another version", (s: string) => s.replace(/^v1/, "v2")],
    ["a truncated text", (s: string) => s.slice(0, 10)],
    ["an extra part", (s: string) => `${s}.x`],
    ["no text", () => ""],
  ])("refuses %s", (_name, edit) => {
    const box = createSecretBox(key());
    expect(() => box.open(edit(box.seal("whsec_abc")))).toThrow();
  });

  it.each([16, 31, 33, 0])("refuses a %i-byte key", (size) => {
    expect(() => createSecretBox(new Uint8Array(size))).toThrow(/32 bytes/);
  });
});

describe("newWebhookSecret", () => {
  it("is whsec_ and base64 of 32 random bytes, usable by standardwebhooks", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(newWebhookSecret()).not.toBe(secret);
  });
});

describe("resolveSecretKey", () => {
  it("uses a provided base64 key", async () => {
    const provided = randomBytes(32);
    const resolved = await resolveSecretKey(keyStore(), provided.toString("base64"));
    expect(Buffer.from(resolved).equals(provided)).toBe(true);
  });

  it.each([
    ["too short", randomBytes(16).toString("base64")],
    ["too long", randomBytes(48).toString("base64")],
    ["not base64", "not a key at all!"],
    ["empty", ""],
  ])("refuses a provided key that is %s", async (_name, provided) => {
    await expect(resolveSecretKey(keyStore(), provided)).rejects.toThrow(/base64 of 32 random bytes/);
  });

  it("generates a key once and then reads the stored one", async () => {
    const keys = new Map<string, string>();
    const first = await resolveSecretKey(keyStore(keys));
    const second = await resolveSecretKey(keyStore(keys));
    expect(first).toHaveLength(32);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect([...keys.keys()]).toEqual([WEBHOOK_SECRET_KEY_NAME]);
  });
});

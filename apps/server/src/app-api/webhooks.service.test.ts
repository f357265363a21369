import { randomUUID } from "node:crypto";
import { createMemoryStore, createSecretBox } from "@scimkit/router";
import { describe, expect, it } from "vitest";
import { lazySecretBox, webhooksService } from "./webhooks.service.js";

const TENANT = "t1";
const box = createSecretBox(new Uint8Array(32).fill(3));

/** The service over a fresh in-memory store, on a clock the test moves. */
function setUp() {
  const store = createMemoryStore();
  let at = Date.parse("2026-12-01T00:00:00.000Z");
  const service = webhooksService({
    store,
    now: () => new Date(at),
    newId: randomUUID,
    maxResults: 1000,
    secretBox: async () => box,
  });
  const secrets = async (id: string) =>
    (await store.read.webhooks.getEndpoint(TENANT, id))?.secrets.map((s) => ({
      secret: box.open(s.sealed),
      expiresAt: s.expiresAt,
    }));
  const advance = (ms: number) => {
    at += ms;
  };
  return { service, secrets, advance };
}

describe("webhooksService secrets", () => {
  it("keeps each rotated-out secret until its own overlap ends, and reports the latest", async () => {
    const { service, secrets, advance } = setUp();
    const first = await service.create(TENANT, {
      url: "https://h.example.com/",
      eventTypes: null,
      description: null,
    });
    const second = await service.rotate(TENANT, first.id, 60);
    advance(30_000);
    const third = await service.rotate(TENANT, first.id, 3600);
    expect(await secrets(first.id)).toEqual([
      { secret: third.secret, expiresAt: null },
      { secret: second.secret, expiresAt: "2026-12-01T01:00:30.000Z" },
      { secret: first.secret, expiresAt: "2026-12-01T00:01:00.000Z" },
    ]);
    expect(third.previousSecretExpiresAt).toBe("2026-12-01T01:00:30.000Z");
  });

  it("drops secrets whose overlap has ended on the next write, and no longer reports them before it", async () => {
    const { service, secrets, advance } = setUp();
    const first = await service.create(TENANT, {
      url: "https://h.example.com/",
      eventTypes: null,
      description: null,
    });
    const rotated = await service.rotate(TENANT, first.id, 60);
    advance(60_000);
    expect((await service.get(TENANT, first.id)).previousSecretExpiresAt).toBeNull();
    expect(await secrets(first.id)).toHaveLength(2);
    await service.update(TENANT, first.id, { description: "now" });
    expect(await secrets(first.id)).toEqual([{ secret: rotated.secret, expiresAt: null }]);
  });

  it("leaves an endpoint untouched by a change of nothing", async () => {
    const { service, advance } = setUp();
    const created = await service.create(TENANT, {
      url: "https://h.example.com/",
      eventTypes: null,
      description: null,
    });
    advance(1000);
    const { secret: _secret, ...view } = created;
    expect(await service.update(TENANT, created.id, {})).toEqual(view);
    expect(await service.update(TENANT, created.id, { enabled: true })).toEqual(view);
  });
});

describe("lazySecretBox", () => {
  it("loads once, and again after a failed load", async () => {
    let loads = 0;
    const get = lazySecretBox(async () => {
      loads += 1;
      if (loads === 1) throw new Error("busy");
      return box;
    });
    await expect(get()).rejects.toThrow("busy");
    expect(await get()).toBe(box);
    expect(await get()).toBe(box);
    expect(loads).toBe(2);
  });
});

import { ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import {
  createMemoryStore,
  defaultTenantSettings,
  type KeysetPosition,
  type Store,
  type StoredUser,
  storePortContract,
} from "../src/index.js";

const open = async () => {
  const store = createMemoryStore();
  return { store, close: () => store.close() };
};

describe("the in-memory store keeps the port contract", () => {
  for (const c of storePortContract(open)) it(c.name, c.run);
});

const user = (id: string, userName: string, created = "2030-01-01T00:00:00.000Z"): StoredUser => ({
  resource: {
    schemas: [ScimUrn.User],
    id,
    userName,
    emails: [{ value: userName, primary: true }],
    active: true,
    meta: { created, lastModified: created, version: 'W/"1"' },
  },
  status: "active",
  source: "scim",
  joinedAt: null,
});

async function storeWithTenant(): Promise<Store> {
  const store = createMemoryStore();
  await store.read.tenants.create({
    id: "t",
    name: "T",
    createdAt: "2030-01-01T00:00:00.000Z",
    settings: defaultTenantSettings,
  });
  return store;
}

describe("createMemoryStore", () => {
  it("returns copies: changing a returned user changes nothing stored", async () => {
    const store = await storeWithTenant();
    await store.read.users.insert("t", user("u1", "ada@x.io"));
    const read = await store.read.users.get("t", "u1");
    if (read === undefined) throw new Error("no user");
    const resource = read.resource as Record<string, unknown>;
    resource.userName = "mallory@x.io";
    (resource.emails as Record<string, unknown>[]).splice(0, 1, { value: "mallory@x.io" });
    (read.groups as unknown[]).push({ id: "g", display: "G" });
    expect(await store.read.users.get("t", "u1")).toEqual({ ...user("u1", "ada@x.io"), groups: [] });
  });

  it("stores copies: changing what was passed in changes nothing stored", async () => {
    const store = await storeWithTenant();
    const given = user("u1", "ada@x.io");
    await store.read.users.insert("t", given);
    (given.resource.meta as Record<string, unknown>).version = 'W/"9"';
    const settings = { ...defaultTenantSettings };
    const tenant = { id: "t2", name: "T2", createdAt: "2030-01-02T00:00:00.000Z", settings };
    await store.read.tenants.create(tenant);
    settings.jit = true;
    expect((await store.read.users.get("t", "u1"))?.resource.meta).toMatchObject({ version: 'W/"1"' });
    expect((await store.read.tenants.get("t2"))?.settings.jit).toBe(false);
  });

  it("a read during a running transaction does not see its writes until it commits", async () => {
    const store = await storeWithTenant();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written: () => void = () => undefined;
    const wrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    const work = store.transaction(async (unit) => {
      await unit.users.insert("t", user("u1", "ada@x.io"));
      written();
      await held;
    });
    await wrote;
    expect(await store.read.users.get("t", "u1")).toBeUndefined();
    expect(await store.read.users.findByUserName("t", "ada@x.io")).toBeUndefined();
    release();
    await work;
    expect((await store.read.users.get("t", "u1"))?.resource.id).toBe("u1");
  });

  it("runs transactions one at a time, in the order they were asked for", async () => {
    const store = await storeWithTenant();
    const log: string[] = [];
    const step = (name: string, pause: number) =>
      store.transaction(async () => {
        log.push(`${name} begins`);
        await new Promise((resolve) => setTimeout(resolve, pause));
        log.push(`${name} ends`);
      });
    await Promise.all([step("a", 10), step("b", 0)]);
    expect(log).toEqual(["a begins", "a ends", "b begins", "b ends"]);
  });

  it("a write through read waits for the running transaction", async () => {
    const store = await storeWithTenant();
    const order: string[] = [];
    const work = store.transaction(async (unit) => {
      await unit.users.insert("t", user("u1", "ada@x.io"));
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push("transaction");
    });
    const insert = store.read.users
      .insert("t", user("u2", "ADA@x.io"))
      .catch((error: { status?: number }) => {
        order.push(`insert ${error.status}`);
      });
    await Promise.all([work, insert]);
    expect(order).toEqual(["transaction", "insert 409"]);
  });

  it("refuses a unit of work used after its transaction ended", async () => {
    const store = await storeWithTenant();
    const unit = await store.transaction(async (u) => u);
    await expect(unit.users.get("t", "u1")).rejects.toThrow(/ended/);
  });

  it("ping resolves until close, then rejects with 503", async () => {
    const store = createMemoryStore();
    await store.ping();
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ status: 503 });
  });

  it("pages through 10,000 users by keyset, each once", async () => {
    const store = await storeWithTenant();
    await store.transaction(async (unit) => {
      for (let i = 0; i < 10_000; i++)
        await unit.users.insert("t", user(`u${String(i).padStart(5, "0")}`, `u${i}@x.io`));
    });
    const seen = new Set<string>();
    let visits = 0;
    let after: KeysetPosition | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await store.read.users.list("t", {
        page: after === undefined ? { kind: "keyset", count: 1000 } : { kind: "keyset", after, count: 1000 },
      });
      visits += page.items.length;
      for (const item of page.items) seen.add(String(item.resource.id));
      if (page.end === undefined) break;
      after = page.end;
    }
    expect({ distinct: seen.size, visits }).toEqual({ distinct: 10_000, visits: 10_000 });
  });
});

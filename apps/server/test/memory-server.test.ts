import { afterEach, describe, expect, it } from "vitest";
import { freePort, type ServerProcess, startServerProcess } from "./reliability/server-process.js";

/**
 * `DATABASE_URL=memory:` runs the built reference server on the in-memory store: like any empty
 * database it creates the tenant `default` at start and prints its endpoint and bearer token in
 * the usual form, serves SCIM, and keeps nothing across a restart.
 */
let running: ServerProcess | undefined;
afterEach(async () => {
  await running?.stop("SIGTERM");
  running = undefined;
});

async function start(port: number): Promise<ServerProcess> {
  running = await startServerProcess("memory:", port);
  return running;
}

describe("DATABASE_URL=memory:", () => {
  it("prints the default tenant's token, serves SCIM, and starts empty again after a restart", async () => {
    const port = await freePort();
    const first = await start(port);
    const printed = first.stderr.join("");
    expect(printed).toContain(`  SCIM endpoint: http://127.0.0.1:${port}/scim/v2`);
    expect(printed).toMatch(/^ {2}Bearer token: {2}scimkit_\S+$/m);
    const token = first.token ?? "";
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/scim+json" };
    const created = await fetch(`${first.origin}/scim/v2/Users`, {
      method: "POST",
      headers,
      body: JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "ada@x.io" }),
    });
    expect(created.status).toBe(201);
    const listed = await fetch(`${first.origin}/scim/v2/Users`, { headers });
    expect(((await listed.json()) as { totalResults: number }).totalResults).toBe(1);
    await first.stop("SIGTERM");

    const second = await start(port);
    expect(second.token).toBeDefined();
    expect(second.token).not.toBe(token);
    expect((await fetch(`${second.origin}/scim/v2/Users`, { headers })).status).toBe(401);
    const fresh = { authorization: `Bearer ${second.token}` };
    const empty = await fetch(`${second.origin}/scim/v2/Users`, { headers: fresh });
    expect(((await empty.json()) as { totalResults: number }).totalResults).toBe(0);
  }, 60_000);
});

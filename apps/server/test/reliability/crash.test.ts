import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScimUrn } from "@scimkit/types";
import SqliteDatabase from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, type ServerProcess, scimSender, startServerProcess } from "./server-process.js";

/**
 * Crash safety (docs/security.md#replay-races-and-lost-writes): the built server, as its own
 * process on a SQLite file, is killed with SIGKILL in the middle of a write load from several
 * clients, and restarted on the same file. SQLite runs in WAL mode with synchronous = NORMAL, which
 * keeps every committed transaction through a crash of the process: so every acknowledged write
 * must be there, no write may be half there, and the server must serve as before.
 */
const LOOPS = 4;
/** Acknowledged writes after which the server is killed: thousands of creates and patches. */
const KILL_AFTER = 2_000;
const PASSWORD = `crash-password-${randomUUID()}`;

/** A user one loop created and patches, alone and in order: its title and home email carry the counter. */
interface Tracked {
  readonly id: string;
  readonly userName: string;
  /** The last counter the server acknowledged, and the last one sent (one more while a PATCH is in flight). */
  acked: number;
  sent: number;
}

const dir = mkdtempSync(join(tmpdir(), "scimkit-crash-"));
const file = join(dir, "scimkit.db");
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const server of running) await server.stop("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function start(port: number): Promise<ServerProcess> {
  const server = await startServerProcess(`sqlite:${file}`, port);
  running.push(server);
  return server;
}

const homeEmail = (counter: number, userName: string) => `h${counter}-${userName}`;

function userBody(userName: string) {
  return {
    schemas: [ScimUrn.User],
    userName,
    password: PASSWORD,
    title: "t0",
    emails: [
      { value: userName, type: "work", primary: true },
      { value: homeEmail(0, userName), type: "home" },
    ],
  };
}

function patchBody(counter: number, userName: string) {
  return {
    schemas: [ScimUrn.PatchOp],
    Operations: [
      { op: "replace", path: "title", value: `t${counter}` },
      { op: "replace", path: 'emails[type eq "home"].value', value: homeEmail(counter, userName) },
    ],
  };
}

/** One client: creates a user, then patches two of its own, over and over, until the server is gone. */
async function writeLoop(loop: number, scimUrl: string, token: string, load: { acked: number }) {
  const users: Tracked[] = [];
  const send = scimSender(scimUrl, token);
  try {
    for (let step = 0; ; step++) {
      if (step % 3 === 0) {
        const userName = `crash-${loop}-${step}@x.io`;
        const response = await send("POST", "/Users", userBody(userName));
        expect(response.status).toBe(201);
        users.push({
          id: String(((await response.json()) as { id: string }).id),
          userName,
          acked: 0,
          sent: 0,
        });
      } else {
        const user = users[step % users.length] as Tracked;
        user.sent += 1;
        const response = await send("PATCH", `/Users/${user.id}`, patchBody(user.sent, user.userName));
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        user.acked = user.sent;
      }
      load.acked += 1;
    }
  } catch (error) {
    // The kill: the request in flight fails with a network error, and the loop stops.
    if (!(error instanceof TypeError)) throw error;
  }
  return users;
}

interface ListedUser {
  id: string;
  userName: string;
  title?: string;
  emails?: { value: string; type?: string }[];
}

async function listAll(scimUrl: string, token: string): Promise<ListedUser[]> {
  const users: ListedUser[] = [];
  for (let start = 1; ; start += 1000) {
    const response = await fetch(`${scimUrl}/Users?startIndex=${start}&count=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { Resources: ListedUser[]; totalResults: number };
    users.push(...page.Resources);
    if (page.Resources.length === 0 || users.length >= page.totalResults) return users;
  }
}

describe("a SIGKILL in the middle of a write load", () => {
  it("loses no acknowledged write, leaves nothing half-written, and the restarted server serves", async () => {
    const port = await freePort();
    const first = await start(port);
    const token = first.token ?? "";
    expect(token).toMatch(/^scimkit_/);
    const scimUrl = `${first.origin}/scim/v2`;
    const load = { acked: 0 };
    const loops = Array.from({ length: LOOPS }, (_, loop) => writeLoop(loop, scimUrl, token, load));
    // A loop that ends before the kill failed an assertion: stop waiting and report it.
    let ended = false;
    for (const loop of loops) void loop.finally(() => (ended = true)).catch(() => undefined);
    while (load.acked < KILL_AFTER && !ended) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.stop("SIGKILL");
    const tracked = (await Promise.all(loops)).flat();
    expect(tracked.length).toBeGreaterThan(KILL_AFTER / 5);

    const second = await start(port);
    const listed = new Map((await listAll(scimUrl, token)).map((user) => [user.id, user]));
    const lost = tracked.filter((user) => {
      const found = listed.get(user.id);
      const counter = Number(found?.title?.slice(1));
      const home = found?.emails?.find((email) => email.type === "home")?.value;
      // The PATCH in flight at the kill may have committed; the acknowledged one must have.
      return !(counter >= user.acked && counter <= user.sent && home === homeEmail(counter, user.userName));
    });
    expect(lost).toEqual([]);
    // At most each loop's create in flight is there besides the acknowledged ones.
    expect(listed.size - tracked.length).toBeGreaterThanOrEqual(0);
    expect(listed.size - tracked.length).toBeLessThanOrEqual(LOOPS);

    await expectServesNormally(scimUrl, token, tracked[0] as Tracked);
    // Logs carry neither the token nor a password, even across a crash.
    for (const server of [first, second])
      expect(server.stdout.join("")).not.toMatch(new RegExp(`${token}|${PASSWORD}`));
    await second.stop("SIGTERM");
    expectConsistentFile(file);
  }, 120_000);
});

async function expectServesNormally(scimUrl: string, token: string, user: Tracked) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/scim+json" };
  const created = await fetch(`${scimUrl}/Users`, {
    method: "POST",
    headers,
    body: JSON.stringify(userBody("after-restart@x.io")),
  });
  expect(created.status).toBe(201);
  const patched = await fetch(`${scimUrl}/Users/${user.id}`, {
    method: "PATCH",
    headers,
    body: JSON.stringify(patchBody(user.sent + 1, user.userName)),
  });
  expect(patched.status).toBe(200);
  const found = await fetch(
    `${scimUrl}/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`,
    {
      headers,
    },
  );
  expect(((await found.json()) as { totalResults: number }).totalResults).toBe(1);
}

/** Direct SQL on the file: a sound database, and every user's email rows and audit events match its row. */
function expectConsistentFile(path: string) {
  const sqlite = new SqliteDatabase(path, { readonly: true });
  try {
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    const users = sqlite.prepare("select id, version, document from users").all() as {
      id: string;
      version: string;
      document: string;
    }[];
    const emailRows = sqlite.prepare(
      "select value_key, type_key from user_emails where user_id = ? order by position",
    );
    const audits = sqlite.prepare(
      "select operation, count(*) as n from audit_events where resource_id = ? group by operation",
    );
    const broken = users.filter((user) => {
      const document = JSON.parse(user.document) as { emails?: { value: string; type?: string }[] };
      const expected = (document.emails ?? []).map((e) => ({
        value_key: e.value.toLowerCase(),
        type_key: e.type,
      }));
      const counts = Object.fromEntries(
        (audits.all(user.id) as { operation: string; n: number }[]).map((row) => [row.operation, row.n]),
      );
      const version = Number(/\d+/.exec(user.version)?.[0]);
      return (
        JSON.stringify(emailRows.all(user.id)) !== JSON.stringify(expected) ||
        counts.create !== 1 ||
        (counts.patch ?? 0) !== version - 1
      );
    });
    expect(broken).toEqual([]);
  } finally {
    sqlite.close();
  }
}

import { createScimClient, dataOrThrow, type ScimClient } from "@scimkit/client";
import { formatContractViolation } from "@scimkit/conformance";
import { ScimUrn, type ScimUser } from "@scimkit/types";
import { expect } from "vitest";
import { addToken, caller, expectScimError, type Reply } from "../reliability/reliability-helpers.js";
import { startTestServer, type TestServer } from "./test-server.js";

/** A fresh server with a SCIM client and an admin token, as the console's `/api` tests need. */
export interface ConsoleHarness {
  readonly server: TestServer;
  readonly scim: ScimClient;
  readonly adminTokenId: string;
  /** An `/api` call with the admin token, a body sent as the console sends it. */
  readonly api: (method: string, path: string, json?: unknown) => Promise<Reply>;
  /** A user created through SCIM (pending until first login). */
  readonly provision: (userName: string, extra?: Partial<ScimUser>) => Promise<ScimUser>;
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  const server = await startTestServer();
  const scim = createScimClient({
    baseUrl: server.scimUrl,
    fetch: server.fetch,
    token: server.token,
    retry: false,
  });
  const created = await addToken(server.store, server.tenantId, "admin");
  const admin = caller(server, created.token, server.origin);
  return {
    server,
    scim,
    adminTokenId: created.id,
    api: (method, path, json) =>
      admin(
        method,
        path,
        json === undefined ? {} : { json, headers: { "content-type": "application/json" } },
      ),
    provision: (userName, extra = {}) =>
      scim
        .POST("/Users", {
          body: { schemas: [ScimUrn.User], userName, emails: [{ value: userName, primary: true }], ...extra },
        })
        .then(dataOrThrow),
  };
}

/** Every response the tests saw conforms to spec/openapi.yaml; then the server stops. */
export async function closeConsoleHarness(harness: ConsoleHarness): Promise<void> {
  expect(harness.server.violations.map(formatContractViolation)).toEqual([]);
  await harness.server.close();
}

/** A SCIM error body with this status and scimType (none when not given). */
export function expectError(reply: Reply, status: number, scimType?: string): void {
  expectScimError(reply);
  expect({ status: reply.status, scimType: (reply.body as { scimType?: string }).scimType }).toEqual({
    status,
    scimType,
  });
}

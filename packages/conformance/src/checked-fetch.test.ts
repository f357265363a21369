import { createScimClient } from "@scimkit/client";
import { SCIM_MEDIA_TYPE } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { withCannedServer } from "../test/canned-server.js";
import { notFoundError, scimReply, serviceProviderConfig, user, userList } from "../test/scim-bodies.js";
import { createCheckedFetch } from "./checked-fetch.js";
import { type ContractViolation, formatContractViolation } from "./contract-violation.js";
import { loadSpecContract } from "./spec-contract.js";

const contract = loadSpecContract();

describe("createCheckedFetch", () => {
  it("leaves the body readable to the caller", async () => {
    await withCannedServer(scimReply(200, userList), async (origin) => {
      const checked = createCheckedFetch(contract);
      const response = await checked.fetch(`${origin}/scim/v2/Users`);
      expect(await response.json()).toEqual(userList);
      expect(checked.violations).toEqual([]);
    });
  });

  it("checks calls made through createScimClient, which passes a Request", async () => {
    const reply = (path: string | undefined) =>
      path?.endsWith("/ServiceProviderConfig") ? scimReply(200, serviceProviderConfig) : scimReply(200, user);
    await withCannedServer(
      (request) => reply(request.url),
      async (origin) => {
        const checked = createCheckedFetch(contract);
        const client = createScimClient({
          baseUrl: `${origin}/scim/v2`,
          token: "t",
          fetch: checked.fetch,
          retry: false,
        });
        const config = await client.GET("/ServiceProviderConfig");
        expect(config.data).toEqual(serviceProviderConfig);
        const created = await client.POST("/Users", {
          body: { schemas: user.schemas, userName: user.userName },
        });
        expect(created.data).toEqual(user);
        expect(checked.violations).toMatchObject([
          {
            kind: "undeclared-status",
            method: "POST",
            url: `${origin}/scim/v2/Users`,
            operationId: "createUser",
            status: 200,
          },
        ]);
      },
    );
  });

  it("takes the method from init in the (url, init) form", async () => {
    await withCannedServer(scimReply(201, user), async (origin) => {
      const checked = createCheckedFetch(contract);
      const body = JSON.stringify({ schemas: user.schemas, userName: user.userName });
      await checked.fetch(new URL(`${origin}/scim/v2/Users`), { method: "post", body });
      expect(checked.violations).toEqual([]);
    });
  });

  it("records a request that matches no operation as unknown-operation", async () => {
    await withCannedServer(scimReply(200, user), async (origin) => {
      const checked = createCheckedFetch(contract);
      await checked.fetch(`${origin}/scim/v2/Widgets`);
      expect(checked.violations).toEqual([
        {
          kind: "unknown-operation",
          operationId: undefined,
          status: 200,
          messages: ["no operation of the spec matches GET /scim/v2/Widgets"],
          method: "GET",
          url: `${origin}/scim/v2/Widgets`,
        },
      ]);
    });
  });

  it.each([404, 405])("accepts %i for a request that matches no operation", async (status) => {
    await withCannedServer(
      scimReply(status, { ...notFoundError, status: String(status) }),
      async (origin) => {
        const checked = createCheckedFetch(contract);
        await checked.fetch(`${origin}/scim/v2/Widgets`, { method: "DELETE" });
        expect(checked.violations).toEqual([]);
      },
    );
  });

  it("calls onViolation with each violation, and a throw from it fails the call", async () => {
    await withCannedServer({ status: 200, contentType: "text/plain", body: "ok" }, async (origin) => {
      const seen: ContractViolation[] = [];
      const checked = createCheckedFetch(contract, {
        onViolation: (violation) => {
          seen.push(violation);
          throw new Error(formatContractViolation(violation));
        },
      });
      await expect(checked.fetch(`${origin}/scim/v2/ServiceProviderConfig`)).rejects.toThrow(
        `GET ${origin}/scim/v2/ServiceProviderConfig → 200 getServiceProviderConfig content-type:`,
      );
      expect(seen).toEqual(checked.violations);
    });
  });

  it("sends through the given fetch and matches under basePath", async () => {
    const requests: Request[] = [];
    const stub: typeof fetch = async (input, init) => {
      requests.push(new Request(input, init));
      return new Response(JSON.stringify(userList), { headers: { "Content-Type": SCIM_MEDIA_TYPE } });
    };
    const checked = createCheckedFetch(contract, { fetch: stub, basePath: "/v2" });
    await checked.fetch("https://scim.example.com/v2/Users?count=1");
    expect(requests.map((request) => request.url)).toEqual(["https://scim.example.com/v2/Users?count=1"]);
    expect(checked.violations).toEqual([]);
  });
});

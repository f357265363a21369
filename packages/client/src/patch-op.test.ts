import { type PatchOp, ScimUrn } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { clientFor, fakeScimServer, makeUsers } from "../test/fake-scim-server.js";
import { filter } from "./filter.js";
import { type PatchOpBuilder, patchOp, patchPath } from "./patch-op.js";

describe("patchOp", () => {
  it.each<[string, { given: PatchOpBuilder; want: PatchOp["Operations"] }]>([
    [
      "adds at a path",
      {
        given: patchOp().add("emails", [{ value: "a@x.io" }]),
        want: [{ op: "add", path: "emails", value: [{ value: "a@x.io" }] }],
      },
    ],
    [
      "adds to the resource without a path",
      { given: patchOp().add({ title: "CTO" }), want: [{ op: "add", value: { title: "CTO" } }] },
    ],
    [
      "takes an undefined path as none",
      {
        given: patchOp().replace(undefined, { active: false }),
        want: [{ op: "replace", value: { active: false } }],
      },
    ],
    [
      "replaces at a path",
      { given: patchOp().replace("active", false), want: [{ op: "replace", path: "active", value: false }] },
    ],
    [
      "replaces with null",
      { given: patchOp().replace("title", null), want: [{ op: "replace", path: "title", value: null }] },
    ],
    ["removes at a path", { given: patchOp().remove("title"), want: [{ op: "remove", path: "title" }] }],
    [
      "keeps operations in order",
      {
        given: patchOp().add("title", "CTO").remove("nickName").replace("active", true),
        want: [
          { op: "add", path: "title", value: "CTO" },
          { op: "remove", path: "nickName" },
          { op: "replace", path: "active", value: true },
        ],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(given.build()).toEqual({ schemas: [ScimUrn.PatchOp], Operations: want });
  });

  it("returns a new builder from each method and leaves the old one unchanged", () => {
    const base = patchOp().replace("active", false);
    const more = base.remove("title");

    expect(base.operations).toHaveLength(1);
    expect(more.operations).toHaveLength(2);
    expect(Object.isFrozen(base)).toBe(true);
    expect(Object.isFrozen(base.operations)).toBe(true);
  });

  it("builds a fresh body each time, so changing one does not change the builder", () => {
    const builder = patchOp().replace("active", false);
    const body = builder.build();
    body.Operations.push({ op: "remove", path: "x" });

    expect(builder.build().Operations).toHaveLength(1);
  });

  it("serialises through JSON.stringify like build()", () => {
    const builder = patchOp().add("title", "CTO");
    expect(JSON.parse(JSON.stringify(builder))).toEqual(builder.build());
  });

  // Casts stand in for JavaScript callers, whom the types do not stop.
  it.each<[string, () => unknown]>([
    ["add without a value", () => patchOp().add("title", undefined)],
    [
      "add without a path and a non-object",
      () => patchOp().add("title" as unknown as Record<string, unknown>),
    ],
    ["replace without a path and an array", () => patchOp().replace(undefined, [1])],
    ["remove with an empty path", () => patchOp().remove("")],
    ["remove without a path", () => patchOp().remove(undefined as unknown as string)],
    ["build with no operations", () => patchOp().build()],
  ])("rejects %s", (_name, build) => {
    expect(build).toThrow(TypeError);
  });

  it("is sent as the PATCH body", async () => {
    const server = await fakeScimServer({ users: makeUsers(1) });
    const client = clientFor(server);
    const body = patchOp().replace("active", false).build();

    const { data } = await client.PATCH("/Users/{id}", { params: { path: { id: "u1" } }, body });

    expect(data?.id).toBe("u1");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(body);
  });
});

describe("patchPath", () => {
  it.each<[string, { given: Parameters<typeof patchPath>; want: string }]>([
    ["an attribute", { given: ["title"], want: "title" }],
    ["a sub-attribute", { given: ["name.givenName"], want: "name.givenName" }],
    [
      "a value filter",
      {
        given: ["members", filter.eq("value", 'id" or "')],
        want: String.raw`members[value eq "id\" or \""]`,
      },
    ],
    [
      "a value filter and sub-attribute",
      { given: ["emails", filter.eq("type", "work"), "value"], want: `emails[type eq "work"].value` },
    ],
  ])("writes %s", (_name, { given, want }) => {
    expect(patchPath(...given)).toBe(want);
  });

  it.each<[string, Parameters<typeof patchPath>]>([
    ["an invalid attribute", ["a b"]],
    ["a sub-attribute without a filter", ["emails", undefined, "value"]],
    ["an invalid sub-attribute", ["emails", filter.eq("type", "work"), "value]"]],
  ])("rejects %s", (_name, given) => {
    expect(() => patchPath(...given)).toThrow(TypeError);
  });
});

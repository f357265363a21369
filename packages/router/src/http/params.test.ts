import { ScimError } from "@scimkit/core";
import { operations } from "@scimkit/types";
import { describe, expect, it } from "vitest";
import { parseParameters } from "./params.js";

const list = operations.listUsers.parameters;
const get = operations.getUser.parameters;

function parse(parameters: typeof list | typeof get, query: string, path: Record<string, string> = {}) {
  return parseParameters(parameters, { path, query: new URLSearchParams(query), header: () => undefined });
}

function errorOf(run: () => unknown): { status: number; scimType?: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    return { status: error.status, ...(error.scimType === undefined ? {} : { scimType: error.scimType }) };
  }
}

describe("parseParameters", () => {
  it.each([
    ["integers become numbers", { given: "startIndex=3&count=10", want: { startIndex: 3, count: 10 } }],
    ["startIndex below 1 is raised to 1", { given: "startIndex=-5", want: { startIndex: 1 } }],
    ["startIndex 0 is raised to 1", { given: "startIndex=0", want: { startIndex: 1 } }],
    ["a negative count is raised to 0", { given: "count=-3", want: { count: 0 } }],
    [
      "sortOrder is normalised to the enum's spelling",
      { given: "sortOrder=Descending", want: { sortOrder: "descending" } },
    ],
    [
      "strings pass through",
      { given: "filter=userName%20eq%20%22a%2Bb%40x.io%22", want: { filter: 'userName eq "a+b@x.io"' } },
    ],
    ["undeclared parameters are ignored", { given: "foo=bar", want: {} }],
  ])("%s", (_name, { given, want }) => {
    expect(parse(list, given).query).toEqual(want);
  });

  it.each([
    ["a non-numeric count", "count=abc"],
    ["a fractional startIndex", "startIndex=2.5"],
    ["an empty count", "count="],
    ["a hexadecimal count", "count=0x10"],
    ["a duplicated parameter", "count=1&count=2"],
    ["an unknown sortOrder", "sortOrder=up"],
  ])("refuses %s with 400 invalidValue", (_name, query) => {
    expect(errorOf(() => parse(list, query))).toEqual({ status: 400, scimType: "invalidValue" });
  });

  it("refuses an empty path id", () => {
    expect(errorOf(() => parse(get, "", { id: "" }))).toEqual({ status: 400, scimType: "invalidValue" });
  });

  it("passes the path id through", () => {
    expect(parse(get, "", { id: "2819c223" }).path).toEqual({ id: "2819c223" });
  });
});

import { describe, expect, it } from "vitest";
import { cloneJson, isJsonObject, jsonTypeOf, sameJson } from "./json-value.js";

describe("sameJson", () => {
  const cases: [string, { given: [unknown, unknown]; want: boolean }][] = [
    ["matches equal primitives", { given: ["a", "a"], want: true }],
    ["tells different primitives apart", { given: ["a", "A"], want: false }],
    [
      "matches objects whatever their key order",
      {
        given: [
          { a: 1, b: [2] },
          { b: [2], a: 1 },
        ],
        want: true,
      },
    ],
    ["tells objects with different values apart", { given: [{ a: 1 }, { a: 2 }], want: false }],
    ["tells objects with different keys apart", { given: [{ a: 1 }, { b: 1 }], want: false }],
    ["tells objects with more keys apart", { given: [{ a: 1 }, { a: 1, b: 2 }], want: false }],
    [
      "respects array order",
      {
        given: [
          [1, 2],
          [2, 1],
        ],
        want: false,
      },
    ],
    ["tells arrays of different length apart", { given: [[1], [1, 1]], want: false }],
    ["tells an array from an object", { given: [[], {}], want: false }],
    ["tells null from an object", { given: [null, {}], want: false }],
  ];
  it.each(cases)("%s", (_name, { given: [left, right], want }) => {
    expect(sameJson(left, right)).toBe(want);
  });
});

describe("cloneJson", () => {
  it("copies deeply", () => {
    const value = { a: [{ b: 1 }], c: null };
    const copy = cloneJson(value) as typeof value;
    expect(copy).toEqual(value);
    expect(copy.a[0]).not.toBe(value.a[0]);
  });

  it("keeps a __proto__ key as data", () => {
    const copy = cloneJson(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.hasOwn(copy, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("isJsonObject and jsonTypeOf", () => {
  const cases: [string, { given: unknown; want: [boolean, string] }][] = [
    ["an object", { given: {}, want: [true, "object"] }],
    ["an array", { given: [], want: [false, "array"] }],
    ["null", { given: null, want: [false, "null"] }],
    ["a string", { given: "x", want: [false, "string"] }],
  ];
  it.each(cases)("classifies %s", (_name, { given, want }) => {
    expect([isJsonObject(given), jsonTypeOf(given)]).toEqual(want);
  });
});

import { describe, expect, it } from "vitest";
import { clickSelection, keepShown } from "./selection.js";

const ids = ["a", "b", "c", "d", "e"];

describe("clickSelection", () => {
  it.each([
    ["a click selects one row", { selected: [], index: 2, anchor: undefined, shift: false, want: ["c"] }],
    ["a second click clears it", { selected: ["c"], index: 2, anchor: "c", shift: false, want: [] }],
    [
      "a click keeps the other rows",
      { selected: ["a"], index: 3, anchor: "a", shift: false, want: ["a", "d"] },
    ],
    [
      "Shift-click selects down to the row",
      { selected: ["b"], index: 4, anchor: "b", shift: true, want: ["b", "c", "d", "e"] },
    ],
    [
      "Shift-click selects up to the row",
      { selected: ["d"], index: 0, anchor: "d", shift: true, want: ["a", "b", "c", "d"] },
    ],
    [
      "Shift-click on a selected row clears the range",
      { selected: ["a", "b", "c", "d"], index: 1, anchor: "d", shift: true, want: ["a"] },
    ],
    [
      "Shift-click without an earlier click selects one row",
      { selected: [], index: 1, anchor: undefined, shift: true, want: ["b"] },
    ],
    [
      "Shift-click after the anchor left the list selects one row",
      { selected: [], index: 1, anchor: "z", shift: true, want: ["b"] },
    ],
  ])("%s", (_name, { selected, index, anchor, shift, want }) => {
    const next = clickSelection(ids, new Set(selected), index, anchor, shift);
    expect([...next].sort()).toEqual(want);
  });

  it("keeps the range right when a refresh added rows above the anchor", () => {
    const refreshed = ["new", ...ids];
    expect([...clickSelection(refreshed, new Set(["b"]), 4, "b", true)].sort()).toEqual(["b", "c", "d"]);
  });

  it("leaves the selection given unchanged", () => {
    const selected = new Set(["a"]);
    clickSelection(ids, selected, 1, "a", true);
    expect([...selected]).toEqual(["a"]);
  });
});

describe("keepShown", () => {
  it("drops ids no longer shown, and keeps the same set when all are", () => {
    const selected = new Set(["a", "z"]);
    expect([...keepShown(ids, selected)]).toEqual(["a"]);
    const all = new Set(["a", "b"]);
    expect(keepShown(ids, all)).toBe(all);
  });
});

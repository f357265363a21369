import { describe, expect, it } from "vitest";
import { clickSelection, keepShown } from "./selection.js";

const ids = ["a", "b", "c", "d", "e"];

describe("clickSelection", () => {
  it.each([
    ["a click selects one row", { selected: [], index: 2, anchor: undefined, shift: false, want: ["c"] }],
    ["a second click clears it", { selected: ["c"], index: 2, anchor: 2, shift: false, want: [] }],
    [
      "a click keeps the other rows",
      { selected: ["a"], index: 3, anchor: 0, shift: false, want: ["a", "d"] },
    ],
    [
      "Shift-click selects down to the row",
      { selected: ["b"], index: 4, anchor: 1, shift: true, want: ["b", "c", "d", "e"] },
    ],
    [
      "Shift-click selects up to the row",
      { selected: ["d"], index: 0, anchor: 3, shift: true, want: ["a", "b", "c", "d"] },
    ],
    [
      "Shift-click on a selected row clears the range",
      { selected: ["a", "b", "c", "d"], index: 1, anchor: 3, shift: true, want: ["a"] },
    ],
    [
      "Shift-click without an earlier click selects one row",
      { selected: [], index: 1, anchor: undefined, shift: true, want: ["b"] },
    ],
    [
      "Shift-click after the list shrank selects one row",
      { selected: [], index: 1, anchor: 9, shift: true, want: ["b"] },
    ],
  ])("%s", (_name, { selected, index, anchor, shift, want }) => {
    const next = clickSelection(ids, new Set(selected), index, anchor, shift);
    expect([...next].sort()).toEqual(want);
  });

  it("leaves the selection given unchanged", () => {
    const selected = new Set(["a"]);
    clickSelection(ids, selected, 1, 0, true);
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

import { describe, expect, it } from "vitest";
import type { CaseResult } from "../suite-types.js";
import { createProgress } from "./progress.js";

const passed: CaseResult = {
  suite: "users",
  name: "creates a user",
  status: "passed",
  durationMs: 1,
  violations: [],
};

function recorder(columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { columns, write: (text: string) => writes.push(text) } };
}

describe("createProgress", () => {
  it("rewrites one line per case with the count, mark, suite and case", () => {
    const { writes, stream } = recorder();
    const progress = createProgress(stream, 2);
    progress.update(passed);
    progress.update({ ...passed, name: "rejects a duplicate", status: "failed" });
    expect(writes).toEqual([
      "\r\x1b[2K[1/2] ✓ users › creates a user",
      "\r\x1b[2K[2/2] ✗ users › rejects a duplicate",
    ]);
  });

  it("cuts the line to the terminal width so it never wraps", () => {
    const { writes, stream } = recorder(30);
    createProgress(stream, 9).update({ ...passed, name: "a case with a very long name indeed" });
    expect(writes).toEqual(["\r\x1b[2K[1/9] ✓ users › a case with …"]);
    expect((writes[0] ?? "").length - "\r\x1b[2K".length).toBe(29);
  });

  it("assumes 80 columns when the terminal reports none", () => {
    const { writes, stream } = recorder(0);
    createProgress(stream, 1).update({ ...passed, name: "x".repeat(100) });
    expect((writes[0] ?? "").length - "\r\x1b[2K".length).toBe(79);
  });

  it("erases the line when done, and writes nothing if nothing was shown", () => {
    const { writes, stream } = recorder();
    const progress = createProgress(stream, 1);
    progress.done();
    expect(writes).toEqual([]);
    progress.update(passed);
    progress.done();
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });
});

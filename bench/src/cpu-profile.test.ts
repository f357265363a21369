import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { topSelfTime } from "./cpu-profile.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function profileFile(profile: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "cpu-profile-test-"));
  dirs.push(dir);
  const file = join(dir, "test.cpuprofile");
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber });

describe("topSelfTime", () => {
  it("sums self time per function and location, largest first", () => {
    const file = profileFile({
      nodes: [
        { id: 1, callFrame: frame("(root)", "", -1) },
        { id: 2, callFrame: frame("parse", "file:///app/a.js", 9) },
        // The same function reached through another call path: a second node, one entry.
        { id: 3, callFrame: frame("parse", "file:///app/a.js", 9) },
        { id: 4, callFrame: frame("", "file:///app/node_modules/.pnpm/b@1.0.0/node_modules/b/b.js", 0) },
      ],
      // Each sample is charged the delta to the next one.
      samples: [2, 3, 4, 2],
      timeDeltas: [0, 1000, 1000, 3000],
    });

    expect(topSelfTime(file, 25, "/app/")).toEqual([
      { location: "(anonymous) b/b.js:1", selfMs: 3, percent: 60 },
      { location: "parse a.js:10", selfMs: 2, percent: 40 },
    ]);
  });

  it("keeps only the first `limit` entries", () => {
    const file = profileFile({
      nodes: [1, 2, 3].map((id) => ({ id, callFrame: frame(`f${id}`, "", 0) })),
      samples: [1, 2, 3, 1],
      timeDeltas: [0, 3000, 2000, 1000],
    });

    expect(topSelfTime(file, 2).map((entry) => entry.location)).toEqual(["f1", "f2"]);
  });

  it("rejects a file that is not a CPU profile", () => {
    expect(() => topSelfTime(profileFile({ hello: "world" }), 5)).toThrow(/not a V8 CPU profile/);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import type { ScimLogger } from "../http/route-types.js";
import { type BackgroundLoop, type CycleResult, runLoop } from "./background-loop.js";

const loops: BackgroundLoop[] = [];
afterEach(async () => {
  for (const loop of loops.splice(0)) await loop.stop();
});

const silent: ScimLogger = { info() {}, warn() {}, error() {} };

function start(cycle: () => Promise<CycleResult>, logger = silent, pollMs = 60_000): BackgroundLoop {
  const loop = runLoop(cycle, { pollMs, logger, name: "test" });
  loops.push(loop);
  return loop;
}

describe("runLoop", () => {
  it("runs cycles until one is quiet, then idle resolves", async () => {
    let work = 3;
    const loop = start(async () => ({ quiet: --work <= 0 }));
    await loop.idle();
    expect(work).toBeLessThanOrEqual(0);
  });

  it("runs again when woken, without waiting for the poll", async () => {
    let runs = 0;
    const loop = start(async () => {
      runs += 1;
      return { quiet: true };
    });
    await loop.idle();
    const before = runs;
    await loop.idle();
    expect(runs).toBeGreaterThan(before);
  });

  it("never runs two cycles at once", async () => {
    let running = 0;
    let most = 0;
    let left = 20;
    const loop = start(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
      return { quiet: --left <= 0 };
    });
    for (let i = 0; i < 10; i += 1) loop.wake();
    await loop.idle();
    expect(most).toBe(1);
  });

  it("logs a failed cycle and tries again after a backoff, never throwing", async () => {
    const errors: object[] = [];
    let calls = 0;
    const logger = { ...silent, error: (fields: object) => errors.push(fields) };
    const loop = start(
      async () => {
        calls += 1;
        if (calls <= 2) throw new Error("store down");
        return { quiet: true };
      },
      logger,
      5,
    );
    await loop.idle();
    expect(calls).toBe(3);
    expect(errors).toEqual([
      expect.objectContaining({ error: "store down", failures: 1 }),
      expect.objectContaining({ error: "store down", failures: 2 }),
    ]);
  });

  it("lets the running cycle finish on stop and runs none after", async () => {
    let finished = false;
    let runs = 0;
    const loop = start(async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      finished = true;
      return { quiet: true };
    });
    await new Promise((resolve) => setTimeout(resolve, 1));
    await loop.stop();
    expect(finished).toBe(true);
    const after = runs;
    loop.wake();
    await loop.idle();
    expect(runs).toBe(after);
  });
});

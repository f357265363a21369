import { describe, expect, it } from "vitest";
import { linkSignals, sleep } from "./abort.js";

describe("linkSignals", () => {
  it.each([0, 1])("aborts with the reason of input %i when it aborts", (which) => {
    const controllers = [new AbortController(), new AbortController()];
    const { signal } = linkSignals(controllers.map((c) => c.signal));

    controllers[which]?.abort(`reason ${which}`);

    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(`reason ${which}`);
  });

  it("is aborted at once when an input already is", () => {
    const { signal } = linkSignals([new AbortController().signal, AbortSignal.abort("early")]);

    expect(signal.reason).toBe("early");
  });

  it("stops following an unlinked input but keeps the others", () => {
    const [a, b] = [new AbortController(), new AbortController()];
    const { signal, unlink } = linkSignals([a.signal, b.signal]);

    unlink(a.signal);
    a.abort();
    expect(signal.aborted).toBe(false);

    b.abort("b");
    expect(signal.reason).toBe("b");
  });
});

describe("sleep", () => {
  it("resolves after the delay", async () => {
    await expect(sleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });

  it("rejects at once with the reason when the signal aborts while waiting", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);

    controller.abort("stop");

    await expect(waiting).rejects.toBe("stop");
  });

  it("rejects without waiting when the signal is already aborted", async () => {
    await expect(sleep(60_000, AbortSignal.abort("gone"))).rejects.toBe("gone");
  });
});

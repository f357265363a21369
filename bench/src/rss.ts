import { readFileSync } from "node:fs";

// Memory of the server process, read from /proc (Linux). Elsewhere every figure is `undefined`.

const MIB = 1024 * 1024;

function statusField(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match?.[1] === undefined ? undefined : (Number(match[1]) * 1024) / MIB;
  } catch {
    return undefined;
  }
}

/** The process's peak resident set since it started (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number | undefined {
  return statusField(pid, "VmHWM");
}

/** Samples VmRSS every 100 ms until stopped, and keeps the maximum. */
export class RssSampler {
  readonly #pid: number;
  readonly #timer: NodeJS.Timeout;
  #max: number | undefined;

  constructor(pid: number) {
    this.#pid = pid;
    this.#max = statusField(pid, "VmRSS");
    this.#timer = setInterval(() => this.#sample(), 100);
  }

  #sample(): void {
    const rss = statusField(this.#pid, "VmRSS");
    if (rss !== undefined && (this.#max === undefined || rss > this.#max)) this.#max = rss;
  }

  /** Stops sampling and returns the largest VmRSS seen, in MiB. */
  stop(): number | undefined {
    this.#sample();
    clearInterval(this.#timer);
    return this.#max;
  }
}

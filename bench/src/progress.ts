// Progress goes to stderr only, so stdout carries nothing but the report (or the JSON document).
// On a terminal a running count rewrites its line; elsewhere (CI, the smoke test) it prints a
// line at most every 5 s so logs stay short.

const QUIET_MS = 5_000;

/** Writes progress lines to stderr. */
export class Progress {
  #lastUpdate = 0;
  #open = false;

  /** A finished step: its own line. */
  line(text: string): void {
    this.#close();
    process.stderr.write(`${text}\n`);
  }

  /** A running count (e.g. `growing 37,000/100,000`); the next `line` ends it. */
  update(text: string): void {
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${text}\u001b[K`);
      this.#open = true;
    } else if (Date.now() - this.#lastUpdate >= QUIET_MS) {
      this.#lastUpdate = Date.now();
      process.stderr.write(`${text}\n`);
    }
  }

  #close(): void {
    if (this.#open) process.stderr.write("\n");
    this.#open = false;
  }
}

/** 37000 → "37,000". */
export function grouped(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

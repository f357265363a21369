import type { CaseResult } from "../suite-types.js";

/** Where progress goes: a terminal's stderr. */
export interface ProgressStream {
  write(text: string): unknown;
  /** Terminal width; lines are cut to fit, so `\r` overwrites them. */
  readonly columns?: number | undefined;
}

/** A progress line that rewrites itself in place. */
export interface Progress {
  /** Shows `[done/total] ✗ suite › case` after a case. */
  readonly update: (result: CaseResult) => void;
  /** Erases the line, before the report is printed. */
  readonly done: () => void;
}

/** Carriage return, then erase the whole line (ECMA-48 EL 2). */
const CLEAR_LINE = "\r\x1b[2K";

/** A progress that writes nothing (stdout is not a terminal, or is read by a program). */
export const silentProgress: Progress = { update: () => undefined, done: () => undefined };

/**
 * A one-line progress indicator on a terminal: each update writes `\r`, erases the line and writes
 * `[n/total] mark suite › case`, cut to the terminal's width so it never wraps (a wrapped line
 * cannot be overwritten). Use only when stdout and stderr are terminals; never into the report.
 */
export function createProgress(stream: ProgressStream, total: number): Progress {
  let count = 0;
  let shown = false;
  // A pseudo-terminal may report 0 columns: treat that as unknown.
  const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
  const width = Math.max(20, columns - 1);
  return {
    update(result) {
      count += 1;
      const mark = result.status === "passed" ? "✓" : result.status === "failed" ? "✗" : "-";
      const line = `[${count}/${total}] ${mark} ${result.suite} › ${result.name}`;
      const cut = line.length > width ? `${line.slice(0, width - 1)}…` : line;
      stream.write(`${CLEAR_LINE}${cut}`);
      shown = true;
    },
    done() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}

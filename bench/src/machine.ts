import { readFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import type { MachineInfo } from "./bench-result.js";

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1] !== undefined) return match[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? "unknown";
}

/** Where the run happened, and the server settings a reader needs to weigh the figures. */
export function machineInfo(): MachineInfo {
  return {
    node: process.version,
    cpuModel: cpuModel(),
    cores: availableParallelism(),
    platform: `${process.platform} ${process.arch}`,
    sqlite:
      "SQLite WAL, synchronous=NORMAL: a commit survives a crash of the server process; " +
      "the last commits may be lost on power loss or an OS crash",
    serverLogs: "LOG_LEVEL=info, server stdout (its log) sent to /dev/null",
  };
}

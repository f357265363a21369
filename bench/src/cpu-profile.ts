import { readFileSync } from "node:fs";

// Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and sums self time per function, so the
// hottest code of a scenario shows without opening DevTools.

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One function's share of the profile. */
export interface SelfTime {
  /** `name url:line` (line 1-based). */
  readonly location: string;
  readonly selfMs: number;
  readonly percent: number;
}

function isCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== "object" || value === null) return false;
  const profile = value as Partial<Record<keyof CpuProfile, unknown>>;
  return Array.isArray(profile.nodes) && Array.isArray(profile.samples) && Array.isArray(profile.timeDeltas);
}

/** A script URL made short: pnpm's store prefix and `root` dropped. */
function shortUrl(url: string, root: string): string {
  const path = url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, "");
  return root !== "" && path.startsWith(root) ? path.slice(root.length) : path;
}

function locationOf(frame: CallFrame, root: string): string {
  const name = frame.functionName || "(anonymous)";
  if (frame.url === "") return name;
  return `${name} ${shortUrl(frame.url, root)}:${frame.lineNumber + 1}`;
}

/**
 * The `limit` functions with the most self time in the profile at `file`, largest first; paths
 * under `root` (the repository, ending in `/`) are shown relative to it.
 */
export function topSelfTime(file: string, limit: number, root = ""): SelfTime[] {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isCpuProfile(parsed)) throw new Error(`${file} is not a V8 CPU profile`);
  const locationById = new Map(parsed.nodes.map((node) => [node.id, locationOf(node.callFrame, root)]));
  const micros = new Map<string, number>();
  let total = 0;
  // timeDeltas[i] is the time from sample i-1 to sample i; as in DevTools, the time up to the
  // next sample is charged to this sample's function (the last sample gets none).
  parsed.samples.forEach((nodeId, i) => {
    const delta = Math.max(0, parsed.timeDeltas[i + 1] ?? 0);
    const location = locationById.get(nodeId) ?? "(unknown)";
    micros.set(location, (micros.get(location) ?? 0) + delta);
    total += delta;
  });
  return [...micros.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([location, us]) => ({ location, selfMs: us / 1000, percent: total > 0 ? (us / total) * 100 : 0 }));
}

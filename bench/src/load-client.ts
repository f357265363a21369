import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadJob, LoadResult, WorkerMessage } from "./load-protocol.js";
import { track, waitForExit } from "./processes.js";

const WORKER = fileURLToPath(new URL("./load-worker.js", import.meta.url));

/** Runs one load job; `onProgress` gets the responses so far, about once a second, for `amount` jobs. */
export type RunLoad = (job: LoadJob, onProgress?: (responses: number) => void) => Promise<LoadResult>;

/** The load generator process, kept for the whole run (forking one per job costs ~0.5 s each). */
export interface LoadWorker {
  readonly run: RunLoad;
  stop(): Promise<void>;
}

function runOn(
  worker: ChildProcess,
  job: LoadJob,
  onProgress?: (responses: number) => void,
): Promise<LoadResult> {
  const limitMs = ((job.maxSeconds ?? 0) + job.warmupSeconds + job.durationSeconds + 60) * 1000;
  return new Promise<LoadResult>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("exit", onExit);
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type === "progress") {
        onProgress?.(message.responses);
        return;
      }
      done();
      if (message.type === "result") resolve(message.result);
      else reject(new Error(`load worker failed: ${message.message}`));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      done();
      reject(new Error(`load worker exited during a job (code ${code}, signal ${signal})`));
    };
    const timer = setTimeout(() => {
      done();
      worker.kill("SIGKILL");
      reject(new Error("load worker did not finish in time"));
    }, limitMs);
    worker.on("message", onMessage);
    worker.once("exit", onExit);
    worker.send(job);
  });
}

/**
 * Starts the load generator: load-worker.js in its own process, so autocannon never shares an
 * event loop with the orchestrator. A worker that died (or was killed after a timeout) is
 * replaced on the next job.
 */
export function startLoadWorker(): LoadWorker {
  let worker: ChildProcess | undefined;
  const alive = (child: ChildProcess | undefined): child is ChildProcess =>
    child !== undefined && child.exitCode === null && child.signalCode === null;
  return {
    run(job, onProgress) {
      if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(job.origin)) {
        return Promise.reject(new Error(`load is only ever sent to 127.0.0.1, not ${job.origin}`));
      }
      // The worker's stdout goes to our stderr: stdout carries only the report (or the JSON).
      if (!alive(worker)) worker = track(fork(WORKER, [], { stdio: ["ignore", 2, 2, "ipc"] }));
      return runOn(worker, job, onProgress);
    },
    async stop() {
      if (!alive(worker)) return;
      // Closing the channel makes the worker exit (load-worker.ts listens for "disconnect").
      if (worker.connected) worker.disconnect();
      await waitForExit(worker, 5_000);
    },
  };
}

import { performance } from "node:perf_hooks";
import autocannon, { type Instance, type Options, type Result } from "autocannon";
import type { LoadJob, LoadResult, WorkerMessage } from "./load-protocol.js";
import { type RequestSource, requestSource } from "./request-plans.js";

// The load generator, forked by load-client.ts: its own process, so autocannon never shares an
// event loop with the orchestrator. For each LoadJob it receives it runs the warm-up (discarded)
// and the measured phase, and sends back one result.

const MAX_ERROR_SAMPLES = 3;

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

interface Phase {
  readonly seconds: number;
  readonly amount?: number;
  readonly measure: boolean;
  readonly progress: boolean;
}

/** What one phase saw: every latency at full resolution, the response count and error samples. */
class PhaseRecorder {
  // autocannon's own histogram rounds to whole milliseconds: too coarse for a 1 ms p50 and for
  // the p99 / p50 target, so latencies are kept here as they are measured.
  #latencies = new Float64Array(1 << 16);
  #lastResponseAt = 0;
  readonly #started = performance.now();
  readonly #measure: boolean;
  responses = 0;
  readonly errorSamples: string[] = [];

  constructor(measure: boolean) {
    this.#measure = measure;
  }

  response(latencyMs: number): void {
    if (!this.#measure) return;
    if (this.responses === this.#latencies.length) {
      const grown = new Float64Array(this.#latencies.length * 2);
      grown.set(this.#latencies);
      this.#latencies = grown;
    }
    this.#latencies[this.responses] = latencyMs;
    this.responses += 1;
    this.#lastResponseAt = performance.now();
  }

  error(text: string): void {
    if (this.#measure && this.errorSamples.length < MAX_ERROR_SAMPLES) this.errorSamples.push(text);
  }

  /** Latencies sorted ascending. */
  sortedLatencies(): Float64Array {
    return this.#latencies.slice(0, this.responses).sort();
  }

  /** From the start to the last response: an early stop (pool run dry) does not dilute the rate. */
  elapsedSeconds(): number {
    return ((this.#lastResponseAt || performance.now()) - this.#started) / 1000;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

function options(job: LoadJob, source: RequestSource, phase: Phase, recorder: PhaseRecorder): Options {
  const onResponse = (status: number, body: string) => {
    if (status < 200 || status > 299) recorder.error(`${status} ${body.slice(0, 300)}`);
  };
  return {
    url: job.origin,
    connections: Math.min(job.connections, phase.amount ?? job.connections),
    // A fine tick so a stop (timer, pool run dry) takes effect within 100 ms.
    sampleInt: 100,
    headers: {
      "content-type": "application/scim+json",
      ...(job.token === undefined ? {} : { authorization: `Bearer ${job.token}` }),
    },
    requests: [{ ...source.request, onResponse }],
    ...(phase.amount === undefined ? { duration: phase.seconds } : { amount: phase.amount }),
  };
}

function runPhase(
  job: LoadJob,
  source: RequestSource,
  phase: Phase,
): Promise<{ result: Result; recorder: PhaseRecorder }> {
  const recorder = new PhaseRecorder(phase.measure);
  return new Promise((resolve, reject) => {
    const instance: Instance = autocannon(
      options(job, source, phase, recorder),
      (error: unknown, result: Result) => {
        clearTimeout(timer);
        clearInterval(progress);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ result, recorder });
      },
    );
    instance.on("response", (_client, _status, _bytes, latencyMs) => recorder.response(latencyMs));
    instance.on("reqError", (error: unknown) =>
      recorder.error(`socket error: ${error instanceof Error ? error.message : String(error)}`),
    );
    // With `amount` autocannon has no time limit of its own; this one bounds every phase.
    const timer = setTimeout(() => instance.stop(), phase.seconds * 1000);
    const progress = setInterval(() => {
      if (phase.progress) void send({ type: "progress", responses: recorder.responses });
    }, 1000);
  });
}

function statusCounts(result: Result): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) {
    counts[status] = stats.count ?? 0;
  }
  return counts;
}

/** The warm-up: results discarded; a pooled plan spends the share of its ids the time share says. */
async function warmUp(job: LoadJob, source: RequestSource): Promise<void> {
  if (job.amount !== undefined || job.warmupSeconds <= 0) return;
  const left = source.remaining();
  const share = job.warmupSeconds / (job.warmupSeconds + job.durationSeconds);
  const amount = left === undefined ? undefined : Math.max(1, Math.floor(left * share));
  await runPhase(job, source, {
    seconds: job.warmupSeconds,
    measure: false,
    progress: false,
    ...(amount === undefined ? {} : { amount }),
  });
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  const source = requestSource(job.plan, job.basePath);
  await warmUp(job, source);
  const amount = job.amount ?? source.remaining();
  if (amount === 0) throw new Error("the pool of ids ran dry during the warm-up; grow the population");
  const { result, recorder } = await runPhase(job, source, {
    seconds: job.amount === undefined ? job.durationSeconds : (job.maxSeconds ?? 3600),
    measure: true,
    progress: job.amount !== undefined,
    ...(amount === undefined ? {} : { amount }),
  });
  const sorted = recorder.sortedLatencies();
  const elapsedSeconds = recorder.elapsedSeconds();
  const nextNumber = source.nextNumber();
  return {
    responses: recorder.responses,
    elapsedSeconds,
    requestsPerSecond: elapsedSeconds > 0 ? recorder.responses / elapsedSeconds : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    statusCounts: statusCounts(result),
    errorSamples: recorder.errorSamples,
    ...(nextNumber === undefined ? {} : { nextNumber }),
    poolExhausted: source.remaining() === 0,
  };
}

// One job at a time: the orchestrator waits for each result before it sends the next job.
process.on("message", (job: LoadJob) => {
  runJob(job)
    .then(
      (result): WorkerMessage => ({ type: "result", result }),
      (error: unknown): WorkerMessage => ({
        type: "failed",
        message: error instanceof Error ? error.message : String(error),
      }),
    )
    .then(send);
});
// The orchestrator closing the channel (done, crashed, Ctrl-C) ends the worker at once.
process.on("disconnect", () => process.exit(0));

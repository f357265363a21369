/**
 * Abort helpers that run in Node and browsers alike. `linkSignals` stands in for `AbortSignal.any`,
 * which retains every combined signal on a long-lived input signal
 * (https://github.com/nodejs/node/issues/55351) — exactly the pattern of one client-wide signal
 * combined with each request's.
 */

/** A signal that aborts when any of `signals` does, and `unlink` to stop following one of them. */
export function linkSignals(signals: readonly AbortSignal[]): {
  signal: AbortSignal;
  unlink: (source: AbortSignal) => void;
} {
  const controller = new AbortController();
  const links = signals.map((source) => ({ source, onAbort: () => controller.abort(source.reason) }));
  for (const { source, onAbort } of links) {
    if (source.aborted) onAbort();
    else source.addEventListener("abort", onAbort, { once: true });
  }
  const unlink = (source: AbortSignal) => {
    for (const link of links) if (link.source === source) source.removeEventListener("abort", link.onAbort);
  };
  return { signal: controller.signal, unlink };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

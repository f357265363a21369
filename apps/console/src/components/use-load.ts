import { useCallback, useEffect, useState } from "preact/hooks";
import { messageOf } from "../api.js";
import { ConsoleError } from "../errors.js";

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: string | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * Loads data for a page and loads it again when `keys` change; an answer that arrives after a
 * newer request started is dropped, so typing fast in a search box never shows stale results.
 * A 401 (the token was revoked meanwhile) signs the person out.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  keys: readonly unknown[],
  onUnauthorized: () => void,
): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ConsoleError && error.problem.status === 401) onUnauthorized();
        setState({ error: messageOf(error), loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [...keys, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

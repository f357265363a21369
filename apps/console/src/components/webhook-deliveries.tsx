import type { components } from "@scimkit/types";
import { useEffect, useRef, useState } from "preact/hooks";
import { type Api, call, messageOf } from "../api.js";
import { formatTime, shortId } from "../format.js";
import { clickSelection, keepShown } from "../selection.js";
import { Notice } from "./notice.js";
import { Pager } from "./pager.js";
import { useLoad } from "./use-load.js";

type WebhookDelivery = components["schemas"]["WebhookDelivery"];
type DeliveryState = components["schemas"]["WebhookDeliveryState"];

const PAGE_SIZE = 25;
/** While watching, the list is read again this often: the worker looks at the outbox every second. */
const POLL_MS = 2000;
/** A pending delivery due within this long keeps the list refreshing until its attempt shows. */
const DUE_SOON_MS = 15_000;

const STATES: Record<DeliveryState, string> = {
  pending: "Pending",
  delivered: "Delivered",
  failed: "Failed",
};

function isState(value: string): value is DeliveryState {
  return value in STATES;
}

/** Whether a delivery's next attempt comes soon enough to wait for on screen. */
function dueSoon(delivery: WebhookDelivery, now: number): boolean {
  if (delivery.state !== "pending") return false;
  return delivery.nextAttemptAt === null || Date.parse(delivery.nextAttemptAt) <= now + DUE_SOON_MS;
}

function deliveryLabel(delivery: WebhookDelivery): string {
  return `${delivery.eventType} ${shortId(delivery.eventId)}`;
}

/**
 * An endpoint's deliveries, newest first: state, attempts and the last attempt's outcome; paged,
 * filtered by state; re-send one, or several (Shift-click selects a range). The list refreshes
 * itself while an attempt is due soon, or until `watchUntil` after a test or a re-send.
 */
export function WebhookDeliveries(props: {
  api: Api;
  endpointId: string;
  watchUntil: number;
  onWatch: () => void;
  onRefreshed: () => void;
  onUnauthorized: () => void;
}) {
  const { api, endpointId } = props;
  const [state, setState] = useState<DeliveryState | "">("");
  const [startIndex, setStartIndex] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();

  const deliveries = useLoad(
    () =>
      call(
        api.GET("/api/webhooks/{id}/deliveries", {
          params: {
            path: { id: endpointId },
            query: { startIndex, count: PAGE_SIZE, ...(state === "" ? {} : { state }) },
          },
        }),
      ),
    [endpointId, state, startIndex],
    props.onUnauthorized,
  );
  const items = deliveries.data?.items ?? [];
  const ids = items.map((delivery) => delivery.id);

  // A row that left the list (paging, a reload) leaves the selection too.
  useEffect(() => setSelected((current) => keepShown(ids, current)), [deliveries.data]);

  useEffect(() => {
    if (deliveries.loading) return;
    const now = Date.now();
    if (now >= props.watchUntil && !items.some((delivery) => dueSoon(delivery, now))) return;
    const timer = window.setTimeout(() => {
      deliveries.reload();
      props.onRefreshed();
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [deliveries.data, deliveries.loading, props.watchUntil]);

  function click(index: number, shift: boolean) {
    setSelected(clickSelection(ids, selected, index, anchor.current, shift));
    anchor.current = ids[index];
  }

  async function resend(chosen: readonly string[]) {
    setNotice(undefined);
    try {
      const { resent } = await call(
        api.POST("/api/webhooks/{id}/deliveries/resend", {
          params: { path: { id: endpointId } },
          body: { ids: [...chosen] },
        }),
      );
      const skipped = chosen.length - resent;
      setNotice({
        kind: "success",
        text:
          `${resent === 1 ? "1 delivery is" : `${resent} deliveries are`} being sent again now, with the same webhook-id, so a receiver that already took ${resent === 1 ? "it" : "them"} can tell.` +
          (skipped > 0 ? ` ${skipped} no longer existed.` : ""),
      });
      setSelected(new Set());
      props.onWatch();
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
    }
    deliveries.reload();
  }

  const allSelected = items.length > 0 && selected.size === items.length;
  return (
    <section aria-labelledby="deliveries-heading">
      <h3 id="deliveries-heading">Recent deliveries</h3>
      <form class="filters" aria-label="Filter deliveries" onSubmit={(event) => event.preventDefault()}>
        <label>
          State
          <select
            value={state}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setState(isState(value) ? value : "");
              setStartIndex(1);
            }}
          >
            <option value="">Any</option>
            {(Object.keys(STATES) as DeliveryState[]).map((value) => (
              <option key={value} value={value}>
                {STATES[value]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => deliveries.reload()}>
          Refresh
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => resend([...selected])}>
          Re-send selected ({selected.size})
        </button>
        <p class="help">Shift-click a second box to select every row between.</p>
      </form>
      {notice !== undefined && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {deliveries.error !== undefined && <Notice kind="error">{deliveries.error}</Notice>}
      <table class="deliveries" aria-busy={deliveries.loading} aria-label="Deliveries">
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Select every delivery on this page"
                checked={allSelected}
                disabled={items.length === 0}
                onChange={() => setSelected(allSelected ? new Set() : new Set(ids))}
              />
            </th>
            <th scope="col">Event</th>
            <th scope="col">Event id</th>
            <th scope="col">State</th>
            <th scope="col">Attempts</th>
            <th scope="col">HTTP status</th>
            <th scope="col">Latency</th>
            <th scope="col">Error</th>
            <th scope="col">Queued</th>
            <th scope="col">Last attempt</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((delivery, index) => (
            <tr key={delivery.id} data-delivery={delivery.id} data-event={delivery.eventId}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${deliveryLabel(delivery)}`}
                  checked={selected.has(delivery.id)}
                  onClick={(event) => click(index, event.shiftKey)}
                />
              </td>
              <td>
                <code>{delivery.eventType}</code>
              </td>
              <td title={delivery.eventId}>
                <code>{shortId(delivery.eventId)}</code>
              </td>
              <td>
                <span class={`badge badge-${delivery.state}`}>{STATES[delivery.state]}</span>
                {delivery.state === "pending" && delivery.nextAttemptAt !== null && (
                  <span class="help"> next {formatTime(delivery.nextAttemptAt)}</span>
                )}
              </td>
              <td>{delivery.attempts}</td>
              <td>{delivery.lastStatus ?? "—"}</td>
              <td>{delivery.lastLatencyMs === null ? "—" : `${delivery.lastLatencyMs} ms`}</td>
              <td class="error-text">{delivery.lastError ?? "—"}</td>
              <td>{formatTime(delivery.createdAt)}</td>
              <td>{formatTime(delivery.lastAttemptAt, "not yet")}</td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => resend([delivery.id])}
                  aria-label={`Re-send ${deliveryLabel(delivery)}`}
                >
                  Re-send
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!deliveries.loading && deliveries.error === undefined && items.length === 0 && (
        <p class="empty">
          {state === ""
            ? "No deliveries yet. Events that happen from now on, and test events, are listed here."
            : `No ${STATES[state].toLowerCase()} deliveries.`}
        </p>
      )}
      <Pager
        label="Deliveries"
        startIndex={startIndex}
        shown={items.length}
        total={deliveries.data?.totalResults ?? 0}
        pageSize={PAGE_SIZE}
        onPage={setStartIndex}
      />
    </section>
  );
}

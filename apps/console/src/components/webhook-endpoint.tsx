import type { components } from "@scimkit/types";
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { type Api, call, messageOf } from "../api.js";
import { formatTime, shortId } from "../format.js";
import { Notice } from "./notice.js";
import { WebhookDeliveries } from "./webhook-deliveries.js";
import { EndpointForm, type EndpointValues } from "./webhook-endpoint-form.js";
import { EndpointState, eventsText } from "./webhook-endpoint-state.js";
import { WebhookSecret } from "./webhook-secret.js";

type WebhookEndpoint = components["schemas"]["WebhookEndpoint"];

/** After a test or a re-send, the deliveries refresh themselves this long to show the outcome. */
const WATCH_MS = 60_000;

/** How long the previous secret keeps signing after a rotation (spec `WebhookRotation`, 24 h by default). */
const OVERLAPS: readonly { readonly seconds: number; readonly label: string }[] = [
  { seconds: 3600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
  { seconds: 604_800, label: "7 days" },
  { seconds: 0, label: "No overlap: it stops signing now" },
];

type Mode = "view" | "edit" | "rotate" | "delete";

/**
 * One endpoint: its settings; send a test event, disable or enable, edit, rotate the secret (the
 * new one shown once), delete after confirming; and its deliveries.
 */
export function WebhookEndpointPanel(props: {
  api: Api;
  endpoint: WebhookEndpoint;
  onChanged: () => void;
  onDeleted: (endpoint: WebhookEndpoint) => void;
  onUnauthorized: () => void;
}) {
  const { api, endpoint } = props;
  const path = { params: { path: { id: endpoint.id } } };
  const [mode, setMode] = useState<Mode>("view");
  const [overlap, setOverlap] = useState(86_400);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();
  const [rotated, setRotated] = useState<{ secret: string; previousUntil: string | null }>();
  const [watchUntil, setWatchUntil] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const openers: Record<Exclude<Mode, "view">, RefObject<HTMLButtonElement | null>> = {
    edit: useRef<HTMLButtonElement>(null),
    rotate: useRef<HTMLButtonElement>(null),
    delete: useRef<HTMLButtonElement>(null),
  };
  const previousMode = useRef<Mode>("view");

  // Opening an endpoint moves the keyboard focus to it, as opening a page does.
  useEffect(() => heading.current?.focus(), [endpoint.id]);
  // Closing a form or a confirmation gives the focus back to the button that opened it, but for a
  // new secret, which takes the focus itself (WebhookSecret).
  useEffect(() => {
    const previous = previousMode.current;
    previousMode.current = mode;
    if (mode !== "view" || previous === "view") return;
    if (previous === "rotate" && rotated !== undefined) return;
    openers[previous].current?.focus();
  }, [mode]);

  async function act(run: () => Promise<string | undefined>): Promise<boolean> {
    setNotice(undefined);
    try {
      const text = await run();
      if (text !== undefined) setNotice({ kind: "success", text });
      setMode("view");
      return true;
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
      return false;
    } finally {
      props.onChanged();
    }
  }

  const sendTest = () =>
    act(async () => {
      const { eventId } = await call(api.POST("/api/webhooks/{id}/test", path));
      setWatchUntil(Date.now() + WATCH_MS);
      return `A test event (${shortId(eventId)}) is on its way; its delivery shows below within seconds.`;
    });
  const setEnabled = (enabled: boolean) =>
    act(async () => {
      await call(api.PATCH("/api/webhooks/{id}", { ...path, body: { enabled } }));
      return enabled
        ? "Enabled. Deliveries resume from where they stopped."
        : "Disabled. Nothing is sent to it until you enable it again.";
    });
  const save = (values: EndpointValues) =>
    act(async () => {
      await call(api.PATCH("/api/webhooks/{id}", { ...path, body: values }));
      return "Saved. Deliveries follow the change within seconds.";
    });
  const rotate = () =>
    act(async () => {
      const fresh = await call(
        api.POST("/api/webhooks/{id}/rotate", { ...path, body: { overlapSeconds: overlap } }),
      );
      setRotated({ secret: fresh.secret, previousUntil: fresh.previousSecretExpiresAt });
      return undefined;
    });
  const remove = () =>
    act(async () => {
      await call(api.DELETE("/api/webhooks/{id}", path));
      props.onDeleted(endpoint);
      return undefined;
    });

  return (
    <section class="endpoint-panel" aria-labelledby="endpoint-heading">
      <h2 id="endpoint-heading" ref={heading} tabIndex={-1}>
        Endpoint <code>{endpoint.url}</code>
      </h2>
      <dl class="facts">
        <dt>State</dt>
        <dd>
          <EndpointState endpoint={endpoint} />
        </dd>
        <dt>Events</dt>
        <dd>{eventsText(endpoint)}</dd>
        <dt>Description</dt>
        <dd>{endpoint.description ?? "—"}</dd>
        <dt>Created</dt>
        <dd>{formatTime(endpoint.createdAt)}</dd>
        <dt>Signing secret</dt>
        <dd>
          {endpoint.previousSecretExpiresAt === null
            ? "One secret signs"
            : `Rotated; the previous secret also signs until ${formatTime(endpoint.previousSecretExpiresAt)}`}
        </dd>
      </dl>
      {mode === "edit" ? (
        <EndpointForm
          idPrefix={`edit-${endpoint.id}`}
          submitLabel="Save changes"
          initial={endpoint}
          onSubmit={save}
          onCancel={() => setMode("view")}
        />
      ) : (
        <div class="actions">
          <button type="button" disabled={!endpoint.enabled} onClick={sendTest}>
            Send test event
          </button>
          <button type="button" class="secondary" onClick={() => setEnabled(!endpoint.enabled)}>
            {endpoint.enabled ? "Disable" : "Enable"}
          </button>
          <button type="button" class="secondary" ref={openers.edit} onClick={() => setMode("edit")}>
            Edit
          </button>
          <button type="button" class="secondary" ref={openers.rotate} onClick={() => setMode("rotate")}>
            Rotate secret
          </button>
          <button type="button" class="danger" ref={openers.delete} onClick={() => setMode("delete")}>
            Delete
          </button>
        </div>
      )}
      {!endpoint.enabled && <p class="help">Enable the endpoint to send it a test event.</p>}
      {mode === "rotate" && (
        <fieldset class="confirm">
          <legend>Rotate the signing secret</legend>
          <label>
            The previous secret keeps signing for
            <select value={overlap} onChange={(event) => setOverlap(Number(event.currentTarget.value))}>
              {OVERLAPS.map((choice) => (
                <option key={choice.seconds} value={choice.seconds}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={rotate}>
            Rotate now
          </button>
          <button type="button" class="secondary" onClick={() => setMode("view")}>
            Keep the current secret
          </button>
        </fieldset>
      )}
      {mode === "delete" && (
        <fieldset class="confirm">
          <legend>Delete this endpoint?</legend>
          Nothing more is sent to <code>{endpoint.url}</code>, and its deliveries are removed.{" "}
          <button type="button" class="danger" onClick={remove}>
            Yes, delete
          </button>
          <button type="button" class="secondary" onClick={() => setMode("view")}>
            Keep it
          </button>
        </fieldset>
      )}
      {rotated !== undefined && (
        <WebhookSecret secret={rotated.secret} onDone={() => setRotated(undefined)}>
          {rotated.previousUntil === null
            ? "The previous secret no longer signs: give your receiver the new one now."
            : `Until ${formatTime(rotated.previousUntil)} every delivery is signed with both the previous and the new secret, so your receiver keeps accepting them while you switch it to the new one.`}
        </WebhookSecret>
      )}
      {notice !== undefined && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <WebhookDeliveries
        api={api}
        endpointId={endpoint.id}
        watchUntil={watchUntil}
        onWatch={() => setWatchUntil(Date.now() + WATCH_MS)}
        onRefreshed={props.onChanged}
        onUnauthorized={props.onUnauthorized}
      />
    </section>
  );
}

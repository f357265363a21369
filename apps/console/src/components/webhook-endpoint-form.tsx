import { type components, type ProvisioningEventType, provisioningEventTypes } from "@scimkit/types";
import { useEffect, useRef, useState } from "preact/hooks";
import { Notice } from "./notice.js";

type WebhookEndpoint = components["schemas"]["WebhookEndpoint"];

/** What an admin says about an endpoint (spec `WebhookEndpointRequest`); `events` null sends every type. */
export interface EndpointValues {
  readonly url: string;
  readonly events: ProvisioningEventType[] | null;
  readonly description: string | null;
}

// `webhook.test` reaches an endpoint whatever it subscribes to, so it is not offered as a choice.
const CHOOSABLE = provisioningEventTypes.filter((type) => type !== "webhook.test");

const GROUP_TITLES: Readonly<Record<string, string>> = {
  user: "Users",
  group: "Groups",
  tenant: "Tenant",
};

/** The catalogue's types by what they are about (`user.created` → Users), in the spec's order. */
const GROUPS: readonly { readonly title: string; readonly types: readonly ProvisioningEventType[] }[] = [
  ...new Set(CHOOSABLE.map((type) => type.split(".")[0] ?? type)),
].map((prefix) => ({
  title: GROUP_TITLES[prefix] ?? prefix,
  types: CHOOSABLE.filter((type) => type.startsWith(`${prefix}.`)),
}));

/**
 * An endpoint's URL, description and event types, to add one or to edit one (`initial`, focused on opening).
 * `onSubmit` resolves true when the server took it; a new-endpoint form then starts empty again.
 */
export function EndpointForm(props: {
  idPrefix: string;
  submitLabel: string;
  initial?: WebhookEndpoint;
  onSubmit: (values: EndpointValues) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { idPrefix, initial } = props;
  const [url, setUrl] = useState(initial?.url ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [every, setEvery] = useState(initial?.events === null || initial?.events === undefined);
  const [chosen, setChosen] = useState<ReadonlySet<ProvisioningEventType>>(
    () => new Set(initial?.events ?? []),
  );
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const urlInput = useRef<HTMLInputElement>(null);

  // An edit form opens in place of the button that asked for it: the focus goes to its first field.
  useEffect(() => {
    if (initial !== undefined) urlInput.current?.focus();
  }, []);

  function toggle(type: ProvisioningEventType, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(type);
    else next.delete(type);
    setChosen(next);
  }

  async function submit(event: Event) {
    event.preventDefault();
    const events = every ? null : CHOOSABLE.filter((type) => chosen.has(type));
    if (events !== null && events.length === 0) {
      setProblem("Choose at least one event type, or send every type.");
      return;
    }
    setProblem(undefined);
    setBusy(true);
    const saved = await props.onSubmit({
      url: url.trim(),
      events,
      description: description.trim() === "" ? null : description.trim(),
    });
    setBusy(false);
    if (saved && initial === undefined) {
      setUrl("");
      setDescription("");
      setEvery(true);
      setChosen(new Set());
    }
  }

  return (
    <form class="endpoint-form" onSubmit={submit}>
      <div class="inline">
        <label>
          Endpoint URL
          <input
            ref={urlInput}
            type="url"
            required
            maxLength={2048}
            size={48}
            value={url}
            placeholder="https://app.example.com/hooks/scim"
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
        </label>
        <label>
          Description (what it is for)
          <input
            value={description}
            maxLength={200}
            size={28}
            placeholder="e.g. CRM sync"
            onInput={(event) => setDescription(event.currentTarget.value)}
          />
        </label>
      </div>
      <fieldset>
        <legend>Events to send</legend>
        <div class="setting">
          <input
            id={`${idPrefix}-every`}
            type="radio"
            name={`${idPrefix}-events`}
            checked={every}
            onChange={() => setEvery(true)}
          />
          <label for={`${idPrefix}-every`}>Every event type, also types added later</label>
        </div>
        <div class="setting">
          <input
            id={`${idPrefix}-chosen`}
            type="radio"
            name={`${idPrefix}-events`}
            checked={!every}
            onChange={() => setEvery(false)}
          />
          <label for={`${idPrefix}-chosen`}>Only the types I choose</label>
        </div>
        {!every && (
          <div class="event-types">
            {GROUPS.map((group) => (
              <fieldset key={group.title}>
                <legend>{group.title}</legend>
                {group.types.map((type) => (
                  <div class="setting" key={type}>
                    <input
                      id={`${idPrefix}-${type}`}
                      type="checkbox"
                      checked={chosen.has(type)}
                      onChange={(event) => toggle(type, event.currentTarget.checked)}
                    />
                    <label for={`${idPrefix}-${type}`}>
                      <code>{type}</code>
                    </label>
                  </div>
                ))}
              </fieldset>
            ))}
          </div>
        )}
        <p class="help">A test event you send from this page reaches the endpoint whatever types it takes.</p>
      </fieldset>
      {problem !== undefined && <Notice kind="error">{problem}</Notice>}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : props.submitLabel}
        </button>
        {props.onCancel !== undefined && (
          <button type="button" class="secondary" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

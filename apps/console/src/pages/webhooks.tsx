import type { components } from "@scimkit/types";
import { useRef, useState } from "preact/hooks";
import { call, messageOf } from "../api.js";
import type { PageProps } from "../app.js";
import { Notice } from "../components/notice.js";
import { useLoad } from "../components/use-load.js";
import { WebhookEndpointPanel } from "../components/webhook-endpoint.js";
import { EndpointForm, type EndpointValues } from "../components/webhook-endpoint-form.js";
import { EndpointState, eventsText } from "../components/webhook-endpoint-state.js";
import { WebhookSecret } from "../components/webhook-secret.js";
import { formatTime } from "../format.js";
import { routeHref } from "../route.js";

type WebhookEndpoint = components["schemas"]["WebhookEndpoint"];

/**
 * The tenant's webhook endpoints: add one (its secret shown once), list them with their state,
 * and open one (`#/webhooks?endpoint=ID`) to test, disable, edit, rotate, delete and see its deliveries.
 */
export function WebhooksPage(props: PageProps) {
  const endpoints = useLoad(() => call(props.api.GET("/api/webhooks")), [], props.onUnauthorized);
  const [created, setCreated] = useState<{ id: string; url: string; secret: string }>();
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();
  const [addProblem, setAddProblem] = useState<string>();
  const listHeading = useRef<HTMLHeadingElement>(null);

  const items = endpoints.data?.items ?? [];
  const openId = props.route.params.get("endpoint") ?? undefined;
  const open = items.find((endpoint) => endpoint.id === openId);

  async function add(values: EndpointValues): Promise<boolean> {
    setAddProblem(undefined);
    try {
      const fresh = await call(props.api.POST("/api/webhooks", { body: values }));
      setCreated({ id: fresh.id, url: fresh.url, secret: fresh.secret });
      return true;
    } catch (error) {
      setAddProblem(messageOf(error));
      return false;
    } finally {
      endpoints.reload();
    }
  }

  function deleted(endpoint: WebhookEndpoint) {
    setNotice({ kind: "success", text: `Endpoint ${endpoint.url} is deleted; nothing more is sent to it.` });
    if (created?.id === endpoint.id) setCreated(undefined);
    window.location.hash = routeHref("webhooks");
    listHeading.current?.focus();
  }

  return (
    <>
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">Add an endpoint</h2>
        <p class="help">
          scimkit POSTs each provisioning event that happens from now on to the endpoint, signed as Standard
          Webhooks describes; your receiver checks the signature with the endpoint's secret.
        </p>
        <EndpointForm idPrefix="new" submitLabel="Add endpoint" onSubmit={add} />
        {addProblem !== undefined && <Notice kind="error">{addProblem}</Notice>}
        {created !== undefined && (
          <WebhookSecret secret={created.secret} onDone={() => setCreated(undefined)}>
            Give it to the receiver at <code>{created.url}</code>: it verifies each delivery's{" "}
            <code>webhook-signature</code> with it. Then{" "}
            <a href={routeHref("webhooks", { endpoint: created.id })}>send the endpoint a test event</a>.
          </WebhookSecret>
        )}
      </section>

      <section aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading" ref={listHeading} tabIndex={-1}>
          Endpoints
        </h2>
        {notice !== undefined && <Notice kind={notice.kind}>{notice.text}</Notice>}
        {endpoints.error !== undefined && <Notice kind="error">{endpoints.error}</Notice>}
        <table aria-busy={endpoints.loading} aria-label="Webhook endpoints">
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Description</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {items.map((endpoint) => (
              <tr key={endpoint.id} data-endpoint={endpoint.url} class={endpoint.enabled ? "" : "revoked"}>
                <td class="url">
                  <a
                    href={routeHref("webhooks", { endpoint: endpoint.id })}
                    aria-current={endpoint.id === openId ? "true" : undefined}
                  >
                    {endpoint.url}
                  </a>
                </td>
                <td>{endpoint.description ?? "—"}</td>
                <td>{eventsText(endpoint)}</td>
                <td>
                  <EndpointState endpoint={endpoint} />
                </td>
                <td>{formatTime(endpoint.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!endpoints.loading && endpoints.error === undefined && items.length === 0 && (
          <p class="empty">No endpoints yet. Add one above to receive provisioning events as they happen.</p>
        )}
      </section>

      {open !== undefined && (
        <WebhookEndpointPanel
          key={open.id}
          api={props.api}
          endpoint={open}
          onChanged={endpoints.reload}
          onDeleted={deleted}
          onUnauthorized={props.onUnauthorized}
        />
      )}
      {openId !== undefined && open === undefined && endpoints.data !== undefined && (
        <Notice kind="error">
          That endpoint no longer exists; it may have been deleted. Choose one from the list.
        </Notice>
      )}
    </>
  );
}

import type { components } from "@scimkit/types";
import { useState } from "preact/hooks";
import { call } from "../api.js";
import type { PageProps } from "../app.js";
import { Notice } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { useLoad } from "../components/use-load.js";
import { formatTime, shortId } from "../format.js";
import { routeHref } from "../route.js";

type Operation = components["schemas"]["AuditOperation"];

const PAGE_SIZE = 50;
const OPERATIONS: Record<Operation, string> = {
  create: "Created by the IdP",
  replace: "Replaced by the IdP",
  patch: "Updated by the IdP",
  delete: "Deleted by the IdP",
  login: "First sign-in",
  jit: "Created at sign-in (JIT)",
  local: "Created in the app",
  role: "Role changed",
};

function isOperation(value: string | null): value is Operation {
  return value !== null && value in OPERATIONS;
}

/** The audit log, newest first: filtered by user (email or id) and by operation, paged. */
export function ActivityPage(props: PageProps) {
  const fromRoute = props.route.params.get("user") ?? "";
  const routeOperation = props.route.params.get("operation");
  const [typed, setTyped] = useState(fromRoute);
  const [user, setUser] = useState(fromRoute);
  const [operation, setOperation] = useState<Operation | "">(
    isOperation(routeOperation) ? routeOperation : "",
  );
  const [startIndex, setStartIndex] = useState(1);

  const events = useLoad(
    () =>
      call(
        props.api.GET("/api/audit", {
          params: {
            query: {
              startIndex,
              count: PAGE_SIZE,
              ...(user === "" ? {} : { user }),
              ...(operation === "" ? {} : { operation }),
            },
          },
        }),
      ),
    [user, operation, startIndex],
    props.onUnauthorized,
  );
  const items = events.data?.items ?? [];

  return (
    <section>
      <form
        class="filters"
        aria-label="Filter activity"
        onSubmit={(event) => {
          event.preventDefault();
          setUser(typed.trim());
          setStartIndex(1);
        }}
      >
        <label>
          User
          <input
            type="search"
            value={typed}
            placeholder="Email or id"
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </label>
        <label>
          Operation
          <select
            value={operation}
            onChange={(event) => {
              setOperation(event.currentTarget.value as Operation | "");
              setStartIndex(1);
            }}
          >
            <option value="">Any</option>
            {(Object.keys(OPERATIONS) as Operation[]).map((value) => (
              <option key={value} value={value}>
                {OPERATIONS[value]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      {events.error !== undefined && <Notice kind="error">{events.error}</Notice>}
      <table aria-busy={events.loading} aria-label="Activity">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Resource</th>
            <th scope="col">Attributes changed</th>
            <th scope="col">Token</th>
          </tr>
        </thead>
        <tbody>
          {items.map((event) => (
            <tr key={event.id}>
              <td>{formatTime(event.at)}</td>
              <td>{isOperation(event.operation) ? OPERATIONS[event.operation] : event.operation}</td>
              <td>
                {event.resourceType}{" "}
                <a href={routeHref("activity", { user: event.resourceId })} title={event.resourceId}>
                  {event.resourceName ?? <code>{shortId(event.resourceId)}</code>}
                </a>
              </td>
              <td>{event.changed.join(", ") || "—"}</td>
              <td>
                {event.tokenId === null || event.tokenId === undefined ? (
                  "—"
                ) : (
                  <code>{shortId(event.tokenId)}</code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!events.loading && events.error === undefined && items.length === 0 && (
        <p class="empty">No activity{user === "" ? "" : ` for “${user}”`} yet.</p>
      )}
      <Pager
        label="Activity"
        startIndex={startIndex}
        shown={items.length}
        total={events.data?.totalResults ?? 0}
        pageSize={PAGE_SIZE}
        onPage={setStartIndex}
      />
    </section>
  );
}

import type { components } from "@scimkit/types";
import { useEffect, useState } from "preact/hooks";
import { call, messageOf } from "../api.js";
import type { PageProps } from "../app.js";
import { Notice } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { useLoad } from "../components/use-load.js";
import { formatTime } from "../format.js";
import { routeHref } from "../route.js";

type AppUser = components["schemas"]["AppUser"];
type Status = "active" | "pending" | "deactivated" | "all";

const PAGE_SIZE = 50;
const STATUSES: readonly { value: Status; label: string }[] = [
  { value: "active", label: "Active team" },
  { value: "pending", label: "Pending (not signed in yet)" },
  { value: "deactivated", label: "Deactivated" },
  { value: "all", label: "Everyone" },
];
const SOURCES: Record<AppUser["source"], string> = {
  scim: "SCIM",
  jit: "First sign-in (JIT)",
  local: "Created in app",
};

/** The team: every user with role, status, source, IdP link and groups; search, status filter, paging. */
export function TeamPage(props: PageProps) {
  const initialStatus = STATUSES.find((entry) => entry.value === props.route.params.get("status"))?.value;
  const [status, setStatus] = useState<Status>(initialStatus ?? "active");
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const [startIndex, setStartIndex] = useState(1);
  const [saved, setSaved] = useState<{ kind: "success" | "error"; text: string }>();

  // Searches once typing pauses, not on every key.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSearch(typed.trim());
      setStartIndex(1);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const team = useLoad(
    () =>
      call(
        props.api.GET("/api/team", {
          params: {
            query: {
              status,
              startIndex,
              count: PAGE_SIZE,
              ...(search === "" ? {} : { search: search.slice(0, 256) }),
            },
          },
        }),
      ),
    [status, search, startIndex],
    props.onUnauthorized,
  );

  async function changeRole(user: AppUser, role: string) {
    setSaved(undefined);
    try {
      const updated = await call(
        props.api.PATCH("/api/team/{id}", { params: { path: { id: user.id } }, body: { role } }),
      );
      setSaved({ kind: "success", text: `${updated.email} is now ${updated.role}.` });
      team.reload();
    } catch (error) {
      setSaved({ kind: "error", text: messageOf(error) });
    }
  }

  const items = team.data?.items ?? [];
  return (
    <section aria-labelledby="team-filters">
      <form
        class="filters"
        id="team-filters"
        onSubmit={(event) => event.preventDefault()}
        aria-label="Find people"
      >
        <label>
          Search
          <input
            type="search"
            value={typed}
            placeholder="Start of an email or name, or an externalId"
            onInput={(event) => setTyped(event.currentTarget.value)}
            onKeyDown={(event) => event.key === "Enter" && setSearch(typed.trim())}
          />
        </label>
        <label>
          Show
          <select
            value={status}
            onChange={(event) => {
              setStatus(event.currentTarget.value as Status);
              setStartIndex(1);
            }}
          >
            {STATUSES.map((entry) => (
              <option key={entry.value} value={entry.value}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => team.reload()}>
          Refresh
        </button>
      </form>
      <datalist id="known-roles">
        <option value="member" />
        <option value="admin" />
        <option value="viewer" />
      </datalist>
      {saved !== undefined && <Notice kind={saved.kind}>{saved.text}</Notice>}
      {team.error !== undefined && <Notice kind="error">{team.error}</Notice>}
      {team.data?.truncated === true && (
        <Notice kind="info">
          More than 1,000 people match “{search}”; the first 1,000 found are listed. Type more of the email or
          name to narrow the search.
        </Notice>
      )}
      <table aria-busy={team.loading} aria-label="Team members">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Source</th>
            <th scope="col">Identity provider</th>
            <th scope="col">Groups</th>
            <th scope="col">Joined</th>
            <th scope="col">
              <span class="visually-hidden">Activity</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((user) => (
            <tr key={user.id} data-user={user.email}>
              <td>{user.displayName ?? "—"}</td>
              <td>{user.email}</td>
              <td>
                <RoleEditor user={user} onSave={(role) => changeRole(user, role)} />
              </td>
              <td>
                <span class={`badge badge-${user.status}`}>{user.status}</span>
              </td>
              <td>{SOURCES[user.source]}</td>
              <td>
                {user.linked ? <span title="externalId">Linked · {user.externalId}</span> : "Not linked"}
              </td>
              <td>{(user.groups ?? []).map((group) => group.displayName).join(", ") || "—"}</td>
              <td>{formatTime(user.joinedAt, "not yet")}</td>
              <td>
                <a href={routeHref("activity", { user: user.id })} aria-label={`Activity of ${user.email}`}>
                  Activity
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!team.loading && team.error === undefined && items.length === 0 && (
        <p class="empty">
          {search === ""
            ? "Nobody here yet."
            : `Nobody matches “${search}”. Search looks at the start of an email or name.`}
        </p>
      )}
      <Pager
        label="Team"
        startIndex={startIndex}
        shown={items.length}
        total={team.data?.totalResults ?? 0}
        pageSize={PAGE_SIZE}
        onPage={setStartIndex}
      />
    </section>
  );
}

/** A user's role: edited in place, saved with its own button (never on each keystroke). */
function RoleEditor(props: { user: AppUser; onSave: (role: string) => void }) {
  const [role, setRole] = useState(props.user.role);
  useEffect(() => setRole(props.user.role), [props.user.role]);
  const changed = role.trim() !== "" && role.trim() !== props.user.role;
  return (
    <form
      class="role"
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) props.onSave(role.trim());
      }}
    >
      <input
        aria-label={`Role of ${props.user.email}`}
        list="known-roles"
        value={role}
        size={8}
        onInput={(event) => setRole(event.currentTarget.value)}
      />
      <button type="submit" disabled={!changed}>
        Save
      </button>
    </form>
  );
}

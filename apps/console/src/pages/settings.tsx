import type { components } from "@scimkit/types";
import { useState } from "preact/hooks";
import { call, messageOf } from "../api.js";
import type { PageProps } from "../app.js";
import { Notice } from "../components/notice.js";

type Settings = Required<components["schemas"]["TenantSettings"]>;

const FLAGS: readonly { key: "provisioning" | "jit" | "groups"; label: string; help: string }[] = [
  {
    key: "provisioning",
    label: "SCIM provisioning",
    help: "Your identity provider may create, update, deactivate and import users. Off: every SCIM call is refused (403).",
  },
  {
    key: "jit",
    label: "Create users at first sign-in (JIT)",
    help: "Someone who signs in through SSO without an account gets one. Off: only provisioned or invited people get in.",
  },
  {
    key: "groups",
    label: "Group management",
    help: "Your identity provider may push groups and their members.",
  },
];

const DELETE_MODES: readonly { value: Settings["deleteMode"]; label: string }[] = [
  { value: "soft", label: "Keep the account, deactivated (recommended: their data stays)" },
  { value: "hard", label: "Remove the account" },
];

/** Provisioning, JIT and group management on or off, and what a SCIM DELETE does. */
export function SettingsPage(props: PageProps) {
  const [draft, setDraft] = useState<Settings>(() => ({
    provisioning: props.tenant.settings.provisioning ?? true,
    jit: props.tenant.settings.jit ?? false,
    groups: props.tenant.settings.groups ?? true,
    deleteMode: props.tenant.settings.deleteMode ?? "soft",
  }));
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();
  const [busy, setBusy] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setNotice(undefined);
    try {
      props.onTenant(await call(props.api.PATCH("/api/tenant", { body: draft })));
      setNotice({ kind: "success", text: "Saved. The settings apply to the next request." });
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="settings" onSubmit={save}>
      <fieldset>
        <legend>Provisioning</legend>
        {FLAGS.map((flag) => (
          <div class="setting" key={flag.key}>
            <input
              id={`setting-${flag.key}`}
              type="checkbox"
              checked={draft[flag.key]}
              onChange={(event) => setDraft({ ...draft, [flag.key]: event.currentTarget.checked })}
              aria-describedby={`setting-${flag.key}-help`}
            />
            <label for={`setting-${flag.key}`}>{flag.label}</label>
            <p class="help" id={`setting-${flag.key}-help`}>
              {flag.help}
            </p>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>When your identity provider deletes a user</legend>
        {DELETE_MODES.map((mode) => (
          <div class="setting" key={mode.value}>
            <input
              id={`delete-${mode.value}`}
              type="radio"
              name="deleteMode"
              checked={draft.deleteMode === mode.value}
              onChange={() => setDraft({ ...draft, deleteMode: mode.value })}
            />
            <label for={`delete-${mode.value}`}>{mode.label}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : "Save settings"}
      </button>
      {notice !== undefined && <Notice kind={notice.kind}>{notice.text}</Notice>}
    </form>
  );
}

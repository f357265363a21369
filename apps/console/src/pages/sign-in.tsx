import { useState } from "preact/hooks";
import { call, connect, messageOf } from "../api.js";
import type { Tenant } from "../app.js";
import { Notice } from "../components/notice.js";

/** The sign-in form: an admin token of the tenant, checked against the server before it is kept. */
export function SignIn(props: {
  reason: string | undefined;
  onSignedIn: (token: string, tenant: Tenant) => void;
}) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed === "") {
      setError("Paste an admin token first.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      props.onSignedIn(trimmed, await call(connect(trimmed).GET("/api/tenant")));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in" id="main">
      <h1>scimkit admin console</h1>
      {props.reason !== undefined && <Notice kind="info">{props.reason}</Notice>}
      <form onSubmit={submit}>
        <label for="admin-token">Admin token</label>
        <input
          id="admin-token"
          name="admin-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
          aria-describedby="admin-token-help"
          autofocus
        />
        <p id="admin-token-help" class="help">
          The server printed one when it first started. You can make another with{" "}
          <code>pnpm scimkit token create --tenant ID --scope admin</code>. It stays in this tab only.
        </p>
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {error !== undefined && <Notice kind="error">{error}</Notice>}
    </main>
  );
}

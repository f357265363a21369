import type { components } from "@scimkit/types";
import { useState } from "preact/hooks";
import { call, messageOf } from "../api.js";
import type { PageProps } from "../app.js";
import { CopyField } from "../components/copy-button.js";
import { Notice } from "../components/notice.js";
import { useLoad } from "../components/use-load.js";
import { formatTime, shortId } from "../format.js";

type TokenInfo = components["schemas"]["TokenInfo"];
type NewToken = components["schemas"]["NewToken"];
type Scope = TokenInfo["scope"];

const SCOPES: Record<Scope, string> = {
  scim: "SCIM — for your identity provider",
  admin: "Admin — for this console and /api",
};

/** A token as a person tells it apart: its name, and the start of its id. */
function tokenLabel(token: TokenInfo): string {
  return token.name === null ? shortId(token.id) : `${token.name} (${shortId(token.id)})`;
}

/** What to paste into the IdP: the endpoint and tokens; create, rotate and revoke tokens. */
export function ScimDetailsPage(props: PageProps) {
  const tokens = useLoad(() => call(props.api.GET("/api/tokens")), [], props.onUnauthorized);
  const [scope, setScope] = useState<Scope>("scim");
  const [name, setName] = useState("");
  const [fresh, setFresh] = useState<{ token: NewToken; rotated?: string }>();
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();
  const [confirming, setConfirming] = useState<string>();

  async function act(run: () => Promise<void>) {
    setNotice(undefined);
    try {
      await run();
    } catch (error) {
      setNotice({ kind: "error", text: messageOf(error) });
    }
    tokens.reload();
  }

  const create = () =>
    act(async () => {
      const body = name.trim() === "" ? { scope } : { scope, name: name.trim() };
      setFresh({ token: await call(props.api.POST("/api/tokens", { body })) });
      setName("");
    });
  const rotate = (token: TokenInfo) =>
    act(async () => {
      const created = await call(
        props.api.POST("/api/tokens/{id}/rotate", { params: { path: { id: token.id } } }),
      );
      setFresh({ token: created, rotated: token.id });
    });
  const revoke = (token: TokenInfo) =>
    act(async () => {
      setConfirming(undefined);
      await call(props.api.DELETE("/api/tokens/{id}", { params: { path: { id: token.id } } }));
      setNotice({
        kind: "success",
        text: `Token ${tokenLabel(token)} is revoked. Requests with it are refused from now on.`,
      });
    });

  return (
    <>
      <section aria-labelledby="endpoint-heading">
        <h2 id="endpoint-heading">SCIM endpoint</h2>
        <p>
          Paste this into your identity provider as the SCIM base URL (also called SCIM connector base URL or
          Tenant URL).
        </p>
        <CopyField
          value={props.tenant.scimEndpoint}
          label="SCIM endpoint"
          copyLabel="Copy the SCIM endpoint"
        />
      </section>

      <section aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">New token</h2>
        <form
          class="inline"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <label>
            Kind
            <select value={scope} onChange={(event) => setScope(event.currentTarget.value as Scope)}>
              {(Object.keys(SCOPES) as Scope[]).map((value) => (
                <option key={value} value={value}>
                  {SCOPES[value]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Name (what it is for)
            <input
              value={name}
              maxLength={100}
              placeholder="e.g. Okta production"
              onInput={(event) => setName(event.currentTarget.value)}
            />
          </label>
          <button type="submit">Create token</button>
        </form>
        {fresh !== undefined && (
          <div class="secret" role="status">
            <p>
              <strong>
                Copy this {fresh.token.scope === "scim" ? "SCIM" : "admin"} token now: it is shown only once.
              </strong>{" "}
              The server keeps only a hash of it.
              {fresh.rotated !== undefined &&
                ` It replaces ${shortId(fresh.rotated)}, which keeps working until you revoke it — revoke it once your identity provider uses the new one (watch "Last used").`}
            </p>
            <CopyField value={fresh.token.secret} label="New token" copyLabel="Copy the new token" />
            <button type="button" onClick={() => setFresh(undefined)}>
              I have copied it
            </button>
          </div>
        )}
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Tokens</h2>
        {notice !== undefined && <Notice kind={notice.kind}>{notice.text}</Notice>}
        {tokens.error !== undefined && <Notice kind="error">{tokens.error}</Notice>}
        <table aria-busy={tokens.loading} aria-label="Tokens">
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(tokens.data?.items ?? []).map((token) => (
              <tr key={token.id} data-token={token.id} class={token.revokedAt === null ? "" : "revoked"}>
                <td title={token.id}>
                  <code>{shortId(token.id)}</code>
                  {token.current && <span class="badge badge-current">you are signed in with it</span>}
                </td>
                <td>{token.name ?? "—"}</td>
                <td>{token.scope === "scim" ? "SCIM" : "Admin"}</td>
                <td>{formatTime(token.createdAt)}</td>
                <td>{formatTime(token.lastUsedAt)}</td>
                <td>{token.revokedAt === null ? "Active" : `Revoked ${formatTime(token.revokedAt)}`}</td>
                <td>
                  {token.revokedAt === null && (
                    <div class="actions">
                      <button
                        type="button"
                        onClick={() => rotate(token)}
                        aria-label={`Rotate token ${tokenLabel(token)}`}
                      >
                        Rotate
                      </button>
                      {!token.current &&
                        (confirming === token.id ? (
                          <fieldset class="confirm" aria-label="Confirm revoking">
                            Revoke {tokenLabel(token)}?{" "}
                            <button type="button" class="danger" onClick={() => revoke(token)}>
                              Yes, revoke
                            </button>
                            <button type="button" onClick={() => setConfirming(undefined)}>
                              Keep it
                            </button>
                          </fieldset>
                        ) : (
                          <button
                            type="button"
                            class="danger"
                            onClick={() => setConfirming(token.id)}
                            aria-label={`Revoke token ${tokenLabel(token)}`}
                          >
                            Revoke
                          </button>
                        ))}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

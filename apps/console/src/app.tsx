import type { components } from "@scimkit/types";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type Api, call, connect } from "./api.js";
import { Notice } from "./components/notice.js";
import { ActivityPage } from "./pages/activity.js";
import { ScimDetailsPage } from "./pages/scim-details.js";
import { SettingsPage } from "./pages/settings.js";
import { SignIn } from "./pages/sign-in.js";
import { TeamPage } from "./pages/team.js";
import { WebhooksPage } from "./pages/webhooks.js";
import { PAGES, parseRoute, type Route, routeHref } from "./route.js";
import { session } from "./session.js";

export type Tenant = components["schemas"]["Tenant"];

/** What every page gets: the signed-in client, the tenant, the route, and a way out when the token stops working. */
export interface PageProps {
  readonly api: Api;
  readonly tenant: Tenant;
  readonly route: Route;
  readonly onTenant: (tenant: Tenant) => void;
  readonly onUnauthorized: () => void;
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

/** The console: sign in with an admin token, then Team, SCIM details, Webhooks, Settings and Activity. */
export function App() {
  const route = useRoute();
  const [token, setToken] = useState(session.token);
  const [tenant, setTenant] = useState<Tenant>();
  const [signedOutBecause, setSignedOutBecause] = useState<string>();
  const api = useMemo(() => (token === undefined ? undefined : connect(token)), [token]);
  const heading = useRef<HTMLHeadingElement>(null);

  function signOut(reason?: string) {
    session.signOut();
    setToken(undefined);
    setTenant(undefined);
    setSignedOutBecause(reason);
  }

  // A token kept from earlier in this tab: check it still works before showing pages.
  useEffect(() => {
    if (api === undefined || tenant !== undefined) return;
    call(api.GET("/api/tenant")).then(setTenant, () =>
      signOut("Your admin token no longer works (it may have been revoked). Sign in again."),
    );
  }, [api, tenant]);

  // Moving to another page moves the keyboard focus to its heading, as a page load would.
  useEffect(() => heading.current?.focus(), [route.page]);

  if (api === undefined || token === undefined)
    return (
      <SignIn
        reason={signedOutBecause}
        onSignedIn={(newToken, signedInTenant) => {
          session.signIn(newToken);
          setToken(newToken);
          setTenant(signedInTenant);
          setSignedOutBecause(undefined);
        }}
      />
    );
  if (tenant === undefined) return <p class="loading">Loading…</p>;

  const title = PAGES.find((entry) => entry.page === route.page)?.title ?? "Team";
  const props: PageProps = {
    api,
    tenant,
    route,
    onTenant: setTenant,
    onUnauthorized: () =>
      signOut("Your admin token stopped working (it was revoked). Sign in with a current one."),
  };
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">scimkit</span>
        <span class="tenant" title={tenant.id}>
          {tenant.name}
        </span>
        <nav aria-label="Console pages">
          <ul>
            {PAGES.map((entry) => (
              <li key={entry.page}>
                <a href={routeHref(entry.page)} aria-current={entry.page === route.page ? "page" : undefined}>
                  {entry.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="link" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <main id="main">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {!tenant.settings.provisioning && route.page !== "settings" && (
          <Notice kind="info">
            SCIM provisioning is off for {tenant.name}: your identity provider's calls are refused until you
            turn it on under <a href={routeHref("settings")}>Settings</a>.
          </Notice>
        )}
        {route.page === "team" && <TeamPage key={route.params.toString()} {...props} />}
        {route.page === "scim" && <ScimDetailsPage {...props} />}
        {route.page === "webhooks" && <WebhooksPage {...props} />}
        {route.page === "settings" && <SettingsPage {...props} />}
        {route.page === "activity" && <ActivityPage key={route.params.toString()} {...props} />}
      </main>
    </div>
  );
}

/** The console's pages, addressed by the URL's hash so a page can be bookmarked and reloaded. */
export type Page = "team" | "scim" | "webhooks" | "settings" | "activity";

export const PAGES: readonly { readonly page: Page; readonly title: string }[] = [
  { page: "team", title: "Team" },
  { page: "scim", title: "SCIM details" },
  { page: "webhooks", title: "Webhooks" },
  { page: "settings", title: "Settings" },
  { page: "activity", title: "Activity" },
];

export interface Route {
  readonly page: Page;
  readonly params: URLSearchParams;
}

/** `#/activity?user=…` → the page and its parameters; anything unknown is the Team page. */
export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const page = PAGES.find((candidate) => candidate.page === path)?.page ?? "team";
  return { page, params: new URLSearchParams(query) };
}

/** The hash of a page with parameters (empty ones left out). */
export function routeHref(page: Page, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== "") query.set(key, value);
  const text = query.toString();
  return `#/${page}${text === "" ? "" : `?${text}`}`;
}

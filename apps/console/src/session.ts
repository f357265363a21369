const KEY = "scimkit.adminToken";

/**
 * The admin token of this browser tab. sessionStorage, not localStorage: it is gone when the tab
 * closes, and other tabs and sites never see it. The token is never put in a URL.
 */
export const session = {
  token(): string | undefined {
    return window.sessionStorage.getItem(KEY) ?? undefined;
  },
  signIn(token: string): void {
    window.sessionStorage.setItem(KEY, token);
  },
  signOut(): void {
    window.sessionStorage.removeItem(KEY);
  },
};

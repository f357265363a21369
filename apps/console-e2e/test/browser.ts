import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/**
 * Debian's Chromium (`apt-get install chromium`; .ci/run installs it). A browser download of a
 * test tool's own cannot work on a network that reaches only package registries.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// As root Chromium needs --no-sandbox; on a closed network the rest keep it from stalling on
// connections it cannot make. playwright-core gives each launch a fresh, temporary profile.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

/** Where screenshots go: SCREENSHOT_DIR (the docs use `pnpm --filter @scimkit/console-e2e screenshots`), else screenshots/. */
const screenshotDir = process.env.SCREENSHOT_DIR ?? new URL("../screenshots/", import.meta.url).pathname;

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
}

import { fileURLToPath } from "node:url";

/** The folder `vite build` writes the console into; the reference server serves it at /admin/. */
export const consoleAssetsDir = fileURLToPath(new URL("./dist/", import.meta.url));

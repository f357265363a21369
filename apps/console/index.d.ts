/** The folder `vite build` writes the console into; the reference server serves it at /admin/. */
export declare const consoleAssetsDir: string;

import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type ExitStatus, track, waitForExit } from "./processes.js";

const BARE_KOA = fileURLToPath(new URL("./bare-koa.js", import.meta.url));

/** The running bare Koa baseline server. */
export interface BareKoaProcess {
  readonly origin: string;
  stop(): Promise<ExitStatus>;
}

/** Starts bare-koa.js serving the body in `bodyFile` with `contentType`, on 127.0.0.1. */
export async function startBareKoa(bodyFile: string, contentType: string): Promise<BareKoaProcess> {
  const child = track(fork(BARE_KOA, [bodyFile, contentType], { stdio: ["ignore", 2, 2, "ipc"] }));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bare Koa did not start within 10 s")), 10_000);
    child.once("message", (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once("exit", (code) => reject(new Error(`bare Koa exited while starting (code ${code})`)));
  }).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop() {
      child.kill("SIGTERM");
      return waitForExit(child, 5_000);
    },
  };
}

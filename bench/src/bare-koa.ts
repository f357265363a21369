import { readFileSync } from "node:fs";
import Koa from "koa";

// The baseline: plain Koa answering every GET with one fixed SCIM User, the same bytes and
// content type the reference server sent for a real `GET /Users/{id}`. What the reference server
// does beyond this (auth, routing, SQL, mapping, logging) is what the ratios measure.
// Started by bare-koa-process.ts with the body file as argv[2]; reports its port over IPC.

const [bodyFile, contentType] = process.argv.slice(2);
if (bodyFile === undefined || contentType === undefined) {
  throw new Error("usage: bare-koa.js <body-file> <content-type>");
}
const body = readFileSync(bodyFile, "utf8");

const app = new Koa();
app.use((ctx) => {
  if (ctx.method !== "GET") {
    ctx.status = 405;
    return;
  }
  ctx.set("content-type", contentType);
  ctx.body = body;
});

const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address !== null ? address.port : 0 });
});
// The orchestrator going away closes the IPC channel: stop serving.
process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});

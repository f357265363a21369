import Router from "@koa/router";
import type { Context } from "koa";
import { scimDispatcher } from "./dispatch.js";
import { koaInput, requestLogOf, writeKoa } from "./koa-operations.js";
import { type ScimOptions, scimMount } from "./scim-options.js";

/**
 * scimkit's SCIM routes (Users, Groups, `.search`, discovery: RFC 7644 §3, §4) as a Koa router
 * under `options.basePath`: `app.use(createScimRouter({ store }).routes())`. Every answer under
 * the base path is its own, errors included (RFC 7644 §3.12 bodies; 404 for a path that names
 * no operation, 405 with Allow for a known path), so the host needs no SCIM-aware middleware.
 * Mount it before any body parser, or after one that leaves SCIM bodies alone.
 */
export function createScimRouter(options: ScimOptions): Router {
  const mount = scimMount(options);
  const dispatch = scimDispatcher(mount);
  const deps = {
    scimBaseUrl: (ctx: Context) => (mount.publicUrl ?? `${ctx.protocol}://${ctx.host}`) + mount.basePath,
    logger: mount.logger,
  };
  const answer = async (ctx: Context) => {
    const output = await dispatch({
      method: ctx.method,
      path: ctx.path,
      log: () => requestLogOf(ctx, mount.logger),
      input: (pathParams) => koaInput(ctx, pathParams, deps),
    });
    writeKoa(ctx, output);
  };
  const router = new Router();
  router.all(mount.basePath === "" ? "/" : mount.basePath, answer);
  router.all(`${mount.basePath}/{*rest}`, answer);
  return router;
}

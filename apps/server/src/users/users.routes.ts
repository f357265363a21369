import { ScimError } from "@scimkit/core";
import type { HandlerGroup } from "../http/route-types.js";

type UsersOperation =
  | "listUsers"
  | "createUser"
  | "searchUsers"
  | "getUser"
  | "replaceUser"
  | "patchUser"
  | "deleteUser";

const notYet = async (): Promise<never> => {
  throw ScimError.notImplemented("The Users endpoints are not implemented by this server yet.");
};

/**
 * Users (RFC 7644 §3). Placeholders answering a SCIM 501, declared in the spec, until the
 * reference server's Users issue replaces them with the real handlers.
 */
export const usersHandlers: HandlerGroup<UsersOperation> = {
  listUsers: notYet,
  createUser: notYet,
  searchUsers: notYet,
  getUser: notYet,
  replaceUser: notYet,
  patchUser: notYet,
  deleteUser: notYet,
};

import { ScimError } from "@scimkit/core";
import type { HandlerGroup } from "../http/route-types.js";

type GroupsOperation =
  | "listGroups"
  | "createGroup"
  | "searchGroups"
  | "getGroup"
  | "replaceGroup"
  | "patchGroup"
  | "deleteGroup";

const notYet = async (): Promise<never> => {
  throw ScimError.notImplemented("The Groups endpoints are not implemented by this server yet.");
};

/**
 * Groups (RFC 7644 §3). Placeholders answering a SCIM 501, declared in the spec, until the
 * reference server's Groups issue replaces them with the real handlers.
 */
export const groupsHandlers: HandlerGroup<GroupsOperation> = {
  listGroups: notYet,
  createGroup: notYet,
  searchGroups: notYet,
  getGroup: notYet,
  replaceGroup: notYet,
  patchGroup: notYet,
  deleteGroup: notYet,
};

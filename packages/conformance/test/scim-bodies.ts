import { readFileSync } from "node:fs";
import { SCIM_MEDIA_TYPE, ScimUrn } from "@scimkit/types";
import type { CannedReply } from "./canned-server.js";

/** Conforming bodies for canned replies, as the reference server would send them. */

export const serviceProviderConfig = {
  schemas: [ScimUrn.ServiceProviderConfig],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: true },
  authenticationSchemes: [
    { type: "oauthbearertoken", name: "OAuth Bearer Token", description: "A tenant's SCIM token" },
  ],
};

export const user = {
  schemas: [ScimUrn.User],
  id: "2819c223",
  userName: "bjensen@example.com",
  active: true,
  emails: [{ value: "bjensen@example.com", type: "work", primary: true }],
  meta: {
    resourceType: "User",
    created: "2024-05-01T10:00:00Z",
    lastModified: "2024-05-01T10:00:00Z",
    location: "http://127.0.0.1:8080/scim/v2/Users/2819c223",
    version: 'W/"1"',
  },
};

export const userList = {
  schemas: [ScimUrn.ListResponse],
  totalResults: 1,
  startIndex: 1,
  itemsPerPage: 1,
  Resources: [user],
};

export const notFoundError = {
  schemas: [ScimUrn.Error],
  status: "404",
  detail: "Resource 2819c223 not found",
};

/** A reply with the SCIM media type (RFC 7644 §3.1). */
export function scimReply(status: number, body: unknown): CannedReply {
  return { status, contentType: SCIM_MEDIA_TYPE, body };
}

/** A sample of spec/examples/ (RFC 7643 §8), parsed. */
export function rfcExample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../spec/examples/${file}`, import.meta.url), "utf8"));
}

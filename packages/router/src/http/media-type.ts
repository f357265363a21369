import { SCIM_MEDIA_TYPE } from "@scimkit/types";

/** SCIM responses are `application/scim+json` (RFC 7644 §3.1), in UTF-8. */
export const SCIM_CONTENT_TYPE = `${SCIM_MEDIA_TYPE}; charset=utf-8`;

/**
 * Request bodies may be `application/scim+json` (RFC 7644 §3.1) or `application/json`
 * (what openapi-fetch and several IdPs send). A missing Content-Type is read as JSON too:
 * some IdP test tools omit it, and the body is parsed strictly either way.
 */
export function isAcceptedRequestMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === "") return true;
  const essence = contentType.split(";")[0]?.trim().toLowerCase();
  return essence === SCIM_MEDIA_TYPE || essence === "application/json";
}

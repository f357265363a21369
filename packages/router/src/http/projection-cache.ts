import { type AttrPath, memoize, parseAttributeList } from "@scimkit/core";

/** The `attributes` and `excludedAttributes` of a request (RFC 7644 §3.9), as sent. */
export interface AttributeLists {
  readonly attributes?: string | undefined;
  readonly excludedAttributes?: string | undefined;
}

/**
 * `compile` of the parsed attribute lists, once per distinct pair: IdPs send the same few on
 * every request, so the projection is planned once rather than per request (a malformed list
 * throws its SCIM error every time and is not remembered).
 */
export function projectionCache<Projection>(
  compile: (lists: { attributes: AttrPath[]; excludedAttributes: AttrPath[] }) => Projection,
): (query: AttributeLists) => Projection {
  return memoize(
    100,
    (query: AttributeLists) => JSON.stringify([query.attributes ?? "", query.excludedAttributes ?? ""]),
    (query) =>
      compile({
        attributes: parseAttributeList(query.attributes),
        excludedAttributes: parseAttributeList(query.excludedAttributes),
      }),
  );
}

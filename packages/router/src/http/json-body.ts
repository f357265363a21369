import { ScimError } from "@scimkit/core";
import { containsNul } from "./nul-character.js";
import type { JsonObject } from "./route-types.js";

/** A request body as it arrives: the length the client declared (if any) and the bytes. */
export interface BodySource {
  readonly declaredLength: number | undefined;
  readonly chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> | null;
}

/**
 * The body a parser mounted before scimkit already read from a request stream (Express's
 * `req.body`, a Koa parser's `ctx.request.body`), as bytes to read again; undefined while the
 * stream is unread, so the stream itself is read.
 */
export function consumedBody(streamEnded: boolean, parsed: unknown): Uint8Array | undefined {
  if (!streamEnded || parsed === undefined) return undefined;
  if (parsed instanceof Uint8Array) return parsed;
  return new TextEncoder().encode(typeof parsed === "string" ? parsed : JSON.stringify(parsed));
}

/** Every chunk of `source`, stopping with 413 as soon as more than `limitBytes` arrived. */
async function readText(source: BodySource, limitBytes: number): Promise<string> {
  if (source.declaredLength !== undefined && source.declaredLength > limitBytes)
    throw ScimError.payloadTooLarge(limitBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source.chunks ?? []) {
    size += chunk.byteLength;
    if (size > limitBytes) throw ScimError.payloadTooLarge(limitBytes);
    chunks.push(chunk);
  }
  const decoder = new TextDecoder();
  if (chunks.length === 1 && chunks[0] !== undefined) return decoder.decode(chunks[0]);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return decoder.decode(bytes);
}

/**
 * Reads a request body as one JSON object, at most `limitBytes` long (413 beyond it).
 * Malformed JSON, or JSON that is not an object, is 400 `invalidSyntax` (RFC 7644 §3.12); a
 * U+0000 anywhere in it is 400 `invalidValue` (see containsNul).
 */
export async function readJsonObject(source: BodySource, limitBytes: number): Promise<JsonObject> {
  const text = await readText(source, limitBytes);
  if (text.trim() === "")
    throw ScimError.invalidSyntax("The request body is empty; a JSON object is required.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 quotes a piece of the body in some messages; it may hold a password or a token: cut it.
    const reason = (error as Error).message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/su, "");
    throw ScimError.invalidSyntax(`The request body is not valid JSON: ${reason}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw ScimError.invalidSyntax("The request body must be a JSON object.");
  }
  // U+0000 can only arrive escaped; the walk runs only when the text has the escape.
  if (text.includes("\\u0000") && containsNul(value))
    throw ScimError.invalidValue("The request body holds a U+0000 character, which no value may contain.");
  return value as JsonObject;
}

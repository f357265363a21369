import type { IncomingMessage } from "node:http";
import { ScimError } from "@scimkit/core";
import { containsNul } from "./nul-character.js";
import type { JsonObject } from "./route-types.js";

/**
 * Reads a request body as one JSON object, at most `limitBytes` long (413 beyond it).
 * Malformed JSON, or JSON that is not an object, is 400 `invalidSyntax` (RFC 7644 §3.12); a
 * U+0000 anywhere in it is 400 `invalidValue` (see containsNul).
 */
export async function readJsonObject(request: IncomingMessage, limitBytes: number): Promise<JsonObject> {
  const declared = Number(request.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw ScimError.payloadTooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw ScimError.payloadTooLarge(limitBytes);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
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

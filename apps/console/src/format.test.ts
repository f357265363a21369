import { describe, expect, it } from "vitest";
import { humanMessage } from "./errors.js";
import { formatTime, pageRange, shortId } from "./format.js";

describe("humanMessage", () => {
  it.each([
    ["no answer", { status: 0 }, /did not answer/],
    [
      "a revoked or unknown token",
      { status: 401, detail: "A valid bearer token is required." },
      /not valid, or it was revoked/,
    ],
    [
      "a SCIM token used to sign in",
      { status: 403, detail: "This token has the scim scope; it cannot call this endpoint." },
      /meant for your identity provider/,
    ],
    [
      "a validation error keeps the server's words",
      { status: 400, detail: '"deleteMode" must be "soft" or "hard".' },
      /deleteMode/,
    ],
    [
      "a conflict keeps the server's words",
      { status: 409, detail: "You are signed in with this token." },
      /^You are signed in/,
    ],
    ["rate limited", { status: 429, detail: "This token sent more requests" }, /Wait a moment/],
    ["a busy database", { status: 503 }, /busy/],
    ["a server fault names the request id", { status: 500, requestId: "r-1" }, /request id r-1/],
  ])("%s", (_name, problem, want) => {
    expect(humanMessage(problem)).toMatch(want);
  });

  it("never shows protocol words for a server fault", () => {
    expect(humanMessage({ status: 500, detail: "TypeError: x is undefined" })).not.toContain("TypeError");
  });
});

describe("format", () => {
  it("says never for a token not used yet", () => {
    expect(formatTime(null)).toBe("never");
  });
  it("describes a page with its range and total", () => {
    expect(pageRange(51, 50, 100_000)).toBe("51–100 of 100,000");
    expect(pageRange(1, 0, 0)).toBe("None");
  });
  it("shortens ids", () => {
    expect(shortId("0123456789abcdef")).toBe("01234567…");
    expect(shortId("abc")).toBe("abc");
  });
});

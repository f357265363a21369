import { describe, expect, it } from "vitest";
import { parseRoute, routeHref } from "./route.js";

describe("routes", () => {
  it.each([
    ["", "team"],
    ["#/scim", "scim"],
    ["#/activity?user=a%2Bb%40example.com", "activity"],
    ["#/webhooks?endpoint=0f3c", "webhooks"],
    ["#/nowhere", "team"],
  ])("%j opens the %s page", (hash, page) => {
    expect(parseRoute(hash).page).toBe(page);
  });

  it("round-trips parameters, an email with + included", () => {
    const href = routeHref("activity", { user: "a+b@example.com", operation: "" });
    expect(href).toBe("#/activity?user=a%2Bb%40example.com");
    expect(parseRoute(href).params.get("user")).toBe("a+b@example.com");
  });
});

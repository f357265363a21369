import { describe, expect, it } from "vitest";
import { isTransientDatabaseError } from "./database-errors.js";

const withCode = (code: string) => Object.assign(new Error("database said no"), { code });

describe("isTransientDatabaseError", () => {
  it.each([
    ["SQLite busy", withCode("SQLITE_BUSY"), true],
    ["SQLite busy snapshot", withCode("SQLITE_BUSY_SNAPSHOT"), true],
    ["PostgreSQL statement timeout", withCode("57014"), true],
    ["PostgreSQL deadlock", withCode("40P01"), true],
    ["PostgreSQL serialization failure", withCode("40001"), true],
    ["PostgreSQL too many connections", withCode("53300"), true],
    ["pg pool timeout", new Error("timeout exceeded when trying to connect"), true],
    ["a unique violation (the client's conflict)", withCode("23505"), false],
    ["SQLite constraint", withCode("SQLITE_CONSTRAINT_UNIQUE"), false],
    ["a bug", new TypeError("x is undefined"), false],
    ["not an error", "SQLITE_BUSY", false],
  ])("%s → %s", (_name, error, transient) => {
    expect(isTransientDatabaseError(error)).toBe(transient);
  });
});

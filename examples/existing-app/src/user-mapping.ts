import {
  booleanColumn,
  dateTimeColumn,
  keyColumn,
  type ResourceMapping,
  textColumn,
  userResourceSchema,
} from "@scimkit/core";
import { type MemberDisplay, perDialect, type SqlFilterTarget } from "@scimkit/store-kysely";
import { sql } from "kysely";
import { appUsersTable } from "./migrate.js";

/**
 * A SCIM User (RFC 7643 §4.1) as a row of the app's `users` table. userName is the email (the
 * app's rule: userName equals the primary email, which the lifecycle policy enforces), the
 * name parts, role and active flag are the app's columns; every other attribute (the `emails`
 * array, displayName, phoneNumbers, the enterprise extension, …) is kept in `scim_attributes`.
 */
export const appUserMapping: ResourceMapping = {
  schema: userResourceSchema,
  columns: [
    textColumn("id", "id"),
    textColumn("external_id", "externalId"),
    textColumn("email", "userName"),
    keyColumn("email_key", "userName"),
    textColumn("first_name", "name.givenName"),
    textColumn("last_name", "name.familyName"),
    textColumn("role", "userType"),
    booleanColumn("is_active", "active"),
    dateTimeColumn("created_at", "meta.created"),
    dateTimeColumn("updated_at", "meta.lastModified"),
    textColumn("scim_version", "meta.version"),
  ],
  valueRows: [],
  storedElsewhere: ["groups"],
};

/** Where the SQL filter compiler finds each User attribute in the app's table, per dialect. */
export const appUsersFilterTarget = perDialect(
  (dialect): SqlFilterTarget => ({
    schema: userResourceSchema,
    mapping: appUserMapping,
    json: dialect.json,
    alias: "u",
    document: "scim_attributes",
    valueRowTables: {},
    relations: {
      // `groups.value eq "…"` (RFC 7643 §4.1.2 `groups`), from scimkit's membership rows.
      groups: { table: "group_members", owner: "member_id", fields: { value: "group_id" } },
    },
  }),
);

/** A group member's `display` from the app's table: its displayName, else its userName (the email). */
export const appMemberDisplay: MemberDisplay = {
  ...appUsersTable,
  display: (dialect) =>
    sql<string>`coalesce(${dialect.json.extract(sql.ref("u.scim_attributes"), ["displayName"])}, u.email)`,
};

import {
  booleanColumn,
  dateTimeColumn,
  groupResourceSchema,
  keyColumn,
  type ResourceMapping,
  textColumn,
  userResourceSchema,
} from "@scimkit/core";

/*
 * The reference server's tables as @scimkit/core mappings (RFC 7643 resources ↔ rows): the
 * attributes IdPs query most are columns, `*_key` columns hold case-folded lookup forms, the rest
 * is one JSON document. An app over its own tables writes its own mapping; core only knows the
 * mechanism (`scimToRecord`, `recordToScim`, `columnFor`).
 */

const text = textColumn;
const key = keyColumn;
const dateTime = dateTimeColumn;

/** `users` (migrations 0003, 0006, 0007) and its `user_emails` rows. */
export const referenceUserMapping: ResourceMapping = {
  schema: userResourceSchema,
  columns: [
    text("id", "id"),
    text("external_id", "externalId"),
    text("user_name", "userName"),
    key("user_name_key", "userName"),
    text("display_name", "displayName"),
    key("display_name_key", "displayName"),
    booleanColumn("active", "active"),
    text("user_type", "userType"),
    dateTime("created_at", "meta.created"),
    dateTime("updated_at", "meta.lastModified"),
    text("version", "meta.version"),
  ],
  valueRows: [
    {
      attribute: "emails",
      fields: [
        { subAttribute: "value", column: "value_key", fold: true },
        { subAttribute: "type", column: "type_key", fold: true },
        { subAttribute: "primary", column: "is_primary", fold: false },
      ],
    },
  ],
  storedElsewhere: ["groups"],
};

/** `groups` (migration 0004); memberships live in `group_members`. */
export const referenceGroupMapping: ResourceMapping = {
  schema: groupResourceSchema,
  columns: [
    text("id", "id"),
    text("external_id", "externalId"),
    text("display_name", "displayName"),
    key("display_name_key", "displayName"),
    dateTime("created_at", "meta.created"),
    dateTime("updated_at", "meta.lastModified"),
    text("version", "meta.version"),
  ],
  valueRows: [],
  storedElsewhere: ["members"],
};

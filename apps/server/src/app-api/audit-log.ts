import type { Principal, ServiceDeps, AuditEvent as StoredEvent, UnitOfWork } from "@scimkit/router";
import type { components } from "@scimkit/types";

type AuditEvent = components["schemas"]["AuditEvent"];
type AuditOperation = components["schemas"]["AuditOperation"];

/** A page of the audit log, optionally of one user (by id or userName) or one operation. */
export interface AuditQuery {
  readonly user?: string;
  readonly operation?: AuditOperation;
  readonly startIndex: number;
  readonly count: number;
}

/**
 * The userName of each user and the displayName of each group a page names, in two lookups by
 * id, so a person reads "ada@example.com" rather than an id. A removed resource has no name.
 */
async function namesOf(read: UnitOfWork, tenantId: string, events: readonly StoredEvent[]) {
  const ids = (type: StoredEvent["resourceType"]) => [
    ...new Set(events.filter((e) => e.resourceType === type).map((e) => e.resourceId)),
  ];
  const users = await read.users.namesOf(tenantId, ids("User"));
  const groups = await read.groups.namesOf(tenantId, ids("Group"));
  return (event: StoredEvent) =>
    event.resourceType === "User" ? users.get(event.resourceId) : groups.get(event.resourceId);
}

/** The audit log as the console reads it: newest first, filtered, with the names of what changed. */
export function auditLog(deps: Pick<ServiceDeps, "store" | "maxResults">) {
  const { read } = deps.store;
  return {
    async page(principal: Principal, query: AuditQuery) {
      const { startIndex, count } = query;
      // The users a person means by `user`: the one with that id, and every user who has or had that
      // userName (an email), soft-deleted ones included — their history is what an admin looks for
      // after a removal. The text itself when nothing matches, so the page is empty.
      const named =
        query.user === undefined ? undefined : await read.users.idsNamed(principal.tenantId, query.user);
      const resourceIds =
        named === undefined || query.user === undefined
          ? undefined
          : named.length === 0
            ? [query.user]
            : named;
      const page = await read.audit.page(principal.tenantId, {
        ...(resourceIds === undefined ? {} : { resourceIds }),
        ...(query.operation === undefined ? {} : { operation: query.operation }),
        startIndex,
        count: Math.min(count, deps.maxResults),
      });
      const nameOf = await namesOf(read, principal.tenantId, page.items);
      const items: AuditEvent[] = page.items.map((event) => {
        const name = nameOf(event);
        return {
          id: event.id,
          at: event.at,
          tokenId: event.tokenId,
          operation: event.operation,
          resourceType: event.resourceType,
          resourceId: event.resourceId,
          ...(name === undefined ? {} : { resourceName: name }),
          changed: [...event.changed],
        };
      });
      return { totalResults: page.total, startIndex, items };
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;

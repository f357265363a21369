import type { AuditPort } from "../ports/store-ports.js";
import { compareText, copyOf } from "./memory-records.js";
import type { MemoryView } from "./memory-state.js";

/** The audit port over one view: events by tenant, each with its append sequence number. */
export function memoryAudit(view: MemoryView): AuditPort {
  return {
    async append(event) {
      view.committed.seq += 1;
      const seq = view.committed.seq;
      view.audit.set(event.tenantId, String(seq), { event: copyOf(event), seq });
    },

    async page(tenantId, query) {
      const resourceIds = query.resourceIds === undefined ? undefined : new Set(query.resourceIds);
      const matches = [...view.audit.values(tenantId)]
        .filter(({ event }) => resourceIds === undefined || resourceIds.has(event.resourceId))
        .filter(({ event }) => query.operation === undefined || event.operation === query.operation)
        // Newest first: by `at`, then the later appended of two events at the same instant.
        .sort((a, b) => compareText(b.event.at, a.event.at) || b.seq - a.seq);
      const start = Math.max(query.startIndex, 1) - 1;
      const items = matches.slice(start, start + Math.max(query.count, 0)).map((row) => copyOf(row.event));
      return { total: matches.length, items };
    },
  };
}

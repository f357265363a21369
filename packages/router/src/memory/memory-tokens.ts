import type { TokensPort } from "../ports/store-ports.js";
import { compareText, copyOf } from "./memory-records.js";
import { ALL, type MemoryView } from "./memory-state.js";

/** The tokens port over one view: every token in one partition, by id (ids are unique across tenants). */
export function memoryTokens(view: MemoryView): TokensPort {
  return {
    async findByHash(hash) {
      for (const token of view.tokens.values(ALL)) {
        if (token.hash !== hash) continue;
        const tenant = view.tenants.get(ALL, token.tenantId);
        return tenant === undefined ? undefined : { token: copyOf(token), settings: copyOf(tenant.settings) };
      }
      return undefined;
    },

    async noteUse(id, at, staleBefore) {
      // Outside any transaction (store-ports.ts): written to the committed state at once, so it
      // neither waits for a running transaction nor rolls back with one.
      const token = view.committed.tokens.get(ALL, id);
      if (token === undefined || (token.lastUsedAt !== null && token.lastUsedAt > staleBefore)) return;
      view.committed.tokens.put(ALL, id, { ...token, lastUsedAt: at });
    },

    async create(token) {
      if (view.tokens.get(ALL, token.id) !== undefined) throw new Error(`Token ${token.id} exists already.`);
      view.tokens.set(ALL, token.id, copyOf(token));
    },

    async list(tenantId) {
      return [...view.tokens.values(ALL)]
        .filter((token) => token.tenantId === tenantId)
        .sort((a, b) => compareText(b.createdAt, a.createdAt) || compareText(a.id, b.id))
        .map(copyOf);
    },

    async revoke(id, at, tenantId) {
      const token = view.tokens.get(ALL, id);
      if (token === undefined || token.revokedAt !== null) return false;
      if (tenantId !== undefined && token.tenantId !== tenantId) return false;
      view.tokens.set(ALL, id, { ...token, revokedAt: at });
      return true;
    },
  };
}

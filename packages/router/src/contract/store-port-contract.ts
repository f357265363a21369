import { auditContract } from "./audit-contract.js";
import type { ContractCase, OpenStore } from "./contract-case.js";
import { eventsConcurrencyContract } from "./events-concurrency-contract.js";
import { eventsContract } from "./events-contract.js";
import { groupsContract } from "./groups-contract.js";
import { tenantsContract } from "./tenants-contract.js";
import { tokensContract } from "./tokens-contract.js";
import { transactionsContract } from "./transactions-contract.js";
import { usersContract } from "./users-contract.js";
import { usersListContract } from "./users-list-contract.js";
import { usersPagingContract } from "./users-paging-contract.js";
import { webhooksClaimsContract } from "./webhooks-claims-contract.js";
import { webhooksContract } from "./webhooks-contract.js";
import { webhooksFeedContract } from "./webhooks-feed-contract.js";

/**
 * The port contract (src/ports/store-ports.ts): the behaviour a SCIM server relies on from any
 * store, as cases any test runner can run, each on a fresh store from `open`:
 *
 * ```ts
 * for (const c of storePortContract(open)) it(c.name, c.run);
 * ```
 *
 * It asserts only what the ports' doc comments promise, so the in-memory store and the SQL stores
 * pass the same cases. Cases write through `store.read` (each call on its own) unless they test
 * transactions.
 */
export function storePortContract(open: OpenStore): readonly ContractCase[] {
  return [
    ...tenantsContract(open),
    ...tokensContract(open),
    ...usersContract(open),
    ...usersListContract(open),
    ...usersPagingContract(open),
    ...groupsContract(open),
    ...auditContract(open),
    ...transactionsContract(open),
    ...eventsContract(open),
    ...eventsConcurrencyContract(open),
    ...webhooksContract(open),
    ...webhooksClaimsContract(open),
    ...webhooksFeedContract(open),
  ];
}

import type { ConformanceSuite } from "../../suite-types.js";
import { discoverySuite } from "./discovery.js";
import { errorsSuite } from "./errors.js";
import { etagsSuite } from "./etags.js";
import { filtersSuite } from "./filters.js";
import { groupsSuite } from "./groups.js";
import { paginationSuite } from "./pagination.js";
import { patchSuite } from "./patch.js";
import { projectionSuite } from "./projection.js";
import { sortingSuite } from "./sorting.js";
import { usersSuite } from "./users.js";

export {
  discoverySuite,
  errorsSuite,
  etagsSuite,
  filtersSuite,
  groupsSuite,
  paginationSuite,
  patchSuite,
  projectionSuite,
  sortingSuite,
  usersSuite,
};

/**
 * The RFC 7643/7644 behaviour suites (profile `rfc`: no scimkit policy), in the order a reader
 * would check a server: what it announces, then CRUD, queries, PATCH, ETags, errors, Groups.
 */
export const rfcSuites: ConformanceSuite[] = [
  discoverySuite,
  usersSuite,
  filtersSuite,
  paginationSuite,
  sortingSuite,
  projectionSuite,
  patchSuite,
  etagsSuite,
  errorsSuite,
  groupsSuite,
];

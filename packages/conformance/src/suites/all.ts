import type { ConformanceSuite } from "../suite-types.js";
import { idpSuites } from "./idp/index.js";
import { policySuites } from "./policy/lifecycle-policy.js";
import { rfcSuites } from "./rfc/index.js";

/**
 * Every suite, in run order: the RFC 7643/7644 areas, the IdP request sequences, then the scimkit
 * lifecycle policy (which runs only with `--profile scimkit`). The CLI's default list.
 */
export const allSuites: readonly ConformanceSuite[] = [...rfcSuites, ...idpSuites, ...policySuites];

import type { ConformanceSuite } from "../../suite-types.js";
import { entraSuite } from "./entra.js";
import { jumpCloudSuite } from "./jumpcloud.js";
import { oktaSuite } from "./okta.js";
import { oneLoginSuite } from "./onelogin.js";

/**
 * The IdP emulation suites (profile `rfc`): what Okta, JumpCloud, Microsoft Entra ID and OneLogin
 * send to any SCIM 2.0 service provider (RFC 7644) and need back, per docs/reference/idp-requests.md.
 */
export const idpSuites: readonly ConformanceSuite[] = [oktaSuite, jumpCloudSuite, entraSuite, oneLoginSuite];

export { entraSuite, jumpCloudSuite, oktaSuite, oneLoginSuite };

import type { ConformanceSuite } from "../suite-types.js";
import { TOKEN_ENV } from "./cli-args.js";

/** The `--help` text, listing the suites this build knows. */
export function usage(suites: readonly ConformanceSuite[]): string {
  const width = Math.max(0, ...suites.map((suite) => suite.name.length));
  const suiteLines = suites.map((suite) => {
    const profile = suite.profile === undefined ? "" : ` [--profile ${suite.profile}]`;
    return `  ${suite.name.padEnd(width)}  ${suite.title}${profile}`;
  });
  return [
    "Usage: scimkit-conformance --base URL --token TOKEN [options]",
    "",
    "Runs the scimkit conformance suites (RFC 7643/7644, IdP request sequences) against a SCIM",
    "endpoint; every response is also checked against the OpenAPI contract (spec/openapi.yaml).",
    "",
    "Options:",
    "  --base URL              the SCIM base URL, e.g. https://app.example.com/scim/v2",
    `  --token TOKEN           the bearer token; or set ${TOKEN_ENV} to keep it out of shell history`,
    "  --only SUITES           comma-separated suite names (default: all)",
    "  --profile rfc|scimkit   rfc (default): RFC behaviour and IdP emulations;",
    "                          scimkit: also the scimkit reference server's lifecycle policy",
    "  --read-only             run only the cases that create nothing (for production endpoints)",
    "  --json                  print the report as JSON (the run's options without the token)",
    "  --timeout MS            per-request timeout in milliseconds (default 10000)",
    "  -h, --help              print this help",
    "",
    "Exit status: 0 when no case failed, 1 when a case failed, 2 on a usage or connection error.",
    "The last line of the text report is `N passed, M failed`, then `, K skipped` when K > 0.",
    "",
    "Suites:",
    ...suiteLines,
  ].join("\n");
}

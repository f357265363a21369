import { parseArgs } from "node:util";
import type { RunOptions } from "../run-suites.js";
import type { ConformanceProfile } from "../suite-types.js";

/** What the command line asks for: the usage text, a run, or a usage error (exit 2). */
export type CliRequest =
  | { readonly kind: "help" }
  | { readonly kind: "run"; readonly options: CliRunOptions }
  | { readonly kind: "error"; readonly message: string };

/** A run's options as parsed; `only` is checked against the known suites by the caller. */
export interface CliRunOptions
  extends Required<Pick<RunOptions, "baseUrl" | "token" | "profile" | "readOnly" | "timeoutMs">> {
  readonly only: readonly string[] | undefined;
  readonly json: boolean;
}

/** The environment variable the token can come from, so it need not appear in shell history. */
export const TOKEN_ENV = "SCIM_TOKEN";

const PROFILES: readonly ConformanceProfile[] = ["rfc", "scimkit"];

const OPTIONS = {
  base: { type: "string" },
  token: { type: "string" },
  only: { type: "string" },
  profile: { type: "string", default: "rfc" },
  "read-only": { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  timeout: { type: "string", default: "10000" },
  help: { type: "boolean", short: "h", default: false },
} as const;

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>["values"];

/**
 * Parses `scimkit-conformance` arguments strictly (unknown options and stray arguments are errors).
 * One leading `--` is dropped: `pnpm conformance -- --base …` passes it through.
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliRequest {
  const args = argv[0] === "--" ? argv.slice(1) : [...argv];
  let values: ParsedValues;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return { kind: "error", message: (error as Error).message.split("\n")[0] ?? "invalid arguments" };
  }
  if (values.help) return { kind: "help" };
  return validate(values, env);
}

function validate(values: ParsedValues, env: Readonly<Record<string, string | undefined>>): CliRequest {
  const error = (message: string): CliRequest => ({ kind: "error", message });
  if (values.base === undefined) return error("missing --base URL (the SCIM base URL, e.g. …/scim/v2)");
  const baseUrl = URL.canParse(values.base) ? new URL(values.base) : undefined;
  if (baseUrl === undefined || !["http:", "https:"].includes(baseUrl.protocol)) {
    return error(`--base must be an http(s) URL, got ${JSON.stringify(values.base)}`);
  }
  const token = values.token ?? env[TOKEN_ENV];
  if (token === undefined || token === "") return error(`missing --token (or set ${TOKEN_ENV})`);
  const profile = PROFILES.find((known) => known === values.profile);
  if (profile === undefined) {
    return error(`--profile must be one of ${PROFILES.join(", ")}, got ${JSON.stringify(values.profile)}`);
  }
  const timeoutMs = /^\d+$/.test(values.timeout) ? Number(values.timeout) : Number.NaN;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    return error(
      `--timeout must be a positive number of milliseconds, got ${JSON.stringify(values.timeout)}`,
    );
  }
  const only = values.only
    ?.split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (only?.length === 0) return error("--only needs at least one suite name");
  return {
    kind: "run",
    options: {
      baseUrl: values.base,
      token,
      profile,
      readOnly: values["read-only"],
      timeoutMs,
      only,
      json: values.json,
    },
  };
}

/**
 * The values that must never be printed, found before parsing so that even an argument error
 * cannot echo them: `--token X`, `--token=X` and `$SCIM_TOKEN`.
 */
export function secretsIn(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const secrets = [env[TOKEN_ENV]];
  argv.forEach((arg, index) => {
    if (arg === "--token") secrets.push(argv[index + 1]);
    else if (arg.startsWith("--token=")) secrets.push(arg.slice("--token=".length));
  });
  return secrets.filter((secret): secret is string => secret !== undefined && secret !== "");
}

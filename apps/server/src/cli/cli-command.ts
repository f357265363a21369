import type { parseArgs } from "node:util";
import type { Store } from "@scimkit/router";
import type { SqlDatabase } from "@scimkit/store-kysely";

/** What a command needs: the store and its database, where to write, the public URL, a clock and ids. */
export interface CliContext {
  readonly store: Store;
  readonly sql: SqlDatabase;
  readonly publicUrl: string;
  readonly out: (text: string) => void;
  readonly now: () => Date;
  readonly newId: () => string;
  /** WEBHOOK_SECRET_KEY as configured; absent, the key kept in the database. */
  readonly webhookSecretKey?: string | undefined;
}

/** A usage or input error: printed to stderr with the command's help, exit code 2. */
export class CliUsageError extends Error {}

/** One command of `pnpm scimkit`: its help, its options (node:util parseArgs) and what it does. */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<Parameters<typeof parseArgs>[0]>["options"];
  readonly run: (ctx: CliContext, values: Record<string, string | boolean | undefined>) => Promise<void>;
}

/** The value of a required option; absent or blank is a usage error. */
export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new CliUsageError(`--${name} is required`);
  return value;
}

/** One line of JSON output. */
export const json = (value: unknown): string => JSON.stringify(value);

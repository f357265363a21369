import { runCli } from "./cli/run-cli.js";

// `pnpm scimkit <command>`: tenants, tokens, settings, migrations (see `pnpm scimkit --help`).
process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
});

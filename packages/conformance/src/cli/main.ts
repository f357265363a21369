#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// The bin entry: the only module that touches the process. Setting exitCode (not exit()) lets
// stdout drain a large --json report before the process ends.
process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdout: process.stdout,
  stderr: process.stderr,
});

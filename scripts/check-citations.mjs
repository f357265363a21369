// Fails when a file git tracks cites something a maintainer cannot open. Comments, docs, test
// titles, package descriptions and program output cite an RFC section, a file in this repository
// or a public document by URL; never a note outside the repository, an issue number of a tracker
// nobody is told about, or somebody's machine path. IdP behaviour is cited from
// docs/reference/idp-requests.md.
//
//   node scripts/check-citations.mjs     prints `path:line: text` per hit and exits 1 if any
//
// Plain Node, no dependencies: it runs first in `pnpm lint`, before anything is installed or built.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Tracked files that are not text anyone writes by hand. */
const SKIPPED = [/^pnpm-lock\.yaml$/, /^packages\/types\/src\/generated\//];

/**
 * What is cited, and how to find it in a line. A URL is a public document, so URLs are blanked
 * before these run: a GitHub issue cited by its URL passes.
 */
const RULES = [
  // A file outside the repository: the shared reference notes and style guide, by path or by name.
  /\bshared\/reference\b/,
  /(?:^|[^\w.-])(?:\.\.\/)+shared\b/,
  /\b(?:idp-behaviour|third-party-suites|STYLE)\.md\b/,
  /\(STYLE[:\s]/,
  // A machine path. Not `./tmp/` or `src/work/` (a relative path in the repository).
  /(?<![\w.~-])\/(?:work|tmp)\//,
  // An issue or pull request number: the word, then the number with or without `#`.
  /\b(?:issues?|pull requests?|PRs?)\s*#?\d+\b/i,
  // A bare `(#N)`, as a commit subject or changelog writes it.
  /\(#\d+\)/,
  // A GitHub short reference, `owner/repo#N`; `file.md#section` stays a markdown anchor.
  /\b[\w-]+\/[\w.-]+(?<!\.md|\.html)#\d+(?![\w-])/,
];

/** Text that matches a rule but cites nothing: a mktemp template names where a file goes. */
const NOT_CITATIONS = [/\bmktemp\b.*\/tmp\//];

const URLS = /\bhttps?:\/\/[^\s<>()[\]"'`]+/g;

function isCitation(line) {
  if (NOT_CITATIONS.some((pattern) => pattern.test(line))) return false;
  const withoutUrls = line.replace(URLS, " ");
  return RULES.some((rule) => rule.test(withoutUrls));
}

function trackedFiles() {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return out
    .toString("utf8")
    .split("\0")
    .filter((path) => path !== "" && !SKIPPED.some((pattern) => pattern.test(path)));
}

/** The file's text, or undefined for a binary file or one deleted from the working tree. */
function readText(path) {
  let bytes;
  try {
    bytes = readFileSync(join(root, path));
  } catch {
    return undefined;
  }
  return bytes.subarray(0, 8000).includes(0) ? undefined : bytes.toString("utf8");
}

const hits = [];
for (const path of trackedFiles()) {
  const text = readText(path);
  if (text === undefined) continue;
  text.split(/\r?\n/).forEach((line, index) => {
    if (isCitation(line)) hits.push(`${path}:${index + 1}: ${line.trim()}`);
  });
}

if (hits.length > 0) {
  for (const hit of hits) console.log(hit);
  console.error(
    `check-citations: ${hits.length} citation(s) a maintainer cannot open. Cite an RFC section, a file ` +
      "in this repository or a public URL instead (IdP behaviour: docs/reference/idp-requests.md).",
  );
  process.exit(1);
}

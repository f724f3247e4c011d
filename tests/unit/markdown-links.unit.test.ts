// Scenario: someone reads the documentation in a fresh clone. Every relative link in every Markdown file of the
// repository (node_modules aside) points to a file or folder that exists inside the repository: nothing beside the
// checkout (../shared/…), no absolute path, nothing missing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");
const SKIPPED = new Set(["node_modules", ".git"]);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.isFile() && entry.name.toLowerCase().endsWith(".md") ? [path] : [];
  });
}

/** Targets of inline links and images `[text](target "title")` and of reference definitions `[id]: target`, outside code. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
  const targets: string[] = [];
  for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  for (const m of prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$/gm)) targets.push(m[1]);
  return targets;
}

/** Why a link from `file` is not a file of the repository, or null when it is (web and mail links are not checked). */
function problem(file: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) return null;
  const path = decodeURIComponent(target.split("#")[0].split("?")[0]);
  if (isAbsolute(path)) return "an absolute path";
  const resolved = resolve(dirname(file), path);
  const inside = relative(ROOT, resolved);
  if (inside.startsWith("..") || isAbsolute(inside)) return "outside the repository";
  if (inside.split(/[\\/]/).some((part) => SKIPPED.has(part))) return "inside node_modules or .git";
  if (!existsSync(resolved)) return "a missing file";
  return null;
}

test("the link finder sees inline, image and reference links, and skips code", () => {
  const md = [
    'See [a](docs/a.md#x) and ![b](img/b.png "B").',
    "[c]: ../c.md",
    "`[d](d.md)`",
    "```",
    "[e](e.md)",
    "```",
    "[f](https://example.org) [g](#top)",
  ].join("\n");
  expect(linkTargets(md)).toEqual(["docs/a.md#x", "img/b.png", "https://example.org", "#top", "../c.md"]);
});

test("the checker refuses links beside the checkout, absolute paths and missing files", () => {
  const readme = join(ROOT, "README.md");
  expect(problem(readme, "../shared/spec/access.md")).toBe("outside the repository");
  expect(problem(readme, "/etc/hosts")).toBe("an absolute path");
  expect(problem(readme, "docs/no-such-file.md")).toBe("a missing file");
  expect(problem(readme, "docs/access.md#purpose-binds-categories")).toBeNull();
  expect(problem(readme, "https://example.org/x.md")).toBeNull();
});

test("every Markdown file links only to files inside the repository that exist", () => {
  const files = markdownFiles(ROOT);
  expect(files.map((f) => relative(ROOT, f))).toContain("README.md");
  const broken = files.flatMap((file) =>
    linkTargets(readFileSync(file, "utf8")).flatMap((target) => {
      const why = problem(file, target);
      return why ? [`${relative(ROOT, file)}: ${target} is ${why}`] : [];
    }),
  );
  expect(broken).toEqual([]);
});

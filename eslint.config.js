import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/", "**/dist/", "**/dist-loadtest/", "test-artifacts/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Command-line programs print their results.
    files: [
      "loadtest/src/bench/**",
      "loadtest/src/capacity/capacity.ts",
      "loadtest/src/capacity/musicians.ts",
      "loadtest/src/jitterForwarderMain.ts",
      "loadtest/src/scenario/loadtest.ts",
      "loadtest/src/workers/userWorker.ts",
      "loadtest/src/workers/workerHost.ts",
      "scripts/**",
    ],
    rules: { "no-console": "off" },
  },
  {
    files: ["**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);

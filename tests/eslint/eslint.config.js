// React's hook rules, all of them (recommended-latest: the React Compiler's rules too), on TypeScript and TSX.
// tests/vite_app_test.ts runs it on the Vite app's src/ (the generated code and the README's example).
import tsParser from "@typescript-eslint/parser";
import reactHooks from "eslint-plugin-react-hooks";

export default [
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    ...reactHooks.configs.flat["recommended-latest"],
  },
];

import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/bindings"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@tauri-apps/api/core",
              message: "Call the backend only through src/api/client.ts.",
            },
            {
              name: "antd",
              importNames: ["message", "notification"],
              message: "Use App.useApp() or useFailureToast(): static toasts miss the app's theme and language.",
            },
          ],
        },
      ],
      // Times on screen are the shop's, not the computer's: only src/time.ts
      // turns instants into dates and times.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "dayjs",
              message: "Use src/time.ts (wall, instant, day, formatters): times follow the shop's zone.",
              allowTypeImports: true,
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date']",
          message: "Use src/time.ts: times follow the shop's zone, not the computer's.",
        },
        {
          selector: "MemberExpression[object.name='Modal'][property.name=/^(confirm|info|success|error|warning)$/]",
          message: "Use App.useApp().modal: static dialogs miss the app's theme and language.",
        },
        {
          selector: "MemberExpression[object.name='Intl'][property.name='DateTimeFormat']",
          message: "Use src/time.ts: times follow the shop's zone, not the computer's.",
        },
      ],
    },
  },
  {
    files: ["src/api/client.ts", "src/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["src/time.ts", "src/**/*.test.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": "off", "no-restricted-syntax": "off" },
  },
  {
    files: ["e2e/**/*.mjs", "scripts/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);

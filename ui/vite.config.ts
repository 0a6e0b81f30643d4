/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The Tauri shell loads dist/ (built) or the dev server on 5173 (`npm run dev`).
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", target: "es2022", chunkSizeWarningLimit: 2500 },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    // The computer's zone differs from the shop's (Asia/Shanghai), as on a
    // PC set to UTC or brought from abroad: nothing may show it.
    env: { TZ: "America/Los_Angeles" },
    css: false,
  },
});

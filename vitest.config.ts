import { defineConfig } from "vitest/config";

/**
 * Three tiers, all run by `npm test` inside a test network namespace:
 * unit (pure code), integration (real servers and WebRTC in Node), e2e (headless Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{protocol,signaling,client,loadtest}/src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["{signaling,client,loadtest}/test/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

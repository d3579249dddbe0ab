import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

/**
 * Three projects: `unit` (extension code against WXT's fake browser), `sandbox` (the local
 * simulation, over real HTTP) and `e2e` (real Chromium with the built sandbox extension).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // A deadline, not a speed assertion: some files render the 1,000-row page or run an
          // in-process sandbox, which a shared 2-core machine can slow past vitest's 5 s default.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'sandbox',
          include: ['tests/sandbox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

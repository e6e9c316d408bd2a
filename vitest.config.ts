import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // e2e tests share one Chromium per file; two cores: keep files from starving each other.
    maxWorkers: 2,
  },
})

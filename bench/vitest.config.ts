import { defineConfig, mergeConfig } from 'vitest/config'
import { packageProject } from '../vitest.shared.ts'

/**
 * The benchmarks run alone (`pnpm bench`), never with the tests: one file at a time, no time limit.
 * The global setup starts results.json afresh and prints the table of every file's results at the end.
 */
export default mergeConfig(
  packageProject('bench'),
  defineConfig({
    test: {
      include: ['src/**/*.bench.ts'],
      globalSetup: ['src/global-setup.ts'],
      fileParallelism: false,
      testTimeout: 600_000,
      hookTimeout: 60_000,
    },
  }),
)

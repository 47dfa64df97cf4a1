import { defineConfig, mergeConfig } from 'vitest/config'
import { packageProject } from '../vitest.shared.ts'

/** The benchmarks run alone (`pnpm bench`), never with the tests: one file at a time, no time limit. */
export default mergeConfig(
  packageProject('bench'),
  defineConfig({ test: { include: ['src/**/*.bench.ts'], fileParallelism: false, testTimeout: 600_000, hookTimeout: 60_000 } }),
)

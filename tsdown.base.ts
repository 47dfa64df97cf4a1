import { defineConfig, type UserConfig } from 'tsdown'
import { pureValibotCalls } from './scripts/build/pure-valibot.mjs'

/** The one build every package shares: ESM + bundled `.d.ts`, for Node 20.19 and later. */
export function packageBuild(overrides: UserConfig = {}): UserConfig {
  return defineConfig({
    entry: ['src/index.ts'],
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    tsconfig: 'tsconfig.lib.json',
    dts: true,
    sourcemap: true,
    clean: true,
    fixedExtension: false,
    plugins: [pureValibotCalls()],
    ...overrides,
  })
}

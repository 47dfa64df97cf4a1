import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineProject, type UserWorkspaceConfig } from 'vitest/config'

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url))

/**
 * Tests import sibling packages from their source, so a change in `core` is seen by the
 * `transport` tests without a build. The published packages resolve to `dist/` as usual.
 */
const workspaceAliases = Object.fromEntries(
  readdirSync(packagesDir).map((dir) => [`@b24bot/${dir}`, `${packagesDir}${dir}/src/index.ts`]),
)

/** The vitest project every package and app uses; `name` labels its results. */
export function packageProject(name: string): UserWorkspaceConfig {
  return defineProject({
    resolve: { alias: workspaceAliases },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      restoreMocks: true,
    },
  })
}

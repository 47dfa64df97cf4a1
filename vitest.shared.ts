import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineProject, type UserWorkspaceConfig } from 'vitest/config'

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url))

/**
 * Tests import sibling packages from their source, so a change in `core` is seen by the
 * `transport` tests without a build. The published packages resolve to `dist/` as usual.
 */
const workspaceAliases = readdirSync(packagesDir).flatMap((dir) => [
  // A package's `node` subpath (`@b24bot/bot/node`), when it has one, before the package itself.
  ...(existsSync(`${packagesDir}${dir}/src/node.ts`)
    ? [{ find: new RegExp(`^@b24bot/${dir}/node$`), replacement: `${packagesDir}${dir}/src/node.ts` }]
    : []),
  { find: new RegExp(`^@b24bot/${dir}$`), replacement: `${packagesDir}${dir}/src/index.ts` },
])

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

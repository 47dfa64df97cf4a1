// The API reference of the publishable packages: `npm run docs` (or `pnpm docs`) writes HTML to docs/api/
// (gitignored). Every export must be documented (`validation.notDocumented`) and any warning fails the build.
// Each method descriptor's and `ImbotApi` binding's `@see` links its official Bitrix24 page.

/** The public entry points: each package's root, and bot's `./node` subpath. */
const entryPoints = {
  core: ['packages/core/src/index.ts'],
  transport: ['packages/transport/src/index.ts'],
  imbot: ['packages/imbot/src/index.ts'],
  bot: ['packages/bot/src/index.ts', 'packages/bot/src/node.ts'],
  redis: ['packages/redis/src/index.ts'],
  emulator: ['packages/emulator/src/index.ts'],
}

/** @type {Partial<import('typedoc').TypeDocOptions>} */
const config = {
  name: 'b24bot',
  entryPoints: Object.values(entryPoints).flat(),
  tsconfig: 'tsconfig.docs.json',
  out: 'docs/api',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  // notDocumented only looks at these packages' declarations (by default, the root package.json's name alone).
  packagesRequiringDocumentation: Object.keys(entryPoints).map((name) => `@b24bot/${name}`),
  // The checkout in CI may have no remote: link sources to the repository of the packages' package.json.
  disableGit: true,
  sourceLinkTemplate: 'https://github.com/b24bot/b24bot/blob/main/{path}#L{line}',
  plugin: ['./typedoc.plugin.mjs'],
}

export default config

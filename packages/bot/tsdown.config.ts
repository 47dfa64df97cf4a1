import { packageBuild } from '../../tsdown.base.ts'

/**
 * Two entry points: the Web-standard root, and `@b24bot/bot/node` (Node's adapters and file store).
 * One output module per source module, as in imbot: with `"sideEffects": false` a bundler drops every
 * module whose exports go unused (docs/decisions/040-tree-shaking.md).
 */
export default packageBuild({ entry: ['src/index.ts', 'src/node.ts'], unbundle: true })

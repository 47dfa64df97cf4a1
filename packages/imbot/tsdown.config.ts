import { packageBuild } from '../../tsdown.base.ts'

// One output module per source module: with `"sideEffects": false`, a bundler drops every module
// whose exports go unused, so `client.call(imbotChatGet, ...)` bundles one descriptor, not all 67.
// A single bundled file would keep them all: a call such as `defineMethod({...})` at the top level
// counts as a side effect across files. See docs/decisions/040-tree-shaking.md.
export default packageBuild({ unbundle: true })

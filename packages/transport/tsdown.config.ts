import { packageBuild } from '../../tsdown.base.ts'

// One output module per source module, as in imbot: with `"sideEffects": false` a bundler drops every
// module whose exports go unused (docs/decisions/040-tree-shaking.md).
export default packageBuild({ unbundle: true })

import { packageBuild } from '../../tsdown.base.ts'

/** Two entry points: the Web-standard root, and `@b24bot/bot/node` (Node's adapters and file store). */
export default packageBuild({ entry: ['src/index.ts', 'src/node.ts'] })

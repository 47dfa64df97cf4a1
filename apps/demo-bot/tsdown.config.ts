import { packageBuild } from '../../tsdown.base.ts'

export default packageBuild({ entry: ['src/main.ts'], dts: false })

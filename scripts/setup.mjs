// Installs the workspace with the pinned pnpm, so `npm run demo` and `npm test` work on a machine
// that has only Node and npm. Fast when everything is installed already.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const args = ['--yes', packageManager, 'install', '--frozen-lockfile', '--reporter=silent']
const result = spawnSync('npx', args, { stdio: 'inherit', shell: process.platform === 'win32' })
if (result.status !== 0) {
  console.error(`\`npx ${args.join(' ')}\` failed`)
  process.exit(result.status ?? 1)
}

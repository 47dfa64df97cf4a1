// Release checks (issue 15), on a scratch copy under os.tmpdir(): a clone of HEAD (or, with
// `--source worktree`, the tracked and untracked files of this checkout), never this checkout itself.
//   1. `changeset version` with one patch changeset for @b24bot/core only: core and the packages that depend on
//      it (dependencies and peers, transitively: updateInternalDependencies is "patch", and ^0.0.x ranges leave
//      nothing out of range) get a patch; private packages and the rest keep their versions.
//   2. The same for @b24bot/emulator, which the others have only as a devDependency: it alone gets a patch.
//   3. `changeset version` with the pending changesets: each package they name gets at least the bump asked for,
//      and a CHANGELOG.md; private packages keep their versions; no package gets a major bump that no changeset
//      asked for (changesets' rule for peer dependents: a minor of a peer is a major of the dependent).
//   4. After install and build, `pnpm publish --dry-run --no-git-checks` of every publishable package, at the
//      versions of 3.
//
// Usage: node scripts/release/check.mjs [--source head|worktree] [--keep]
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runCommand, seconds } from '../lib/run-command.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const { values: options } = parseArgs({
  options: { source: { type: 'string', default: 'head' }, keep: { type: 'boolean', default: false } },
})
if (!['head', 'worktree'].includes(options.source)) {
  console.error(`--source is head or worktree, not ${options.source}`)
  process.exit(2)
}

/** The environment for child processes, without what `npm run` exports about the workspace it runs in. */
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_(config_(prefix|local_prefix|global_prefix)|package_|lifecycle_|command$)/i.test(key) && key !== 'INIT_CWD',
  ),
)
childEnv.TURBO_TELEMETRY_DISABLED = '1'

/** Runs a command with this script's environment (see scripts/lib/run-command.mjs). */
function run(command, args, { cwd, timeout = 300_000, input } = {}) {
  return runCommand(command, args, { cwd, env: childEnv, timeout, input })
}
const results = []
let failed = false

/** Runs a step; records its time and problems. A step that throws or returns problems fails the check. */
async function step(name, body) {
  const started = performance.now()
  let problems
  try {
    problems = (await body()) ?? []
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)]
  }
  const ms = performance.now() - started
  results.push({ name, ok: problems.length === 0, ms })
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds(ms)})`)
  if (problems.length > 0) {
    failed = true
    console.error(problems.map((problem) => `  ${problem.replaceAll('\n', '\n  ')}`).join('\n'))
  }
  return problems.length === 0
}

/** Runs a command that must succeed; throws with its output otherwise. */
async function must(command, args, options) {
  const result = await run(command, args, options)
  if (result.code !== 0) throw new Error(`\`${result.command}\` failed (exit ${String(result.code)}):\n${result.output.trimEnd()}`)
  return result
}

const started = performance.now()
const scratch = await mkdtemp(join(tmpdir(), 'b24bot-release-'))
const repo = join(scratch, 'repo')
const pnpm = join(root, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')
const changeset = join(root, 'node_modules', '@changesets', 'cli', 'bin.js')
// turbo runs the tasks with the packageManager's pnpm: the copy's own (a root devDependency), found on PATH.
childEnv.PATH = [join(repo, 'node_modules', '.bin'), childEnv.PATH].join(':')

await step(`scratch copy of ${options.source === 'head' ? 'HEAD' : 'the working tree'} in ${repo}`, async () => {
  if (options.source === 'head') {
    await must('git', ['clone', '--quiet', '--depth', '1', `file://${root}`, repo])
    return
  }
  const listed = await must('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root })
  await mkdir(repo)
  for (const file of listed.output.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(repo, file)), { recursive: true })
    await cp(join(root, file), join(repo, file)).catch((error) => {
      // A file deleted in the working tree but still in the index is not part of it.
      if (error.code !== 'ENOENT') throw error
    })
  }
  await must('git', ['init', '--quiet'], { cwd: repo })
  await must('git', ['add', '--all'], { cwd: repo })
  await must('git', ['-c', 'user.name=release-check', '-c', 'user.email=release-check@localhost', 'commit', '--quiet', '-m', 'scratch'], {
    cwd: repo,
  })
})

/** Every workspace package of the scratch copy (pnpm-workspace.yaml's `packages`, `dir` or `dir/*`): folder, manifest. */
async function workspace() {
  const yaml = await readFile(join(repo, 'pnpm-workspace.yaml'), 'utf8')
  const globs = [...(/^packages:\n((?:[ \t]+-.*\n?)+)/m.exec(yaml)?.[1] ?? '').matchAll(/-\s*['"]?([^'"\s#]+)/g)].map((match) => match[1])
  const folders = []
  for (const glob of globs) {
    if (glob.startsWith('!')) continue
    if (!glob.endsWith('/*')) {
      folders.push(glob)
      continue
    }
    const parent = glob.slice(0, -2)
    const entries = await readdir(join(repo, parent), { withFileTypes: true }).catch(() => [])
    folders.push(...entries.filter((entry) => entry.isDirectory()).map((entry) => `${parent}/${entry.name}`))
  }
  const packages = []
  for (const folder of folders) {
    const manifest = JSON.parse(await readFile(join(repo, folder, 'package.json'), 'utf8').catch(() => 'null'))
    if (manifest) packages.push({ folder, manifest })
  }
  if (packages.length === 0) throw new Error(`no workspace package found from pnpm-workspace.yaml in ${repo}`)
  return packages
}

const before = await workspace()
const byName = new Map(before.map((entry) => [entry.manifest.name, entry]))
const publishable = before.filter((entry) => !entry.manifest.private)

/** The public packages that depend on `names` by dependencies or peers (not devDependencies), transitively. */
function dependentsOf(names) {
  const found = new Set(names)
  let grew = true
  while (grew) {
    grew = false
    for (const { manifest } of publishable) {
      if (found.has(manifest.name)) continue
      const ranges = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }
      if (Object.keys(ranges).some((dependency) => found.has(dependency))) {
        found.add(manifest.name)
        grew = true
      }
    }
  }
  return found
}

const levels = ['none', 'patch', 'minor', 'major']
/** What `from` -> `to` is: none, patch, minor or major (by semver's numbers, not its 0.x caveats). */
function bumpOf(from, to) {
  const [a, b] = [from, to].map((version) => version.split(/[.-]/).slice(0, 3).map(Number))
  if (b[0] !== a[0]) return 'major'
  if (b[1] !== a[1]) return 'minor'
  return b[2] !== a[2] ? 'patch' : 'none'
}

/** The versions after `changeset version`, against those before: `{ name: { from, to, bump } }`. */
async function versioned() {
  await must(process.execPath, [changeset, 'version'], { cwd: repo })
  const after = await workspace()
  return Object.fromEntries(
    after.map(({ manifest }) => {
      const from = byName.get(manifest.name).manifest.version
      return [manifest.name, { from, to: manifest.version, bump: bumpOf(from, manifest.version) }]
    }),
  )
}

/** Back to the scratch copy's commit, keeping node_modules and dist (both ignored). */
async function reset() {
  await must('git', ['checkout', '--quiet', '--', '.'], { cwd: repo })
  await must('git', ['clean', '--quiet', '-fd'], { cwd: repo })
}

/** One patch changeset for `name` alone: checks that exactly it and its dependents get a patch. */
async function onePatch(name) {
  const changesets = join(repo, '.changeset')
  for (const file of await readdir(changesets)) {
    if (file.endsWith('.md') && file !== 'README.md') await rm(join(changesets, file))
  }
  await writeFile(join(changesets, 'release-check.md'), `---\n'${name}': patch\n---\n\nA release check.\n`)
  const versions = await versioned()
  const expected = dependentsOf([name])
  const problems = []
  for (const [pkg, { from, to, bump }] of Object.entries(versions)) {
    const want = expected.has(pkg) ? 'patch' : 'none'
    if (bump !== want) problems.push(`${pkg}: ${from} -> ${to} (${bump}), expected ${want}`)
  }
  console.log(`     bumped: ${[...expected].join(', ')}`)
  await reset()
  return problems
}

await step('changeset version, one patch changeset for @b24bot/core: core and its dependents get a patch', () => onePatch('@b24bot/core'))
await step('changeset version, one patch changeset for @b24bot/emulator (a devDependency of the others): it alone', () =>
  onePatch('@b24bot/emulator'),
)

/** The pending changesets: for each package, the largest bump asked for. */
async function pending() {
  const asked = new Map()
  const dir = join(repo, '.changeset')
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.md') || file === 'README.md') continue
    const text = await readFile(join(dir, file), 'utf8')
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? ''
    for (const line of front.split('\n')) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line)
      if (!match) continue
      const [, name, level] = match
      if (!byName.has(name)) throw new Error(`.changeset/${file} names ${name}, which is no workspace package`)
      if (byName.get(name).manifest.private) throw new Error(`.changeset/${file} names ${name}, which is private (never published)`)
      if (levels.indexOf(level) > levels.indexOf(asked.get(name) ?? 'none')) asked.set(name, level)
    }
  }
  return asked
}

let releaseVersions = {}
await step('changeset version with the pending changesets', async () => {
  const asked = await pending()
  const versions = await versioned()
  releaseVersions = versions
  const affected = dependentsOf([...asked.keys()])
  const problems = []
  for (const [name, { from, to, bump }] of Object.entries(versions)) {
    const entry = byName.get(name)
    const want = asked.get(name) ?? 'none'
    if (entry.manifest.private && bump !== 'none') problems.push(`${name} is private, but went ${from} -> ${to}`)
    if (!affected.has(name) && bump !== 'none')
      problems.push(`${name}: ${from} -> ${to}, but no changeset names it or a package it depends on`)
    if (levels.indexOf(bump) < levels.indexOf(want)) problems.push(`${name}: ${from} -> ${to} (${bump}), but a changeset asks for ${want}`)
    if (bump === 'major' && want !== 'major') {
      problems.push(
        `${name}: ${from} -> ${to}, a major bump no changeset asks for (changesets bumps a peer dependent major when a ` +
          `peer gets a minor or major: see its peerDependencies). Decide the version before releasing.`,
      )
    }
    if (bump !== 'none') {
      const changelog = await readFile(join(repo, entry.folder, 'CHANGELOG.md'), 'utf8').catch(() => '')
      if (!changelog.includes(`## ${to}`)) problems.push(`${name}: no "## ${to}" in ${entry.folder}/CHANGELOG.md`)
    }
  }
  const table = Object.entries(versions)
    .filter(([, { bump }]) => bump !== 'none')
    .map(
      ([name, { from, to, bump }]) =>
        `${name} ${from} -> ${to} (${bump}${asked.has(name) ? `, asked ${asked.get(name)}` : ', as a dependent'})`,
    )
  console.log(`     ${asked.size === 0 ? 'no pending changesets' : table.join('\n     ')}`)
  return problems
})

const installed = await step('pnpm install --frozen-lockfile', async () => {
  await must(process.execPath, [pnpm, 'install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only'], { cwd: repo })
})
const built =
  installed &&
  (await step('build (turbo run build)', () =>
    must(join(repo, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only'], { cwd: repo }).then(() => []),
  ))
if (built) {
  for (const { folder, manifest } of publishable) {
    const version = releaseVersions[manifest.name]?.to ?? manifest.version
    await step(`pnpm publish --dry-run --no-git-checks: ${manifest.name}@${version}`, async () => {
      const result = await must(process.execPath, [pnpm, 'publish', '--dry-run', '--no-git-checks', '--access', 'public'], {
        cwd: join(repo, folder),
      })
      const problems = []
      if (!result.output.includes(`${manifest.name}@${version}`))
        problems.push(`the dry run does not name ${manifest.name}@${version}:\n${result.output}`)
      if (!/dist\/index\.js/.test(result.output)) problems.push(`the dry run lists no dist/index.js:\n${result.output}`)
      return problems
    })
  }
}

const width = Math.max(...results.map((result) => result.name.length))
console.log(
  `\n${results.map((result) => `${result.ok ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(width)}  ${seconds(result.ms)}`).join('\n')}`,
)
console.log(`\nrelease check: ${failed ? 'FAILED' : 'ok'} in ${seconds(performance.now() - started)}`)
if (failed || options.keep) console.error(`The scratch copy is kept in ${scratch}`)
else await rm(scratch, { recursive: true, force: true })
process.exitCode = failed ? 1 : 0

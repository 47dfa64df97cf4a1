// Consumer tests of the packed tarballs (issue 15): what a user gets from `npm install`, checked outside the
// workspace. After a build (`npm run consumer` builds first), it packs every publishable package with
// `pnpm pack` (which rewrites `workspace:` ranges to versions), then for each consumer below, in a fresh npm
// project under os.tmpdir() (no parent node_modules, no workspace links), installs only the tarballs it
// needs, from the registry only third-party packages, and checks:
//   install  npm install of the tarballs; every @b24bot/* resolves to a tarball, no `workspace:` is left; `npm ls` is clean
//   import   each entry point loads from Node ESM and has a known export
//   node16   fixtures/<name>/check.ts type-checks with module/moduleResolution node16, strict, skipLibCheck false
//   bundler  the same with module preserve, moduleResolution bundler (for core, transport, imbot: as a web app)
//   run      fixtures/<name>/smoke.mjs: a real call against the emulator installed from its own tarball
//
// Usage: node scripts/consumer/run.mjs [--only core,bot] [--concurrency <cores>] [--keep]
// Exits non-zero on any failure, after printing the failing step's command and output.
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runCommand, seconds } from '../lib/run-command.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const fixtures = fileURLToPath(new URL('fixtures', import.meta.url))

/** The published packages, by folder under packages/. */
const publishable = ['core', 'transport', 'imbot', 'bot', 'emulator', 'redis']

/**
 * One consumer: a fresh project that installs `packages` (and the workspace packages they depend on, by their
 * dependencies and required peers), `registry` (what its fixture imports directly besides them), typescript
 * and @types/node. Its node16 check is a Node app's (`types: ["node"]`); its bundler check is a web app's
 * (`lib: ["DOM"]`, no Node types, which must not be pulled in) where `web` is set, else a Node app's too.
 * Listed heaviest first: installs start in this order.
 */
const consumers = [
  // Redis itself is out of reach here (the package's own tests start a redis-server): import and types only.
  // With its optional peer @b24bot/bot, as the README's replicated bot uses it:
  { name: 'redis', packages: ['redis', 'bot'], registry: ['ioredis@^5'], imports: { '@b24bot/redis': 'redisTokenStore' } },
  {
    name: 'bot',
    packages: ['bot', 'emulator'],
    imports: { '@b24bot/bot': 'createBot', '@b24bot/bot/node': 'toNodeHandler' },
  },
  { name: 'imbot', packages: ['imbot', 'transport', 'emulator'], web: true, imports: { '@b24bot/imbot': 'imbot' } },
  {
    name: 'transport',
    packages: ['transport', 'emulator'],
    registry: ['valibot@^1.5.0'],
    web: true,
    imports: { '@b24bot/transport': 'createClient' },
  },
  { name: 'emulator', packages: ['emulator'], imports: { '@b24bot/emulator': 'startEmulator' } },
  { name: 'core', packages: ['core'], registry: ['valibot@^1.5.0'], web: true, imports: { '@b24bot/core': 'defineMethod' } },
  // Without the optional peer: the import must still work (the peer is types only). Its declarations import
  // @b24bot/bot's `SessionStore` and `OffsetStore` types, so with skipLibCheck false tsc reports the missing
  // module: the README says the peer is needed for those stores, and this consumer checks with skipLibCheck true.
  {
    name: 'redis-alone',
    packages: ['redis'],
    skipLibCheck: true,
    imports: { '@b24bot/redis': 'redisLimiterStore' },
  },
]

const steps = ['install', 'import', 'node16', 'bundler', 'run']

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    concurrency: { type: 'string', default: String(availableParallelism()) },
    keep: { type: 'boolean', default: false },
  },
})
const only = options.only?.split(',').map((name) => name.trim())
const selected = only ? consumers.filter((consumer) => only.includes(consumer.name)) : consumers
if (only && selected.length !== only.length) {
  console.error(`--only: unknown consumer among ${only.join(', ')}; known: ${consumers.map((consumer) => consumer.name).join(', ')}`)
  process.exit(2)
}
const concurrency = Math.max(1, Number(options.concurrency))

/** The environment for child processes, without what `npm run` exports about the workspace it runs in. */
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^npm_(config_(prefix|local_prefix|global_prefix)|package_|lifecycle_|command$)/i.test(key) && key !== 'INIT_CWD',
  ),
)

/** Runs a command with this script's environment (see scripts/lib/run-command.mjs). */
function run(command, args, { cwd, timeout = 120_000 }) {
  return runCommand(command, args, { cwd, env: childEnv, timeout })
}

/** The workspace's publishable manifests, by package name. */
const manifests = new Map()
for (const folder of publishable) {
  const manifest = JSON.parse(await readFile(join(root, 'packages', folder, 'package.json'), 'utf8'))
  if (manifest.private) throw new Error(`packages/${folder} is private: drop it from scripts/consumer/run.mjs`)
  manifests.set(manifest.name, { folder, manifest })
}
const nameOf = (folder) => [...manifests].find(([, entry]) => entry.folder === folder)[0]

// A package published later, or an entry point added to `exports`, needs its consumer here.
for (const entry of await readdir(join(root, 'packages'), { withFileTypes: true })) {
  const manifest = JSON.parse(await readFile(join(root, 'packages', entry.name, 'package.json'), 'utf8').catch(() => '{"private":true}'))
  if (!manifest.private && !publishable.includes(entry.name)) {
    throw new Error(`packages/${entry.name} is published but not listed in scripts/consumer/run.mjs: add it and its consumer`)
  }
}
const imported = new Set(consumers.flatMap((consumer) => Object.keys(consumer.imports)))
for (const [name, { manifest }] of manifests) {
  for (const subpath of Object.keys(manifest.exports ?? { '.': null })) {
    const specifier = subpath === '.' ? name : `${name}${subpath.slice(1)}`
    if (subpath !== './package.json' && !imported.has(specifier)) {
      throw new Error(`${specifier} (in ${name}'s exports) is imported by no consumer in scripts/consumer/run.mjs`)
    }
  }
}

/** The package and the workspace packages it needs: dependencies and required peers, transitively. */
function closure(names) {
  const found = new Set()
  const visit = (name) => {
    if (found.has(name)) return
    found.add(name)
    const { manifest } = manifests.get(name)
    const optional = manifest.peerDependenciesMeta ?? {}
    const needed = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}).filter((peer) => !optional[peer]?.optional),
    ]
    for (const dependency of needed) if (manifests.has(dependency)) visit(dependency)
  }
  names.forEach(visit)
  return [...found]
}

// Fail early, with the fix, when there is nothing to pack.
const unbuilt = publishable.filter((folder) => !existsSync(join(root, 'packages', folder, 'dist', 'index.js')))
if (unbuilt.length > 0) {
  console.error(`No dist/ in ${unbuilt.map((folder) => `packages/${folder}`).join(', ')}: build first (npm run build).`)
  process.exit(1)
}

const started = performance.now()
const work = await mkdtemp(join(tmpdir(), 'b24bot-consumer-'))
// A node_modules above the projects would let a missing dependency resolve by accident.
for (let dir = dirname(work); ; dir = dirname(dir)) {
  if (existsSync(join(dir, 'node_modules'))) {
    console.error(`${join(dir, 'node_modules')} exists above ${work}: the consumer projects would see it. Set TMPDIR elsewhere.`)
    process.exit(1)
  }
  if (dirname(dir) === dir) break
}

// Pack, with the workspace's own pnpm (the root devDependency pinned to packageManager's version).
const tarballDir = join(work, 'tarballs')
await mkdir(tarballDir)
const pnpm = join(root, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')
// One compiler for every type check, installed beside the projects (not above them, so none resolves
// anything from it): a typescript in each project would cost an install each and check nothing more.
const compilerDir = join(work, 'typescript')
const [compiler, ...packs] = await Promise.all([
  run('npm', ['install', '--prefix', compilerDir, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', 'typescript@5.9'], {
    cwd: work,
    timeout: 300_000,
  }),
  ...publishable.map((folder) =>
    run(process.execPath, [pnpm, 'pack', '--pack-destination', tarballDir], { cwd: join(root, 'packages', folder) }),
  ),
])
if (compiler.code !== 0) {
  console.error(`installing typescript failed: ${compiler.command}\n${compiler.output}`)
  process.exit(1)
}
const tsc = join(compilerDir, 'node_modules', 'typescript', 'bin', 'tsc')
const packFailure = packs.find((result) => result.code !== 0)
if (packFailure) {
  console.error(`pnpm pack failed: ${packFailure.command}\n${packFailure.output}`)
  process.exit(1)
}
const tarballs = new Map()
for (const file of await readdir(tarballDir)) {
  const name = [...manifests.keys()].find(
    (candidate) => file === `${candidate.slice(1).replace('/', '-')}-${manifests.get(candidate).manifest.version}.tgz`,
  )
  if (name) tarballs.set(name, join(tarballDir, file))
}
for (const name of manifests.keys()) {
  if (!tarballs.has(name)) {
    console.error(`pnpm pack made no tarball for ${name} in ${tarballDir}: ${(await readdir(tarballDir)).join(', ')}`)
    process.exit(1)
  }
}
const packMs = performance.now() - started
console.log(
  `packed ${String(tarballs.size)} tarballs (and installed typescript ${JSON.parse(await readFile(join(compilerDir, 'node_modules', 'typescript', 'package.json'), 'utf8')).version}) in ${seconds(packMs)} into ${tarballDir}`,
)

/** At most `slots` tasks at a time; the rest wait their turn, first come first served. */
function semaphore(slots) {
  const waiting = []
  let free = slots
  return async (task) => {
    if (free > 0) free -= 1
    else await new Promise((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else free += 1
    }
  }
}
// tsc, node and the emulator want a core each; npm installs mostly wait on the cache and the network, so
// they get slots of their own and overlap the type checks.
const cpu = semaphore(concurrency)
const network = semaphore(2)

/** Writes a consumer's project: its fixture, a package.json, an .npmrc and the two tsconfigs. */
async function prepare(consumer, dir) {
  await cp(join(fixtures, consumer.fixture ?? consumer.name), dir, { recursive: true })
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `consumer-${consumer.name}`, private: true, type: 'module' }, null, 2)}\n`,
  )
  // engine-strict: an install that would not run on this Node fails, as in the workspace (.npmrc).
  await writeFile(join(dir, '.npmrc'), 'engine-strict=true\n')
  for (const [config, module, moduleResolution, web] of [
    ['node16', 'node16', 'node16', false],
    ['bundler', 'preserve', 'bundler', consumer.web ?? false],
  ]) {
    const compilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: consumer.skipLibCheck ?? false,
      // Only TypeScript's own lib.*.d.ts go unchecked; every package's declarations are checked.
      skipDefaultLibCheck: true,
      target: 'ES2022',
      lib: web ? ['ES2023', 'DOM'] : ['ES2023'],
      module,
      moduleResolution,
      types: web ? [] : ['node'],
    }
    await writeFile(join(dir, `tsconfig.${config}.json`), `${JSON.stringify({ compilerOptions, files: ['check.ts'] }, null, 2)}\n`)
  }
}

/** Installs a consumer's tarballs and registry packages, then checks what it got. */
async function install(packages, consumer, dir) {
  const specs = [...packages.map((name) => tarballs.get(name)), ...(consumer.registry ?? []), '@types/node@20']
  const result = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...specs], {
    cwd: dir,
    timeout: 300_000,
  })
  if (result.code !== 0) return result
  const problems = []
  const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8'))
  const installed = []
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!/(^|\/)node_modules\/@b24bot\//.test(path)) continue
    if (!entry.resolved?.startsWith('file:')) problems.push(`${path} came from ${entry.resolved ?? 'the registry'}, not a tarball`)
    if (!path.startsWith('node_modules/@b24bot/') || path.lastIndexOf('node_modules/') !== 0) {
      problems.push(`${path}: a nested copy (the tarball's version does not satisfy a range)`)
      continue
    }
    const manifest = JSON.parse(await readFile(join(dir, path, 'package.json'), 'utf8'))
    installed.push(manifest.name)
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
        if (range.startsWith('workspace:')) problems.push(`${manifest.name}: ${field}.${dependency} is still ${range}`)
      }
    }
  }
  const unexpected = installed.filter((name) => !packages.includes(name))
  if (unexpected.length > 0) problems.push(`installed beyond the tarballs given: ${unexpected.join(', ')}`)
  const ls = await run('npm', ['ls', '--all'], { cwd: dir })
  if (ls.code !== 0) problems.push(`npm ls --all:\n${ls.output}`)
  return problems.length === 0 ? result : { ...result, code: 1, output: `${result.output}${problems.join('\n')}` }
}

/** Type-checks a consumer's check.ts; a web config (no @types/node) must not pull Node's types in anyway. */
async function typecheck(dir, config, web) {
  const result = await run(process.execPath, [tsc, '-p', `tsconfig.${config}.json`, '--listFiles'], { cwd: dir })
  const files = result.output.split('\n').filter((line) => line.startsWith('/'))
  const errors = result.output.split('\n').filter((line) => !line.startsWith('/') && line.trim() !== '')
  const nodeTypes = files.filter((file) => file.includes('/node_modules/@types/node/'))
  if (web && result.code === 0 && nodeTypes.length > 0) {
    return { ...result, code: 1, output: `Node's types were pulled into a project without them, e.g. by ${nodeTypes[0]}` }
  }
  return { ...result, output: errors.join('\n') }
}

/** Checks one consumer; resolves to its row: per step `{ ok, ms }` or a skip, and its failures. */
async function check(consumer) {
  const dir = join(work, consumer.name)
  const row = { name: consumer.name, cells: {}, failures: [], ms: 0 }
  const consumerStarted = performance.now()
  await prepare(consumer, dir)
  const packages = closure(consumer.packages.map(nameOf))
  const record = (step, result) => {
    row.cells[step] = { ok: result.code === 0, ms: result.ms }
    if (result.code !== 0) row.failures.push({ step, ...result })
  }
  record('install', await network(() => install(packages, consumer, dir)))
  const checks = {
    import: () => {
      const script = Object.entries(consumer.imports)
        .map(([specifier, name]) => {
          const message = JSON.stringify(`${specifier} has no ${name}`)
          return `{ const m = await import(${JSON.stringify(specifier)}); if (typeof m[${JSON.stringify(name)}] !== 'function') throw new Error(${message}) }`
        })
        .join('\n')
      return run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, timeout: 30_000 })
    },
    node16: () => typecheck(dir, 'node16', false),
    bundler: () => typecheck(dir, 'bundler', consumer.web ?? false),
    run: existsSync(join(dir, 'smoke.mjs')) ? () => run(process.execPath, ['smoke.mjs'], { cwd: dir, timeout: 60_000 }) : undefined,
  }
  await Promise.all(
    Object.entries(checks).map(async ([step, task]) => {
      if (!task) row.cells[step] = { skipped: true }
      else if (row.failures.length > 0) row.cells[step] = { blocked: true }
      else record(step, await cpu(task))
    }),
  )
  row.ms = performance.now() - consumerStarted
  console.log(`${row.failures.length > 0 ? 'FAIL' : 'ok  '} ${consumer.name} (${seconds(row.ms)})`)
  return row
}

const rows = await Promise.all(selected.map(check))

const header = ['consumer', 'tarballs', 'install', 'import', 'types node16', 'types bundler', 'run', 'total']
const table = rows.map((row) => [
  row.name,
  closure(selected.find((consumer) => consumer.name === row.name).packages.map(nameOf))
    .map((name) => name.replace('@b24bot/', ''))
    .join(' '),
  ...steps.map((step) => {
    const cell = row.cells[step]
    if (cell.skipped) return '-'
    if (cell.blocked) return 'not run'
    return `${cell.ok ? 'ok' : 'FAIL'} ${seconds(cell.ms)}`
  }),
  seconds(row.ms),
])
const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column].length)))
const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`
console.log(`\n${line(header)}\n${line(widths.map((width) => '-'.repeat(width)))}\n${table.map(line).join('\n')}`)
console.log(
  `\n${String(rows.length)} consumer${rows.length === 1 ? '' : 's'}, concurrency ${String(concurrency)}: ${seconds(performance.now() - started)} in all (pack ${seconds(packMs)})`,
)

const failures = rows.flatMap((row) =>
  row.failures.map((failure) => ({ name: row.name, ...failure })).sort((a, b) => steps.indexOf(a.step) - steps.indexOf(b.step)),
)
for (const failure of failures) {
  console.error(
    `\n--- ${failure.name}: ${failure.step} failed (exit ${String(failure.code)})\n$ ${failure.command}\n${failure.output.trimEnd()}`,
  )
}
if (failures.length > 0 || options.keep) {
  console.error(`\nThe projects are kept in ${work}`)
} else {
  await rm(work, { recursive: true, force: true })
}
process.exitCode = failures.length > 0 ? 1 : 0

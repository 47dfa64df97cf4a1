// `npm run smoke` (root) runs this with Node: the built packages under Bun, Deno and workerd, each
// runtime from its npm package (pinned in package.json). Bun and Deno run smoke.mjs themselves, the
// emulator included; workerd serves worker.mjs (bundled with esbuild) through miniflare, against an
// emulator in this Node process. Prints a table; exits 1 if any check of any runtime failed.
// See docs/decisions/046-runtimes.md.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createBot } from '@b24bot/bot'
import { startEmulator } from '@b24bot/emulator'
import { botIdentity, imbot } from '@b24bot/imbot'
import { createClient } from '@b24bot/transport'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
/** How long one runtime may take before it counts as hung. */
const runtimeTimeout = 60_000

/** The binary an npm package ships in its platform package (its own postinstall is not run: pnpm skips it). */
function binaryOf(wrapperManifest, platformPackage, file) {
  const fromWrapper = createRequire(wrapperManifest)
  return join(dirname(fromWrapper.resolve(`${platformPackage}/package.json`)), file)
}

function platformName() {
  if (process.platform !== 'linux' && process.platform !== 'darwin') throw new Error(`no binaries mapped for ${process.platform}`)
  return { platform: process.platform, arch: process.arch }
}

function bunBinary() {
  const { platform, arch } = platformName()
  return binaryOf(require.resolve('bun/package.json'), `@oven/bun-${platform}-${arch === 'arm64' ? 'aarch64' : 'x64'}`, 'bin/bun')
}

function denoBinary() {
  const { platform, arch } = platformName()
  const target = platform === 'linux' ? `linux-${arch}-glibc` : `darwin-${arch}`
  return binaryOf(require.resolve('deno/package.json'), `@deno/${target}`, 'deno')
}

/** Runs `command`, echoing its output; resolves to its SMOKE results, or a failed row if it crashed or hung. */
function runSuite(runtime, command, args, env = {}) {
  return new Promise((resolve) => {
    const rows = []
    let stdout = ''
    let stderr = ''
    const child = spawn(command, args, { cwd: here, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const timer = setTimeout(() => child.kill('SIGKILL'), runtimeTimeout)
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve([{ runtime, check: '(start)', ok: false, ms: 0, detail: String(error) }])
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      for (const line of stdout.split('\n')) {
        if (line.startsWith('SMOKE ')) rows.push(JSON.parse(line.slice('SMOKE '.length)))
        else if (line.trim() !== '') console.log(`[${runtime}] ${line}`)
      }
      if (stderr.trim() !== '') console.error(stderr.replace(/^/gm, `[${runtime}] `))
      if (code !== 0 || rows.length === 0) {
        const why = signal === 'SIGKILL' ? `killed after ${String(runtimeTimeout)} ms (hung)` : `exited ${String(code ?? signal)}`
        if (rows.every((row) => row.ok)) rows.push({ runtime, check: '(process)', ok: false, ms: 0, detail: why })
      }
      resolve(rows.map((row) => ({ ...row, runtime: row.runtime ?? runtime })))
    })
  })
}

/** workerd: the bot's Fetch intake as a Worker, pushed an event by an emulator running here in Node. */
async function workerd() {
  const runtime = 'workerd (miniflare)'
  const started = performance.now()
  let emulator
  let mf
  try {
    const bundle = await build({
      entryPoints: [join(here, 'worker.mjs')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser', // no node:* and no nodejs_compat: the package root must be Web-standard
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      logLevel: 'silent',
    })
    const script = bundle.outputFiles[0].text
    emulator = await startEmulator()
    const { portal } = emulator
    const botToken = 'smoke-workerd-token'
    const urlSecret = 'smoke-workerd-secret-0123456789'
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2026-04-01',
      bindings: { B24_WEBHOOK_URL: emulator.webhookUrl, B24_BOT_TOKEN: botToken, B24_URL_SECRET: urlSecret },
      host: '127.0.0.1',
      port: 0,
    })
    const workerUrl = await mf.ready
    const version = createRequire(require.resolve('miniflare'))('workerd/package.json').version
    // The same secret in the registration, through the bot's own helper.
    const webhookUrl = createBot({ urlSecret }).webhookUrl(new URL('/events', workerUrl))
    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken })] })
    const { bot: registered } = await imbot(client).v2.Bot.register({
      fields: { code: 'worker', botToken, eventMode: 'webhook', webhookUrl, properties: { name: 'Worker' } },
    })
    const carol = portal.createUser({ name: 'Carol' })
    const chat = portal.as(carol.id).openDialog(registered.id)
    await portal.events.settled()
    portal.as(carol.id).send(String(registered.id), 'hello worker')
    await portal.events.settled()
    const deliveries = portal.events.deliveries.filter((delivery) => delivery.url.startsWith(workerUrl.origin))
    const statuses = deliveries.map((delivery) => delivery.status)
    if (deliveries.length === 0) throw new Error('no event was POSTed to the worker')
    if (!statuses.every((status) => status === 200)) throw new Error(`the worker answered ${JSON.stringify(statuses)}`)
    const replies = [...portal.messages.values()].filter((m) => m.chatId === chat.id && m.authorId === registered.id).map((m) => m.text)
    if (!replies.includes('workerd: hello worker')) throw new Error(`the bot wrote ${JSON.stringify(replies)}`)
    const replyCalls = portal.calls.filter((call) => call.method === 'imbot.v2.Chat.Message.send' && call.status === 200).length
    return [
      {
        runtime: `workerd ${version} (miniflare)`,
        check: 'fetchIntake',
        ok: true,
        ms: Math.round(performance.now() - started),
        detail: `${String(deliveries.length)} POSTs answered 200, ctx.reply landed (${String(replyCalls)} send from the worker)`,
      },
    ]
  } catch (error) {
    return [
      {
        runtime,
        check: 'fetchIntake',
        ok: false,
        ms: Math.round(performance.now() - started),
        detail: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error),
      },
    ]
  } finally {
    await mf?.dispose()
    await emulator?.close()
  }
}

async function attempt(runtime, start) {
  try {
    return await start()
  } catch (error) {
    return [{ runtime, check: '(start)', ok: false, ms: 0, detail: String(error) }]
  }
}

const total = performance.now()
const rows = [
  ...(await attempt('bun', () => runSuite('bun', bunBinary(), ['smoke.mjs']))),
  ...(await attempt('deno', () =>
    runSuite('deno', denoBinary(), ['run', '--allow-net=127.0.0.1', '--allow-read', '--no-lock', '--no-prompt', 'smoke.mjs'], {
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
    }),
  )),
  ...(await workerd()),
]

const table = [
  ['runtime', 'check', 'result', 'ms', 'detail'],
  ...rows.map((row) => [row.runtime, row.check, row.ok ? 'ok' : 'FAILED', String(row.ms), row.detail.split('\n')[0]]),
]
const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)))
for (const [index, line] of table.entries()) {
  console.log(line.map((cell, column) => (column === line.length - 1 ? cell : cell.padEnd(widths[column]))).join(' | '))
  if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('-|-'))
}
const failed = rows.filter((row) => !row.ok)
for (const row of failed) console.error(`\nFAILED ${row.runtime} ${row.check}:\n${row.detail}`)
const passed = rows.length - failed.length
console.log(`\nruntimes smoke took ${String(Math.round(performance.now() - total))} ms`)
console.log(`smoke: ${String(passed)} passed, ${String(failed.length)} failed`)
process.exitCode = failed.length > 0 ? 1 : 0

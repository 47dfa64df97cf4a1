// The portable part of the runtimes smoke suite: run by Bun (`bun smoke.mjs`) and Deno
// (`deno run -A smoke.mjs`), never by Node (run.mjs is Node's). It imports the BUILT packages (their
// dist/, through the workspace links in node_modules), starts the emulator in this same runtime, and
// checks a call, auto-batching, polling and `bot.fetch` behind the runtime's own server.
// Each check prints one line `SMOKE {"check","ok","ms","detail"}` for run.mjs; the exit code is 1 if any failed.
import { createBot, startPolling } from '@b24bot/bot'
import { startEmulator } from '@b24bot/emulator'
import { botIdentity, imbot, imbotChatGet } from '@b24bot/imbot'
import { createClient, unlimited } from '@b24bot/transport'

const runtime =
  typeof globalThis.Bun !== 'undefined'
    ? `bun ${globalThis.Bun.version}`
    : typeof globalThis.Deno !== 'undefined'
      ? `deno ${globalThis.Deno.version.deno}`
      : 'unknown'
if (runtime === 'unknown') throw new Error('smoke.mjs runs under Bun or Deno (run.mjs runs it)')

/** Resolves once `check()` is true, or throws `what` after `ms`. */
async function until(check, what, ms = 5_000) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** The texts a bot wrote in a chat, in order. */
function written(portal, chatId, botId) {
  return [...portal.messages.values()].filter((m) => m.chatId === chatId && m.authorId === botId).map((m) => m.text)
}

/** Serves `handler` on loopback with the runtime's own server; resolves to `{ url, stop }`. */
async function serve(handler) {
  if (typeof globalThis.Bun !== 'undefined') {
    const server = globalThis.Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handler })
    return { url: `http://127.0.0.1:${String(server.port)}`, stop: () => server.stop(true) }
  }
  const controller = new AbortController()
  const server = globalThis.Deno.serve({ hostname: '127.0.0.1', port: 0, signal: controller.signal, onListen: () => undefined }, handler)
  return {
    url: `http://127.0.0.1:${String(server.addr.port)}`,
    stop: async () => {
      controller.abort()
      await server.finished
    },
  }
}

const checks = {
  async call(emulator) {
    const chat = emulator.portal.createChat({ title: 'Order 13', entityType: 'ORDER', entityId: 13 })
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const chatId = await client.call(imbotChatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })
    assert(chatId === chat.id, `imbot.chat.get answered ${String(chatId)}, expected ${String(chat.id)}`)
    const none = await client.call(imbotChatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 14 })
    assert(none === null, `imbot.chat.get of an unbound entity answered ${String(none)}, expected null`)
    return `imbot.chat.get -> ${String(chatId)}, then null`
  },

  async autoBatch(emulator) {
    const { portal } = emulator
    const ids = [21, 22, 23, 24]
    const chats = ids.map((id) => portal.createChat({ title: `Order ${String(id)}`, entityType: 'ORDER', entityId: id }))
    const client = createClient({ webhookUrl: emulator.webhookUrl })
    const before = portal.requests.length
    const callsBefore = portal.calls.length
    const results = await Promise.all(ids.map((id) => client.call(imbotChatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: id })))
    assert(
      results.every((result, index) => result === chats[index].id),
      `results ${JSON.stringify(results)}, expected ${JSON.stringify(chats.map((c) => c.id))}`,
    )
    const requests = portal.requests.slice(before).map((request) => request.method)
    assert(JSON.stringify(requests) === '["batch"]', `requests ${JSON.stringify(requests)}, expected one batch`)
    const calls = portal.calls.slice(callsBefore).map((call) => call.method)
    assert(calls.length === ids.length && calls.every((method) => method === 'imbot.chat.get'), `calls ${JSON.stringify(calls)}`)
    return `${String(ids.length)} concurrent calls -> 1 batch request, ${String(calls.length)} executed calls`
  },

  async polling(emulator) {
    const { portal } = emulator
    const botToken = 'smoke-poller-token'
    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken })], retry: false, limiter: unlimited })
    const { bot: registered } = await imbot(client).v2.Bot.register({
      fields: { code: 'poller', botToken, eventMode: 'fetch', properties: { name: 'Poller' } },
    })
    const bot = createBot()
    const heard = []
    const controller = new AbortController()
    bot.on('ONIMBOTV2MESSAGEADD', async (ctx) => {
      heard.push(ctx.text)
      await ctx.reply(`polled: ${ctx.text ?? ''}`)
      controller.abort()
    })
    const running = startPolling(bot, {
      client,
      botId: registered.id,
      idleDelay: 20,
      busyDelay: 5,
      retryDelay: 20,
      signal: controller.signal,
    })
    const alice = portal.createUser({ name: 'Alice' })
    const chat = portal.as(alice.id).openDialog(registered.id)
    // The message comes after a poll found the queue idle, so the runner has to poll again to see it.
    const polled = () => portal.requests.filter((request) => request.method === 'imbot.v2.Event.get').length
    await until(() => polled() > 0 && !controller.signal.aborted, 'the first poll')
    portal.as(alice.id).send(String(registered.id), 'hello poller')
    await until(() => controller.signal.aborted, 'the polled message', 10_000)
    await running // stops on the signal: resolves, does not hang
    assert(JSON.stringify(heard) === '["hello poller"]', `heard ${JSON.stringify(heard)}`)
    const replies = written(portal, chat.id, registered.id)
    assert(replies.includes('polled: hello poller'), `bot wrote ${JSON.stringify(replies)}`)
    const polls = polled()
    assert(polls >= 2, `${String(polls)} polls`)
    return `heard "hello poller" after ${String(polls)} polls, replied, stopped on signal`
  },

  async fetchIntake(emulator) {
    const { portal } = emulator
    const botToken = 'smoke-pushed-token'
    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken })], retry: false, limiter: unlimited })
    const bot = createBot({ urlSecret: 'smoke-url-secret-0123456789', client })
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => ctx.reply(`pushed: ${ctx.text ?? ''}`))
    const server = await serve((request) => bot.fetch(request))
    try {
      const { bot: registered } = await imbot(client).v2.Bot.register({
        fields: {
          code: 'pushed',
          botToken,
          eventMode: 'webhook',
          webhookUrl: bot.webhookUrl(`${server.url}/events`),
          properties: { name: 'Pushed' },
        },
      })
      const bob = portal.createUser({ name: 'Bob' })
      const chat = portal.as(bob.id).openDialog(registered.id)
      await portal.events.settled()
      portal.as(bob.id).send(String(registered.id), 'hello server')
      await portal.events.settled()
      const deliveries = portal.events.deliveries.filter((delivery) => delivery.mode !== 'fetch' && delivery.url.startsWith(server.url))
      assert(deliveries.length > 0, 'no event was POSTed to the server')
      assert(
        deliveries.every((delivery) => delivery.status === 200),
        `delivery statuses ${JSON.stringify(deliveries.map((d) => d.status))}`,
      )
      const replies = written(portal, chat.id, registered.id)
      assert(replies.includes('pushed: hello server'), `bot wrote ${JSON.stringify(replies)}`)
      return `${String(deliveries.length)} POSTs answered 200, ctx.reply landed`
    } finally {
      await server.stop()
    }
  },
}

let failed = 0
for (const [name, check] of Object.entries(checks)) {
  const emulator = await startEmulator()
  const started = performance.now()
  let result
  try {
    result = { check: name, ok: true, detail: await check(emulator) }
  } catch (error) {
    failed += 1
    result = {
      check: name,
      ok: false,
      detail: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error),
    }
  } finally {
    await emulator.close()
  }
  console.log(`SMOKE ${JSON.stringify({ ...result, runtime, ms: Math.round(performance.now() - started) })}`)
}
if (failed > 0) {
  console.error(`${runtime}: ${String(failed)} smoke check(s) failed`)
  // Deno and Bun both have process (Node compatibility); exitCode lets pending output flush.
  process.exitCode = 1
}

import { inspect } from 'node:util'
import { startEmulator, type Emulator } from '@b24bot/emulator'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient, oauth, unlimited, type AttemptState, type CallWrap, type Logger } from './index.ts'

let emulator: Emulator
beforeEach(async () => {
  emulator = await startEmulator({ clock: { frozen: true } })
})
afterEach(async () => {
  await emulator.close()
})

/** Everything hooks and a logger were given, recorded. */
function recorder() {
  const states: { readonly hook: string; readonly state: AttemptState }[] = []
  const lines: { readonly level: string; readonly object: Readonly<Record<string, unknown>>; readonly message: string }[] = []
  const record = (hook: string) => (state: AttemptState) => {
    states.push({ hook, state })
  }
  const logger: Logger = {
    debug: (object, message) => lines.push({ level: 'debug', object, message }),
    warn: (object, message) => lines.push({ level: 'warn', object, message }),
  }
  return {
    states,
    lines,
    logger,
    hooks: { beforeRequest: record('beforeRequest'), afterResponse: record('afterResponse'), beforeRetry: record('beforeRetry') },
    /** All of it as a person or a log shipper would see it. */
    rendered: () =>
      [JSON.stringify(states), inspect(states, { depth: 10 }), JSON.stringify(lines), inspect(lines, { depth: 10 })].join('\n'),
  }
}

describe('hooks and the logger', () => {
  it('see each attempt as one state object: method, attempt, redacted URL, then status and duration', async () => {
    const seen = recorder()
    const client = createClient({
      webhookUrl: emulator.webhookUrl,
      limiter: unlimited,
      autoBatch: false,
      hooks: seen.hooks,
      logger: seen.logger,
    })
    await client.call('imbot.bot.list')
    expect(seen.states.map(({ hook }) => hook)).toEqual(['beforeRequest', 'afterResponse'])
    const [before, after] = seen.states.map(({ state }) => state)
    expect(before).toEqual({
      method: 'imbot.bot.list',
      attempt: 1,
      url: expect.stringMatching(/\/rest\/1\/\*\*\*\/imbot\.bot\.list$/) as string,
    })
    expect(after).toMatchObject({ method: 'imbot.bot.list', attempt: 1, status: 200 })
    expect(after?.duration).toBeGreaterThanOrEqual(0)
    expect(seen.lines).toEqual([{ level: 'debug', object: { ...after }, message: 'b24bot call' }])
  })

  it('see a retry with its error and delay, and a final failure as a warning', async () => {
    const seen = recorder()
    emulator.portal.inject({ method: 'imbot.bot.list', reply: { status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' } })
    const client = createClient({
      webhookUrl: emulator.webhookUrl,
      limiter: unlimited,
      autoBatch: false,
      retry: { baseDelay: 1 },
      hooks: seen.hooks,
      logger: seen.logger,
    })
    await client.call('imbot.bot.list', {}, { idempotent: true })
    expect(seen.states.map(({ hook, state }) => `${hook}:${String(state.attempt)}:${String(state.status)}`)).toEqual([
      'beforeRequest:1:undefined',
      'afterResponse:1:502',
      'beforeRetry:1:502',
      'beforeRequest:2:undefined',
      'afterResponse:2:200',
    ])
    const retry = seen.states[2]?.state
    expect(retry?.delay).toBeGreaterThanOrEqual(0)
    expect((retry?.error as Error).name).toBe('HttpError')

    emulator.portal.inject({ method: 'imbot.bot.list', reply: { status: 400, error: 'ACCESS_ERROR', description: 'no' } })
    await expect(client.call('imbot.bot.list')).rejects.toMatchObject({ code: 'ACCESS_ERROR' })
    expect(seen.lines.at(-1)).toMatchObject({
      level: 'warn',
      message: 'b24bot call failed',
      object: { method: 'imbot.bot.list', status: 400 },
    })
  })

  it('a hook that throws does not break the call', async () => {
    const client = createClient({
      webhookUrl: emulator.webhookUrl,
      limiter: unlimited,
      hooks: {
        beforeRequest: () => {
          throw new Error('broken hook')
        },
      },
    })
    await expect(client.call('imbot.bot.list')).resolves.toEqual([])
  })

  it('never see a credential: webhook secret, OAuth tokens, client secret, botToken or CLIENT_ID, whatever happens', async () => {
    const credential = fc.stringMatching(/^[a-z0-9]{12,32}$/)
    const outcome = fc.constantFrom('ok', 'api-error', 'http-error', 'lost', 'expired')
    await fc.assert(
      fc.asyncProperty(credential, credential, credential, outcome, async (secret, botToken, clientSecret, what) => {
        const seen = recorder()
        const webhook = emulator.portal.addWebhook({ secret })
        const app = emulator.portal.addApp({ clientSecret })
        const tokens = emulator.portal.tokens.issue(app, 1)
        const common = {
          limiter: unlimited,
          autoBatch: false,
          retry: { baseDelay: 1, attempts: 2 },
          hooks: seen.hooks,
          logger: seen.logger,
        } as const
        // A wrap that puts credentials into params without naming them as secrets: their keys give them away.
        const identity: CallWrap = (request, next) => next({ ...request, params: { ...request.params, botToken, CLIENT_ID: botToken } })
        const viaWebhook = createClient({
          ...common,
          webhookUrl: `${emulator.url}/rest/${String(webhook.userId)}/${secret}/`,
          use: [identity],
        })
        const viaOAuth = createClient({
          ...common,
          auth: oauth({
            portal: emulator.url,
            accessToken: tokens.access_token,
            refreshToken: tokens.refresh_token,
            clientId: app.clientId,
            clientSecret,
            tokenUrl: `${emulator.url}/oauth/token/`,
          }),
        })
        // A client can hide only the credentials it holds: each one's faults echo its own.
        const fault = (echo: string, times: number): void => {
          if (what === 'api-error') emulator.portal.inject({ reply: { status: 400, error: 'ERROR', description: `echo ${echo}` }, times })
          if (what === 'http-error') emulator.portal.inject({ reply: { status: 500, body: `crash at ${echo}` }, times: times * 2 })
          if (what === 'lost') emulator.portal.inject({ reset: 'before', times: times * 2 })
        }
        fault(`/rest/1/${secret}/ ${botToken}`, 2)
        await Promise.allSettled([viaWebhook.call('imbot.v2.Bot.list'), viaWebhook.call('imbot.bot.list')])
        emulator.portal.injections.splice(0)
        fault(`${tokens.access_token} ${clientSecret}`, 1)
        if (what === 'expired') emulator.portal.clock.advance(3_600_000)
        await Promise.allSettled([viaOAuth.call('imbot.bot.list')])
        emulator.portal.injections.splice(0)
        const text = seen.rendered()
        expect(seen.states.length).toBeGreaterThan(0)
        for (const leaked of [secret, botToken, clientSecret, tokens.access_token, tokens.refresh_token]) expect(text).not.toContain(leaked)
      }),
      { numRuns: 25 },
    )
  })
})

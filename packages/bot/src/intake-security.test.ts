import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { encodeForm, type FormInput } from '@b24bot/core'
import { startEmulator, type Emulator, type PortalApp } from '@b24bot/emulator'
import { botIdentity } from '@b24bot/imbot'
import { createClient, oauth, unlimited, type Logger } from '@b24bot/transport'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readEventsSpec } from '@b24bot/spec-fixtures'
import { BotError } from './bot-error.ts'
import { createBot, type Bot, type BotOptions } from './bot.ts'
import { memoryInstallStore, type Install } from './installs.ts'
import { oauthApp } from './oauth-app.ts'
import { toNodeHandler } from './node.ts'

let emulator: Emulator
const servers: Server[] = []
beforeEach(async () => {
  emulator = await startEmulator()
})
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  await emulator.close()
})

/** Serves `bot` through the node adapter on loopback; its URL (the host has dots, as handler URLs must). */
async function serve(bot: Bot): Promise<string> {
  const server = createServer(toNodeHandler(bot))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/events`
}

/** POSTs a form body to `url`; the status and text. */
async function postForm(url: string, body: string | Record<string, unknown>): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: typeof body === 'string' ? body : encodeForm(body as Record<string, FormInput>),
  })
  return { status: response.status, text: await response.text() }
}

/** A bot that counts its handler calls, with the app of the emulated portal and a record of installs. */
function appBot(app: PortalApp, extra: Partial<BotOptions> = {}) {
  const installs = memoryInstallStore()
  const installed: Install[] = []
  const handled: string[] = []
  const bot = createBot({
    app: oauthApp({ clientId: app.clientId, clientSecret: app.clientSecret, tokenUrl: `${emulator.url}/oauth/token/` }),
    installs,
    onInstall: (install) => {
      installed.push(install)
    },
    ...extra,
  })
  bot.use((ctx, next) => {
    handled.push(ctx.event.event)
    return next()
  })
  return { bot, installs, installed, handled }
}

/** An install event as an attacker writes it: any tokens, claiming the portal's member_id and domain. */
function forgedInstall(memberId: string, domain: string, applicationToken: string): Record<string, unknown> {
  return {
    event: 'ONAPPINSTALL',
    data: { VERSION: '1', ACTIVE: 'Y', INSTALLED: 'Y', LANGUAGE_ID: 'en' },
    ts: '1700000000',
    auth: {
      access_token: 'forged-access-token',
      refresh_token: 'forged-refresh-token',
      expires_in: '3600',
      domain,
      member_id: memberId,
      client_endpoint: `https://${domain}/rest/`,
      server_endpoint: 'https://attacker.example/rest/',
      application_token: applicationToken,
    },
  }
}

/** The event a portal would send an app after an install, with the token given. */
function appEvent(memberId: string, domain: string, applicationToken: string): Record<string, unknown> {
  return {
    event: 'ONAPPUPDATE',
    data: { VERSION: '2', PREVIOUS_VERSION: '1', LANGUAGE_ID: 'en' },
    ts: '1700000000',
    auth: { domain, member_id: memberId, application_token: applicationToken },
  }
}

const creds = { clientId: 'local.b24bot.test', clientSecret: 'app-secret-7f2k9q' }
const portalId = (): { memberId: string; domain: string } => ({
  memberId: emulator.portal.tokens.memberId,
  domain: new URL(emulator.url).host,
})

describe('installs that cannot be forged', () => {
  it('a genuine install is verified with the OAuth server, kept, and given to onInstall with a fresh pair that works', async () => {
    const { bot, installs, installed, handled } = appBot({ ...creds } as PortalApp)
    const url = await serve(bot)
    const app = emulator.portal.installApp({ ...creds, handlerUrl: url })
    await emulator.portal.events.settled()
    const { memberId, domain } = portalId()
    expect(installed).toHaveLength(1)
    expect(installed[0]).toMatchObject({ memberId, domain, applicationToken: app.applicationToken, userId: 1 })
    expect(await installs.get(memberId)).toEqual(installed[0])
    expect(handled).toEqual(['ONAPPINSTALL'])
    // The install's own refresh token was spent verifying it; the pair onInstall got works.
    expect(emulator.portal.tokenRequests.map((request) => request.status)).toEqual([200])
    const tokens = installed[0]!.tokens
    const client = createClient({
      auth: oauth({ portal: emulator.url, ...tokens, ...creds, tokenUrl: `${emulator.url}/oauth/token/` }),
      limiter: unlimited,
    })
    await expect(client.call('imbot.bot.list')).resolves.toBeTypeOf('object')
    // Later events of the portal are checked against the token the install brought.
    expect(await postForm(url, appEvent(memberId, domain, app.applicationToken))).toEqual({ status: 200, text: 'OK' })
    expect(await postForm(url, appEvent(memberId, domain, 'attacker-token'))).toMatchObject({ status: 401 })
  })

  it('a forged install gets 401, reaches no callback, and cannot replace the token of a known portal', async () => {
    const { bot, installs, installed, handled } = appBot({ ...creds } as PortalApp)
    const url = await serve(bot)
    const app = emulator.portal.installApp({ ...creds, handlerUrl: url })
    await emulator.portal.events.settled()
    const { memberId, domain } = portalId()
    expect(installed).toHaveLength(1)

    // The attack of the issue: a forged install, then a forged event with the attacker's token.
    expect(await postForm(url, forgedInstall(memberId, domain, 'attacker-token'))).toMatchObject({ status: 401 })
    expect(await postForm(url, appEvent(memberId, domain, 'attacker-token'))).toMatchObject({ status: 401 })
    expect(installed).toHaveLength(1)
    expect((await installs.get(memberId))?.applicationToken).toBe(app.applicationToken)
    expect(handled).toEqual(['ONAPPINSTALL'])
    // The real portal's next event still passes.
    expect(await postForm(url, appEvent(memberId, domain, app.applicationToken))).toMatchObject({ status: 200 })
  })

  it('a genuine refresh token claiming another portal (member_id or domain) is refused', async () => {
    const { bot, installed } = appBot({ ...creds } as PortalApp)
    const app = emulator.portal.addApp(creds)
    const { memberId, domain } = portalId()
    const stolen = (claims: { memberId: string; domain: string }) => {
      const issued = emulator.portal.tokens.issue(app, 1)
      const body = forgedInstall(claims.memberId, claims.domain, 'attacker-token')
      const auth: Record<string, string> = {
        ...(body.auth as Record<string, string>),
        access_token: issued.access_token,
        refresh_token: issued.refresh_token,
      }
      return encodeForm({ ...(body as Record<string, FormInput>), auth })
    }
    const take = (body: string) => bot.take({ url: '/events', contentType: 'application/x-www-form-urlencoded', body })
    expect(await take(stolen({ memberId: 'another-portal', domain }))).toMatchObject({ status: 401 })
    expect(await take(stolen({ memberId, domain: 'another.bitrix24.com' }))).toMatchObject({ status: 401 })
    expect(installed).toEqual([])
    // The same token claiming its own portal is a genuine install.
    expect(await take(stolen({ memberId, domain }))).toMatchObject({ status: 200 })
    expect(installed).toHaveLength(1)
  })

  it('an OAuth server that cannot answer leaves the install undecided: 503, nothing kept', async () => {
    const { bot, installs, installed } = appBot({ ...creds } as PortalApp)
    const url = await serve(bot)
    emulator.portal.inject({ method: 'oauth/token', reply: { status: 503, body: '<html>Service Unavailable</html>' } })
    emulator.portal.installApp({ ...creds, handlerUrl: url })
    await emulator.portal.events.settled()
    expect(emulator.portal.events.deliveries.at(-1)).toMatchObject({ status: 503 })
    expect(installed).toEqual([])
    expect(await installs.get(portalId().memberId)).toBeUndefined()
  })

  it('ONAPPUNINSTALL is taken only with the known token, and forgets the install', async () => {
    const { bot, installs, handled } = appBot({ ...creds } as PortalApp)
    const url = await serve(bot)
    const app = emulator.portal.installApp({ ...creds, handlerUrl: url })
    await emulator.portal.events.settled()
    const { memberId, domain } = portalId()
    const uninstall = (token: string) => ({
      event: 'ONAPPUNINSTALL',
      data: { LANGUAGE_ID: 'en', CLEAN: '0' },
      ts: '1',
      auth: { domain, member_id: memberId, application_token: token },
    })
    expect(await postForm(url, uninstall('attacker-token'))).toMatchObject({ status: 401 })
    expect(await installs.get(memberId)).toBeDefined()
    emulator.portal.uninstallApp(app)
    await emulator.portal.events.settled()
    expect(handled).toEqual(['ONAPPINSTALL', 'ONAPPUNINSTALL'])
    expect(await installs.get(memberId)).toBeUndefined()
  })

  it("an employee's own refresh token (anyone who opens the app holds one) cannot install: the grantor must be an administrator", async () => {
    const { bot, installs, installed } = appBot({ ...creds } as PortalApp)
    const url = await serve(bot)
    const app = emulator.portal.installApp({ ...creds, handlerUrl: url })
    await emulator.portal.events.settled()
    const { memberId, domain } = portalId()
    const employee = emulator.portal.createUser({ name: 'Eve', lastName: 'Staff' })
    const issued = emulator.portal.tokens.issue(app, employee.id)
    const forged = forgedInstall(memberId, domain, 'attacker-token')
    const auth: Record<string, string> = {
      ...(forged.auth as Record<string, string>),
      access_token: issued.access_token,
      refresh_token: issued.refresh_token,
    }
    expect(await postForm(url, { ...forged, auth })).toMatchObject({ status: 401 })
    expect(installed).toHaveLength(1)
    expect((await installs.get(memberId))?.applicationToken).toBe(app.applicationToken)
    expect(await postForm(url, appEvent(memberId, domain, 'attacker-token'))).toMatchObject({ status: 401 })
  })

  it("an event of a known install that names another portal is refused, and calls back go only to the install's REST root", async () => {
    const { bot, installed } = appBot({ ...creds } as PortalApp)
    const url = await serve(bot)
    const app = emulator.portal.installApp({ ...creds, handlerUrl: url })
    await emulator.portal.events.settled()
    const { memberId } = portalId()
    expect(installed).toHaveLength(1)
    expect(await postForm(url, appEvent(memberId, 'victim.bitrix24.com', app.applicationToken))).toMatchObject({ status: 401 })
  })

  it('a bot with a urlSecret still verifies installs', async () => {
    const { bot, installed } = appBot({ ...creds } as PortalApp, { urlSecret: 'url-secret-5b8c1d7e9f' })
    const url = bot.webhookUrl(await serve(bot))
    emulator.portal.installApp({ ...creds, handlerUrl: url })
    await emulator.portal.events.settled()
    expect(installed).toHaveLength(1)
    expect(emulator.portal.tokenRequests).toHaveLength(1)
  })

  it("an OAuth server slower than the bot's timeout leaves the install undecided (503), not a failure of the intake", async () => {
    const { bot, installed } = appBot({ ...creds } as PortalApp, { timeout: 200 })
    const url = await serve(bot)
    emulator.portal.inject({ method: 'oauth/token', delayMs: 2_000 })
    emulator.portal.installApp({ ...creds, handlerUrl: url })
    await emulator.portal.events.settled()
    expect(emulator.portal.events.deliveries.at(-1)).toMatchObject({ status: 503 })
    expect(installed).toEqual([])
  })

  it('a flood of forged installs makes few requests to the OAuth server: one per refresh token, a few at once', async () => {
    const { bot, installed } = appBot({ ...creds } as PortalApp)
    const { memberId, domain } = portalId()
    emulator.portal.inject({ method: 'oauth/token', delayMs: 300, times: 20 })
    const body = (refreshToken: string): string => {
      const forged = forgedInstall(memberId, domain, 'attacker-token')
      return encodeForm({ ...forged, auth: { ...(forged.auth as Record<string, string>), refresh_token: refreshToken } })
    }
    const take = (text: string) => bot.take({ url: '/events', contentType: 'application/x-www-form-urlencoded', body: text })
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => take(body('same-forged-token'))),
      ...Array.from({ length: 10 }, (_, index) => take(body(`forged-token-${String(index)}`))),
    ])
    expect(emulator.portal.tokenRequests.length).toBeLessThanOrEqual(4)
    expect(answers.every((reply) => reply.status === 401 || reply.status === 503)).toBe(true)
    expect(installed).toEqual([])
  })

  it('onInstall without app, and app as bare credentials, are refused when the bot is made', () => {
    expect(() => createBot({ onInstall: () => undefined })).toThrow(/onInstall needs app/)
    const credentials = { clientId: 'app-client-id', clientSecret: 'app-client-secret' }
    expect(() => createBot({ app: credentials as never })).toThrow(/app must be made by oauthApp/)
    expect(() => oauthApp({ clientId: 'app-client-id', clientSecret: ' ' })).toThrow(/clientSecret is required/)
    expect(() => oauthApp({ clientId: 'app-client-id', clientSecret: ' ' })).not.toThrow(/app-client-id/)
  })
})

describe('a v2 bot registered through a webhook, authenticated by a secret in its URL', () => {
  it('takes the events whose URL carries its secret, and refuses others', async () => {
    const secret = 'url-secret-5b8c1d7e9f'
    const handled: string[] = []
    const bot = createBot({ urlSecret: secret })
    bot.on('ONIMBOTV2MESSAGEADD', (ctx) => {
      handled.push(ctx.event.event)
    })
    const url = await serve(bot)
    const client = createClient({ webhookUrl: emulator.webhookUrl, use: [botIdentity({ botToken: 'v2-bot-token' })], limiter: unlimited })
    const registered = (await client.call('imbot.v2.Bot.register', {
      fields: { code: 'helper', eventMode: 'webhook', webhookUrl: bot.webhookUrl(url), properties: { name: 'Helper' } },
    })) as { bot: { id: number } }
    const user = emulator.portal.createUser({ name: 'Ann', lastName: 'Lee' })
    emulator.portal.as(user.id).send(String(registered.bot.id), 'hello')
    await emulator.portal.events.settled()
    expect(handled).toEqual(['ONIMBOTV2MESSAGEADD'])

    // The same body to the URL without the secret (its token is unknown to the bot), or with another.
    const delivered = emulator.portal.events.deliveries.at(-1)!
    const body = encodeForm(delivered.payload as Record<string, FormInput>)
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).status).toBe(401)
    expect(
      (
        await fetch(`${url}?b24bot_secret=${'x'.repeat(secret.length)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        })
      ).status,
    ).toBe(401)
    expect(handled).toHaveLength(1)
  })

  it('refuses a short secret, and webhookUrl without one', () => {
    expect(() => createBot({ urlSecret: 'short' })).toThrow(/at least 16 characters/)
    expect(() => createBot().webhookUrl('https://bot.example/events')).toThrow(/urlSecret/)
  })
})

const TOKEN = 'intake-token-3c9e1a'
interface SpecEvent {
  readonly event: string
  readonly examplePayloads: Readonly<Record<string, Record<string, unknown>>>
}
const spec = readEventsSpec() as SpecEvent[]
/** The docs' private-chat message, from portal.example (member m1), carrying `token`. */
const messageBody = (token: string | Record<string, unknown>): Record<string, unknown> => {
  const example = structuredClone(Object.values(spec.find((event) => event.event === 'ONIMBOTMESSAGEADD')?.examplePayloads ?? {})[0] ?? {})
  return {
    ...example,
    auth: { ...(example.auth as Record<string, unknown>), domain: 'portal.example', member_id: 'm1', application_token: token },
  }
}

describe('authenticate before you spend', () => {
  const take = (bot: Bot, body: string, contentType = 'application/x-www-form-urlencoded') =>
    bot.take({ url: '/events', contentType, body })

  it('a token sent as a list or an object is a wrong token: 401', async () => {
    const bot = createBot({ applicationToken: TOKEN })
    const handler = vi.fn()
    bot.use(handler)
    expect(await take(bot, encodeForm(messageBody(TOKEN) as Record<string, FormInput>))).toMatchObject({ status: 200 })
    expect(await take(bot, encodeForm(messageBody([TOKEN] as never) as Record<string, FormInput>))).toMatchObject({ status: 401 })
    expect(await take(bot, encodeForm(messageBody({ a: TOKEN }) as Record<string, FormInput>))).toMatchObject({ status: 401 })
    expect(await take(bot, JSON.stringify(messageBody([TOKEN] as never)), 'application/json')).toMatchObject({ status: 401 })
    expect(handler).toHaveBeenCalledTimes(1)
  })

  it('a megabyte of nested pairs is refused past the bounds (413) whoever sends it, reading no further; a small body with a wrong token, 401', async () => {
    const handler = vi.fn()
    const bot = createBot({ applicationToken: TOKEN })
    bot.use(handler)
    const flood = 'a[][][][][][][][]=1&'.repeat(50_000)
    expect(await take(bot, `${flood}event=ONIMBOTMESSAGEADD&auth[application_token]=wrong`)).toMatchObject({ status: 413 })
    expect(await take(bot, `${flood}event=ONIMBOTMESSAGEADD&auth[application_token]=${TOKEN}`)).toMatchObject({ status: 413 })
    expect(await take(bot, `${'a[][]=1&'.repeat(500)}event=ONIMBOTMESSAGEADD&auth[application_token]=wrong`)).toMatchObject({ status: 401 })
    // Within the bounds but decoded only once authenticated: 1000 fields with the token, the rest of an event missing, is a 400.
    expect(await take(bot, `${'a[]=1&'.repeat(990)}event=ONIMBOTMESSAGEADD&auth[application_token]=${TOKEN}`)).toMatchObject({
      status: 400,
    })
    expect(handler).not.toHaveBeenCalled()
    const deep = `${'x'.padEnd(1, 'x')}${'[a]'.repeat(70)}=1&event=ONIMBOTMESSAGEADD&auth[application_token]=${TOKEN}`
    expect(await take(bot, deep)).toMatchObject({ status: 400, text: expect.stringMatching(/deeper than 64/) as unknown })
    const deepJson = `{"auth":{"application_token":"${TOKEN}"},"x":${'['.repeat(100)}${']'.repeat(100)}}`
    expect(await take(bot, deepJson, 'application/json')).toMatchObject({
      status: 400,
      text: expect.stringMatching(/deeper than 64/) as unknown,
    })
  })
})

describe('bodies that trickle and clients that leave', () => {
  it('a body arriving slower than readTimeout is cut with 408; forty of them do not hold up a genuine event', async () => {
    const handled: string[] = []
    const bot = createBot({ applicationToken: TOKEN, readTimeout: 400 })
    bot.use((ctx) => {
      handled.push(ctx.event.event)
    })
    const url = new URL(await serve(bot))
    const trickles = Array.from(
      { length: 40 },
      () =>
        new Promise<number>((resolve, reject) => {
          const request = httpRequest(
            {
              host: url.hostname,
              port: url.port,
              path: url.pathname,
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '1000' },
            },
            (response) => {
              resolve(response.statusCode ?? 0)
              response.resume()
            },
          )
          request.on('error', reject)
          request.write('e') // one byte, and then nothing
        }),
    )
    const settled = { trickles: 0 }
    void Promise.all(trickles).then(() => (settled.trickles = 40))
    const genuine = await postForm(url.href, messageBody(TOKEN))
    expect(genuine.status).toBe(200)
    expect(settled.trickles).toBe(0) // answered while the forty still trickled
    expect(await Promise.all(trickles)).toEqual(Array.from({ length: 40 }, () => 408))
    expect(handled).toEqual(['ONIMBOTMESSAGEADD'])
  })

  it('a client that hangs up mid-body is a debug line for the logger, not an error on the console', async () => {
    const lines: string[] = []
    const logger: Logger = {
      debug: (_object, message) => lines.push(`debug ${message}`),
      warn: (_object, message) => lines.push(`warn ${message}`),
    }
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const bot = createBot({ applicationToken: TOKEN, logger })
    const url = new URL(await serve(bot))
    await new Promise<void>((resolve) => {
      const request = httpRequest({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-length': '1000' },
      })
      request.on('error', () => {
        resolve()
      })
      request.write('event=ONIM', () => {
        setTimeout(() => {
          request.destroy()
          resolve()
        }, 50)
      })
    })
    await vi.waitFor(() => {
      expect(lines).toContain('debug b24bot intake: the client went away before its body ended')
    })
    expect(consoleError).not.toHaveBeenCalled()
  })
})

describe('a handler that fails', () => {
  it('reaches bot.catch as a BotError with the event, the portal and the original error as cause', async () => {
    const bot = createBot({ applicationToken: TOKEN })
    const failure = new Error('boom')
    bot.use(() => {
      throw failure
    })
    const caught: unknown[] = []
    bot.catch((error, ctx) => {
      caught.push(error)
      expect(ctx.event.event).toBe('ONIMBOTMESSAGEADD')
    })
    expect(
      await bot.take({
        url: '/events',
        contentType: 'application/x-www-form-urlencoded',
        body: encodeForm(messageBody(TOKEN) as Record<string, FormInput>),
      }),
    ).toMatchObject({ status: 200 })
    expect(caught).toHaveLength(1)
    const error = caught[0] as BotError
    expect(BotError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      name: 'BotError',
      event: 'ONIMBOTMESSAGEADD',
      portal: 'portal.example',
      eventId: undefined,
      cause: failure,
    })
    expect(error.message).toBe('A handler failed on ONIMBOTMESSAGEADD from portal.example: boom')
  })

  it("without bot.catch, goes to the logger's warn", async () => {
    const warned: unknown[] = []
    const bot = createBot({ applicationToken: TOKEN, logger: { debug: () => undefined, warn: (object) => warned.push(object.error) } })
    bot.use(() => {
      throw new Error('boom')
    })
    await bot.take({
      url: '/events',
      contentType: 'application/x-www-form-urlencoded',
      body: encodeForm(messageBody(TOKEN) as Record<string, FormInput>),
    })
    expect(warned).toHaveLength(1)
    expect(BotError.isInstance(warned[0])).toBe(true)
  })
})
